//! The core `certcentral::Client` against the sandbox over real HTTP: the whole lifecycle,
//! and every error class the client can meet.

mod common;

use std::net::TcpListener;
use std::time::{Duration, SystemTime};

use certcentral::{
    Client, ClientConfig, Error, ErrorKind, OrderStatus, RateLimitPolicy, RequestDecision,
    RequestStatus, RetryPolicy, WaitPolicy,
};
use certcentral_sandbox::{Approval, Fault, FaultKind, Sandbox, SandboxConfig};
use common::*;
use serde_json::json;

const PRODUCT: &str = "ssl_securesite_pro";

fn fast_retry(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        deadline: Duration::from_secs(20),
    }
}

fn client_for(sb: &Sandbox) -> Client {
    Client::new(
        ClientConfig::new(sb.api_key())
            .base_url(sb.base_url())
            .retry(fast_retry(3)),
    )
    .unwrap()
}

fn order() -> certcentral::Order {
    certcentral::parse_order(&example_order().to_string()).unwrap()
}

fn wait_policy() -> WaitPolicy {
    WaitPolicy {
        timeout: Duration::from_secs(10),
        poll_interval: Duration::from_millis(50),
    }
}

#[test]
fn submit_approve_wait_and_download() {
    let sb = start(Approval::Manual, Duration::from_millis(300));
    let client = client_for(&sb);
    let resp = client.submit_order(PRODUCT, &order()).unwrap();
    assert_eq!(resp.requests.len(), 1);
    assert_eq!(resp.requests[0].status, RequestStatus::Pending);
    assert_eq!(resp.certificate_id, None);
    let info = client.order_info(resp.id).unwrap();
    assert_eq!(info.status, OrderStatus::NeedsApproval);
    client
        .update_request_status(resp.requests[0].id, RequestDecision::Approved, Some("ok"))
        .unwrap();
    let mut seen = Vec::new();
    let info = client
        .wait_for_issuance_with(resp.id, &wait_policy(), |i| seen.push(i.status.clone()))
        .unwrap();
    assert_eq!(info.status, OrderStatus::Issued);
    assert!(seen.contains(&OrderStatus::Pending) || seen.contains(&OrderStatus::Processing));
    let cert_id = info.certificate_id().unwrap();
    let cert = info.certificate.as_ref().unwrap();
    assert!(cert.serial_number.is_some() && cert.valid_till.is_some());

    let chain = client.download_chain(cert_id).unwrap();
    assert_eq!(chain.leaf.subject_common_name, "example.com");
    assert_eq!(
        chain.leaf.dns_names,
        vec!["example.com", "example2.com", "example3.com"]
    );
    assert!(!chain.leaf.is_ca);
    assert_eq!(chain.intermediates.len(), 1);
    assert_eq!(
        chain.intermediates[0].subject_common_name,
        "CertCentral Sandbox Issuing CA 1"
    );
    let root = chain.root.as_ref().unwrap();
    assert_eq!(root.subject_common_name, "CertCentral Sandbox Root CA");
    assert_eq!(root.pem, sb.root_pem());
    assert_eq!(
        chain.leaf.serial_hex.to_uppercase(),
        *cert.serial_number.as_ref().unwrap()
    );

    let pem = client.download_certificate(cert_id, "pem_all").unwrap();
    assert_eq!(String::from_utf8(pem).unwrap(), chain.to_pem());
    let leaf = client.download_certificate(cert_id, "cer").unwrap();
    assert_eq!(String::from_utf8(leaf).unwrap(), chain.leaf.pem);
    let p7b = client.download_certificate(cert_id, "p7b").unwrap();
    assert_eq!(p7b[0], 0x30);
    let by_order = client.download_chain_by_order(resp.id).unwrap();
    assert_eq!(by_order, chain);
    let intermediates = client.certificate_intermediates(cert_id).unwrap();
    assert_eq!(intermediates.intermediates.len(), 2);
}

