//! The client over real HTTP against a small scripted server on 127.0.0.1.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use certcentral::{
    Client, ClientConfig, Error, ErrorKind, RateLimitPolicy, RequestDecision, RequestStatus,
    RetryPolicy, WaitPolicy, parse_order,
};
use common::read;

/// What the server does with one request.
#[derive(Clone)]
enum Action {
    Respond(u16, Vec<(&'static str, String)>, String),
    /// Read the request, then close without answering.
    Drop,
    /// Wait, then answer 200 `{}`.
    Sleep(Duration),
}

fn json(status: u16, body: &str) -> Action {
    Action::Respond(
        status,
        vec![("Content-Type", "application/json".into())],
        body.into(),
    )
}

/// A request as received.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
    at: Instant,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Server {
    base: String,
    log: Arc<Mutex<Vec<Received>>>,
}

impl Server {
    /// Serves `script` in order (the last action repeats), on keep-alive connections.
    fn start(script: Vec<Action>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/services/v2", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new((script, 0usize)));
        let log2 = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { break };
                let (log, script) = (log2.clone(), script.clone());
                thread::spawn(move || serve(stream, &log, &script));
            }
        });
        Self { base, log }
    }

    fn received(&self) -> Vec<Received> {
        self.log.lock().unwrap().clone()
    }

    fn client(&self, key: &str) -> Client {
        Client::new(
            ClientConfig::new(key)
                .base_url(&self.base)
                .retry(RetryPolicy {
                    initial_backoff: Duration::from_millis(10),
                    max_backoff: Duration::from_millis(50),
                    ..RetryPolicy::default()
                })
                .rate_limit(RateLimitPolicy::disabled()),
        )
        .unwrap()
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<Received>>, script: &Mutex<(Vec<Action>, usize)>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let path = parts.next().unwrap_or_default().to_owned();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            reader.read_line(&mut h).unwrap();
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (k, v) = h.split_once(':').unwrap();
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
        let len: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map_or(0, |(_, v)| v.parse().unwrap());
        let mut body = vec![0; len];
        reader.read_exact(&mut body).unwrap();
        log.lock().unwrap().push(Received {
            method,
            path,
            headers,
            body: String::from_utf8(body).unwrap(),
            at: Instant::now(),
        });
        let action = {
            let mut s = script.lock().unwrap();
            let i = s.1.min(s.0.len() - 1);
            s.1 += 1;
            s.0[i].clone()
        };
        let (status, headers, body) = match action {
            Action::Drop => return,
            Action::Sleep(d) => {
                thread::sleep(d);
                (200, vec![], "{}".to_owned())
            }
            Action::Respond(s, h, b) => (s, h, b),
        };
        let mut resp = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
        for (k, v) in headers {
            resp.push_str(&format!("{k}: {v}\r\n"));
        }
        resp.push_str("\r\n");
        resp.push_str(&body);
        if out.write_all(resp.as_bytes()).is_err() {
            return;
        }
    }
}

fn seed_order() -> certcentral::Order {
    let mut v: serde_json::Value =
        serde_json::from_str(&read("tests/fixtures/seed/python_payload.json")).unwrap();
    v["certificate"]["csr"] = read("tests/fixtures/csr/rsa2048.pem").into();
    parse_order(&v.to_string()).unwrap()
}

const CANARY: &str = "CANARY-KEY-0123456789abcdef";

#[test]
fn submit_sends_the_documented_request() {
    let server = Server::start(vec![json(
        201,
        &read("tests/fixtures/responses/pending.json"),
    )]);
    let order = seed_order();
    let resp = server
        .client("key-1")
        .submit_order("ssl_securesite_pro", &order)
        .unwrap();
    assert_eq!(resp.id, 112233);
    assert_eq!(resp.requests[0].status, RequestStatus::Pending);
    let got = server.received();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/services/v2/order/certificate/ssl_securesite_pro");
    assert_eq!(r.header("X-DC-DEVKEY"), Some("key-1"));
    assert_eq!(r.header("Content-Type"), Some("application/json"));
    let ua = r.header("User-Agent").unwrap();
    assert!(
        ua.starts_with(&format!("certcentral/{}", certcentral::VERSION)),
        "{ua}"
    );
    assert_eq!(r.body, order.to_json());
    let sent: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(sent, order.to_value());
}

