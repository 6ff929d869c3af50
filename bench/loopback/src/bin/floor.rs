//! The floor of a submit round trip: a prebuilt request (the same order body the clients send)
//! written with one `write` on one kept-alive socket, and the answer read until its
//! `Content-Length` is complete. No validation, no serialization, no JSON parsing: what is
//! left is the kernel's loopback path and the server.
//!
//! Usage: `floor --url http://127.0.0.1:PORT/services/v2 --payload FILE [--key K]
//! [--product P] [--calls N] [--warmup W] [--threads T]` (with T threads, each has its own
//! socket and makes N/T calls). Prints one JSON line (see `result_line`).

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::Instant;

use certcentral_bench_loopback::{Conn, arg, num_arg, result_line};

fn call(conn: &mut Conn<TcpStream>, request: &[u8]) {
    conn.get_mut().write_all(request).expect("write request");
    let frame = conn
        .read_message()
        .expect("read answer")
        .expect("server closed");
    assert!(
        conn.buf().starts_with(b"HTTP/1.1 201"),
        "unexpected answer: {}",
        String::from_utf8_lossy(&conn.buf()[..frame.head_len])
    );
    conn.consume(frame.len());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let url = arg(&args, "--url").expect("--url http://127.0.0.1:PORT/services/v2");
    let payload_path = arg(&args, "--payload").expect("--payload FILE");
    let key = arg(&args, "--key").unwrap_or_else(|| "bench-key".into());
    let product = arg(&args, "--product").unwrap_or_else(|| "ssl_securesite_pro".into());
    let calls = num_arg(&args, "--calls", 1000) as usize;
    let warmup = num_arg(&args, "--warmup", 100) as usize;
    let threads = num_arg(&args, "--threads", 1).max(1) as usize;

    let rest = url.strip_prefix("http://").expect("an http:// URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let payload = std::fs::read(&payload_path).unwrap_or_else(|e| panic!("{payload_path}: {e}"));
    let mut request = format!(
        "POST {path}/order/certificate/{product} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: floor\r\n\
         Accept: application/json\r\nX-DC-DEVKEY: {key}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    request.extend_from_slice(&payload);
    let request: Arc<[u8]> = request.into();

    let start = Arc::new(Barrier::new(threads + 1));
    let per_thread = calls / threads;
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (request, start, host) =
                (Arc::clone(&request), Arc::clone(&start), host.to_owned());
            std::thread::spawn(move || {
                let stream = TcpStream::connect(&host).expect("connect");
                stream.set_nodelay(true).expect("nodelay");
                let mut conn = Conn::new(stream);
                for _ in 0..warmup {
                    call(&mut conn, &request);
                }
                start.wait();
                let mut samples = Vec::with_capacity(per_thread);
                for _ in 0..per_thread {
                    let t = Instant::now();
                    call(&mut conn, &request);
                    samples.push(t.elapsed().as_nanos() as u64);
                }
                samples
            })
        })
        .collect();
    start.wait();
    let t0 = Instant::now();
    let mut samples = Vec::with_capacity(calls);
    for w in workers {
        samples.extend(w.join().expect("worker panicked"));
    }
    let wall = t0.elapsed().as_nanos();
    println!("{}", result_line("floor", threads, wall, &samples));
}
