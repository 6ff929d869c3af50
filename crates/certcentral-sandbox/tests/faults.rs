//! Fault injection, rate limits, the control API (`/__sandbox/`), and shutdown.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use certcentral_sandbox::{Approval, Fault, FaultKind, Sandbox, SandboxConfig};
use common::*;
use serde_json::{Value, json};

const SUBMIT: &str = "/order/certificate/ssl_securesite_pro";

fn queue(sb: &Sandbox, fault: Value) {
    let a = control(sb, "POST", "/faults", Some(&fault));
    assert_eq!(a.status, 201, "{}", a.text());
}

fn try_submit(sb: &Sandbox) -> Result<Answer, ureq::Error> {
    let body = example_order().to_string();
    try_call(
        "POST",
        &format!("{}{SUBMIT}", sb.base_url()),
        Some(sb.api_key()),
        Some(body.as_bytes()),
    )
}

/// A raw HTTP/1.1 exchange: everything the server sent until it closed the connection.
/// Panics if the connection is still open after 5 s.
fn raw_submit(sb: &Sandbox) -> Vec<u8> {
    let body = example_order().to_string();
    let mut s = TcpStream::connect(sb.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "POST /services/v2{SUBMIT} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-DC-DEVKEY: {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        sb.api_key(),
        body.len()
    )
    .unwrap();
    let mut got = Vec::new();
    s.read_to_end(&mut got)
        .expect("the server closes the connection (no timeout)");
    got
}

fn last_request(sb: &Sandbox) -> certcentral_sandbox::LoggedRequest {
    sb.log().requests.last().cloned().expect("a logged request")
}

#[test]
fn latency_delays_then_answers() {
    let sb = start(Approval::Manual, Duration::ZERO);
    queue(
        &sb,
        json!({"kind": "latency", "latency_ms": 300, "method": "GET"}),
    );
    let t = Instant::now();
    let a = api(&sb, "GET", "/order/certificate/1", None);
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(a.status, 404);
    assert_eq!(last_request(&sb).fault.as_deref(), Some("latency"));
    let t = Instant::now();
    api(&sb, "GET", "/order/certificate/1", None);
    assert!(t.elapsed() < Duration::from_millis(600), "used up");
}

#[test]
fn status_faults_answer_5xx_and_create_nothing() {
    let sb = start(Approval::Manual, Duration::ZERO);
    for (status, code) in [
        (500, "internal_server_error"),
        (502, "bad_gateway"),
        (503, "service_unavailable"),
        (504, "gateway_timeout"),
    ] {
        queue(
            &sb,
            json!({"kind": "status", "status": status, "path_prefix": "/order/certificate", "method": "POST"}),
        );
        let a = try_submit(&sb).unwrap();
        assert_eq!((a.status, a.codes()), (status, vec![code.to_owned()]));
        assert!(a.header("retry-after").is_none());
    }
    queue(&sb, json!({"kind": "status", "retry_after": 3}));
    let a = try_submit(&sb).unwrap();
    assert_eq!((a.status, a.header("retry-after")), (503, Some("3")));
    assert!(sb.log().orders.is_empty());
    assert_eq!(try_submit(&sb).unwrap().status, 201);
    assert_eq!(sb.log().orders.len(), 1);
    let bad = control(
        &sb,
        "POST",
        "/faults",
        Some(&json!({"kind": "status", "status": 404})),
    );
    assert_eq!(
        (bad.status, bad.codes()),
        (400, vec!["invalid_fault".into()])
    );
    let bad = control(&sb, "POST", "/faults", Some(&json!({"kind": "meteor"})));
    assert_eq!(bad.status, 400);
}

#[test]
fn rate_limit_and_html_faults() {
    let sb = start(Approval::Manual, Duration::ZERO);
    queue(
        &sb,
        json!([{"kind": "rate_limit", "retry_after": 7}, {"kind": "rate_limit"}, {"kind": "html_error"}]),
    );
    let a = try_submit(&sb).unwrap();
    assert_eq!((a.status, a.header("retry-after")), (429, Some("7")));
    assert_eq!(a.json(), fixture("errors/rate_limited.json"));
    let a = try_submit(&sb).unwrap();
    assert_eq!((a.status, a.header("retry-after")), (429, None));
    let a = try_submit(&sb).unwrap();
    assert_eq!(a.status, 502);
    assert!(a.content_type.starts_with("text/html"));
    assert!(a.text().contains("<html>"));
    assert!(sb.log().orders.is_empty());
}

