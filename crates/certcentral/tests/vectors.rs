//! Runs every shared validation vector (`tests/vectors/*.json`) through the validator.
//!
//! The comparison is the one every binding uses: `valid` must match, and violations and
//! warnings are compared as multisets of `(path, code)`.

mod common;

use certcentral::check_value;
use certcentral::validate::parse_date;
use serde_json::Value;

fn pairs(list: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = list
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["path"].as_str().unwrap().to_owned(),
                        f["code"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn every_vector_gives_its_expected_verdict() {
    let dir = std::env::var_os("CERTCENTRAL_VECTORS_DIR").map_or_else(
        || common::root().join("tests/vectors"),
        std::path::PathBuf::from,
    );
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vectors in {}", dir.display());
    let (mut total, mut failures) = (0, Vec::new());
    for file in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            total += 1;
            let name = case["name"].as_str().unwrap();
            let today = parse_date(case["today"].as_str().unwrap()).unwrap();
            let verdict = check_value(&case["order"], case["product"].as_str().unwrap(), today);
            let got = serde_json::to_value(&verdict).unwrap();
            let expect = &case["expect"];
            let ok = got["valid"] == expect["valid"]
                && pairs(&got["violations"]) == pairs(&expect["violations"])
                && pairs(&got["warnings"]) == pairs(&expect["warnings"]);
            if !ok {
                failures.push(format!(
                    "{}::{name}\n  expected violations {:?} warnings {:?}\n  got      violations {:?} warnings {:?}\n  messages: {:?}",
                    file.file_name().unwrap().to_string_lossy(),
                    pairs(&expect["violations"]),
                    pairs(&expect["warnings"]),
                    pairs(&got["violations"]),
                    pairs(&got["warnings"]),
                    verdict.violations.iter().map(|v| &v.message).collect::<Vec<_>>(),
                ));
            }
        }
    }
    assert!(total >= 80, "only {total} vectors");
    assert!(
        failures.is_empty(),
        "{} of {total} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
