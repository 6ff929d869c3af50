//! The Rust client's submit round trip for `cargo xtask bench` (harness = false): per-call
//! latency of `Client::submit_order` (and `submit_order_value`, the path the bindings use)
//! against a loopback server, and the throughput of one client shared by 1 and by N threads.
//! Prints one JSON line per result: `{"client", "threads", "calls", "wall_ns", "samples_ns"}`.
//!
//! Two diagnostic rows isolate the HTTP client: `ureq-raw` is ureq alone (configured as
//! `certcentral::Client` configures it: global and connect timeouts, no proxy) posting the
//! prebuilt body and parsing the answer, and `ureq-raw-ip-resolver` is the same with a resolver
//! that answers IP literals without ureq's per-request lookup (which, with a timeout set,
//! spawns a thread on every request, also for a pooled connection) and a larger idle pool:
//! the change proposed for the core's client in `bench/README.md`.
//!
//! Needs a server: `--url http://127.0.0.1:PORT/services/v2 --payload ORDER.json` (the bench
//! starts `bench/loopback`'s fixed-answer server). Without `--url` (a plain `cargo bench`) it
//! prints a note and exits. Options: `--mode roundtrip|threads --calls N --warmup W --threads T`.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use certcentral::{Client, ClientConfig, Order, RateLimitPolicy, parse_order};
use serde_json::Value;

const PRODUCT: &str = "ssl_securesite_pro";

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn num(args: &[String], name: &str, default: usize) -> usize {
    arg(args, name).map_or(default, |v| v.parse().expect("a number"))
}

fn line(client: &str, threads: usize, wall_ns: u128, samples: &[u64]) {
    let s: Vec<String> = samples.iter().map(u64::to_string).collect();
    println!(
        "{{\"client\":\"{client}\",\"threads\":{threads},\"calls\":{},\"wall_ns\":{wall_ns},\"samples_ns\":[{}]}}",
        samples.len(),
        s.join(",")
    );
}

fn timed(calls: usize, warmup: usize, mut f: impl FnMut()) -> (u128, Vec<u64>) {
    for _ in 0..warmup {
        f();
    }
    let mut samples = Vec::with_capacity(calls);
    let start = Instant::now();
    for _ in 0..calls {
        let t = Instant::now();
        f();
        samples.push(t.elapsed().as_nanos() as u64);
    }
    (start.elapsed().as_nanos(), samples)
}

fn threaded(
    client: &Client,
    order: &Arc<Order>,
    threads: usize,
    calls: usize,
    warmup: usize,
) -> (u128, Vec<u64>) {
    let per = (calls / threads).max(1);
    let barrier = Arc::new(Barrier::new(threads + 1));
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (client, order, barrier) =
                (client.clone(), Arc::clone(order), Arc::clone(&barrier));
            std::thread::spawn(move || {
                for _ in 0..warmup {
                    client.submit_order(PRODUCT, &order).expect("submit");
                }
                barrier.wait();
                let mut samples = Vec::with_capacity(per);
                for _ in 0..per {
                    let t = Instant::now();
                    client.submit_order(PRODUCT, &order).expect("submit");
                    samples.push(t.elapsed().as_nanos() as u64);
                }
                samples
            })
        })
        .collect();
    barrier.wait();
    let start = Instant::now();
    let mut samples = Vec::with_capacity(calls);
    for w in workers {
        samples.extend(w.join().expect("worker"));
    }
    (start.elapsed().as_nanos(), samples)
}

/// Answers IP literals directly; anything else goes to ureq's default resolver.
#[derive(Debug, Default)]
struct IpLiteralResolver(ureq::unversioned::resolver::DefaultResolver);

impl ureq::unversioned::resolver::Resolver for IpLiteralResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        if let Some(authority) = uri.authority() {
            let host = authority
                .host()
                .trim_start_matches('[')
                .trim_end_matches(']');
            if let (Ok(ip), Some(port)) = (host.parse::<IpAddr>(), authority.port_u16()) {
                let mut out = self.empty();
                out.push(SocketAddr::new(ip, port));
                return Ok(out);
            }
        }
        self.0.resolve(uri, config, timeout)
    }
}

/// A ureq agent configured as `certcentral::Client::new` configures its own.
fn raw_agent(ip_resolver: bool) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(Duration::from_secs(60)))
        .max_redirects(0)
        .max_redirects_will_error(false)
        .proxy(None)
        .user_agent("certcentral-bench")
        .accept("application/json");
    if ip_resolver {
        let config = config
            .max_idle_connections(32)
            .max_idle_connections_per_host(32)
            .build();
        ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::default(),
            IpLiteralResolver::default(),
        )
    } else {
        config.build().new_agent()
    }
}

fn raw_post(agent: &ureq::Agent, url: &str, key: &str, body: &[u8]) {
    let mut resp = agent
        .post(url)
        .header("X-DC-DEVKEY", key)
        .header("Content-Type", "application/json")
        .send(body)
        .expect("POST");
    assert_eq!(resp.status().as_u16(), 201);
    let bytes = resp
        .body_mut()
        .with_config()
        .limit(16 << 20)
        .read_to_vec()
        .expect("body");
    let parsed: certcentral::OrderResponse = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(parsed.id, 112233);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(url) = arg(&args, "--url") else {
        eprintln!(
            "loopback_client: no --url given; this bench needs a loopback server and is run by \
             `cargo xtask bench` (see bench/README.md). Nothing measured."
        );
        return;
    };
    let payload_path = arg(&args, "--payload").expect("--payload ORDER.json");
    let key = arg(&args, "--key").unwrap_or_else(|| "bench-key".into());
    let calls = num(&args, "--calls", 1000);
    let warmup = num(&args, "--warmup", 100);
    let threads = num(&args, "--threads", 8).max(1);
    let mode = arg(&args, "--mode").unwrap_or_else(|| "roundtrip".into());

    let text = std::fs::read_to_string(&payload_path).expect("payload file");
    let order = parse_order(&text).expect("the payload is a valid order");
    let value: Value = serde_json::from_str(&text).expect("JSON");
    let client = Client::new(
        ClientConfig::new(key.clone())
            .base_url(url.clone())
            .rate_limit(RateLimitPolicy::disabled()),
    )
    .expect("client");

    match mode.as_str() {
        "roundtrip" => {
            let (wall, s) = timed(calls, warmup, || {
                let r = client.submit_order(PRODUCT, &order).expect("submit");
                assert_eq!(r.id, 112233);
            });
            line("rust-client", 1, wall, &s);
            let (wall, s) = timed(calls, warmup, || {
                let r = client.submit_order_value(PRODUCT, &value).expect("submit");
                assert_eq!(r.id, 112233);
            });
            line("rust-client-value", 1, wall, &s);
            let post_url = format!("{url}/order/certificate/{PRODUCT}");
            for (name, ip) in [("ureq-raw", false), ("ureq-raw-ip-resolver", true)] {
                let agent = raw_agent(ip);
                let (wall, s) = timed(calls, warmup, || {
                    raw_post(&agent, &post_url, &key, text.as_bytes());
                });
                line(name, 1, wall, &s);
            }
        }
        "threads" => {
            let order = Arc::new(order);
            for n in [1, threads] {
                let (wall, s) = threaded(&client, &order, n, calls, warmup);
                line("rust-client", n, wall, &s);
            }
        }
        other => panic!("unknown --mode {other}"),
    }
}
