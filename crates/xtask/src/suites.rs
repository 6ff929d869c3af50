//! The test suites of `cargo xtask test`. Each returns its counts; a step that cannot run
//! (a missing toolchain, a build failure) counts as one failure, never as a skip.

use std::process::ExitCode;

// The C suite lives in its own file (main.rs is not touched for it).
#[path = "c_suite.rs"]
mod c_suite;
// The uniffi suites (Kotlin, Swift) live in their own files too.
#[path = "kotlin_suite.rs"]
mod kotlin_suite;
#[path = "swift_suite.rs"]
mod swift_suite;

use crate::util::{Counts, cargo, count_cargo, run};

type Suite = fn() -> Counts;

/// Every suite, in the order they run.
const SUITES: &[(&str, Suite)] = &[
    ("rust", rust),
    ("fuzz", fuzz),
    ("c", c_suite::c),
    ("python", python),
    ("kotlin", kotlin),
    ("swift", swift),
];

pub fn names() -> Vec<&'static str> {
    SUITES.iter().map(|(n, _)| *n).collect()
}

pub fn run_all(only: Option<&[String]>) -> ExitCode {
    let mut results = Vec::new();
    if std::env::var_os("CERTCENTRAL_SKIP_PROVISION").is_none() {
        // Idempotent and fast when everything is installed: a fresh machine gets the
        // toolchains every suite needs (see scripts/provision/README.md).
        eprintln!("\n===== provisioning =====");
        let mut cmd = std::process::Command::new("bash");
        cmd.arg("scripts/provision/all.sh");
        results.push(("provisioning", step(run(&mut cmd).0)));
    }
    for (name, suite) in SUITES {
        if only.is_some_and(|o| !o.iter().any(|s| s == name)) {
            continue;
        }
        eprintln!("\n===== suite: {name} =====");
        results.push((*name, suite()));
    }
    results.push(("canary scan", canary_scan()));
    report(&results)
}

/// Fails when any command of this run printed the canary API key.
fn canary_scan() -> Counts {
    let leaks = crate::util::canary_leaks();
    for line in &leaks {
        eprintln!("canary key leaked: {line}");
    }
    step(leaks.is_empty())
}

