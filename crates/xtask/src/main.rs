//! `cargo xtask <command>`: multi-language chores.
//!
//! - `cargo xtask test` — every suite (Rust, then the bindings), ending with `N passed, N failed`.
//! - `cargo xtask test --only rust,python` — some suites.
//! - `cargo xtask fuzz [SECONDS]` — every fuzz target for SECONDS each (default 300).
//! - `cargo xtask bench [--quick]` — the benchmarks; writes `bench/RESULTS.md` (not part of `test`).

mod bench_suite;
mod fuzz_suite;
mod suites;
mod util;

use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: cargo xtask test [--only SUITE[,SUITE...]] | cargo xtask fuzz [SECONDS] | cargo xtask bench [--quick]"
    );
    eprintln!("suites: {}", suites::names().join(", "));
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("test") => {
            let only: Option<Vec<String>> = args
                .iter()
                .position(|a| a == "--only")
                .and_then(|i| args.get(i + 1))
                .map(|s| s.split(',').map(str::to_owned).collect());
            suites::run_all(only.as_deref())
        }
        Some("fuzz") => {
            let seconds = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(300);
            suites::report(&[("fuzz", fuzz_suite::fuzz(seconds))])
        }
        Some("bench") => bench_suite::bench(&args[1..]),
        _ => usage(),
    }
}
