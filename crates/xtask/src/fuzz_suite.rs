//! Fuzzing with cargo-fuzz (libFuzzer): each target runs for a bounded time, seeded from
//! `tests/vectors` and `tests/fixtures`; then every saved regression input is replayed.
//!
//! cargo-fuzz needs nightly features: the `nightly` toolchain is used when rustup has one,
//! else stable with `RUSTC_BOOTSTRAP=1`.

use std::process::Command;

use crate::util::{Counts, count_cargo, number_before, root, run};

/// The fuzz targets of `fuzz/fuzz_targets`.
pub const TARGETS: &[&str] = &[
    "validate_order",
    "parse_responses",
    "inspect_csr",
    "c_abi_json",
];

fn has_nightly() -> bool {
    Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.starts_with("nightly"))
        })
}

fn cargo_fuzz() -> Command {
    let mut cmd = Command::new("cargo");
    if has_nightly() {
        cmd.arg("+nightly");
    } else {
        cmd.env("RUSTC_BOOTSTRAP", "1");
    }
    cmd.arg("fuzz");
    cmd
}

/// Writes seed inputs for each target into `fuzz/corpus/<target>/`.
fn seed_corpora() {
    let root = root();
    let corpus = root.join("fuzz/corpus");
    let write = |target: &str, name: &str, data: &[u8]| {
        let dir = corpus.join(target);
        std::fs::create_dir_all(&dir).expect("create corpus dir");
        std::fs::write(dir.join(name), data).expect("write seed");
    };
    let mut n = 0;
    for entry in std::fs::read_dir(root.join("tests/vectors")).expect("tests/vectors") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read vector"))
                .expect("vector JSON");
        for case in doc["cases"].as_array().into_iter().flatten() {
            n += 1;
            let order = case["order"].to_string();
            write("validate_order", &format!("v{n}.json"), order.as_bytes());
            // c_abi_json takes `product 0xff order`.
            let product = case["product"].as_str().unwrap_or("ssl_securesite_pro");
            let mut input = product.as_bytes().to_vec();
            input.push(0xff);
            input.extend_from_slice(order.as_bytes());
            write("c_abi_json", &format!("v{n}.bin"), &input);
        }
    }
    for dir in [
        "tests/fixtures/responses",
        "tests/fixtures/errors",
        "tests/fixtures/csr",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).expect("fixtures") {
            let path = entry.expect("dir entry").path();
            let data = std::fs::read(&path).expect("read fixture");
            let name = path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let target = if dir.ends_with("csr") {
                "inspect_csr"
            } else {
                "parse_responses"
            };
            write(target, &name, &data);
        }
    }
}

/// Runs every target for `seconds` each, and the regression replay.
pub fn fuzz(seconds: u32) -> Counts {
    let mut c = Counts::default();
    seed_corpora();
    let fuzz_dir = root().join("fuzz");
    for target in TARGETS {
        let corpus = fuzz_dir.join("corpus").join(target);
        let (ok, out) = run(cargo_fuzz()
            .args(["run", "--fuzz-dir"])
            .arg(&fuzz_dir)
            .arg(target)
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-rss_limit_mb=4096",
                "-print_final_stats=1",
                "-print_funcs=0",
            ]));
        let runs = out
            .lines()
            .find(|l| l.starts_with("Done ") && l.contains(" runs in "))
            .map(|l| number_before(l, " runs"))
            .unwrap_or(0);
        let cov = out
            .lines()
            .rev()
            .find(|l| l.contains(" cov: "))
            .map(cov_of)
            .unwrap_or(0);
        eprintln!(
            "fuzz {target}: {runs} executions in {seconds} s, coverage {cov} edges, {}",
            if ok { "no crash" } else { "FAILED" }
        );
        let passed = ok && runs > 0;
        c.passed += u64::from(passed);
        c.failed += u64::from(!passed);
    }
    let (ok, out) = run(Command::new("cargo")
        .args(["test", "--manifest-path"])
        .arg(fuzz_dir.join("Cargo.toml")));
    let counted = count_cargo(&out);
    c += counted;
    if !ok && counted.failed == 0 {
        c.failed += 1;
    }
    c
}

/// The number after `cov: ` in a libFuzzer status line.
fn cov_of(line: &str) -> u64 {
    line.split("cov: ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}
