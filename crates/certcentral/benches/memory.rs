//! Peak memory of validating 10,000 distinct orders in Rust (harness = false), for
//! `cargo xtask bench`: prints `{"client":"rust-memory","orders",...,"max_rss_kib",...}` with
//! the process's peak resident set (`VmHWM` of /proc/self/status, Linux) before and after the
//! loop. `--orders N` changes the count. On other systems the RSS fields are 0.

use std::path::PathBuf;
use std::time::Instant;

use certcentral::{Order, parse_order};

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let orders: usize = args
        .iter()
        .position(|a| a == "--orders")
        .and_then(|i| args.get(i + 1))
        .map_or(10_000, |v| v.parse().expect("a number"));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let csr = std::fs::read_to_string(root.join("tests/fixtures/csr/rsa2048.pem")).expect("CSR");
    let text = std::fs::read_to_string(root.join("tests/fixtures/seed/python_payload.json"))
        .expect("seed payload")
        .replace("\"<csr>\"", &serde_json::to_string(&csr).expect("string"));
    let template: Order = parse_order(&text).expect("seed order");

    let before = peak_rss_kib();
    let start = Instant::now();
    let mut warnings = 0;
    for i in 0..orders {
        let mut order = template.clone();
        order.certificate.common_name = format!("host{i}.example.com");
        order.certificate.dns_names = Some(vec![
            format!("a{i}.example.com"),
            format!("b{i}.example.com"),
        ]);
        let report = certcentral::validate(&order, "ssl_securesite_pro").expect("valid order");
        warnings += report.warnings.len();
    }
    let wall = start.elapsed().as_nanos();
    println!(
        "{{\"client\":\"rust-memory\",\"orders\":{orders},\"warnings\":{warnings},\"wall_ns\":{wall},\"max_rss_before_kib\":{before},\"max_rss_kib\":{}}}",
        peak_rss_kib()
    );
}