#[test]
fn every_seed_shape_decodes() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let client = client_for(&sb);
    let mut skip = order();
    skip.skip_approval = Some(true);
    let r = client.submit_order(PRODUCT, &skip).unwrap();
    assert_eq!(r.requests[0].status, RequestStatus::Submitted);
    sb.set_approval(Approval::Auto);
    let r = client.submit_order(PRODUCT, &order()).unwrap();
    assert_eq!(r.requests[0].status, RequestStatus::Approved);
    assert!(r.certificate_id.is_some());
    let r = client.submit_order(PRODUCT, &skip).unwrap();
    assert!(r.requests.is_empty() && r.certificate_id.is_some());
    sb.set_approval(Approval::Immediate);
    let r = client.submit_order(PRODUCT, &order()).unwrap();
    assert_eq!(r.certificate_chain.len(), 3);
    let info = client.wait_for_issuance(r.id, &wait_policy()).unwrap();
    assert_eq!(info.status, OrderStatus::Issued);
}

#[test]
fn rejected_orders_end_the_wait() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let client = client_for(&sb);
    let resp = client.submit_order(PRODUCT, &order()).unwrap();
    client
        .update_request_status(resp.requests[0].id, RequestDecision::Rejected, None)
        .unwrap();
    let info = client.wait_for_issuance(resp.id, &wait_policy()).unwrap();
    assert_eq!(info.status, OrderStatus::Rejected);
    // Deciding again: a 400 with DigiCert's item, kept by the client.
    let err = client
        .update_request_status(resp.requests[0].id, RequestDecision::Approved, None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(err.status(), Some(400));
    assert_eq!(
        err.api_error().unwrap().errors[0].code,
        "request_already_processed"
    );
}

#[test]
fn a_wrong_key_is_authentication_and_never_shown() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let client =
        Client::new(ClientConfig::new("CANARY-KEY-0123456789").base_url(sb.base_url())).unwrap();
    let err = client.order_info(112_233).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(err.status(), Some(403));
    let shown = format!("{err} {err:?} {client:?}");
    assert!(!shown.contains("CANARY-KEY-0123456789"), "{shown}");
    let err = client.submit_order(PRODUCT, &order()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert!(sb.log().orders.is_empty());
}

#[test]
fn unknown_ids_are_not_found() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let client = client_for(&sb);
    let err = client.order_info(999).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.api_error().unwrap().errors[0].code, "not_found|order");
    let err = client.download_chain(900_001).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = client
        .update_request_status(1, RequestDecision::Approved, None)
        .unwrap_err();
    assert_eq!(
        err.api_error().unwrap().errors[0].subcode.as_deref(),
        Some("request")
    );
    let err = client
        .submit_order("ssl_unknown_product", &order())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.api_error().unwrap().errors[0].code, "not_found|product");
}

#[test]
fn invalid_orders_are_refused_before_sending() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let client = client_for(&sb);
    let mut bad = example_order();
    bad["validity_years"] = json!(9);
    bad["certificate"]["signature_hash"] = json!("md5");
    let err = client.submit_order_value(PRODUCT, &bad).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.violations().len(), 2);
    assert!(sb.log().requests.is_empty(), "nothing was sent");
}

#[test]
fn a_400_keeps_every_error_item() {
    // The client validates before sending, so the sandbox's 400 is reached with a raw POST
    // and its body handed to the client's error mapping.
    let sb = start(Approval::Manual, Duration::ZERO);
    let mut bad = example_order();
    bad["certificate"].as_object_mut().unwrap().remove("csr");
    bad["validity_years"] = json!(9);
    bad["certificate"]["signature_hash"] = json!("md5");
    let a = api(
        &sb,
        "POST",
        &format!("/order/certificate/{PRODUCT}"),
        Some(&bad),
    );
    assert_eq!(a.status, 400);
    let err = Error::from_response(a.status, a.text(), None);
    assert_eq!(err.kind(), ErrorKind::Api);
    let items = &err.api_error().unwrap().errors;
    let codes: Vec<&str> = items.iter().map(|i| i.code.as_str()).collect();
    let sent: Vec<String> = a.codes();
    assert_eq!(codes, sent, "every item kept, in order");
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "invalid_value:certificate.signature_hash",
            "invalid_value:validity_years",
            "required_param:certificate.csr",
        ]
    );
    let csr = items
        .iter()
        .find(|i| i.code == "required_param:certificate.csr")
        .unwrap();
    assert_eq!(csr.category, "required_param");
    assert_eq!(csr.field.as_deref(), Some("certificate.csr"));
    // Through the client itself: a list filter the sandbox refuses.
    let err = client_for(&sb)
        .list_orders(&[("email", "x@example.com")], None, 10, 0)
        .unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::Api, Some(400)));
}