#[test]
fn every_seed_response_shape_comes_back_typed() {
    for (file, certificate_id, chain_len) in [
        ("pending", None, 0),
        ("submitted", None, 0),
        ("approved", Some(113), 0),
        ("certificate_id_only", Some(113), 0),
        ("certificate_chain", Some(113), 3),
    ] {
        let server = Server::start(vec![json(
            201,
            &read(&format!("tests/fixtures/responses/{file}.json")),
        )]);
        let resp = server
            .client("k")
            .submit_order("ssl_securesite_pro", &seed_order())
            .unwrap();
        assert_eq!(resp.id, 112233, "{file}");
        assert_eq!(resp.certificate_id, certificate_id, "{file}");
        assert_eq!(resp.certificate_chain.len(), chain_len, "{file}");
    }
}

#[test]
fn invalid_orders_are_never_sent() {
    let server = Server::start(vec![json(201, "{}")]);
    let mut order = seed_order();
    order.validity_years = Some(5);
    order.certificate.dns_names = Some(vec![
        "bad name".into(),
        "a.example.com".into(),
        "A.example.com".into(),
    ]);
    let err = server
        .client("k")
        .submit_order("ssl_securesite_pro", &order)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    let codes: Vec<(&str, &str)> = err
        .violations()
        .iter()
        .map(|v| (v.path.as_str(), v.code.as_str()))
        .collect();
    assert!(
        codes.contains(&("validity_years", "out_of_range")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("certificate.dns_names[0]", "invalid_domain")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("certificate.dns_names[2]", "duplicate_name")),
        "{codes:?}"
    );
    assert!(server.received().is_empty());
    let err = server
        .client("k")
        .submit_order("../product", &seed_order())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
}

#[test]
fn error_answers_map_to_their_kinds() {
    let cases = [
        (403, "errors/invalid_key.json", ErrorKind::Authentication),
        (403, "errors/missing_permission.json", ErrorKind::Api),
        (404, "errors/not_found_order.json", ErrorKind::NotFound),
        (400, "errors/multiple.json", ErrorKind::Api),
        (500, "errors/multiple.json", ErrorKind::Api),
    ];
    for (status, file, kind) in cases {
        let body = read(&format!("tests/fixtures/{file}"));
        let server = Server::start(vec![json(status, &body)]);
        let err = server.client("k").order_info(1).unwrap_err();
        assert_eq!(err.kind(), kind, "{file}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.raw_body(), Some(body.as_str()));
        assert_eq!(server.received().len(), 1, "{file}: not retried");
    }
}

#[test]
fn rate_limited_answers_are_retried_then_reported() {
    let body = read("tests/fixtures/errors/rate_limited.json");
    let limited = Action::Respond(429, vec![("Retry-After", "0".into())], body);
    let server = Server::start(vec![
        limited.clone(),
        json(
            200,
            &read("tests/fixtures/responses/order_info_pending.json"),
        ),
    ]);
    assert!(server.client("k").order_info(1).is_ok());
    assert_eq!(server.received().len(), 2);

    let server = Server::start(vec![Action::Respond(
        429,
        vec![("Retry-After", "7".into())],
        "{}".into(),
    )]);
    let client = Client::new(
        ClientConfig::new("k")
            .base_url(&server.base)
            .retry(RetryPolicy::none())
            .rate_limit(RateLimitPolicy::disabled()),
    )
    .unwrap();
    match client.order_info(1).unwrap_err() {
        Error::RateLimited { retry_after, .. } => {
            assert_eq!(retry_after, Some(Duration::from_secs(7)))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn submit_is_retried_after_429_but_not_after_503() {
    let server = Server::start(vec![
        Action::Respond(429, vec![("Retry-After", "0".into())], "{}".into()),
        json(201, &read("tests/fixtures/responses/pending.json")),
    ]);
    assert!(
        server
            .client("k")
            .submit_order("ssl_securesite_pro", &seed_order())
            .is_ok()
    );
    assert_eq!(server.received().len(), 2);

    let server = Server::start(vec![json(503, "{}"), json(201, "{}")]);
    let err = server
        .client("k")
        .submit_order("ssl_securesite_pro", &seed_order())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(server.received().len(), 1);

    let server = Server::start(vec![
        json(503, "{}"),
        json(
            200,
            &read("tests/fixtures/responses/order_info_issued.json"),
        ),
    ]);
    assert!(server.client("k").order_info(1).is_ok());
    assert_eq!(server.received().len(), 2);
}

#[test]
fn a_lost_submit_answer_is_outcome_unknown_and_never_resent() {
    let server = Server::start(vec![Action::Drop]);
    let err = server
        .client("k")
        .submit_order("ssl_securesite_pro", &seed_order())
        .unwrap_err();
    let Error::OutcomeUnknown(o) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(o.product, "ssl_securesite_pro");
    assert_eq!(o.common_name, "example.com");
    assert!(o.sent_at_unix() > 0);
    assert_eq!(server.received().len(), 1);

    let server = Server::start(vec![json(502, "<html>bad gateway</html>")]);
    let err = server
        .client("k")
        .submit_order("ssl_securesite_pro", &seed_order())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    assert_eq!(server.received().len(), 1);
}

#[test]
fn idempotent_calls_are_retried_after_a_dropped_connection() {
    let server = Server::start(vec![
        Action::Drop,
        json(
            200,
            &read("tests/fixtures/responses/order_info_issued.json"),
        ),
    ]);
    let info = server.client("k").order_info(5).unwrap();
    assert_eq!(info.status, certcentral::OrderStatus::Issued);
    assert!(info.raw_json.contains("\"status\""));
    assert_eq!(server.received().len(), 2);
}

#[test]
fn transport_timeout_and_decode_errors() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
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
    // A closed port never took the order: a submit fails as Transport, not OutcomeUnknown.
    assert_eq!(
        client
            .submit_order("ssl_basic", &seed_order())
            .unwrap_err()
            .kind(),
        ErrorKind::Transport
    );

    let server = Server::start(vec![Action::Sleep(Duration::from_millis(1500))]);
    let client = Client::new(
        ClientConfig::new("k")
            .base_url(&server.base)
            .timeout(Duration::from_millis(300))
            .retry(RetryPolicy::none()),
    )
    .unwrap();
    assert_eq!(client.order_info(1).unwrap_err().kind(), ErrorKind::Timeout);
    assert_eq!(
        client
            .submit_order("ssl_basic", &seed_order())
            .unwrap_err()
            .kind(),
        ErrorKind::OutcomeUnknown
    );

    let server = Server::start(vec![json(200, "{\"id\": 1, \"status\": ")]);
    let err = server.client("k").order_info(1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.raw_body(), Some("{\"id\": 1, \"status\": "));

    let big = format!(
        "{{\"id\":1,\"status\":\"issued\",\"pad\":\"{}\"}}",
        "x".repeat(4096)
    );
    let server = Server::start(vec![json(200, &big)]);
    let mut config = ClientConfig::new("k")
        .base_url(&server.base)
        .retry(RetryPolicy::none());
    config.max_response_bytes = 1024;
    let err = Client::new(config).unwrap().order_info(1).unwrap_err();
    assert!(err.to_string().contains("cap"), "{err}");
}

#[test]
fn cancel_sends_the_documented_request() {
    let server = Server::start(vec![Action::Respond(204, vec![], String::new())]);
    server
        .client("k")
        .cancel_order(112233, Some("duplicate"))
        .unwrap();
    let r = &server.received()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", "/services/v2/order/certificate/112233/status")
    );
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"status": "canceled", "note": "duplicate"})
    );
}