#[test]
fn drop_before_response_closes_without_creating() {
    let sb = start(Approval::Manual, Duration::ZERO);
    queue(&sb, json!({"kind": "drop_before_response"}));
    assert!(try_submit(&sb).is_err());
    assert!(sb.log().orders.is_empty());
    let entry = last_request(&sb);
    assert_eq!(
        (entry.status, entry.fault.as_deref()),
        (None, Some("drop_before_response"))
    );
    sb.inject(Fault::new(FaultKind::DropBeforeResponse))
        .unwrap();
    assert!(raw_submit(&sb).is_empty(), "closed with no byte sent");
    assert!(sb.log().orders.is_empty());
}

#[test]
fn drop_after_body_creates_the_order_and_closes() {
    let sb = start(Approval::Manual, Duration::ZERO);
    queue(&sb, json!({"kind": "drop_after_body", "method": "POST"}));
    assert!(try_submit(&sb).is_err());
    assert_eq!(sb.log().orders.len(), 1);
    assert_eq!(last_request(&sb).status, None);
    sb.inject(Fault::new(FaultKind::DropAfterBody)).unwrap();
    assert!(raw_submit(&sb).is_empty());
    assert_eq!(sb.log().orders.len(), 2);
}

#[test]
fn malformed_json_creates_the_order() {
    let sb = start(Approval::Manual, Duration::ZERO);
    queue(&sb, json!({"kind": "malformed_json"}));
    let a = try_submit(&sb).unwrap();
    assert_eq!(a.status, 201);
    assert!(serde_json::from_slice::<Value>(&a.body).is_err());
    assert_eq!(sb.log().orders.len(), 1);
}

#[test]
fn truncated_body_promises_more_than_it_sends_and_closes() {
    let sb = start(Approval::Manual, Duration::ZERO);
    sb.inject(Fault::new(FaultKind::TruncatedBody).method("POST"))
        .unwrap();
    let got = raw_submit(&sb);
    let text = String::from_utf8_lossy(&got).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("headers");
    assert!(head.starts_with("HTTP/1.1 201"), "{head}");
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(length > body.len(), "{length} vs {}", body.len());
    assert_eq!(sb.log().orders.len(), 1);
    sb.inject(Fault::new(FaultKind::TruncatedBody)).unwrap();
    assert!(try_submit(&sb).is_err());
}

#[test]
fn oversized_body_is_valid_json_of_the_size_asked() {
    let sb = start(Approval::Manual, Duration::ZERO);
    queue(&sb, json!({"kind": "oversized_body", "size_mb": 2}));
    let a = try_submit(&sb).unwrap();
    assert_eq!(a.status, 201);
    assert!(a.body.len() >= 2 * 1024 * 1024);
    let body = a.json();
    assert_eq!(body["id"], 112_233);
    assert!(body["padding"].as_str().unwrap().len() > 1_000_000);
}

#[test]
fn faults_match_count_method_and_path_and_can_be_listed_and_cleared() {
    let sb = start(Approval::Manual, Duration::ZERO);
    queue(
        &sb,
        json!({"kind": "status", "count": 2, "method": "GET", "path_prefix": "/request"}),
    );
    assert_eq!(api(&sb, "GET", "/order/certificate/1", None).status, 404);
    assert_eq!(try_submit(&sb).unwrap().status, 201);
    let pending = control(&sb, "GET", "/faults", None).json();
    assert_eq!(pending["faults"][0]["count"], 2);
    assert_eq!(api(&sb, "GET", "/request/113", None).status, 503);
    assert_eq!(api(&sb, "GET", "/request/113", None).status, 503);
    assert_eq!(api(&sb, "GET", "/request/113", None).status, 200);
    queue(&sb, json!({"kind": "status"}));
    assert_eq!(control(&sb, "DELETE", "/faults", None).status, 204);
    assert_eq!(
        control(&sb, "GET", "/faults", None).json()["faults"],
        json!([])
    );
    assert_eq!(api(&sb, "GET", "/request/113", None).status, 200);
    assert!(
        sb.inject(Fault::new(FaultKind::Status).status(418))
            .is_err()
    );
    assert!(sb.inject(Fault::new(FaultKind::Latency).count(0)).is_err());
}

