//! `certcentral sandbox`: the two announced lines, a full lifecycle through them, and clean
//! exits on stdin EOF and on SIGTERM.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use certcentral::{Client, ClientConfig, RequestDecision, WaitPolicy};
use common::*;

/// A child process that is killed if a test fails before it stops.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

fn spawn(extra: &[&str]) -> (Running, BufReader<ChildStdout>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_certcentral"))
        .args(["sandbox", "--port", "0"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let base = line
        .strip_prefix("base_url: ")
        .unwrap_or_else(|| panic!("first line: {line:?}"))
        .trim_end()
        .to_owned();
    line.clear();
    stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "api_key: cc-sandbox-key\n");
    (Running(child), stdout, base, "cc-sandbox-key".to_owned())
}

/// Waits (bounded) for the child to exit; kills it if it does not.
fn wait_exit(child: &mut Running) -> Option<i32> {
    let child = &mut child.0;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the sandbox did not stop");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn announces_its_url_and_key_then_serves_a_lifecycle_until_stdin_closes() {
    let (mut child, mut stdout, base, key) = spawn(&[
        "--exit-on-stdin-eof",
        "--issue-delay",
        "0",
        "--approval",
        "manual",
    ]);
    assert!(
        base.starts_with("http://127.0.0.1:") && base.ends_with("/services/v2"),
        "{base}"
    );
    let client = Client::new(ClientConfig::new(key.as_str()).base_url(base.as_str())).unwrap();
    let order = certcentral::parse_order(&example_order().to_string()).unwrap();
    let resp = client.submit_order("ssl_securesite_pro", &order).unwrap();
    client
        .update_request_status(resp.requests[0].id, RequestDecision::Approved, None)
        .unwrap();
    let info = client
        .wait_for_issuance(
            resp.id,
            &WaitPolicy {
                timeout: Duration::from_secs(10),
                poll_interval: Duration::from_millis(50),
            },
        )
        .unwrap();
    let chain = client
        .download_chain(info.certificate_id().unwrap())
        .unwrap();
    assert_eq!(chain.leaf.subject_common_name, "example.com");
    drop(child.0.stdin.take());
    assert_eq!(wait_exit(&mut child), Some(0));
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(rest.is_empty(), "only the two lines on stdout: {rest:?}");
}

#[test]
fn the_cli_talks_to_it_through_the_announced_lines() {
    let (mut child, _stdout, base, key) = spawn(&[
        "--exit-on-stdin-eof",
        "--approval",
        "immediate",
        "--no-rate-limit",
    ]);
    let dir = temp_dir("external");
    let (out, _) = run(
        certcentral().env("DIGICERT_API_KEY", &key).args([
            "--base-url",
            &base,
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_securesite_pro",
            "--out",
            dir.to_str().unwrap(),
        ]),
        0,
    );
    assert!(out.contains("issued"), "{out}");
    verify_dir(&dir);
    std::fs::remove_dir_all(dir).unwrap();
    drop(child.0.stdin.take());
    assert_eq!(wait_exit(&mut child), Some(0));
}

#[cfg(unix)]
#[test]
fn sigterm_stops_it_cleanly() {
    let (mut child, _stdout, base, _) = spawn(&[]);
    let status = Command::new("kill")
        .args(["-TERM", &child.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(wait_exit(&mut child), Some(0));
    assert!(
        std::net::TcpStream::connect(
            base.trim_start_matches("http://")
                .trim_end_matches("/services/v2")
        )
        .is_err()
    );
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (_, err) = run(certcentral().args(["sandbox", "--port", &port]), 9);
    assert!(err.contains("cannot start the sandbox"), "{err}");
}