#[test]
fn rate_limited_without_retries() {
    let sb = Sandbox::start(SandboxConfig {
        rate_limits: Some(vec![(2, Duration::from_secs(60))]),
        ..SandboxConfig::default()
    })
    .unwrap();
    let client = Client::new(
        ClientConfig::new(sb.api_key())
            .base_url(sb.base_url())
            .retry(RetryPolicy::none())
            .rate_limit(RateLimitPolicy::disabled()),
    )
    .unwrap();
    for _ in 0..2 {
        assert_eq!(
            client.order_info(1).unwrap_err().kind(),
            ErrorKind::NotFound
        );
    }
    let err = client.order_info(1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert!(matches!(
        err,
        Error::RateLimited {
            retry_after: None,
            ..
        }
    ));
    assert_eq!(
        err.api_error().unwrap().errors[0].code,
        "request_limit_exceeded"
    );
}

#[test]
fn a_closed_port_is_transport() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::new(
        ClientConfig::new("k")
            .base_url(format!("http://127.0.0.1:{port}/services/v2"))
            .retry(RetryPolicy::none()),
    )
    .unwrap();
    assert_eq!(
        client.order_info(1).unwrap_err().kind(),
        ErrorKind::Transport
    );
    let err = client.submit_order(PRODUCT, &order()).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::Transport,
        "never sent: not OutcomeUnknown"
    );
}

#[test]
fn latency_beyond_the_timeout_is_timeout() {
    let sb = start(Approval::Manual, Duration::ZERO);
    sb.inject(Fault::new(FaultKind::Latency).latency(Duration::from_millis(1500)))
        .unwrap();
    let client = Client::new(
        ClientConfig::new(sb.api_key())
            .base_url(sb.base_url())
            .timeout(Duration::from_millis(300))
            .retry(RetryPolicy::none()),
    )
    .unwrap();
    assert_eq!(client.order_info(1).unwrap_err().kind(), ErrorKind::Timeout);
}

#[test]
fn a_lost_submit_answer_is_outcome_unknown_and_the_order_can_be_found() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let client = client_for(&sb);
    client
        .submit_order(
            PRODUCT,
            &certcentral::parse_order(&order_for("other.example.com").to_string()).unwrap(),
        )
        .unwrap();
    sb.inject(Fault::new(FaultKind::DropAfterBody).method("POST"))
        .unwrap();
    let err = client.submit_order(PRODUCT, &order()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    let Error::OutcomeUnknown(lost) = &err else {
        unreachable!()
    };
    assert_eq!(lost.common_name, "example.com");
    assert_eq!(lost.product, PRODUCT);
    let log = sb.log();
    let placed: Vec<_> = log
        .orders
        .iter()
        .filter(|o| o.common_name == "example.com")
        .collect();
    assert_eq!(placed.len(), 1, "exactly one order, never resubmitted");
    let posts = log.requests.iter().filter(|r| r.method == "POST").count();
    assert_eq!(posts, 2);
    let found = client
        .find_recent_orders("example.com", lost.sent_at - Duration::from_secs(5))
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, placed[0].id);
    assert_eq!(found[0].status, OrderStatus::NeedsApproval);
}

