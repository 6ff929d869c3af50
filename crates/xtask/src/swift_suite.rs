//! The `swift` suite: bindings/swift's XCTest tests in the Debian trixie Swift root
//! (scripts/provision/swift.sh builds it, scripts/swift-in-root.sh runs `swift test` in it).
//!
//! The generated sources are written into the package, the release library and copies of the
//! vectors and fixtures into a staging directory that swift-in-root mounts read-only (the root
//! sees only the package and that directory). XCTest's closing `Executed N tests` line gives N;
//! each `Test Case '…' failed` line is a failed test.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use super::kotlin_suite::{Sandbox, bindgen, build_uniffi, check};
use crate::util::{Counts, root, run};

/// The XCTest counts: N from the last `Executed N tests` line, failures from the failed cases.
fn count_xctest(output: &str) -> Option<Counts> {
    let executed = output.lines().rev().find_map(|l| {
        l.trim()
            .strip_prefix("Executed ")?
            .split(' ')
            .next()?
            .parse::<u64>()
            .ok()
    })?;
    let failed = output
        .lines()
        .filter(|l| l.starts_with("Test Case '") && l.contains("' failed ("))
        .count() as u64;
    Some(Counts {
        passed: executed.saturating_sub(failed),
        failed: failed.max(u64::from(executed == 0)),
    })
}

/// Copies `from` (a directory of files and directories) to `to`, replacing it.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    if to.exists() {
        std::fs::remove_dir_all(to)?;
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// The library, the vectors and the fixtures, where the Swift root can see them.
fn stage(lib: &Path, stage: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(stage)?;
    let staged = stage.join("libcertcentral_uniffi.so");
    // Copied only when it changed, so SwiftPM sees an unchanged file otherwise.
    if std::fs::read(&staged).ok() != Some(std::fs::read(lib)?) {
        std::fs::copy(lib, &staged)?;
    }
    copy_tree(&root().join("tests/vectors"), &stage.join("vectors"))?;
    copy_tree(&root().join("tests/fixtures"), &stage.join("fixtures"))
}

/// Mount points left below `dir` (there must be none after a run).
fn mounts_below(dir: &Path) -> Vec<String> {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let prefix = format!("{}/", dir.display());
    std::fs::read_to_string("/proc/self/mountinfo")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split(' ').nth(4))
        .filter(|m| m.starts_with(&prefix))
        .map(str::to_owned)
        .collect()
}

/// The `swift` suite.
pub(crate) fn swift() -> Counts {
    let started = Instant::now();
    let swift_root =
        std::env::var_os("SWIFT_ROOT").map_or_else(|| root().join("target/swift-root"), Into::into);
    if !swift_root.join(".certcentral-swift-root-ready").is_file() {
        eprintln!(
            "swift: no Swift root at {}: run `sudo bash scripts/provision/swift.sh`",
            swift_root.display()
        );
        return check(false);
    }
    let Some(lib) = build_uniffi() else {
        return check(false);
    };
    let package = root().join("bindings/swift");
    let mut c = check(run(Command::new(bindgen()).arg("swift").arg(&lib).arg(&package)).0);
    let staged = root().join("target/uniffi-swift");
    if let Err(e) = stage(&lib, &staged) {
        eprintln!("swift: cannot stage the library and the vectors: {e}");
        c += check(false);
        return c;
    }
    let sandbox = match Sandbox::start() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("swift: {e}");
            c += check(false);
            return c;
        }
    };
    let mut cmd = Command::new("bash");
    cmd.arg("scripts/swift-in-root.sh")
        .arg(&package)
        .arg(&staged)
        .args(["--", "swift", "test"])
        .env("CERTCENTRAL_VECTORS_DIR", staged.join("vectors"))
        .env("CERTCENTRAL_FIXTURES_DIR", staged.join("fixtures"));
    sandbox.env(&mut cmd);
    let (ok, out) = run(&mut cmd);
    drop(sandbox);
    match count_xctest(&out) {
        Some(counted) => {
            c += counted;
            if !ok && counted.failed == 0 {
                c += check(false); // swift test failed without a failed test case
            }
        }
        None => c += check(false), // the package did not build, or no test ran
    }
    let left = mounts_below(&swift_root);
    if !left.is_empty() {
        eprintln!("swift: mounts left behind: {left:?}");
    }
    c += check(left.is_empty());
    eprintln!("swift: {:.1} s", started.elapsed().as_secs_f64());
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xctest_summary() {
        let out = "Test Case 'A.testX' passed (0.1 seconds)\nTest Case 'A.testY' failed (0.2 seconds)\n\
                   \t Executed 2 tests, with 3 failures (0 unexpected) in 0.3 (0.3) seconds\n\
                   Test Suite 'All tests' failed at …\n\t Executed 22 tests, with 3 failures (0 unexpected) in 2.4 (2.4) seconds\n";
        let c = count_xctest(out).unwrap();
        assert_eq!((c.passed, c.failed), (21, 1));
        assert!(count_xctest("error: build failed").is_none());
    }
}
