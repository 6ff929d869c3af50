//! Helpers shared by the CLI's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use certcentral_sandbox::{Approval, Sandbox, SandboxConfig};
use serde_json::Value;

/// A key that must never appear in any output.
pub const CANARY: &str = "CANARY-KEY-0123456789";

/// The workspace root (commands run there, so `examples/…` paths work).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `certcentral` with no API key in its environment, run from the workspace root.
pub fn certcentral() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_certcentral"));
    cmd.env_remove("DIGICERT_API_KEY")
        .env("NO_COLOR", "1")
        .current_dir(root())
        .timeout(Duration::from_secs(90));
    cmd
}

/// `certcentral` pointed at `sb` with its key in `DIGICERT_API_KEY`.
pub fn against(sb: &Sandbox) -> Command {
    let mut cmd = certcentral();
    cmd.env("DIGICERT_API_KEY", sb.api_key())
        .args(["--base-url", sb.base_url()]);
    cmd
}

/// A sandbox for a test: no rate limits, a short delay.
pub fn sandbox(approval: Approval) -> Sandbox {
    Sandbox::start(SandboxConfig {
        approval,
        issue_delay: Duration::from_millis(200),
        rate_limits: None,
        ..SandboxConfig::default()
    })
    .unwrap()
}

/// The example order.
pub const EXAMPLE: &str = "examples/securesite-pro.json";

/// The example order as JSON.
pub fn example_order() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(EXAMPLE)).unwrap()).unwrap()
}

/// A fresh temporary directory.
pub fn temp_dir(name: &str) -> PathBuf {
    use std::hash::{BuildHasher, RandomState};
    let dir = std::env::temp_dir().join(format!(
        "certcentral-cli-{}-{name}-{:x}",
        std::process::id(),
        RandomState::new().hash_one(Instant::now())
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `value` as an order file in `dir`.
pub fn order_file(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, value.to_string()).unwrap();
    path
}

/// stdout and stderr as text.
pub fn texts(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs and checks the exit code; returns (stdout, stderr). The canary key never shows.
pub fn run(cmd: &mut Command, code: i32) -> (String, String) {
    let out = cmd.output().unwrap();
    let (stdout, stderr) = texts(&out);
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(!stdout.contains(CANARY) && !stderr.contains(CANARY));
    (stdout, stderr)
}

/// Runs openssl; panics with its output when it fails.
pub fn openssl(args: &[&str]) -> String {
    let out = std::process::Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl is installed");
    let (stdout, stderr) = texts(&out);
    assert!(out.status.success(), "openssl {args:?}: {stdout}{stderr}");
    stdout
}

/// `openssl verify` of a `--out` directory.
pub fn verify_dir(dir: &Path) {
    let p = |n: &str| dir.join(n).display().to_string();
    let out = openssl(&[
        "verify",
        "-CAfile",
        &p("root.pem"),
        "-untrusted",
        &p("intermediates.pem"),
        &p("leaf.pem"),
    ]);
    assert!(out.contains(": OK"), "{out}");
}

/// Submits the example order through the library client; returns (order id, request id).
pub fn place_order(sb: &Sandbox) -> (u64, u64) {
    let client = certcentral::Client::new(
        certcentral::ClientConfig::new(sb.api_key()).base_url(sb.base_url()),
    )
    .unwrap();
    let order = certcentral::parse_order(&example_order().to_string()).unwrap();
    let resp = client.submit_order("ssl_securesite_pro", &order).unwrap();
    (resp.id, resp.requests.first().map_or(0, |r| r.id))
}

/// Polls until `f` is true, for at most 10 s.
pub fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