#[test]
fn approve_download_and_wait() {
    let server = Server::start(vec![Action::Respond(204, vec![], String::new())]);
    server
        .client("k")
        .update_request_status(113, RequestDecision::Approved, Some("ok"))
        .unwrap();
    let r = &server.received()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", "/services/v2/request/113/status")
    );
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"status": "approved", "processor_comment": "ok"})
    );

    let chain: serde_json::Value =
        serde_json::from_str(&read("tests/fixtures/responses/chain.json")).unwrap();
    let pem: String = chain["intermediates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["pem"].as_str().unwrap())
        .collect();
    let server = Server::start(vec![Action::Respond(
        200,
        vec![("Content-Type", "application/x-pem-file".into())],
        pem,
    )]);
    let c = server.client("k").download_chain(9000).unwrap();
    assert_eq!(
        server.received()[0].path,
        "/services/v2/certificate/9000/download/format/pem_all"
    );
    assert!(c.root.is_some());
    assert_eq!(
        server
            .client("k")
            .download_certificate(9000, "../x")
            .unwrap_err()
            .kind(),
        ErrorKind::Config
    );

    let pending = read("tests/fixtures/responses/order_info_pending.json");
    let issued = read("tests/fixtures/responses/order_info_issued.json");
    let server = Server::start(vec![
        json(200, &pending),
        json(200, &pending),
        json(200, &issued),
    ]);
    let mut polls = 0;
    let info = server
        .client("k")
        .wait_for_issuance_with(
            7,
            &WaitPolicy {
                timeout: Duration::from_secs(10),
                poll_interval: Duration::from_millis(10),
            },
            |_| polls += 1,
        )
        .unwrap();
    assert_eq!(info.status, certcentral::OrderStatus::Issued);
    assert_eq!(polls, 3);

    let server = Server::start(vec![json(200, &pending)]);
    let mut stops = 0;
    let stopped = server
        .client("k")
        .wait_for_issuance_until(
            7,
            &WaitPolicy {
                timeout: Duration::from_secs(60),
                poll_interval: Duration::from_secs(30),
            },
            |_| {},
            || {
                stops += 1;
                stops > 2
            },
        )
        .unwrap();
    assert!(stopped.is_none());
    assert_eq!(server.received().len(), 1, "stopped during the first sleep");

    let server = Server::start(vec![json(200, &pending)]);
    let err = server
        .client("k")
        .wait_for_issuance(
            7,
            &WaitPolicy {
                timeout: Duration::from_millis(100),
                poll_interval: Duration::from_millis(20),
            },
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
}

#[test]
fn find_recent_orders_filters_by_name_and_time() {
    let list = serde_json::json!({"orders": [
        {"id": 3, "status": "pending", "date_created": "2026-11-28T12:00:05+00:00", "certificate": {"common_name": "example.com"}},
        {"id": 2, "status": "issued", "date_created": "2026-11-28T11:00:00+00:00", "certificate": {"common_name": "example.com"}}
    ], "page": {"total": 2, "limit": 100, "offset": 0}});
    let server = Server::start(vec![json(200, &list.to_string())]);
    let since = std::time::UNIX_EPOCH + Duration::from_secs(1_795_867_200); // 2026-11-28T12:00:00Z
    let found = server
        .client("k")
        .find_recent_orders("example.com", since)
        .unwrap();
    assert_eq!(found.iter().map(|o| o.id).collect::<Vec<_>>(), vec![3]);
    let path = &server.received()[0].path;
    assert!(
        path.contains("filters%5Bcommon_name%5D=example.com"),
        "{path}"
    );
    assert!(path.contains("sort=-date_created"), "{path}");
}

#[test]
fn the_client_rate_limit_is_shared_by_threads() {
    let server = Server::start(vec![json(
        200,
        &read("tests/fixtures/responses/order_info_pending.json"),
    )]);
    let client = Client::new(ClientConfig::new("k").base_url(&server.base).rate_limit(
        RateLimitPolicy {
            enabled: true,
            windows: vec![(5, Duration::from_millis(400))],
            margin: Duration::ZERO,
        },
    ))
    .unwrap();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let c = client.clone();
            thread::spawn(move || (0..3).for_each(|_| drop(c.order_info(1).unwrap())))
        })
        .collect();
    handles.into_iter().for_each(|h| h.join().unwrap());
    let times: Vec<Instant> = server.received().iter().map(|r| r.at).collect();
    assert_eq!(times.len(), 12);
    for (i, t) in times.iter().enumerate() {
        let in_window = times[i..]
            .iter()
            .filter(|u| u.duration_since(*t) < Duration::from_millis(390))
            .count();
        assert!(in_window <= 5, "{in_window} requests within one window");
    }
}

