//! Criterion benches of the core's CPU paths, so that a regression shows:
//!
//! - `validate/*`: `check_value` on the seed order (Python sample payload) with a real RSA-2048
//!   and a P-256 CSR, and on an order with 100 `dns_names`; `validate_typed` is
//!   `certcentral::validate(&Order)` (adds `Order::to_value`).
//! - `csr/*`: `inspect_csr` alone, and its two halves: PEM + PKCS#10 parsing only, and the
//!   signature verification only (on an already parsed request).
//! - `submit_cpu/*`: everything `Client::submit_order{,_value}` does before the first byte is
//!   written (validation, conversion, serialization): the per-call CPU cost of a submit; and
//!   the two conversions on those paths alone (`order_from_value`, `Order::to_value`).
//! - `serialize/*`: `Order::to_json`.
//! - `parse/*`: each seed response shape as `OrderResponse`, and `OrderInfo`.
//!
//! `cargo bench -p certcentral --bench core`; `cargo xtask bench` runs it and puts the medians
//! in `bench/RESULTS.md`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use certcentral::validate::{Date, inspect_csr, order_from_value, today_utc};
use certcentral::{Order, OrderInfo, OrderResponse, check_value, parse_order};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;
use x509_parser::prelude::{FromDer, X509CertificationRequest, parse_x509_pem};

const PRODUCT: &str = "ssl_securesite_pro";

