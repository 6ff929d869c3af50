//! Connection handling: bursts of new connections while others stay open (every request is
//! answered promptly; tiny_http's thread pool used to leave some queued for seconds), idle
//! keep-alive connections that stay usable, no Nagle stall on small answers, faults that
//! close a kept-alive connection, and shutdown with connections open.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use certcentral::{Client, ClientConfig, RateLimitPolicy, RetryPolicy};
use certcentral_sandbox::{Approval, Fault, FaultKind, Sandbox, SandboxConfig};

/// Writes `request` on `stream` and reads one answer (Content-Length framed): its status,
/// head and body. Fails on a read timeout or a closed connection.
fn exchange(
    stream: &mut BufReader<TcpStream>,
    request: &[u8],
) -> std::io::Result<(u16, String, Vec<u8>)> {
    stream.get_mut().write_all(request)?;
    let mut head = String::new();
    if stream.read_line(&mut head)? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {head:?}")))?;
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().map_err(std::io::Error::other)?;
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body)?;
    Ok((status, head, body))
}

const GET_APPROVAL: &[u8] = b"GET /__sandbox/approval HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

/// `GET /__sandbox/approval` on `stream`; the status.
fn get_approval(stream: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    exchange(stream, GET_APPROVAL).map(|(status, _, _)| status)
}

/// `GET /services/v2/order/certificate/1` with the sandbox's key.
fn get_order(sb: &Sandbox) -> Vec<u8> {
    format!(
        "GET /services/v2/order/certificate/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-DC-DEVKEY: {}\r\n\r\n",
        sb.api_key()
    )
    .into_bytes()
}

/// Everything left on the connection until the server closes it, and how long that took.
fn read_until_closed(stream: &mut BufReader<TcpStream>) -> (Vec<u8>, Duration) {
    let started = Instant::now();
    let mut rest = Vec::new();
    stream
        .read_to_end(&mut rest)
        .expect("the server closes the connection (no read timeout)");
    (rest, started.elapsed())
}

fn connect(addr: SocketAddr) -> BufReader<TcpStream> {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    BufReader::new(s)
}

