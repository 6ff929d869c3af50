//! Helpers shared by the suites: running commands, counting test results.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("xtask lives in crates/xtask")
        .to_path_buf()
}

/// Tests passed and failed by one suite.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        self.passed += o.passed;
        self.failed += o.failed;
    }
}

/// Everything the commands of this run printed, for the canary-key scan.
static TRANSCRIPT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// The canary API key prefix every binding's secret-hygiene tests use.
pub const CANARY_PREFIX: &str = "CANARY-KEY-";

/// Lines of this run's output that contain the canary key.
pub fn canary_leaks() -> Vec<String> {
    let transcript = TRANSCRIPT.lock().unwrap_or_else(|p| p.into_inner());
    transcript
        .lines()
        .filter(|l| l.contains(CANARY_PREFIX))
        .map(str::to_owned)
        .collect()
}

/// Runs a command from the root, echoing its output, and returns (success, combined output).
pub fn run(cmd: &mut Command) -> (bool, String) {
    let shown = format!("{cmd:?}");
    eprintln!("\n$ {shown}");
    let started = Instant::now();
    let out = cmd
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    eprint!("{stderr}");
    eprintln!("({:.1} s, {})", started.elapsed().as_secs_f64(), out.status);
    let combined = format!("{stdout}\n{stderr}");
    TRANSCRIPT
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push_str(&combined);
    (out.status.success(), combined)
}

/// A `Command` for `cargo`.
pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Sums cargo test's `test result: ok. N passed; M failed` lines.
pub fn count_cargo(output: &str) -> Counts {
    let mut c = Counts::default();
    for line in output.lines().filter(|l| l.starts_with("test result:")) {
        c.passed += number_before(line, " passed");
        c.failed += number_before(line, " failed");
    }
    c
}

/// The integer just before `word` in `line` (0 when absent).
pub fn number_before(line: &str, word: &str) -> u64 {
    line.find(word)
        .and_then(|i| line[..i].split(|c: char| !c.is_ascii_digit()).next_back())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}
