//! A fixed-answer HTTP/1.1 keep-alive server on 127.0.0.1 for `cargo xtask bench`.
//!
//! Every `POST` gets `201 Created` with the seed's first response body (`pending`), whatever
//! it carries; `GET /__stats` answers the counters as JSON (`connections` that carried a POST,
//! `posts`, `body_bytes`), so the bench can tell whether a client reused its connection.
//! One thread per connection, `TCP_NODELAY`, each answer written with one `write` call.
//!
//! Usage: `fixed-server [--port 0] [--body FILE] [--max-seconds 1800]`. Prints
//! `LISTENING http://127.0.0.1:PORT` and runs until its standard input closes (the bench holds
//! a pipe) or `--max-seconds` pass, whichever is first.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

use certcentral_bench_loopback::{Conn, arg, num_arg};

/// The seed's first 201 body (request `pending`), byte for byte.
const PENDING: &str = include_str!("../../../../tests/fixtures/responses/pending.json");

static CONNECTIONS: AtomicU64 = AtomicU64::new(0);
static POSTS: AtomicU64 = AtomicU64::new(0);
static BODY_BYTES: AtomicU64 = AtomicU64::new(0);
static ACTIVE: AtomicUsize = AtomicUsize::new(0);
const MAX_ACTIVE: usize = 256;

fn response(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn handle(stream: TcpStream, answer: &[u8]) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(120)));
    let mut conn = Conn::new(stream);
    let mut counted = false;
    while let Ok(Some(frame)) = conn.read_message() {
        let head = &conn.buf()[..frame.head_len];
        let reply: Vec<u8>;
        let out: &[u8] = if head.starts_with(b"POST ") {
            if !counted {
                counted = true;
                CONNECTIONS.fetch_add(1, Relaxed);
            }
            POSTS.fetch_add(1, Relaxed);
            BODY_BYTES.fetch_add(frame.body_len as u64, Relaxed);
            answer
        } else if head.starts_with(b"GET /__stats ") {
            reply = response(
                "200 OK",
                &format!(
                    "{{\"connections\":{},\"posts\":{},\"body_bytes\":{}}}",
                    CONNECTIONS.load(Relaxed),
                    POSTS.load(Relaxed),
                    BODY_BYTES.load(Relaxed)
                ),
            );
            &reply
        } else {
            reply = response("404 Not Found", "{\"errors\":[{\"code\":\"not_found\"}]}");
            &reply
        };
        if conn.get_mut().write_all(out).is_err() {
            break;
        }
        conn.consume(frame.len());
        if frame.close {
            break;
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port = num_arg(&args, "--port", 0) as u16;
    let max_seconds = num_arg(&args, "--max-seconds", 1800);
    let body = match arg(&args, "--body") {
        Some(path) => std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
        None => PENDING.to_owned(),
    };
    let answer: Arc<[u8]> = response("201 Created", &body).into();

    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind 127.0.0.1");
    println!(
        "LISTENING http://{}",
        listener.local_addr().expect("local addr")
    );
    std::io::stdout().flush().expect("stdout");

    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(max_seconds));
        eprintln!("fixed-server: --max-seconds {max_seconds} passed, exiting");
        std::process::exit(3);
    });
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            if ACTIVE.load(Relaxed) >= MAX_ACTIVE {
                continue; // dropped: bounded thread count
            }
            ACTIVE.fetch_add(1, Relaxed);
            let answer = Arc::clone(&answer);
            std::thread::spawn(move || {
                handle(stream, &answer);
                ACTIVE.fetch_sub(1, Relaxed);
            });
        }
    });
    // Run until the bench closes our standard input.
    let mut sink = [0u8; 256];
    let mut stdin = std::io::stdin();
    while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
}
