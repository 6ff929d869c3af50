//! Shared helpers of the core's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Reads a file relative to the repository root.
pub fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The seed's Python payload with a real CSR in place of `<csr>`.
pub fn seed_order_json() -> serde_json::Value {
    let mut v: serde_json::Value =
        serde_json::from_str(&read("tests/fixtures/seed/python_payload.json")).unwrap();
    v["certificate"]["csr"] = read("tests/fixtures/csr/rsa2048.pem").into();
    v
}
