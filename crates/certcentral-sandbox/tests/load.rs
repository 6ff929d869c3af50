//! Load test (run by `cargo xtask test`, ignored by plain `cargo test`): 8 threads × 150
//! submits through ONE client against the sandbox with rate limits on. The client must pace
//! itself so that it never receives a 429, and finish in about the time the limits allow.
//!
//! DigiCert's limits (100 per 5 s, 1000 per 3 min) would make this run take over three
//! minutes, so both sides use the same limits scaled down five times: 100 per 1 s and 1000
//! per 36 s. The shape — a short burst limit under a long one — is DigiCert's.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use certcentral::{Client, ClientConfig, RateLimitPolicy, RetryPolicy};
use certcentral_sandbox::{Approval, Sandbox, SandboxConfig};

const THREADS: usize = 8;
const PER_THREAD: usize = 150;

#[test]
#[ignore = "takes about 40 s; run by cargo xtask test"]
fn eight_threads_share_one_client_under_the_rate_limits_without_a_429() {
    let windows = vec![
        (100, Duration::from_secs(1)),
        (1000, Duration::from_secs(36)),
    ];
    let sb = Sandbox::start(SandboxConfig {
        approval: Approval::Manual,
        issue_delay: Duration::ZERO,
        rate_limits: Some(windows.clone()),
        workers: 8,
        ..SandboxConfig::default()
    })
    .unwrap();
    let client = Client::new(
        ClientConfig::new(sb.api_key())
            .base_url(sb.base_url())
            // No retries: a 429 would surface as an error instead of being absorbed.
            .retry(RetryPolicy::none())
            .rate_limit(RateLimitPolicy {
                enabled: true,
                windows: windows.clone(),
                ..RateLimitPolicy::default()
            }),
    )
    .unwrap();
    let order = Arc::new(certcentral::parse_order(&common::example_order().to_string()).unwrap());
    let started = Instant::now();
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let (client, order) = (client.clone(), order.clone());
            std::thread::spawn(move || {
                (0..PER_THREAD)
                    .map(|_| client.submit_order("ssl_securesite_pro", &order))
                    .filter_map(Result::err)
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let errors: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    let took = started.elapsed();
    let log = sb.log();
    let total = THREADS * PER_THREAD;
    let limited = log
        .requests
        .iter()
        .filter(|r| r.status == Some(429))
        .count();
    // The least time the limits allow: the 1001st request waits for the long window to
    // roll over, then the rest go 100 per second.
    let floor = Duration::from_secs(36 + (total - 1000).div_ceil(100) as u64 - 1);
    println!(
        "load: {total} submits by {THREADS} threads through one client in {:.1} s \
         (the limits allow {:.1} s at best; ratio {:.2}); {limited} answered 429; \
         {} orders placed; {} errors",
        took.as_secs_f64(),
        floor.as_secs_f64(),
        took.as_secs_f64() / floor.as_secs_f64(),
        log.orders.len(),
        errors.len()
    );
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        errors.first()
    );
    assert_eq!(limited, 0, "the client must never be answered 429");
    assert_eq!(log.orders.len(), total, "exactly the orders submitted");
}