#[test]
fn the_api_key_never_shows() {
    let server = Server::start(vec![json(
        403,
        &read("tests/fixtures/errors/invalid_key.json"),
    )]);
    let client = server.client(CANARY);
    let config = ClientConfig::new(CANARY);
    let err = client.order_info(1).unwrap_err();
    let texts = [
        format!("{client:?}"),
        format!("{config:?}"),
        format!("{err}"),
        format!("{err:?}"),
        format!("{}", config.api_key),
    ];
    for t in &texts {
        assert!(!t.contains(CANARY), "key leaked in {t}");
        assert!(!t.contains("CANARY"), "key leaked in {t}");
    }
    assert_eq!(server.received()[0].header("X-DC-DEVKEY"), Some(CANARY));
}

#[test]
fn host_names_resolve_and_are_reused() {
    let server = Server::start(vec![json(
        200,
        &read("tests/fixtures/responses/order_info_issued.json"),
    )]);
    let base = server.base.replace("127.0.0.1", "localhost");
    let client = Client::new(
        ClientConfig::new("k")
            .base_url(base)
            .rate_limit(RateLimitPolicy::disabled()),
    )
    .unwrap();
    for _ in 0..3 {
        assert!(client.order_info(1).is_ok());
    }
    assert_eq!(server.received().len(), 3);
}

#[test]
fn plain_http_is_refused_except_to_loopback() {
    let err = Client::new(ClientConfig::new("k").base_url("http://www.digicert.com/services/v2"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(Client::new(ClientConfig::new("k")).is_ok());
    assert!(Client::new(ClientConfig::new("k").region(certcentral::Region::Eu)).is_ok());
    assert_eq!(
        Client::new(ClientConfig::new("  ")).unwrap_err().kind(),
        ErrorKind::Config
    );
}
