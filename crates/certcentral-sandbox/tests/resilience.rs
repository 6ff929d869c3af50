//! The fault-injection suite of the no-double-order promise (SECURITY.md §1): every sandbox
//! fault against a submit and against an idempotent call, through the real client. For each,
//! the typed error or the successful retry, and the sandbox's log holds exactly the orders
//! the caller intended — never one more.

mod common;

use std::time::{Duration, Instant};

use certcentral::{Client, ClientConfig, ErrorKind, RateLimitPolicy, RetryPolicy};
use certcentral_sandbox::{Approval, Fault, FaultKind, Sandbox};
use common::*;

const PRODUCT: &str = "ssl_securesite_pro";

fn client(sb: &Sandbox) -> Client {
    let mut config = ClientConfig::new(sb.api_key())
        .base_url(sb.base_url())
        .timeout(Duration::from_millis(1500))
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(50),
            deadline: Duration::from_secs(20),
        })
        .rate_limit(RateLimitPolicy::disabled());
    config.max_response_bytes = 1024 * 1024;
    Client::new(config).unwrap()
}

fn faults() -> Vec<(&'static str, Fault)> {
    let post = |f: Fault| f.method("POST").path_prefix("/order/certificate");
    vec![
        (
            "drop_before_response",
            post(Fault::new(FaultKind::DropBeforeResponse)),
        ),
        (
            "drop_after_body",
            post(Fault::new(FaultKind::DropAfterBody)),
        ),
        (
            "status 500",
            post(Fault::new(FaultKind::Status).status(500)),
        ),
        (
            "status 502",
            post(Fault::new(FaultKind::Status).status(502)),
        ),
        (
            "status 503",
            post(Fault::new(FaultKind::Status).status(503)),
        ),
        (
            "status 504",
            post(Fault::new(FaultKind::Status).status(504)),
        ),
        (
            "429 without Retry-After",
            post(Fault::new(FaultKind::RateLimit)),
        ),
        (
            "429 with Retry-After",
            post(Fault::new(FaultKind::RateLimit).retry_after(1)),
        ),
        (
            "latency past the timeout",
            post(Fault::new(FaultKind::Latency).latency(Duration::from_millis(2500))),
        ),
        ("malformed_json", post(Fault::new(FaultKind::MalformedJson))),
        ("truncated_body", post(Fault::new(FaultKind::TruncatedBody))),
        (
            "oversized_body",
            post(Fault::new(FaultKind::OversizedBody).size_mb(4)),
        ),
        ("html_error", post(Fault::new(FaultKind::HtmlError))),
    ]
}

/// What a submit under each fault must give: `Ok` (after a retry) or the error kind, and how
/// many orders exist afterwards.
fn expected_submit(name: &str) -> (Option<ErrorKind>, usize) {
    match name {
        // Provably not taken (429): retried, exactly one order.
        "429 without Retry-After" | "429 with Retry-After" => (None, 1),
        // Answers from the server that nothing was done: an API error, not retried.
        "status 500" | "status 503" => (Some(ErrorKind::Api), 0),
        // A gateway's 502/504, or an answer lost after sending: unknown, never resent.
        "status 502" | "status 504" | "html_error" | "drop_before_response" => {
            (Some(ErrorKind::OutcomeUnknown), 0)
        }
        // The order was placed, its answer lost or unreadable: unknown, never resent.
        "drop_after_body"
        | "latency past the timeout"
        | "malformed_json"
        | "truncated_body"
        | "oversized_body" => (Some(ErrorKind::OutcomeUnknown), 1),
        other => panic!("no expectation for {other}"),
    }
}

#[test]
fn every_fault_on_submit_gives_the_typed_outcome_and_never_a_second_order() {
    let order = certcentral::parse_order(&example_order().to_string()).unwrap();
    for (name, fault) in faults() {
        let sb = start(Approval::Manual, Duration::ZERO);
        let client = client(&sb);
        sb.inject(fault).unwrap();
        let started = Instant::now();
        let result = client.submit_order(PRODUCT, &order);
        let (kind, orders) = expected_submit(name);
        assert_eq!(
            result.as_ref().err().map(|e| e.kind()),
            kind,
            "{name}: {result:?}"
        );
        if name == "429 with Retry-After" {
            assert!(
                started.elapsed() >= Duration::from_secs(1),
                "{name}: Retry-After honoured"
            );
        }
        // Let a latency fault's request finish on the server before reading the log.
        std::thread::sleep(Duration::from_millis(if name.starts_with("latency") {
            1500
        } else {
            50
        }));
        let log = sb.log();
        assert_eq!(log.orders.len(), orders, "{name}: orders placed");
        let posts = log.requests.iter().filter(|r| r.method == "POST").count();
        let expected_posts = if kind.is_none() { 2 } else { 1 };
        assert_eq!(posts, expected_posts, "{name}: submits sent");
    }
}

#[test]
fn every_transient_fault_on_an_idempotent_call_is_retried() {
    let order = certcentral::parse_order(&example_order().to_string()).unwrap();
    for (name, fault) in faults() {
        let sb = start(Approval::Manual, Duration::ZERO);
        let client = client(&sb);
        let id = client.submit_order(PRODUCT, &order).unwrap().id;
        let fault = fault
            .method("GET")
            .path_prefix(format!("/order/certificate/{id}"));
        sb.inject(fault).unwrap();
        let result = client.order_info(id);
        let expected = match name {
            // The server answered that it failed: not a transient fault.
            "status 500" => Some(ErrorKind::Api),
            // A 200 whose body is not JSON is a decode error, not retried.
            "malformed_json" => Some(ErrorKind::Decode),
            _ => None,
        };
        assert_eq!(
            result.as_ref().err().map(|e| e.kind()),
            expected,
            "{name}: {result:?}"
        );
        if expected.is_none() {
            assert_eq!(result.unwrap().id, id, "{name}");
        }
        assert_eq!(
            sb.log().orders.len(),
            1,
            "{name}: a GET never creates an order"
        );
    }
}
