//! `certcentral validate`, and the help texts.

mod common;

use common::*;
use serde_json::{Value, json};

#[test]
fn help_is_there_for_every_command() {
    let (out, _) = run(certcentral().arg("--help"), 0);
    for word in [
        "validate",
        "order",
        "request",
        "cert",
        "sandbox",
        "--sandbox",
        "DIGICERT_API_KEY",
        "Exit codes",
    ] {
        assert!(out.contains(word), "{word} missing from:\n{out}");
    }
    let (out, _) = run(certcentral().args(["order", "submit", "--help"]), 0);
    for word in [
        "--wait",
        "--approve",
        "--out",
        "--generate-key",
        "--timeout",
        "0600",
    ] {
        assert!(out.contains(word), "{word} missing from:\n{out}");
    }
    run(certcentral().args(["sandbox", "--help"]), 0);
    run(certcentral().args(["cert", "download", "--help"]), 0);
    let (out, _) = run(certcentral().arg("--version"), 0);
    assert!(out.starts_with("certcentral "));
    let (_, err) = run(certcentral().args(["order", "launch"]), 2);
    assert!(err.contains("unrecognized subcommand"));
    run(&mut certcentral(), 2);
}

#[test]
fn a_valid_order_passes_with_its_warnings() {
    let (out, _) = run(
        certcentral().args(["validate", EXAMPLE, "--product", "ssl_securesite_pro"]),
        0,
    );
    assert!(out.contains("valid for ssl_securesite_pro"), "{out}");
    assert!(
        out.contains("warning  certificate.organization_units"),
        "{out}"
    );
    assert!(out.contains("[deprecated_field]"), "{out}");
    let (out, _) = run(
        certcentral().args(["validate", EXAMPLE, "-p", "ssl_securesite_pro", "--json"]),
        0,
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], true);
    assert!(!v["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn an_invalid_order_lists_every_violation_with_its_path() {
    let dir = temp_dir("invalid");
    let mut order = example_order();
    order["validity_years"] = json!(3);
    order["certificate"]["dns_names"] = json!(["ok.example.com", "bad name.example.com"]);
    order["organization"]["contacts"][1]["email"] = json!("not-an-email");
    let file = order_file(&dir, "bad.json", &order);
    let file = file.to_str().unwrap();
    let (out, err) = run(
        certcentral().args(["validate", file, "--product", "ssl_securesite_pro"]),
        1,
    );
    assert!(
        out.contains("INVALID for ssl_securesite_pro (3 violations"),
        "{out}"
    );
    for line in [
        "error    validity_years:",
        "error    certificate.dns_names[1]:",
        "error    organization.contacts[1].email:",
        "[out_of_range]",
        "[invalid_domain]",
        "[invalid_email]",
    ] {
        assert!(out.contains(line), "{line} missing from:\n{out}");
    }
    assert!(err.contains("error: ") && err.contains("is not a valid ssl_securesite_pro order"));
    let (out, err) = run(
        certcentral().args([
            "validate",
            file,
            "--product",
            "ssl_securesite_pro",
            "--json",
        ]),
        1,
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], false);
    let mut paths: Vec<&str> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "certificate.dns_names[1]",
            "organization.contacts[1].email",
            "validity_years"
        ]
    );
    assert!(err.is_empty(), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn today_drives_the_date_rules() {
    let dir = temp_dir("today");
    let mut order = example_order();
    order.as_object_mut().unwrap().remove("validity_years");
    order["custom_expiration_date"] = json!("2030-06-01");
    let file = order_file(&dir, "dated.json", &order);
    let file = file.to_str().unwrap();
    let args = |today: &str| {
        let mut c = certcentral();
        c.args(["validate", file, "--product", "ssl_basic", "--today", today]);
        c
    };
    run(&mut args("2030-01-01"), 0);
    let (out, _) = run(&mut args("2031-01-01"), 1);
    assert!(
        out.contains("custom_expiration_date") && out.contains("[date_out_of_range]"),
        "{out}"
    );
    let (_, err) = run(&mut args("01/01/2030"), 2);
    assert!(err.contains("--today"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bad_input_gets_a_clear_message_and_its_exit_code() {
    let (_, err) = run(
        certcentral().args(["validate", "no/such/order.json", "--product", "ssl_basic"]),
        2,
    );
    assert!(err.contains("cannot read no/such/order.json"), "{err}");
    let dir = temp_dir("notjson");
    let file = dir.join("broken.json");
    std::fs::write(&file, "{\"certificate\": ").unwrap();
    let (out, err) = run(
        certcentral().args(["validate", file.to_str().unwrap(), "--product", "ssl_basic"]),
        1,
    );
    assert!(out.contains("not valid JSON"), "{out}");
    assert!(err.contains("error:"), "{err}");
    let (_, err) = run(
        certcentral().args(["validate", EXAMPLE, "--product", "Not A Product"]),
        2,
    );
    assert!(err.contains("not a product id"), "{err}");
    let (_, err) = run(certcentral().args(["validate", EXAMPLE]), 2);
    assert!(err.contains("--product"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_examples_validate_as_documented() {
    for (file, product, code) in [
        ("examples/securesite-pro.json", "ssl_securesite_pro", 0),
        ("examples/flex-skip-approval.json", "ssl_securesite_flex", 0),
        ("examples/new-organization-wildcard.json", "ssl_basic", 0),
        ("examples/invalid.json", "ssl_securesite_pro", 1),
    ] {
        let (out, _) = run(
            certcentral().args(["validate", file, "--product", product, "--json"]),
            code,
        );
        let v: Value = serde_json::from_str(&out).unwrap();
        if file.ends_with("invalid.json") {
            let codes: Vec<&str> = v["violations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["code"].as_str().unwrap())
                .collect();
            for code in [
                "unknown_field",
                "invalid_domain",
                "duplicate_name",
                "invalid_csr",
                "not_allowed",
                "out_of_range",
                "invalid_type",
                "contact_details_required",
                "invalid_email",
            ] {
                assert!(codes.contains(&code), "{code} missing: {out}");
            }
        } else if !file.ends_with("securesite-pro.json") {
            assert_eq!(v["warnings"], json!([]), "{file}: {out}");
        }
    }
}

#[test]
fn the_examples_run_their_lifecycles_against_the_sandbox() {
    let (out, _) = run(
        certcentral().args([
            "order",
            "submit",
            "examples/flex-skip-approval.json",
            "-p",
            "ssl_securesite_flex",
            "--sandbox",
            "--approval",
            "auto",
            "--json",
        ]),
        0,
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["order"]["certificate_id"], 900_001);
    assert!(
        v["order"].get("requests").is_none(),
        "seed shape {{id, certificate_id}} has no requests: {v}"
    );
    let dir = temp_dir("wildcard");
    let (out, _) = run(
        certcentral().args([
            "order",
            "submit",
            "examples/new-organization-wildcard.json",
            "-p",
            "ssl_basic",
            "--sandbox",
            "--approval",
            "immediate",
            "--out",
            dir.to_str().unwrap(),
            "--json",
        ]),
        0,
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["order"]["organization"]["id"], 654_321);
    assert_eq!(
        v["chain"]["leaf"]["dns_names"],
        json!(["*.example.com", "example.com"])
    );
    verify_dir(&dir);
    std::fs::remove_dir_all(dir).unwrap();
}