#[test]
fn log_and_reset() {
    let sb = start(Approval::Manual, Duration::ZERO);
    submit(&sb, &example_order());
    api(&sb, "GET", "/order/certificate?limit=5", None);
    let log = control(&sb, "GET", "/log", None).json();
    assert_eq!(log["orders"][0]["id"], 112_233);
    assert_eq!(log["orders"][0]["product"], "ssl_securesite_pro");
    assert_eq!(log["orders"][0]["common_name"], "example.com");
    assert!(
        log["orders"][0]["created_at"]
            .as_str()
            .unwrap()
            .ends_with("+00:00")
    );
    let requests = log["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2, "control calls are not logged");
    assert_eq!(requests[0]["method"], "POST");
    assert_eq!(requests[0]["path"], SUBMIT);
    assert_eq!(requests[0]["status"], 201);
    assert_eq!(requests[1]["query"], "limit=5");
    assert_eq!(control(&sb, "POST", "/reset", None).status, 204);
    assert_eq!(
        control(&sb, "GET", "/log", None).json(),
        json!({"requests": [], "orders": []})
    );
    assert_eq!(
        api(&sb, "GET", "/order/certificate/112233", None).status,
        404
    );
    assert_eq!(
        submit(&sb, &example_order())["id"],
        112_233,
        "ids start over"
    );
    let info = control(&sb, "GET", "/info", None).json();
    assert_eq!(info["base_url"], sb.base_url());
    assert!(
        info["root_pem"]
            .as_str()
            .unwrap()
            .contains("BEGIN CERTIFICATE")
    );
    assert_eq!(control(&sb, "GET", "/nope", None).status, 404);
}

#[test]
fn rate_limits_per_key_over_rolling_windows() {
    let sb = Sandbox::start(SandboxConfig {
        api_keys: vec!["key-one".into(), "key-two".into()],
        rate_limits: Some(vec![(3, Duration::from_millis(1500))]),
        ..SandboxConfig::default()
    })
    .unwrap();
    assert_eq!(sb.api_key(), "key-one");
    let url = format!("{}/order/certificate?limit=1", sb.base_url());
    let get = |key: &str| try_call("GET", &url, Some(key), None).unwrap();
    let started = Instant::now();
    for _ in 0..3 {
        assert_eq!(get("key-one").status, 200);
    }
    let limited = get("key-one");
    assert!(
        started.elapsed() < Duration::from_millis(700),
        "machine too slow for this test"
    );
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json(), fixture("errors/rate_limited.json"));
    assert!(limited.header("retry-after").is_none());
    assert_eq!(get("key-two").status, 200, "per key");
    assert_eq!(get("wrong").status, 403);
    assert_eq!(
        control(&sb, "GET", "/log", None).status,
        200,
        "control API is not limited"
    );
    std::thread::sleep(
        Duration::from_millis(1500).saturating_sub(started.elapsed()) + Duration::from_millis(100),
    );
    assert_eq!(get("key-one").status, 200, "the window rolled");
}

#[test]
fn default_rate_limits_are_digicerts_and_can_be_off() {
    let config = SandboxConfig::default();
    assert_eq!(
        config.rate_limits,
        Some(vec![
            (100, Duration::from_secs(5)),
            (1000, Duration::from_secs(180))
        ])
    );
    assert_eq!(config.api_keys, vec!["cc-sandbox-key"]);
    let sb = start(Approval::Manual, Duration::ZERO);
    for _ in 0..120 {
        assert_eq!(
            api(&sb, "GET", "/order/certificate?limit=1", None).status,
            200
        );
    }
}

#[test]
fn shutdown_stops_serving_even_with_open_connections() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let addr = sb.addr();
    let idle = TcpStream::connect(addr).unwrap();
    let url = format!("{}/order/certificate/1", sb.base_url());
    assert_eq!(
        try_call("GET", &url, Some("cc-sandbox-key"), None)
            .unwrap()
            .status,
        404
    );
    let t = Instant::now();
    sb.shutdown();
    assert!(t.elapsed() < Duration::from_secs(3));
    assert!(try_call("GET", &url, Some("cc-sandbox-key"), None).is_err());
    drop(idle);
    let sb = start(Approval::Manual, Duration::ZERO);
    drop(sb);
}
