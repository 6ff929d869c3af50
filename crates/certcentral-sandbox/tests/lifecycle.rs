//! The order lifecycle over real HTTP: approval, rejection, cancellation, issuance after the
//! delay, every download format, and real chains that openssl verifies.

mod common;

use std::time::{Duration, Instant};

use certcentral_sandbox::{Approval, Sandbox, SandboxConfig};
use common::*;
use serde_json::{Value, json};

fn decide(sb: &Sandbox, request: &Value, status: &str) -> Answer {
    api(
        sb,
        "PUT",
        &format!("/request/{request}/status"),
        Some(&json!({ "status": status, "processor_comment": "checked" })),
    )
}

#[test]
fn manual_approval_then_issuance_after_the_delay() {
    let delay = Duration::from_millis(800);
    let sb = start(Approval::Manual, delay);
    let created = submit(&sb, &example_order());
    let id = created["id"].as_u64().unwrap();
    let request = &created["requests"][0]["id"];
    let info = api(&sb, "GET", &format!("/order/certificate/{id}"), None).json();
    assert_eq!(info["status"], "needs_approval");
    assert_eq!(info["requests"][0]["status"], "pending");
    assert!(info["certificate"].get("id").is_none());
    assert_eq!(info["certificate"]["common_name"], "example.com");
    assert_eq!(
        info["certificate"]["dns_names"],
        json!(["example.com", "example2.com", "example3.com"])
    );
    assert_eq!(info["product"]["name_id"], "ssl_securesite_pro");
    assert_eq!(info["organization"]["id"], 123_456);
    assert_eq!(info["validity_years"], 2);
    let created_at = info["date_created"].as_str().unwrap();
    assert_eq!(created_at.len(), 25);
    assert!(created_at.ends_with("+00:00") && &created_at[10..11] == "T");

    let approved_at = Instant::now();
    assert_eq!(decide(&sb, request, "approved").status, 204);
    let info = api(&sb, "GET", &format!("/order/certificate/{id}"), None).json();
    assert_eq!(info["status"], "pending");
    assert_eq!(info["requests"][0]["status"], "approved");
    assert_eq!(info["requests"][0]["processor_comment"], "checked");
    assert_eq!(info["certificate"]["id"], 900_001);
    assert!(info["certificate"].get("serial_number").is_none());
    let a = api(
        &sb,
        "GET",
        "/certificate/900001/download/format/pem_all",
        None,
    );
    assert_eq!(a.status, 404, "not issued yet");

    let mut seen = Vec::new();
    let issued = loop {
        let info = api(&sb, "GET", &format!("/order/certificate/{id}"), None).json();
        let status = info["status"].as_str().unwrap().to_owned();
        if seen.last() != Some(&status) {
            seen.push(status.clone());
        }
        if status == "issued" {
            break info;
        }
        assert!(approved_at.elapsed() < Duration::from_secs(10), "{seen:?}");
        std::thread::sleep(Duration::from_millis(40));
    };
    assert!(approved_at.elapsed() >= delay);
    // Polls are 40 ms apart and each phase lasts 400 ms; a very slow machine may miss one.
    assert_eq!(
        seen.first().map(String::as_str),
        Some("pending"),
        "{seen:?}"
    );
    assert_eq!(seen.last().map(String::as_str), Some("issued"), "{seen:?}");
    let order = ["pending", "processing", "issued"];
    assert!(seen.iter().all(|s| order.contains(&s.as_str())), "{seen:?}");
    let cert = &issued["certificate"];
    for key in ["serial_number", "thumbprint", "valid_from", "valid_till"] {
        assert!(cert[key].is_string(), "{key}");
    }
    assert_eq!(cert["thumbprint"].as_str().unwrap().len(), 40);
    let a = decide(&sb, request, "rejected");
    assert_eq!(
        (a.status, a.codes()),
        (400, vec!["request_already_processed".into()])
    );
    let request_info = api(&sb, "GET", &format!("/request/{request}"), None).json();
    assert_eq!(request_info["status"], "approved");
    assert_eq!(request_info["order"]["id"], id);
}

#[test]
fn rejection_and_bad_decisions() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let created = submit(&sb, &example_order());
    let request = &created["requests"][0]["id"];
    let path = format!("/request/{request}/status");
    let a = api(&sb, "PUT", &path, Some(&json!({"status": "maybe"})));
    assert_eq!(
        (a.status, a.codes()),
        (400, vec!["invalid_value:status".into()])
    );
    let a = api(&sb, "PUT", &path, Some(&json!({"processor_comment": "x"})));
    assert_eq!(a.codes(), vec!["required_param:status"]);
    let a = api_raw(&sb, "PUT", &path, b"nope");
    assert_eq!(a.codes(), vec!["bad_request_format"]);
    assert_eq!(decide(&sb, request, "rejected").status, 204);
    let info = wait_for_status(&sb, created["id"].as_u64().unwrap(), "rejected");
    assert_eq!(info["requests"][0]["status"], "rejected");
    let a = decide(&sb, request, "approved");
    assert_eq!(a.codes(), vec!["request_already_processed"]);
    assert!(
        a.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("rejected")
    );
}