fn repo_file(rel: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The seed's Python-sample payload with a real CSR in place of `<csr>`.
fn seed_order_text(csr_file: &str) -> String {
    let csr = repo_file(&format!("tests/fixtures/csr/{csr_file}"));
    repo_file("tests/fixtures/seed/python_payload.json").replace(
        "\"<csr>\"",
        &serde_json::to_string(&csr).expect("a string serializes"),
    )
}

fn seed_value(csr_file: &str) -> Value {
    serde_json::from_str(&seed_order_text(csr_file)).expect("seed payload is JSON")
}

/// The seed order with 100 distinct `dns_names`.
fn hundred_names() -> Value {
    let mut v = seed_value("rsa2048.pem");
    v["certificate"]["dns_names"] = (0..100)
        .map(|i| Value::String(format!("host{i}.example.com")))
        .collect();
    v
}

fn assert_valid(v: &Value, today: Date) {
    let verdict = check_value(v, PRODUCT, today);
    assert!(verdict.valid, "bench order must be valid: {verdict:?}");
}

fn validation(c: &mut Criterion) {
    let today = today_utc();
    let rsa = seed_value("rsa2048.pem");
    let p256 = seed_value("p256.pem");
    let names = hundred_names();
    for v in [&rsa, &p256, &names] {
        assert_valid(v, today);
    }
    let typed: Order = parse_order(&seed_order_text("rsa2048.pem")).expect("seed order parses");

    let mut g = c.benchmark_group("validate");
    g.bench_function("seed_rsa2048", |b| {
        b.iter(|| check_value(black_box(&rsa), PRODUCT, today))
    });
    g.bench_function("seed_p256", |b| {
        b.iter(|| check_value(black_box(&p256), PRODUCT, today))
    });
    g.bench_function("dns_names_100_rsa2048", |b| {
        b.iter(|| check_value(black_box(&names), PRODUCT, today))
    });
    g.bench_function("typed_seed_rsa2048", |b| {
        b.iter(|| certcentral::validate(black_box(&typed), PRODUCT))
    });
    g.finish();
}

fn csr(c: &mut Criterion) {
    let rsa = repo_file("tests/fixtures/csr/rsa2048.pem");
    let p256 = repo_file("tests/fixtures/csr/p256.pem");
    let mut g = c.benchmark_group("csr");
    for (name, pem) in [("rsa2048", &rsa), ("p256", &p256)] {
        inspect_csr(pem).expect("fixture CSR is valid");
        g.bench_function(format!("inspect_{name}"), |b| {
            b.iter(|| inspect_csr(black_box(pem)))
        });
        g.bench_function(format!("parse_only_{name}"), |b| {
            b.iter(|| {
                let (_, pem) = parse_x509_pem(black_box(pem.as_bytes())).expect("PEM");
                let (_, req) = X509CertificationRequest::from_der(&pem.contents).expect("DER");
                black_box(req.certification_request_info.subject_pki.raw.len())
            })
        });
        let (_, parsed_pem) = parse_x509_pem(pem.as_bytes()).expect("PEM");
        let (_, req) = X509CertificationRequest::from_der(&parsed_pem.contents).expect("DER");
        g.bench_function(format!("verify_signature_only_{name}"), |b| {
            b.iter(|| black_box(&req).verify_signature().expect("verifies"))
        });
    }
    g.finish();
}

fn submit_cpu(c: &mut Criterion) {
    let today = today_utc();
    let value = seed_value("rsa2048.pem");
    let typed: Order = parse_order(&seed_order_text("rsa2048.pem")).expect("seed order parses");
    let mut g = c.benchmark_group("submit_cpu");
    // Client::submit_order_value (Python, C, uniffi): validate the value, convert it to the
    // model (a second shape walk), serialize the body.
    g.bench_function("value_rsa2048", |b| {
        b.iter(|| {
            let v = black_box(&value);
            assert!(check_value(v, PRODUCT, today).valid);
            let order = order_from_value(v).expect("converts");
            order.to_json()
        })
    });
    // Client::submit_order (Rust): Order -> Value for the validator, then Order -> JSON text.
    g.bench_function("typed_rsa2048", |b| {
        b.iter(|| {
            let order = black_box(&typed);
            assert!(check_value(&order.to_value(), PRODUCT, today).valid);
            order.to_json()
        })
    });
    // The conversions inside those paths, alone.
    g.bench_function("order_from_value_seed", |b| {
        b.iter(|| order_from_value(black_box(&value)).expect("converts"))
    });
    g.bench_function("order_to_value_seed", |b| {
        b.iter(|| black_box(&typed).to_value())
    });
    g.finish();
}

fn serialize(c: &mut Criterion) {
    let seed: Order = parse_order(&seed_order_text("rsa2048.pem")).expect("seed order parses");
    let names: Order = serde_json::from_value(hundred_names()).expect("model");
    let text = seed_order_text("rsa2048.pem");
    let mut g = c.benchmark_group("serialize");
    g.bench_function("order_to_json_seed", |b| {
        b.iter(|| black_box(&seed).to_json())
    });
    g.bench_function("order_to_json_100_names", |b| {
        b.iter(|| black_box(&names).to_json())
    });
    g.bench_function("parse_order_seed", |b| {
        b.iter(|| parse_order(black_box(&text)).expect("parses"))
    });
    g.finish();
}

fn parse_responses(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    for name in [
        "pending",
        "submitted",
        "approved",
        "certificate_id_only",
        "certificate_chain",
        "new_organization",
        "ids_as_strings",
    ] {
        let body = repo_file(&format!("tests/fixtures/responses/{name}.json"));
        serde_json::from_str::<OrderResponse>(&body).expect("fixture parses");
        g.bench_function(format!("order_response_{name}"), |b| {
            b.iter(|| serde_json::from_str::<OrderResponse>(black_box(&body)).expect("parses"))
        });
    }
    for name in ["order_info_issued", "order_info_pending"] {
        let body = repo_file(&format!("tests/fixtures/responses/{name}.json"));
        serde_json::from_str::<OrderInfo>(&body).expect("fixture parses");
        g.bench_function(name, |b| {
            b.iter(|| serde_json::from_str::<OrderInfo>(black_box(&body)).expect("parses"))
        });
    }
    g.finish();
}

fn config() -> Criterion {
    // Short defaults so `cargo bench` stays quick; command-line flags override them.
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = validation, csr, submit_cpu, serialize, parse_responses
}
criterion_main!(benches);
