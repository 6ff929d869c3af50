//! Replays every input in `fuzz/regressions/<target>/`: each crash a fuzzer found stays a test.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut n = 0;
    for e in entries {
        let path = e.unwrap().path();
        run(&std::fs::read(&path).unwrap());
        n += 1;
    }
    n
}

#[test]
fn validate_order_regressions() {
    assert!(replay("validate_order", certcentral_fuzz::validate_order) > 0);
}

#[test]
fn parse_responses_regressions() {
    assert!(replay("parse_responses", certcentral_fuzz::parse_responses) > 0);
}

#[test]
fn inspect_csr_regressions() {
    assert!(replay("inspect_csr", certcentral_fuzz::inspect_csr) > 0);
}

#[test]
fn c_abi_json_regressions() {
    assert!(replay("c_abi_json", certcentral_fuzz::c_abi_json) > 0);
}
