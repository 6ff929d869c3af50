//! `certcentral order submit`: the README's command, every approval mode, keys, and refusals.

mod common;

use std::process::Stdio;

use certcentral_sandbox::{Approval, Fault, FaultKind};
use common::*;
use serde_json::{Value, json};

#[test]
fn the_readme_command_runs_the_whole_lifecycle() {
    let dir = temp_dir("readme");
    let out_dir = dir.join("demo");
    let (out, err) = run(
        certcentral().args([
            "order",
            "submit",
            EXAMPLE,
            "--product",
            "ssl_securesite_pro",
            "--sandbox",
            "--wait",
            "--out",
            out_dir.to_str().unwrap(),
        ]),
        0,
    );
    assert!(
        out.contains("order 112233 issued: certificate 900001 for example.com"),
        "{out}"
    );
    assert!(out.contains("openssl verify"), "{out}");
    for step in ["submitted order 112233", "approved request 113", "issued"] {
        assert!(err.contains(step), "{step} missing from:\n{err}");
    }
    for f in ["chain.pem", "leaf.pem", "intermediates.pem", "root.pem"] {
        assert!(out_dir.join(f).is_file(), "{f}");
    }
    verify_dir(&out_dir);
    let chain = std::fs::read_to_string(out_dir.join("chain.pem")).unwrap();
    assert_eq!(
        chain.matches("BEGIN CERTIFICATE").count(),
        2,
        "leaf + intermediate"
    );
    let text = openssl(&[
        "x509",
        "-in",
        out_dir.join("leaf.pem").to_str().unwrap(),
        "-noout",
        "-subject",
        "-ext",
        "subjectAltName",
    ]);
    assert!(
        text.contains("CN = example.com") && text.contains("DNS:example3.com"),
        "{text}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn immediate_mode_writes_the_chain_without_waiting() {
    let dir = temp_dir("immediate");
    let (out, _) = run(
        certcentral().args([
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_securesite_pro",
            "--sandbox",
            "--approval",
            "immediate",
            "--out",
            dir.to_str().unwrap(),
        ]),
        0,
    );
    assert!(out.contains("issued"), "{out}");
    verify_dir(&dir);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn json_output_for_scripts() {
    let (out, err) = run(
        certcentral().args([
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_securesite_pro",
            "--sandbox",
            "--approval",
            "auto",
            "--issue-delay",
            "0.2",
            "--wait",
            "--json",
        ]),
        0,
    );
    assert!(err.is_empty(), "nothing on stderr with --json: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "issued");
    assert_eq!(v["order"]["requests"][0]["status"], "approved");
    assert_eq!(v["certificate_id"], 900_001);
    assert_eq!(v["chain"]["leaf"]["subject_common_name"], "example.com");
    assert_eq!(v["approved_requests"], json!([]));
}

#[test]
fn without_wait_the_next_steps_are_shown() {
    let (out, _) = run(
        certcentral().args([
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_securesite_pro",
            "--sandbox",
        ]),
        0,
    );
    assert!(
        out.contains("order 112233 submitted (request 113: pending)"),
        "{out}"
    );
    assert!(out.contains("certcentral request approve 113"), "{out}");
    assert!(out.contains("--wait"), "{out}");
}

#[test]
fn generate_key_writes_a_private_key_and_the_leaf_certifies_it() {
    let dir = temp_dir("keygen");
    let (out, _) = run(
        certcentral().args([
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_securesite_pro",
            "--sandbox",
            "--wait",
            "--generate-key",
            "--out",
            dir.to_str().unwrap(),
        ]),
        0,
    );
    assert!(out.contains("key.pem") && out.contains("csr.pem"), "{out}");
    let key = dir.join("key.pem");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    verify_dir(&dir);
    let key_pub = openssl(&["pkey", "-in", key.to_str().unwrap(), "-pubout"]);
    let leaf_pub = openssl(&[
        "x509",
        "-in",
        dir.join("leaf.pem").to_str().unwrap(),
        "-noout",
        "-pubkey",
    ]);
    assert_eq!(key_pub, leaf_pub);
    let csr = openssl(&[
        "req",
        "-in",
        dir.join("csr.pem").to_str().unwrap(),
        "-noout",
        "-text",
    ]);
    assert!(
        csr.contains("CN = example.com") && csr.contains("DNS:example3.com"),
        "{csr}"
    );
    assert!(csr.contains("prime256v1") || csr.contains("P-256"), "{csr}");

    // A second run never overwrites the key.
    let before = std::fs::read(&key).unwrap();
    let (_, err) = run(
        certcentral().args([
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_securesite_pro",
            "--sandbox",
            "--generate-key",
            "--out",
            dir.to_str().unwrap(),
        ]),
        9,
    );
    assert!(err.contains("refusing to overwrite"), "{err}");
    assert_eq!(std::fs::read(&key).unwrap(), before);
    let (_, err) = run(
        certcentral().args([
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_basic",
            "--sandbox",
            "--generate-key",
        ]),
        2,
    );
    assert!(err.contains("--out"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn approve_flag_against_a_running_sandbox() {
    let sb = sandbox(Approval::Manual);
    let dir = temp_dir("approve");
    let (out, err) = run(
        against(&sb).args([
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_securesite_pro",
            "--approve",
            "--wait",
            "--out",
            dir.to_str().unwrap(),
        ]),
        0,
    );
    assert!(out.contains("issued"), "{out}");
    assert!(err.contains("approved request 113"), "{err}");
    verify_dir(&dir);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn waiting_without_approval_times_out() {
    let sb = sandbox(Approval::Manual);
    let (_, err) = run(
        against(&sb).args([
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_securesite_pro",
            "--wait",
            "--timeout",
            "1",
        ]),
        6,
    );
    assert!(err.contains("still needs_approval"), "{err}");
    assert!(err.contains("certcentral request approve 113"), "{err}");
}

#[test]
fn a_rejected_order_ends_the_wait_with_exit_10() {
    let sb = sandbox(Approval::Manual);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_certcentral"))
        .current_dir(root())
        .env("DIGICERT_API_KEY", sb.api_key())
        .args([
            "--base-url",
            sb.base_url(),
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_basic",
            "--wait",
            "--timeout",
            "30",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    eventually("the order", || !sb.log().orders.is_empty());
    let client = certcentral::Client::new(
        certcentral::ClientConfig::new(sb.api_key()).base_url(sb.base_url()),
    )
    .unwrap();
    client
        .update_request_status(113, certcentral::RequestDecision::Rejected, Some("no"))
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(10),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("ended rejected"));
}

#[test]
fn invalid_orders_are_refused_before_anything_is_sent() {
    let sb = sandbox(Approval::Manual);
    let dir = temp_dir("refused");
    let mut order = example_order();
    order["certificate"]["signature_hash"] = json!("md5");
    let file = order_file(&dir, "bad.json", &order);
    let (_, err) = run(
        against(&sb).args([
            "order",
            "submit",
            file.to_str().unwrap(),
            "-p",
            "ssl_basic",
            "--generate-key",
            "--out",
            dir.to_str().unwrap(),
        ]),
        1,
    );
    assert!(err.contains("nothing was sent"), "{err}");
    assert!(err.contains("certificate.signature_hash"), "{err}");
    assert!(!dir.join("key.pem").exists(), "no key for an invalid order");
    assert!(sb.log().requests.is_empty());
    let (_, err) = run(
        against(&sb).args(["order", "submit", "missing.json", "-p", "ssl_basic"]),
        2,
    );
    assert!(err.contains("cannot read missing.json"), "{err}");
    std::fs::write(dir.join("broken.json"), "not json").unwrap();
    let (_, err) = run(
        against(&sb).args([
            "order",
            "submit",
            dir.join("broken.json").to_str().unwrap(),
            "-p",
            "ssl_basic",
        ]),
        1,
    );
    assert!(err.contains("not valid JSON"), "{err}");
    assert!(sb.log().requests.is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn no_key_and_no_sandbox_is_a_clear_usage_error() {
    let (_, err) = run(
        certcentral().args(["order", "submit", EXAMPLE, "-p", "ssl_securesite_pro"]),
        2,
    );
    assert!(
        err.contains("no API key") && err.contains("DIGICERT_API_KEY") && err.contains("--sandbox"),
        "{err}"
    );
    let (_, err) = run(certcentral().args(["order", "info", "1"]), 2);
    assert!(err.contains("no API key"), "{err}");
    let (_, err) = run(
        certcentral().args([
            "order",
            "info",
            "1",
            "--sandbox",
            "--base-url",
            "http://127.0.0.1:1/services/v2",
        ]),
        2,
    );
    assert!(err.contains("exclude"), "{err}");
    let (_, err) = run(
        certcentral().env("DIGICERT_API_KEY", CANARY).args([
            "order",
            "info",
            "1",
            "--base-url",
            "http://example.com/services/v2",
        ]),
        2,
    );
    assert!(err.contains("plain HTTP"), "{err}");
}

#[test]
fn a_wrong_key_is_exit_3_and_never_printed() {
    let sb = sandbox(Approval::Manual);
    let (_, err) = run(
        certcentral().env("DIGICERT_API_KEY", CANARY).args([
            "--base-url",
            sb.base_url(),
            "order",
            "submit",
            EXAMPLE,
            "-p",
            "ssl_securesite_pro",
        ]),
        3,
    );
    assert!(
        err.contains("authentication failed") && err.contains("access_denied_invalid_key"),
        "{err}"
    );
    let dir = temp_dir("keyfile");
    let key_file = dir.join("key.txt");
    std::fs::write(&key_file, format!("{CANARY}\n")).unwrap();
    for args in [
        vec!["order", "info", "112233"],
        vec!["order", "list"],
        vec!["request", "approve", "113"],
        vec!["cert", "download", "900001", "--out", "-"],
    ] {
        let mut cmd = certcentral();
        cmd.args([
            "--api-key-file",
            key_file.to_str().unwrap(),
            "--base-url",
            sb.base_url(),
        ])
        .args(&args);
        run(&mut cmd, 3);
        let mut cmd = certcentral();
        cmd.env("DIGICERT_API_KEY", CANARY)
            .args(["--base-url", sb.base_url(), "--json"])
            .args(&args);
        let (out, _) = run(&mut cmd, 3);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["error"]["kind"], "authentication");
        assert_eq!(v["error"]["exit_code"], 3);
    }
    let (_, err) = run(
        certcentral().args(["--api-key-file", "no/such/key", "order", "info", "1"]),
        2,
    );
    assert!(err.contains("cannot read the API key file"), "{err}");
    assert!(sb.log().orders.is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_lost_answer_is_exit_7_with_a_hint() {
    let sb = sandbox(Approval::Manual);
    sb.inject(Fault::new(FaultKind::DropAfterBody).method("POST"))
        .unwrap();
    let (_, err) = run(
        against(&sb).args(["order", "submit", EXAMPLE, "-p", "ssl_securesite_pro"]),
        7,
    );
    assert!(
        err.contains("answer was lost") && err.contains("order list --common-name"),
        "{err}"
    );
    assert_eq!(sb.log().orders.len(), 1);
    let (out, _) = run(
        against(&sb).args(["order", "list", "--common-name", "example.com"]),
        0,
    );
    assert!(out.contains("112233"), "{out}");
}
