//! `order info`, `order list`, `request approve|reject`, `cert download`, and the exit codes
//! of failures reaching the API.

mod common;

use std::net::TcpListener;
use std::time::Duration;

use certcentral_sandbox::{Approval, Sandbox, SandboxConfig};
use common::*;
use serde_json::Value;

/// A sandbox with one issued order; returns (sandbox, order id, certificate id).
fn issued() -> (Sandbox, u64, u64) {
    let sb = sandbox(Approval::Immediate);
    let (order, _) = place_order(&sb);
    (sb, order, 900_001)
}

#[test]
fn order_cancel_cancels_a_pending_order() {
    let sb = sandbox(Approval::Manual);
    let (order, _) = place_order(&sb);
    let id = order.to_string();
    let (out, _) = run(
        against(&sb).args(["order", "cancel", &id, "--note", "duplicate"]),
        0,
    );
    assert!(out.contains(&format!("order {id} canceled")), "{out}");
    let (out, _) = run(against(&sb).args(["order", "info", &id]), 0);
    assert!(out.contains(&format!("order {id}: canceled")), "{out}");
    let (_, err) = run(against(&sb).args(["order", "cancel", "999999"]), 4);
    assert!(err.contains("not found"), "{err}");
}

#[test]
fn order_info_shows_status_names_and_requests() {
    let sb = sandbox(Approval::Manual);
    let (order, request) = place_order(&sb);
    let (out, _) = run(against(&sb).args(["order", "info", &order.to_string()]), 0);
    assert!(
        out.contains("order 112233: needs_approval (ssl_securesite_pro)"),
        "{out}"
    );
    assert!(
        out.contains("example.com, example2.com, example3.com"),
        "{out}"
    );
    assert!(
        out.contains(&format!("request       {request} pending")),
        "{out}"
    );
    let (out, _) = run(against(&sb).args(["order", "info", "112233", "--json"]), 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "needs_approval");
    assert_eq!(v["product"]["name_id"], "ssl_securesite_pro");
    let (_, err) = run(against(&sb).args(["order", "info", "999"]), 4);
    assert!(err.contains("not_found|order"), "{err}");
    let (out, _) = run(against(&sb).args(["order", "info", "999", "--json"]), 4);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["exit_code"], 4);
    assert_eq!(v["error"]["kind"], "not_found");
    assert_eq!(v["error"]["errors"][0]["code"], "not_found|order");
    let (_, err) = run(against(&sb).args(["order", "info", "abc"]), 2);
    assert!(err.contains("invalid value"), "{err}");
}

#[test]
fn order_list_filters() {
    let sb = sandbox(Approval::Manual);
    place_order(&sb);
    place_order(&sb);
    sb.set_approval(Approval::Immediate);
    place_order(&sb);
    let (out, _) = run(against(&sb).args(["order", "list"]), 0);
    assert!(out.starts_with("ID"), "{out}");
    assert!(out.contains("3 of 3 orders"), "{out}");
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("1122")).collect();
    assert!(rows[0].starts_with("112235"), "newest first: {out}");
    let (out, _) = run(
        against(&sb).args(["order", "list", "--status", "issued"]),
        0,
    );
    assert!(
        out.contains("112235") && !out.contains("112233") && out.contains("1 of 1 order"),
        "{out}"
    );
    let (out, _) = run(
        against(&sb).args(["order", "list", "--common-name", "nothing.example.com"]),
        0,
    );
    assert!(out.contains("0 of 0 orders"), "{out}");
    let (out, _) = run(
        against(&sb).args([
            "order",
            "list",
            "--product",
            "ssl_securesite_pro",
            "--limit",
            "1",
            "--offset",
            "1",
            "--json",
        ]),
        0,
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["orders"].as_array().unwrap().len(), 1);
    assert_eq!(v["orders"][0]["id"], 112_234);
    assert_eq!(v["page"]["total"], 3);
}

#[test]
fn requests_are_approved_and_rejected() {
    let sb = sandbox(Approval::Manual);
    let (order, request) = place_order(&sb);
    let (out, _) = run(
        against(&sb).args([
            "request",
            "approve",
            &request.to_string(),
            "--comment",
            "fine",
        ]),
        0,
    );
    assert_eq!(out.trim(), format!("request {request} approved"));
    let (_, err) = run(
        against(&sb).args(["request", "reject", &request.to_string()]),
        5,
    );
    assert!(err.contains("request_already_processed"), "{err}");
    let (_, err) = run(against(&sb).args(["request", "approve", "99999"]), 4);
    assert!(err.contains("not_found|request"), "{err}");
    let (_, second) = place_order(&sb);
    let (out, _) = run(
        against(&sb).args(["request", "reject", &second.to_string(), "--json"]),
        0,
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "rejected");
    eventually("issuance", || {
        let (out, _) = run(against(&sb).args(["order", "info", &order.to_string()]), 0);
        out.contains(": issued")
    });
}

#[test]
fn cert_download_in_formats() {
    let (sb, _, cert) = issued();
    let dir = temp_dir("download");
    let pem = dir.join("nested/chain.pem");
    let (out, _) = run(
        against(&sb).args([
            "cert",
            "download",
            &cert.to_string(),
            "--out",
            pem.to_str().unwrap(),
        ]),
        0,
    );
    assert!(out.contains("wrote certificate 900001 (pem_all"), "{out}");
    let text = std::fs::read_to_string(&pem).unwrap();
    assert_eq!(text.matches("BEGIN CERTIFICATE").count(), 3);
    let p7b = dir.join("chain.p7b");
    run(
        against(&sb).args([
            "cert",
            "download",
            "900001",
            "--format",
            "p7b",
            "--out",
            p7b.to_str().unwrap(),
        ]),
        0,
    );
    let printed = openssl(&[
        "pkcs7",
        "-inform",
        "DER",
        "-in",
        p7b.to_str().unwrap(),
        "-print_certs",
    ]);
    assert_eq!(printed.matches("BEGIN CERTIFICATE").count(), 3);
    let (out, _) = run(
        against(&sb).args([
            "cert", "download", "900001", "--format", "cer", "--out", "-",
        ]),
        0,
    );
    assert_eq!(out.matches("BEGIN CERTIFICATE").count(), 1);
    let (_, err) = run(
        against(&sb).args(["cert", "download", "12", "--out", "-"]),
        4,
    );
    assert!(err.contains("not_found|certificate"), "{err}");
    let (_, err) = run(
        against(&sb).args([
            "cert", "download", "900001", "--format", "default", "--out", "-",
        ]),
        5,
    );
    assert!(err.contains("format_not_supported"), "{err}");
    let (_, err) = run(against(&sb).args(["cert", "download", "900001"]), 2);
    assert!(err.contains("--out"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn rate_limits_are_exit_8() {
    let sb = Sandbox::start(SandboxConfig {
        rate_limits: Some(vec![(1, Duration::from_secs(60))]),
        ..SandboxConfig::default()
    })
    .unwrap();
    run(against(&sb).args(["order", "list"]), 0);
    let (_, err) = run(against(&sb).args(["order", "list"]), 8);
    assert!(
        err.contains("rate limited") && err.contains("request_limit_exceeded"),
        "{err}"
    );
}

#[test]
fn an_unreachable_server_is_exit_6() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (_, err) = run(
        certcentral().env("DIGICERT_API_KEY", CANARY).args([
            "--base-url",
            &format!("http://127.0.0.1:{port}/services/v2"),
            "order",
            "info",
            "1",
        ]),
        6,
    );
    assert!(err.contains("transport error"), "{err}");
}