#[test]
fn cancellation() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let created = submit(&sb, &example_order());
    let id = created["id"].as_u64().unwrap();
    let path = format!("/order/certificate/{id}/status");
    let a = api(&sb, "PUT", &path, Some(&json!({"status": "issued"})));
    assert_eq!(a.codes(), vec!["invalid_value:status"]);
    let a = api(
        &sb,
        "PUT",
        &path,
        Some(&json!({"status": "canceled", "note": "not needed"})),
    );
    assert_eq!(a.status, 204);
    let info = wait_for_status(&sb, id, "canceled");
    assert_eq!(info["note"], "not needed");
    let a = decide(&sb, &created["requests"][0]["id"], "approved");
    assert_eq!(a.codes(), vec!["invalid_order_status"]);
    let a = api(&sb, "PUT", &path, Some(&json!({"status": "canceled"})));
    assert_eq!(a.codes(), vec!["invalid_order_status"]);

    sb.set_approval(Approval::Immediate);
    let issued = submit(&sb, &example_order());
    let a = api(
        &sb,
        "PUT",
        &format!("/order/certificate/{}/status", issued["id"]),
        Some(&json!({"status": "canceled"})),
    );
    assert_eq!(a.codes(), vec!["invalid_order_status"]);
}

#[test]
fn skip_approval_in_manual_mode_issues_without_approval() {
    let sb = start(Approval::Manual, Duration::from_millis(100));
    let mut order = example_order();
    order["skip_approval"] = json!(true);
    let created = submit(&sb, &order);
    let info = wait_for_status(&sb, created["id"].as_u64().unwrap(), "issued");
    assert_eq!(info["requests"][0]["status"], "submitted");
    assert!(info["certificate"]["id"].is_u64());
}

/// The leaf of a downloaded chain, checked with openssl: CN, SANs, EKU, and the CSR's key.
fn check_leaf_with_openssl(sb: &Sandbox, cert_id: u64, csr_pem: &str) {
    let a = api(
        sb,
        "GET",
        &format!("/certificate/{cert_id}/download/format/pem_all"),
        None,
    );
    assert_eq!(a.status, 200);
    assert_eq!(a.content_type, "application/x-pem-file");
    let blocks = pem_blocks(&a.text());
    assert_eq!(blocks.len(), 3);
    assert_eq!(blocks[1], sb.intermediate_pem());
    assert_eq!(blocks[2], sb.root_pem());
    let dir = temp_dir("leaf");
    let p = |n: &str| dir.join(n).display().to_string();
    for (name, pem) in [
        ("leaf.pem", &blocks[0]),
        ("inter.pem", &blocks[1]),
        ("root.pem", &blocks[2]),
    ] {
        std::fs::write(dir.join(name), pem).unwrap();
    }
    std::fs::write(dir.join("csr.pem"), csr_pem).unwrap();
    let verified = openssl(&[
        "verify",
        "-purpose",
        "sslserver",
        "-CAfile",
        &p("root.pem"),
        "-untrusted",
        &p("inter.pem"),
        &p("leaf.pem"),
    ]);
    assert!(verified.contains(": OK"), "{verified}");
    let text = openssl(&["x509", "-in", &p("leaf.pem"), "-noout", "-text"]);
    assert!(text.contains("Subject: CN = example.com"), "{text}");
    assert!(
        text.contains("DNS:example.com, DNS:example2.com, DNS:example3.com"),
        "{text}"
    );
    assert!(text.contains("TLS Web Server Authentication"), "{text}");
    assert!(text.contains(
        "Issuer: C = US, O = CertCentral Sandbox, CN = CertCentral Sandbox Issuing CA 1"
    ));
    let leaf_key = openssl(&["x509", "-in", &p("leaf.pem"), "-noout", "-pubkey"]);
    let csr_key = openssl(&["req", "-in", &p("csr.pem"), "-noout", "-pubkey"]);
    assert_eq!(leaf_key, csr_key, "the leaf certifies the CSR's own key");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn issued_chain_verifies_with_openssl_and_uses_the_csr_key() {
    let sb = start(Approval::Auto, Duration::ZERO);
    let order = example_order();
    let created = submit(&sb, &order);
    wait_for_status(&sb, created["id"].as_u64().unwrap(), "issued");
    check_leaf_with_openssl(
        &sb,
        created["certificate_id"].as_u64().unwrap(),
        order["certificate"]["csr"].as_str().unwrap(),
    );
}

#[test]
fn every_download_format() {
    let sb = start(Approval::Immediate, Duration::ZERO);
    let created = submit(&sb, &example_order());
    let cert = created["certificate_id"].as_u64().unwrap();
    let order = created["id"].as_u64().unwrap();
    let get = |path: String| api(&sb, "GET", &path, None);
    let all = get(format!("/certificate/{cert}/download/format/pem_all"));
    let leaf = pem_blocks(&all.text())[0].clone();
    let count = |fmt: &str| {
        pem_blocks(&get(format!("/certificate/{cert}/download/format/{fmt}")).text()).len()
    };
    assert_eq!(count("pem_all"), 3);
    assert_eq!(count("pem_noroot"), 2);
    assert_eq!(count("pem_nointermediate"), 2);
    for fmt in ["cer", "crt"] {
        let a = get(format!("/certificate/{cert}/download/format/{fmt}"));
        assert_eq!(a.text(), leaf, "{fmt}");
    }
    let by_order = get(format!(
        "/certificate/download/order/{order}/format/pem_all"
    ));
    assert_eq!(by_order.body, all.body);

    let p7 = get(format!("/certificate/{cert}/download/format/p7b"));
    assert_eq!(p7.status, 200);
    assert_eq!(p7.content_type, "application/x-pkcs7-certificates");
    let dir = temp_dir("p7b");
    let path = dir.join("bundle.p7b");
    std::fs::write(&path, &p7.body).unwrap();
    let printed = openssl(&[
        "pkcs7",
        "-inform",
        "DER",
        "-in",
        &path.display().to_string(),
        "-print_certs",
    ]);
    assert_eq!(
        pem_blocks(&printed.replace("\n\n", "\n")).len(),
        3,
        "{printed}"
    );
    assert!(printed.contains("subject=CN = example.com"), "{printed}");
    std::fs::remove_dir_all(&dir).unwrap();

    let a = get(format!("/certificate/{cert}/download/format/default"));
    assert_eq!(
        (a.status, a.codes()),
        (406, vec!["format_not_supported".into()])
    );
    let a = get(format!("/certificate/{cert}/download/format/docx"));
    assert_eq!(
        (a.status, a.codes()),
        (400, vec!["invalid_value:format".into()])
    );

    let chain = get(format!("/certificate/{cert}/chain")).json();
    let names: Vec<&str> = chain["intermediates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["subject_common_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "CertCentral Sandbox Issuing CA 1",
            "CertCentral Sandbox Root CA"
        ]
    );
    assert_eq!(keys(&chain), keys(&fixture("responses/chain.json")));
}