/// Prints each suite's counts and the closing `N passed, N failed` line.
pub fn report(results: &[(&str, Counts)]) -> ExitCode {
    let mut total = Counts::default();
    eprintln!("\n===== summary =====");
    for (name, c) in results {
        eprintln!("{name}: {} passed, {} failed", c.passed, c.failed);
        total += *c;
    }
    println!("{} passed, {} failed", total.passed, total.failed);
    if total.failed == 0 && total.passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A check that is pass/fail as a whole (formatting, lints).
fn step(ok: bool) -> Counts {
    Counts {
        passed: u64::from(ok),
        failed: u64::from(!ok),
    }
}

/// `cargo fmt --check`, clippy with warnings denied, and `cargo test --workspace`.
fn rust() -> Counts {
    let mut c = step(run(cargo().args(["fmt", "--all", "--check"])).0);
    c += step(
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
        .0,
    );
    c += cargo_tests(&["test", "--workspace", "--no-fail-fast"]);
    // The load test (ignored by plain `cargo test`: it takes ~40 s) prints its figure.
    c += cargo_tests(&[
        "test",
        "-p",
        "certcentral-sandbox",
        "--test",
        "load",
        "--",
        "--ignored",
        "--nocapture",
    ]);
    c
}

/// A `cargo test` run's counts; a build failure before any test ran counts as one failure.
fn cargo_tests(args: &[&str]) -> Counts {
    let (ok, out) = run(cargo().args(args));
    let mut counted = count_cargo(&out);
    if !ok && counted.failed == 0 {
        counted.failed += 1;
    }
    counted
}

/// Each fuzz target for `CERTCENTRAL_FUZZ_SECONDS` (default 30) seconds, then the regressions.
fn fuzz() -> Counts {
    let seconds = std::env::var("CERTCENTRAL_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    crate::fuzz_suite::fuzz(seconds)
}

/// The Python package (`python/`): maturin builds the wheel (dev profile, stripped; its own
/// target dir so that pyo3 is not rebuilt against cargo's configuration) and it is installed
/// into `.venv`; then pytest (counted from its closing line), stubtest and `mypy --strict`,
/// and the same wheel installed into a fresh virtual environment where a smoke script runs.
fn python() -> Counts {
    use std::process::Command;
    let root = crate::util::root();
    let (py, maturin) = (
        root.join(".venv/bin/python"),
        root.join(".venv/bin/maturin"),
    );
    if !py.exists() || !maturin.exists() {
        eprintln!("python: no .venv with maturin: run `bash scripts/provision/python.sh`");
        return step(false);
    }
    let target = root.join("target/maturin");
    let (wheels, fresh) = (target.join("wheels"), target.join("fresh-venv"));
    let _ = std::fs::remove_dir_all(&wheels);
    // `maturin develop` copies the extension into the source tree: it must not shadow the
    // tested build (nor slip into the wheel).
    for entry in std::fs::read_dir(root.join("python/certcentral"))
        .into_iter()
        .flatten()
    {
        let name = entry.map(|e| e.path()).unwrap_or_default();
        let file = name.file_name().unwrap_or_default().to_string_lossy();
        if file.starts_with("_native") && (file.ends_with(".so") || file.ends_with(".pyd")) {
            let _ = std::fs::remove_file(&name);
        }
    }
    let built = run(Command::new(&maturin)
        .args(["build", "-m", "python/Cargo.toml", "--strip", "--out"])
        .arg(&wheels)
        .env("CARGO_TARGET_DIR", &target))
    .0;
    let wheel = std::fs::read_dir(&wheels)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path());
    let Some(wheel) = wheel
        .filter(|p| p.extension().is_some_and(|x| x == "whl"))
        .last()
    else {
        return step(false);
    };
    let install = ["install", "--quiet", "--no-deps", "--no-index"];
    let mut c = step(
        built
            && run(Command::new(&py)
                .args(["-m", "pip"])
                .args(install)
                .arg("--force-reinstall")
                .arg(&wheel))
            .0,
    );
    let (ok, out) = run(Command::new(&py)
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "python/tests",
        ])
        .env("CERTCENTRAL_TEST_EXPECT_INSTALLED", "1"));
    let last = out.lines().rev().find(|l| {
        l.contains(" in ")
            && [" passed", " failed", " error"]
                .iter()
                .any(|w| l.contains(w))
    });
    let last = last.unwrap_or_default();
    let counted = Counts {
        passed: crate::util::number_before(last, " passed"),
        failed: crate::util::number_before(last, " failed")
            + crate::util::number_before(last, " error"),
    };
    c += counted;
    if !ok && counted.failed == 0 {
        c.failed += 1; // pytest could not run, or failed without a count
    }
    let cache = target.join("mypy-cache");
    let stubtest = ["-m", "mypy.stubtest", "certcentral._native"];
    c += step(
        run(Command::new(&py)
            .args(stubtest)
            .env("MYPY_CACHE_DIR", &cache))
        .0,
    );
    c += step(
        run(Command::new(&py)
            .args([
                "-m",
                "mypy",
                "--strict",
                "--config-file",
                "python/pyproject.toml",
            ])
            .args(["python/certcentral", "python/tests", "python/examples"])
            .env("MYPY_CACHE_DIR", &cache))
        .0,
    );
    let _ = std::fs::remove_dir_all(&fresh);
    let fresh_py = fresh.join("bin/python");
    c += step(
        run(Command::new(&py)
            .args(["-m", "venv", "--without-pip"])
            .arg(&fresh))
        .0 && run(Command::new(&py)
            .args(["-m", "pip", "--python"])
            .arg(&fresh_py)
            .args(install)
            .arg(&wheel))
        .0 && run(Command::new(&fresh_py)
            .arg("python/tests/wheel_smoke.py")
            .arg(&root))
        .0,
    );
    c
}

/// The Kotlin/JVM binding (bindings/kotlin): JUnit 5 through Maven against a sandbox, and a
/// jar-only consumer (see kotlin_suite.rs).
fn kotlin() -> Counts {
    kotlin_suite::kotlin()
}

/// The Swift binding (bindings/swift): XCTest in the Debian trixie Swift root against a
/// sandbox (see swift_suite.rs).
fn swift() -> Counts {
    swift_suite::swift()
}
