//! The test suites of `cargo xtask test`. Each returns its counts; a step that cannot run
//! (a missing toolchain, a build failure) counts as one failure, never as a skip.

use std::process::ExitCode;

use crate::util::{Counts, cargo, count_cargo, run};

type Suite = fn() -> Counts;

/// Every suite, in the order they run.
const SUITES: &[(&str, Suite)] = &[("rust", rust)];

pub fn names() -> Vec<&'static str> {
    SUITES.iter().map(|(n, _)| *n).collect()
}

pub fn run_all(only: Option<&[String]>) -> ExitCode {
    let mut total = Counts::default();
    let mut summary = Vec::new();
    for (name, suite) in SUITES {
        if only.is_some_and(|o| !o.iter().any(|s| s == name)) {
            continue;
        }
        eprintln!("\n===== suite: {name} =====");
        let c = suite();
        summary.push(format!("{name}: {} passed, {} failed", c.passed, c.failed));
        total += c;
    }
    eprintln!("\n===== summary =====");
    for line in &summary {
        eprintln!("{line}");
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
    let (ok, out) = run(cargo().args(["test", "--workspace", "--no-fail-fast"]));
    let counted = count_cargo(&out);
    c += counted;
    if !ok && counted.failed == 0 {
        c.failed += 1; // the build failed before any test ran
    }
    c
}