#[test]
fn a_submit_dropped_before_processing_is_outcome_unknown_and_nothing_is_found() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let client = client_for(&sb);
    sb.inject(Fault::new(FaultKind::DropBeforeResponse))
        .unwrap();
    let err = client.submit_order(PRODUCT, &order()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    assert!(sb.log().orders.is_empty());
    let since = SystemTime::now() - Duration::from_secs(60);
    assert!(
        client
            .find_recent_orders("example.com", since)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_truncated_submit_answer_is_outcome_unknown() {
    let sb = start(Approval::Manual, Duration::ZERO);
    sb.inject(Fault::new(FaultKind::TruncatedBody)).unwrap();
    let err = client_for(&sb).submit_order(PRODUCT, &order()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    assert_eq!(sb.log().orders.len(), 1);
}

#[test]
fn idempotent_calls_retry_after_503() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let client = client_for(&sb);
    let resp = client.submit_order(PRODUCT, &order()).unwrap();
    sb.inject(Fault::new(FaultKind::Status).status(503).method("GET"))
        .unwrap();
    let info = client.order_info(resp.id).unwrap();
    assert_eq!(info.id, resp.id);
    let gets: Vec<_> = sb
        .log()
        .requests
        .into_iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.status)
        .collect();
    assert_eq!(gets, vec![Some(503), Some(200)]);
}

#[test]
fn submits_are_never_retried_after_a_5xx() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let client = client_for(&sb);
    sb.inject(Fault::new(FaultKind::Status).status(503).method("POST"))
        .unwrap();
    let err = client.submit_order(PRODUCT, &order()).unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::Api, Some(503)));
    sb.inject(Fault::new(FaultKind::Status).status(502).method("POST"))
        .unwrap();
    let err = client.submit_order(PRODUCT, &order()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "a gateway answered");
    let log = sb.log();
    assert_eq!(
        log.requests.iter().filter(|r| r.method == "POST").count(),
        2
    );
    assert!(log.orders.is_empty());
}

#[test]
fn a_submit_429_is_retried_because_it_was_not_taken() {
    let sb = start(Approval::Manual, Duration::ZERO);
    sb.inject(Fault::new(FaultKind::RateLimit).method("POST"))
        .unwrap();
    let resp = client_for(&sb).submit_order(PRODUCT, &order()).unwrap();
    assert_eq!(sb.log().orders.len(), 1);
    assert_eq!(sb.log().orders[0].id, resp.id);
}

#[test]
fn broken_bodies_are_decode_or_transport_errors() {
    let sb = start(Approval::Manual, Duration::ZERO);
    let client = Client::new(
        ClientConfig {
            max_response_bytes: 1024 * 1024,
            ..ClientConfig::new(sb.api_key()).base_url(sb.base_url())
        }
        .retry(RetryPolicy::none()),
    )
    .unwrap();
    let resp = client.submit_order(PRODUCT, &order()).unwrap();
    sb.inject(Fault::new(FaultKind::MalformedJson).method("GET"))
        .unwrap();
    let err = client.order_info(resp.id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.raw_body().unwrap().contains("<not json"));
    sb.inject(Fault::new(FaultKind::HtmlError)).unwrap();
    let err = client.order_info(resp.id).unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::Api, Some(502)));
    assert!(err.api_error().unwrap().errors.is_empty());
    assert!(err.raw_body().unwrap().contains("502 Bad Gateway"));
    sb.inject(Fault::new(FaultKind::OversizedBody).size_mb(2))
        .unwrap();
    let err = client.order_info(resp.id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
}

#[test]
fn a_garbled_submit_answer_is_never_resubmitted() {
    let sb = start(Approval::Manual, Duration::ZERO);
    sb.inject(Fault::new(FaultKind::MalformedJson).method("POST"))
        .unwrap();
    let err = client_for(&sb).submit_order(PRODUCT, &order()).unwrap_err();
    // The order exists (201) but its answer cannot be read: the client must not retry.
    assert!(
        matches!(err.kind(), ErrorKind::Decode | ErrorKind::OutcomeUnknown),
        "{err}"
    );
    assert_eq!(sb.log().orders.len(), 1);
    assert_eq!(sb.log().requests.len(), 1);
}