#[test]
fn validity_follows_the_order() {
    let sb = start(Approval::Immediate, Duration::ZERO);
    let today = time::OffsetDateTime::now_utc().date();
    let mut by_days = example_order();
    by_days.as_object_mut().unwrap().remove("validity_years");
    by_days["validity_days"] = json!(30);
    let mut by_date = example_order();
    let until = today + time::Duration::days(100);
    by_date["custom_expiration_date"] = json!(until.to_string());
    for (order, days) in [(example_order(), 730), (by_days, 30), (by_date, 100)] {
        let created = submit(&sb, &order);
        let info = api(
            &sb,
            "GET",
            &format!("/order/certificate/{}", created["id"]),
            None,
        )
        .json();
        let till = info["certificate"]["valid_till"].as_str().unwrap();
        let expected = (today + time::Duration::days(days)).to_string();
        let next_day = (today + time::Duration::days(days + 1)).to_string();
        assert!(till == expected || till == next_day, "{till} vs {expected}");
    }
}

#[test]
fn without_validation_any_object_is_accepted_and_still_issued() {
    let sb = Sandbox::start(SandboxConfig {
        approval: Approval::Immediate,
        validate: false,
        rate_limits: None,
        ..SandboxConfig::default()
    })
    .unwrap();
    let order = json!({"certificate": {"common_name": "odd.example.com", "csr": "garbage"}, "validity_years": 9});
    let a = api(&sb, "POST", "/order/certificate/ssl_basic", Some(&order));
    assert_eq!(a.status, 201, "{}", a.text());
    let body = a.json();
    assert_eq!(
        body["certificate_chain"][0]["subject_common_name"],
        "odd.example.com"
    );
    assert!(
        body["organization"]["id"].is_u64(),
        "no organization id: a new one"
    );
}

#[test]
fn approval_mode_switches_at_run_time_over_http() {
    let sb = start(Approval::Manual, Duration::ZERO);
    assert_eq!(
        control(&sb, "GET", "/approval", None).json()["mode"],
        "manual"
    );
    for (mode, shape) in [
        ("auto", "approved.json"),
        ("immediate", "certificate_chain.json"),
        ("manual", "pending.json"),
    ] {
        let a = control(&sb, "POST", "/approval", Some(&json!({"mode": mode})));
        assert_eq!(a.status, 200);
        assert_eq!(sb.approval().as_str(), mode);
        let body = submit(&sb, &example_order());
        assert_eq!(keys(&body), keys(&fixture(&format!("responses/{shape}"))));
    }
    let a = control(
        &sb,
        "POST",
        "/approval",
        Some(&json!({"mode": "sometimes"})),
    );
    assert_eq!(a.status, 400);
}