#[test]
fn simultaneous_new_connections_are_answered_promptly_while_others_stay_open() {
    const ROUNDS: usize = 15;
    const PER_ROUND: usize = 8;
    let sb = common::start(Approval::Manual, Duration::ZERO);
    let addr = sb.addr();
    let mut kept: Vec<BufReader<TcpStream>> = Vec::new();
    let mut slow = Vec::new();
    let mut slowest = Duration::ZERO;
    for round in 0..ROUNDS {
        let barrier = Arc::new(Barrier::new(PER_ROUND));
        let handles: Vec<_> = (0..PER_ROUND)
            .map(|_| {
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    let started = Instant::now();
                    let mut conn = connect(addr);
                    let status = get_approval(&mut conn);
                    (conn, status, started.elapsed())
                })
            })
            .collect();
        for (i, h) in handles.into_iter().enumerate() {
            let (conn, status, took) = h.join().unwrap();
            slowest = slowest.max(took);
            match status {
                Ok(200) if took < Duration::from_secs(2) => {}
                other => slow.push(format!("round {round} #{i}: {other:?} after {took:?}")),
            }
            if i % 2 == 0 {
                kept.push(conn);
            }
        }
    }
    println!(
        "{} connections, {} kept open, slowest answer {slowest:?}",
        ROUNDS * PER_ROUND,
        kept.len()
    );
    assert!(slow.is_empty(), "stalled or failed: {slow:#?}");
    // The idle keep-alive connections still work.
    for (i, conn) in kept.iter_mut().enumerate() {
        let started = Instant::now();
        let status = get_approval(conn);
        assert!(
            matches!(status, Ok(200)) && started.elapsed() < Duration::from_secs(2),
            "kept connection {i}: {status:?} after {:?}",
            started.elapsed()
        );
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[test]
fn small_answers_on_a_reused_connection_do_not_wait_for_a_delayed_ack() {
    let sb = Sandbox::start(SandboxConfig {
        approval: Approval::Manual,
        issue_delay: Duration::ZERO,
        rate_limits: None,
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
    let order = certcentral::parse_order(&common::example_order().to_string()).unwrap();
    let id = client
        .submit_order("ssl_securesite_pro", &order)
        .unwrap()
        .id;
    let gets: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            client.order_info(id).unwrap();
            t.elapsed()
        })
        .collect();
    let posts: Vec<Duration> = (0..50)
        .map(|_| {
            let t = Instant::now();
            client.submit_order("ssl_securesite_pro", &order).unwrap();
            t.elapsed()
        })
        .collect();
    let (get, post) = (median(gets), median(posts));
    println!("median GET order info {get:?}, median POST submit {post:?}");
    // A Nagle / delayed-ACK stall costs ~40 ms a request.
    assert!(get < Duration::from_millis(20), "GET median {get:?}");
    assert!(post < Duration::from_millis(30), "POST median {post:?}");
}

#[test]
fn faults_that_close_the_connection_close_a_keep_alive_connection_at_once() {
    let sb = common::start(Approval::Manual, Duration::ZERO);
    for kind in [
        FaultKind::DropBeforeResponse,
        FaultKind::DropAfterBody,
        FaultKind::TruncatedBody,
    ] {
        let mut conn = connect(sb.addr());
        // The connection has served an answer and is kept alive.
        assert_eq!(exchange(&mut conn, &get_order(&sb)).unwrap().0, 404);
        sb.inject(Fault::new(kind)).unwrap();
        conn.get_mut().write_all(&get_order(&sb)).unwrap();
        let (got, took) = read_until_closed(&mut conn);
        assert!(
            took < Duration::from_secs(1),
            "{kind:?}: closed after {took:?}"
        );
        let text = String::from_utf8_lossy(&got);
        if kind == FaultKind::TruncatedBody {
            let (head, body) = text.split_once("\r\n\r\n").expect("a head");
            assert!(head.starts_with("HTTP/1.1 404"), "{head}");
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .unwrap()
                .parse()
                .unwrap();
            assert!(length > body.len(), "{length} vs {}", body.len());
        } else {
            assert!(got.is_empty(), "{kind:?}: {text}");
        }
        // The server goes on serving new connections.
        assert_eq!(get_approval(&mut connect(sb.addr())).unwrap(), 200);
    }
}

#[test]
fn an_oversized_request_body_is_413_and_the_connection_stays_usable() {
    let sb = common::start(Approval::Manual, Duration::ZERO);
    let mut conn = connect(sb.addr());
    let body = vec![b'x'; 1024 * 1024 + 1];
    let mut request = format!(
        "POST /services/v2/order/certificate/ssl_securesite_pro HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         X-DC-DEVKEY: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        sb.api_key(),
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    let (status, _, answer) = exchange(&mut conn, &request).unwrap();
    assert_eq!(status, 413, "{}", String::from_utf8_lossy(&answer));
    assert!(String::from_utf8_lossy(&answer).contains("request_too_large"));
    assert_eq!(get_approval(&mut conn).unwrap(), 200, "same connection");
    assert!(sb.log().orders.is_empty());
}

#[test]
fn shutdown_closes_idle_connections_and_does_not_wait_for_a_long_latency_fault() {
    let sb = common::start(Approval::Manual, Duration::ZERO);
    let mut idle = connect(sb.addr());
    assert_eq!(get_approval(&mut idle).unwrap(), 200);
    sb.inject(Fault::new(FaultKind::Latency).latency(Duration::from_secs(60)))
        .unwrap();
    let mut waiting = connect(sb.addr());
    waiting.get_mut().write_all(&get_order(&sb)).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    sb.shutdown();
    let took = started.elapsed();
    assert!(took < Duration::from_millis(900), "shutdown took {took:?}");
    let (got, closed) = read_until_closed(&mut idle);
    assert!(got.is_empty() && closed < Duration::from_secs(1));
    let (got, closed) = read_until_closed(&mut waiting);
    assert!(got.is_empty() && closed < Duration::from_secs(1));
}
