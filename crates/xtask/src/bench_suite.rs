//! `cargo xtask bench`: builds what it measures, runs every benchmark in one go on this machine,
//! and writes `bench/RESULTS.md` (raw figures in `bench/out/results.json`). Not part of
//! `cargo xtask test`: nothing here asserts a timing.
//!
//! 1. Submit round trip against one loopback fixed-answer server (`bench/loopback`): the
//!    floor (a prebuilt request on one kept-alive socket), the Rust client, the Python binding,
//!    the seed's Python `requests` sample and the seed's Go `net/http` sample, interleaved in
//!    rounds so that the machine's noise hits every client alike; each reported as a ratio
//!    to the floor.
//! 2. One client shared by 1 and by N threads (Python binding, Rust client, floor).
//! 3. Validation per call (criterion in Rust, `certcentral.validate` from Python).
//! 4. Sizes, `import certcentral` time, peak RSS of 10,000 validations.
//! 5. The criterion benches of the core (`crates/certcentral/benches/core.rs`).
//!
//! `cargo xtask bench [--quick] [--no-build] [--rounds N] [--calls N] [--threads N]`

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::util::{cargo, root};

const PRODUCT: &str = "ssl_securesite_pro";
const KEY: &str = "bench-key";
/// Results of the threads runs are kept apart from the single-thread round trips.
const THREADS_TAG: &str = "@threads";
/// Results of the runs with the client and the server pinned to one CPU.
const PINNED_TAG: &str = "@1cpu";

struct Opts {
    rounds: usize,
    calls: usize,
    warmup: usize,
    threads: usize,
    build: bool,
    criterion_args: Vec<&'static str>,
    import_runs: usize,
    rss_runs: usize,
}

impl Opts {
    fn parse(args: &[String]) -> Result<Self, String> {
        let quick = args.iter().any(|a| a == "--quick");
        let num = |name: &str, default: usize| -> Result<usize, String> {
            match args.iter().position(|a| a == name) {
                None => Ok(default),
                Some(i) => args
                    .get(i + 1)
                    .and_then(|v| v.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("{name} wants a positive number")),
            }
        };
        for a in args {
            let known = ["--quick", "--no-build", "--rounds", "--calls", "--threads"];
            if a.starts_with("--") && !known.contains(&a.as_str()) {
                return Err(format!("unknown option {a}"));
            }
        }
        Ok(Self {
            rounds: num("--rounds", if quick { 3 } else { 5 })?,
            calls: num("--calls", if quick { 500 } else { 2000 })?,
            warmup: if quick { 50 } else { 200 },
            threads: num("--threads", 8)?,
            build: !args.iter().any(|a| a == "--no-build"),
            criterion_args: if quick {
                vec!["--warm-up-time", "0.3", "--measurement-time", "1"]
            } else {
                vec!["--warm-up-time", "0.5", "--measurement-time", "1.5"]
            },
            import_runs: if quick { 7 } else { 21 },
            rss_runs: if quick { 1 } else { 3 },
        })
    }
}

// ---------------------------------------------------------------- statistics

/// Median and spread of a set of nanosecond figures.
#[derive(Debug, Clone, Copy)]
struct Stats {
    n: usize,
    median: f64,
    p25: f64,
    p75: f64,
    min: f64,
    max: f64,
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    let i = (p * (sorted.len() - 1) as f64).round() as usize;
    sorted[i]
}

fn stats(values: &[f64]) -> Option<Stats> {
    if values.is_empty() {
        return None;
    }
    let mut s = values.to_vec();
    s.sort_by(f64::total_cmp);
    let median = if s.len() % 2 == 1 {
        s[s.len() / 2]
    } else {
        (s[s.len() / 2 - 1] + s[s.len() / 2]) / 2.0
    };
    Some(Stats {
        n: s.len(),
        median,
        p25: pct(&s, 0.25),
        p75: pct(&s, 0.75),
        min: s[0],
        max: s[s.len() - 1],
    })
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e4 {
        format!("{:.1} µs", ns / 1e3)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn fmt_bytes(b: u64) -> String {
    if b >= 1 << 20 {
        format!("{:.2} MiB", b as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.1} KiB", b as f64 / 1024.0)
    }
}

/// `median (IQR p25–p75)`.
fn med_iqr(s: &Stats) -> String {
    format!(
        "{} (IQR {}–{})",
        fmt_ns(s.median),
        fmt_ns(s.p25),
        fmt_ns(s.p75)
    )
}

// ---------------------------------------------------------------- processes

fn out_dir() -> PathBuf {
    root().join("bench/out")
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root().join(p) })
        .unwrap_or_else(|| root().join("target"))
}

/// A child's environment without proxy settings (everything here talks to 127.0.0.1).
fn clean(cmd: &mut Command) -> &mut Command {
    for v in [
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
    ] {
        cmd.env_remove(v);
    }
    cmd.current_dir(root())
}

/// Runs a command to completion within `limit`, returning (success, stdout); stderr passes
/// through. A command still running at the limit is killed.
fn run_capture(cmd: &mut Command, limit: Duration) -> (bool, String) {
    let shown = format!("{cmd:?}");
    let mut child = match cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("bench: cannot run {shown}: {e}");
            return (false, String::new());
        }
    };
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break Some(st),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                eprintln!("bench: {shown} ran past {limit:?}: killed");
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let out = reader.join().unwrap_or_default();
    (status.is_some_and(|s| s.success()), out)
}

/// A build step: output streamed to stderr, duration recorded.
struct Step {
    name: String,
    ok: bool,
    seconds: f64,
}

fn build_step(steps: &mut Vec<Step>, name: &str, cmd: &mut Command) -> bool {
    eprintln!("\n--- bench build: {name}\n$ {cmd:?}");
    let started = Instant::now();
    let ok = cmd
        .current_dir(cmd.get_current_dir().map_or_else(root, Path::to_path_buf))
        .stdin(Stdio::null())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .is_ok_and(|s| s.success());
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "--- {name}: {} in {seconds:.0} s",
        if ok { "ok" } else { "FAILED" }
    );
    steps.push(Step {
        name: name.to_owned(),
        ok,
        seconds,
    });
    ok
}

fn first_line(cmd: &mut Command) -> String {
    cmd.output()
        .ok()
        .map(|o| {
            let text = if o.stdout.is_empty() {
                o.stderr
            } else {
                o.stdout
            };
            String::from_utf8_lossy(&text)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "not available".into())
}

fn go_binary() -> Option<PathBuf> {
    let in_path = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("go"))
            .find(|g| g.is_file())
    });
    in_path.or_else(|| Some(PathBuf::from("/usr/local/go/bin/go")).filter(|g| g.is_file()))
}

fn python() -> PathBuf {
    root().join(".venv/bin/python")
}

// ---------------------------------------------------------------- machine

fn machine() -> Vec<(String, String)> {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let cpu = read("/proc/cpuinfo")
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    let mem = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or("unknown".into(), |kib| {
            format!("{:.1} GiB", kib / 1024.0 / 1024.0)
        });
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let go = go_binary().map_or_else(
        || "not available".into(),
        |g| first_line(Command::new(g).arg("version")),
    );
    vec![
        ("CPU".into(), cpu),
        (
            "cores (available to this process)".into(),
            cores.to_string(),
        ),
        ("memory".into(), mem),
        (
            "kernel".into(),
            format!(
                "{} {}",
                read("/proc/sys/kernel/ostype").trim(),
                read("/proc/sys/kernel/osrelease").trim()
            ),
        ),
        ("rustc".into(), first_line(Command::new("rustc").arg("-V"))),
        (
            "python (.venv)".into(),
            first_line(Command::new(python()).arg("-V")),
        ),
        ("go".into(), go),
        ("load average at start (1/5/15 min)".into(), load_average()),
    ]
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------- the loopback server

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    addr: String,
}

impl Server {
    fn start(exe: &Path, cpu: Option<usize>) -> Option<Self> {
        let mut cmd = match cpu {
            Some(cpu) => {
                let mut c = Command::new("taskset");
                c.arg("-c").arg(cpu.to_string()).arg(exe);
                c
            }
            None => Command::new(exe),
        };
        let mut child = cmd
            .args(["--max-seconds", "1200"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| eprintln!("bench: cannot start {}: {e}", exe.display()))
            .ok()?;
        let stdin = child.stdin.take();
        let mut line = String::new();
        let mut out = BufReader::new(child.stdout.take().expect("piped"));
        let _ = out.read_line(&mut line);
        let addr = line.trim().strip_prefix("LISTENING http://")?.to_owned();
        Some(Self { child, stdin, addr })
    }

    fn base_url(&self) -> String {
        format!("http://{}/services/v2", self.addr)
    }

    /// (connections that carried a POST, POSTs) so far.
    fn counters(&self) -> (u64, u64) {
        let fetch = || -> std::io::Result<String> {
            let mut s = TcpStream::connect(&self.addr)?;
            s.set_read_timeout(Some(Duration::from_secs(5)))?;
            s.write_all(b"GET /__stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")?;
            let mut text = String::new();
            s.read_to_string(&mut text)?;
            Ok(text)
        };
        let text = fetch().unwrap_or_default();
        let body = text.split("\r\n\r\n").nth(1).unwrap_or("{}");
        let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        (
            v["connections"].as_u64().unwrap_or(0),
            v["posts"].as_u64().unwrap_or(0),
        )
    }

    fn stop(mut self) {
        drop(self.stdin.take()); // the server exits when its stdin closes
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------- results

/// Per-call samples of one (client, threads) pair, kept per round.
#[derive(Default)]
struct Series {
    rounds: Vec<Vec<f64>>,
    walls: Vec<(u64, f64)>, // (calls, wall ns) per round
    connections: Vec<u64>,
}

impl Series {
    fn pooled(&self) -> Option<Stats> {
        let all: Vec<f64> = self.rounds.iter().flatten().copied().collect();
        stats(&all)
    }

    fn round_medians(&self) -> Vec<f64> {
        self.rounds
            .iter()
            .filter_map(|r| stats(r).map(|s| s.median))
            .collect()
    }

    /// Calls per second of each round.
    fn throughputs(&self) -> Vec<f64> {
        self.walls
            .iter()
            .filter(|(_, w)| *w > 0.0)
            .map(|(c, w)| *c as f64 * 1e9 / w)
            .collect()
    }
}

#[derive(Default)]
struct Results {
    series: BTreeMap<(String, u64), Series>,
    notes: Vec<String>,
}

impl Results {
    /// Records every JSON line of a client's output under `client` + `tag`; `conns` =
    /// connections the server saw opened (with a POST) while the process ran.
    fn record(&mut self, out: &str, tag: &str, conns: u64) -> usize {
        let mut n = 0;
        for line in out.lines().filter(|l| l.starts_with('{')) {
            let Ok(v) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            let (Some(client), Some(samples)) = (v["client"].as_str(), v["samples_ns"].as_array())
            else {
                continue;
            };
            let threads = v["threads"].as_u64().unwrap_or(1);
            let s = self
                .series
                .entry((format!("{client}{tag}"), threads))
                .or_default();
            s.rounds
                .push(samples.iter().filter_map(Value::as_f64).collect());
            s.walls.push((
                v["calls"].as_u64().unwrap_or(0),
                v["wall_ns"].as_f64().unwrap_or(0.0),
            ));
            s.connections.push(conns);
            n += 1;
        }
        n
    }

    fn get(&self, client: &str, threads: u64) -> Option<&Series> {
        self.series.get(&(client.to_owned(), threads))
    }
}

// ---------------------------------------------------------------- criterion

/// `full_id` → per-iteration stats of every criterion bench under `dir`.
fn criterion_results(dir: &Path) -> BTreeMap<String, Stats> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n == "new") {
                    let load = |f: &str| -> Option<Value> {
                        serde_json::from_str(&std::fs::read_to_string(p.join(f)).ok()?).ok()
                    };
                    let (Some(bench), Some(sample)) = (load("benchmark.json"), load("sample.json"))
                    else {
                        continue;
                    };
                    let iters = sample["iters"].as_array().cloned().unwrap_or_default();
                    let times = sample["times"].as_array().cloned().unwrap_or_default();
                    let per: Vec<f64> = iters
                        .iter()
                        .zip(&times)
                        .filter_map(|(i, t)| Some(t.as_f64()? / i.as_f64()?))
                        .collect();
                    if let (Some(id), Some(s)) = (bench["full_id"].as_str(), stats(&per)) {
                        out.insert(id.to_owned(), s);
                    }
                } else {
                    stack.push(p);
                }
            }
        }
    }
    out
}

/// Executables of the certcentral bench targets, from `cargo bench --no-run`'s JSON messages.
fn bench_executables(json_lines: &str) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    for line in json_lines.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if v["reason"] != "compiler-artifact" {
            continue;
        }
        let kinds = v["target"]["kind"].as_array().cloned().unwrap_or_default();
        if !kinds.iter().any(|k| k == "bench") {
            continue;
        }
        if let (Some(name), Some(exe)) = (v["target"]["name"].as_str(), v["executable"].as_str()) {
            out.insert(name.to_owned(), PathBuf::from(exe));
        }
    }
    out
}

// ---------------------------------------------------------------- the run

struct Tools {
    floor: Option<PathBuf>,
    server: Option<PathBuf>,
    loopback_client: Option<PathBuf>,
    memory: Option<PathBuf>,
    core: Option<PathBuf>,
    go_sample: Option<PathBuf>,
    python_ok: bool,
    wheel: Option<PathBuf>,
}

fn existing(p: PathBuf) -> Option<PathBuf> {
    p.is_file().then_some(p)
}

fn build(opts: &Opts, steps: &mut Vec<Step>, notes: &mut Vec<String>) -> Tools {
    let t = target_dir();
    let loop_target = t.join("bench-loopback");
    if opts.build {
        build_step(
            steps,
            "bench/loopback (fixed-server, floor)",
            cargo()
                .args(["build", "--release", "--manifest-path"])
                .arg(root().join("bench/loopback/Cargo.toml"))
                .arg("--target-dir")
                .arg(&loop_target),
        );
        build_step(
            steps,
            "profile mobile: certcentral-uniffi",
            cargo().args(["build", "--profile", "mobile", "-p", "certcentral-uniffi"]),
        );
    }
    // One cargo invocation for the release libraries, the CLI and the bench programs, so that
    // their dependencies are built once with one feature set. With --no-build only the bench
    // programs are asked for (a no-op when fresh), to learn their paths.
    let packages: &[&str] = if opts.build {
        &[
            "-p",
            "certcentral-c",
            "-p",
            "certcentral-uniffi",
            "-p",
            "certcentral-cli",
            "-p",
            "certcentral",
            "--lib",
            "--bins",
        ]
    } else {
        &["-p", "certcentral"]
    };
    let name = if opts.build {
        "release: certcentral-c, certcentral-uniffi, certcentral-cli + the core's bench programs"
    } else {
        "the core's bench programs (release)"
    };
    eprintln!("\n--- bench build: {name}");
    let started = Instant::now();
    let (ok, json_out) = run_capture(
        cargo()
            .current_dir(root())
            .args(["build", "--release"])
            .args(packages)
            .args([
                "--bench",
                "core",
                "--bench",
                "loopback_client",
                "--bench",
                "memory",
                "--message-format=json-render-diagnostics",
            ]),
        Duration::from_secs(1800),
    );
    steps.push(Step {
        name: name.into(),
        ok,
        seconds: started.elapsed().as_secs_f64(),
    });
    let exes = bench_executables(&json_out);

    // Python: the wheel, installed into bench/out/site (the dev .venv is left alone).
    let site = out_dir().join("site");
    let wheels = out_dir().join("wheels");
    let maturin = root().join(".venv/bin/maturin");
    if !python().is_file() || !maturin.is_file() {
        build_step(
            steps,
            "provision .venv (scripts/provision/python.sh)",
            Command::new("bash").arg("scripts/provision/python.sh"),
        );
    }
    let mut python_ok = python().is_file();
    if opts.build && maturin.is_file() {
        let _ = std::fs::remove_dir_all(&wheels);
        let built = build_step(
            steps,
            "wheel (maturin build --release)",
            Command::new(&maturin)
                .args(["build", "--release", "--out"])
                .arg(&wheels)
                .current_dir(root().join("python")),
        );
        if !built {
            notes.push("the wheel did not build: Python figures are not available".into());
        }
    }
    let wheel = std::fs::read_dir(&wheels).ok().and_then(|d| {
        d.flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "whl"))
    });
    if let Some(w) = &wheel {
        if opts.build || !site.join("certcentral").is_dir() {
            let _ = std::fs::remove_dir_all(&site);
            python_ok &= build_step(
                steps,
                "install the wheel into bench/out/site",
                Command::new(python())
                    .args([
                        "-m",
                        "pip",
                        "install",
                        "-q",
                        "--no-deps",
                        "--no-index",
                        "--target",
                    ])
                    .arg(&site)
                    .arg(w),
            );
        }
    } else {
        python_ok = false;
        notes.push("no wheel in bench/out/wheels: Python figures are not available".into());
    }

    let go_sample = t.join("bench-go/go-sample");
    match go_binary() {
        Some(go) if opts.build => {
            build_step(
                steps,
                "bench/go (the seed's Go sample)",
                Command::new(go)
                    .args(["build", "-o"])
                    .arg(&go_sample)
                    .arg(".")
                    .env("GOTOOLCHAIN", "local")
                    .env("GOFLAGS", "-mod=mod")
                    .current_dir(root().join("bench/go")),
            );
        }
        Some(_) => {}
        None => notes.push("go is not installed: the Go sample is not available".into()),
    }

    Tools {
        floor: existing(loop_target.join("release/floor")),
        server: existing(loop_target.join("release/fixed-server")),
        loopback_client: exes.get("loopback_client").cloned().and_then(existing),
        memory: exes.get("memory").cloned().and_then(existing),
        core: exes.get("core").cloned().and_then(existing),
        go_sample: existing(go_sample),
        python_ok: python_ok && site.join("certcentral").is_dir(),
        wheel,
    }
}

/// The seed's Python-sample payload with a real CSR in place of `<csr>`.
fn write_payload(csr: &str) -> PathBuf {
    let pem = std::fs::read_to_string(root().join(format!("tests/fixtures/csr/{csr}.pem")))
        .expect("CSR fixture");
    let body = std::fs::read_to_string(root().join("tests/fixtures/seed/python_payload.json"))
        .expect("seed payload")
        .replace("\"<csr>\"", &serde_json::to_string(&pem).expect("string"));
    let path = out_dir().join(format!("payload_{csr}.json"));
    std::fs::write(&path, body).expect("write payload");
    path
}

fn py_cmd(mode: &str) -> Command {
    let mut c = Command::new(python());
    c.arg(root().join("bench/python/clients.py"))
        .arg(mode)
        .env("PYTHONPATH", out_dir().join("site"));
    c
}

/// How to run one bench client (its base URL comes last, from the server it talks to).
struct Spec {
    name: &'static str,
    available: bool,
    /// A 1-thread vs N-thread throughput run (never pinned).
    threads_run: bool,
    program: PathBuf,
    /// Arguments before the URL flag.
    args: Vec<std::ffi::OsString>,
    url_flag: &'static str,
    python: bool,
}

impl Spec {
    fn command(&self, url: &str, cpu: Option<usize>) -> Command {
        let mut c = match cpu {
            Some(cpu) => {
                let mut c = Command::new("taskset");
                c.arg("-c").arg(cpu.to_string()).arg(&self.program);
                c
            }
            None => Command::new(&self.program),
        };
        c.args(&self.args).arg(self.url_flag).arg(url);
        if self.python {
            c.env("PYTHONPATH", out_dir().join("site"));
        }
        c
    }
}

/// The CPU that pinned runs use (the last one), when `taskset` exists and there are two or
/// more CPUs.
fn pinned_cpu() -> Option<usize> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let has_taskset = Command::new("taskset")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    (cores >= 2 && has_taskset).then_some(cores - 1)
}

fn client_specs(
    opts: &Opts,
    tools: &Tools,
    payload_rsa: &Path,
    payload_p256: &Path,
) -> Vec<Option<Spec>> {
    use std::ffi::OsString;
    let os = |v: &[&str]| -> Vec<OsString> { v.iter().map(OsString::from).collect() };
    let calls = opts.calls.to_string();
    let warmup = opts.warmup.to_string();
    let threads = opts.threads.to_string();
    let threads_calls = (opts.calls * 2).to_string();
    let script = root().join("bench/python/clients.py");
    let prog = |p: &Option<PathBuf>| p.clone().unwrap_or_default();
    let common = |calls: &str, payload: &Path| -> Vec<OsString> {
        let mut v = os(&[
            "--key",
            KEY,
            "--calls",
            calls,
            "--warmup",
            &warmup,
            "--payload",
        ]);
        v.push(payload.into());
        v
    };
    let py = |mode: &str, mut rest: Vec<OsString>| -> Vec<OsString> {
        let mut v = vec![script.clone().into_os_string(), mode.into()];
        v.append(&mut rest);
        v
    };
    let spec = |name, available, threads_run, program, args, url_flag, python| {
        Some(Spec {
            name,
            available,
            threads_run,
            program,
            args,
            url_flag,
            python,
        })
    };
    let py_ok = tools.python_ok;
    let with = |mut v: Vec<OsString>, extra: &[&str]| {
        v.extend(os(extra));
        v
    };
    let mut validate_args = py("validate", os(&["--calls", &calls, "--warmup", &warmup]));
    validate_args.extend([
        "--payload".into(),
        payload_rsa.into(),
        "--label".into(),
        "rsa2048".into(),
        "--payload".into(),
        payload_p256.into(),
        "--label".into(),
        "p256".into(),
    ]);
    vec![
        spec(
            "floor",
            tools.floor.is_some(),
            false,
            prog(&tools.floor),
            common(&calls, payload_rsa),
            "--url",
            false,
        ),
        spec(
            "rust-client",
            tools.loopback_client.is_some(),
            false,
            prog(&tools.loopback_client),
            with(common(&calls, payload_rsa), &["--mode", "roundtrip"]),
            "--url",
            false,
        ),
        spec(
            "py-binding",
            py_ok,
            false,
            python(),
            py("binding", common(&calls, payload_rsa)),
            "--url",
            true,
        ),
        spec(
            "py-requests",
            python().is_file(),
            false,
            python(),
            py("requests", common(&calls, payload_rsa)),
            "--url",
            true,
        ),
        spec(
            "go-net-http",
            tools.go_sample.is_some(),
            false,
            prog(&tools.go_sample),
            {
                let mut v = os(&[
                    "-key", KEY, "-calls", &calls, "-warmup", &warmup, "-payload",
                ]);
                v.push(payload_rsa.into());
                v
            },
            "-url",
            false,
        ),
        spec(
            "py-validate",
            py_ok,
            false,
            python(),
            validate_args,
            "--url",
            true,
        ),
        spec(
            "floor (threads)",
            tools.floor.is_some(),
            true,
            prog(&tools.floor),
            with(
                common(&threads_calls, payload_rsa),
                &["--threads", &threads],
            ),
            "--url",
            false,
        ),
        spec(
            "floor (1 thread)",
            tools.floor.is_some(),
            true,
            prog(&tools.floor),
            common(&threads_calls, payload_rsa),
            "--url",
            false,
        ),
        spec(
            "rust-client (threads)",
            tools.loopback_client.is_some(),
            true,
            prog(&tools.loopback_client),
            with(
                common(&threads_calls, payload_rsa),
                &["--mode", "threads", "--threads", &threads],
            ),
            "--url",
            false,
        ),
        spec(
            "py-binding (threads)",
            py_ok,
            true,
            python(),
            py(
                "threads",
                with(
                    common(&threads_calls, payload_rsa),
                    &["--threads", &threads],
                ),
            ),
            "--url",
            true,
        ),
    ]
}

pub fn bench(args: &[String]) -> ExitCode {
    let opts = match Opts::parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("cargo xtask bench: {e}");
            eprintln!(
                "usage: cargo xtask bench [--quick] [--no-build] [--rounds N] [--calls N] [--threads N]"
            );
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    std::fs::create_dir_all(out_dir()).expect("bench/out");
    let machine = machine();
    let mut steps = Vec::new();
    let mut res = Results::default();
    let tools = build(&opts, &mut steps, &mut res.notes);
    let build_secs = started.elapsed().as_secs_f64();

    let payload_rsa = write_payload("rsa2048");
    let payload_p256 = write_payload("p256");
    let limit = Duration::from_secs(300);

    // ---- 5. criterion (before the loopback runs, so that nothing else runs beside it)
    let crit_dir = out_dir().join("criterion");
    let _ = std::fs::remove_dir_all(&crit_dir);
    let criterion = match &tools.core {
        Some(core) => {
            eprintln!("\n--- criterion: {}", core.display());
            let (ok, _) = run_capture(
                Command::new(core)
                    .arg("--bench")
                    .args(&opts.criterion_args)
                    .env("CRITERION_HOME", &crit_dir)
                    .current_dir(root().join("crates/certcentral")),
                Duration::from_secs(900),
            );
            if !ok {
                res.notes.push("the criterion benches failed".into());
            }
            criterion_results(&crit_dir)
        }
        None => {
            res.notes
                .push("the criterion benches did not build: not available".into());
            BTreeMap::new()
        }
    };

    // ---- 1 and 2: the loopback round trips
    let pin = pinned_cpu();
    let server = tools.server.as_deref().and_then(|e| Server::start(e, None));
    let server_pinned = pin.and_then(|cpu| {
        tools
            .server
            .as_deref()
            .and_then(|e| Server::start(e, Some(cpu)))
    });
    if pin.is_none() {
        res.notes.push(
            "`taskset` is missing or the machine has one CPU: no pinned (one-CPU) runs".into(),
        );
    }
    let mut import_py = None;
    if let Some(server) = &server {
        let specs = client_specs(&opts, &tools, &payload_rsa, &payload_p256);
        let mut unavailable = std::collections::BTreeSet::new();
        for round in 0..opts.rounds {
            eprintln!("\n--- loopback round {}/{}", round + 1, opts.rounds);
            let n = specs.len();
            for i in 0..n {
                // rotate the order every round so that no client always runs first
                let spec = &specs[(i + round) % n];
                let Some(spec) = spec else { continue };
                if !spec.available {
                    unavailable.insert(spec.name);
                    continue;
                }
                // single-thread clients run twice: pinned with a pinned server on one CPU,
                // and freely scheduled; the threads runs only freely
                let mut modes: Vec<(Option<usize>, &Server, &str)> = Vec::new();
                if let (false, Some(cpu), Some(sp)) = (spec.threads_run, pin, &server_pinned) {
                    modes.push((Some(cpu), sp, PINNED_TAG));
                }
                modes.push((
                    None,
                    server,
                    if spec.threads_run { THREADS_TAG } else { "" },
                ));
                for (cpu, srv, tag) in modes {
                    let mut cmd = spec.command(&srv.base_url(), cpu);
                    let (c0, _) = srv.counters();
                    let (ok, out) = run_capture(clean(&mut cmd), limit);
                    let (c1, _) = srv.counters();
                    let lines = res.record(&out, tag, c1.saturating_sub(c0));
                    if !ok || lines == 0 {
                        res.notes
                            .push(format!("round {}: {}{tag} failed", round + 1, spec.name));
                    }
                }
            }
        }
        for name in unavailable {
            res.notes.push(format!("{name}: not available (not built)"));
        }
        import_py = tools.python_ok.then(|| {
            let (_, out) = run_capture(clean(&mut py_cmd("where")), limit);
            out.trim().to_owned()
        });
    } else {
        res.notes
            .push("the loopback server did not start: round trips not available".into());
    }
    for s in [server, server_pinned].into_iter().flatten() {
        s.stop();
    }

    // ---- 4: sizes, import time, RSS
    let sizes = sizes(&tools);
    let import = tools.python_ok.then(|| import_time(opts.import_runs));
    let rss = memory(&opts, &tools, &payload_rsa);

    let machine_end = load_average();
    let total = started.elapsed().as_secs_f64();
    let md = report(&Report {
        opts: &opts,
        machine: &machine,
        machine_end: &machine_end,
        steps: &steps,
        res: &res,
        criterion: &criterion,
        sizes: &sizes,
        import: import.as_ref(),
        import_where: import_py.as_deref(),
        rss: &rss,
        build_secs,
        total_secs: total,
    });
    // Before/after records of past fixes (bench/HISTORY.md) are kept at the end of each report.
    let history = std::fs::read_to_string(root().join("bench/HISTORY.md")).unwrap_or_default();
    let md = if history.is_empty() {
        md
    } else {
        format!("{md}\n{history}")
    };
    let path = root().join("bench/RESULTS.md");
    std::fs::write(&path, &md).expect("write bench/RESULTS.md");
    write_raw(&res, &criterion);
    println!("{md}");
    eprintln!(
        "bench: wrote {} in {total:.0} s ({build_secs:.0} s of builds)",
        path.display()
    );
    ExitCode::SUCCESS
}

fn write_raw(res: &Results, criterion: &BTreeMap<String, Stats>) {
    let mut series = serde_json::Map::new();
    for ((client, threads), s) in &res.series {
        let p = s.pooled();
        series.insert(
            format!("{client}/{threads}"),
            json!({
                "median_ns": p.map(|p| p.median),
                "p25_ns": p.map(|p| p.p25),
                "p75_ns": p.map(|p| p.p75),
                "round_medians_ns": s.round_medians(),
                "throughputs_per_s": s.throughputs(),
                "connections": s.connections,
            }),
        );
    }
    let crit: serde_json::Map<String, Value> = criterion
        .iter()
        .map(|(k, s)| {
            (
                k.clone(),
                json!({"median_ns": s.median, "p25_ns": s.p25, "p75_ns": s.p75}),
            )
        })
        .collect();
    let raw = json!({"series": series, "criterion": crit, "notes": res.notes});
    let _ = std::fs::write(
        out_dir().join("results.json"),
        serde_json::to_string_pretty(&raw).unwrap_or_default(),
    );
}

// ---------------------------------------------------------------- 4: sizes, import, memory

fn sizes(tools: &Tools) -> Vec<(String, Option<u64>, String)> {
    let t = target_dir();
    let size = |p: &Path| std::fs::metadata(p).ok().map(|m| m.len());
    let mut out = Vec::new();
    let mut add = |what: &str, p: PathBuf| {
        let rel = p
            .strip_prefix(root())
            .map_or_else(|_| p.display().to_string(), |r| r.display().to_string());
        out.push((what.to_owned(), size(&p), rel));
    };
    add(
        "C library, shared (release)",
        t.join("release/libcertcentral.so"),
    );
    add(
        "C library, static (release)",
        t.join("release/libcertcentral.a"),
    );
    add(
        "uniffi library, shared (release)",
        t.join("release/libcertcentral_uniffi.so"),
    );
    add(
        "uniffi library, shared (--profile mobile)",
        t.join("mobile/libcertcentral_uniffi.so"),
    );
    add(
        "uniffi library, static (--profile mobile)",
        t.join("mobile/libcertcentral_uniffi.a"),
    );
    add(
        "CLI binary `certcentral` (release)",
        t.join("release/certcentral"),
    );
    add(
        "Python wheel (abi3, release)",
        tools
            .wheel
            .clone()
            .unwrap_or_else(|| out_dir().join("wheels/certcentral.whl")),
    );
    let ext = std::fs::read_dir(out_dir().join("site/certcentral"))
        .ok()
        .and_then(|d| {
            d.flatten()
                .map(|e| e.path())
                .find(|p| p.to_string_lossy().ends_with(".so"))
        });
    add(
        "Python extension module (in the wheel)",
        ext.unwrap_or_else(|| out_dir().join("site/certcentral/_native.abi3.so")),
    );
    out
}

/// (pass, import, import − pass) over `runs` alternating subprocess runs, in ns.
fn import_time(runs: usize) -> (Stats, Stats, Stats) {
    let time = |code: &str| -> f64 {
        let started = Instant::now();
        let ok = clean(&mut Command::new(python()))
            .args(["-c", code])
            .env("PYTHONPATH", out_dir().join("site"))
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            started.elapsed().as_nanos() as f64
        } else {
            f64::NAN
        }
    };
    // warm the page cache and the .pyc files first
    time("import certcentral");
    time("pass");
    let (mut pass, mut import, mut diff) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let p = time("pass");
        let i = time("import certcentral");
        if p.is_finite() && i.is_finite() {
            pass.push(p);
            import.push(i);
            diff.push(i - p);
        }
    }
    let empty = Stats {
        n: 0,
        median: f64::NAN,
        p25: f64::NAN,
        p75: f64::NAN,
        min: f64::NAN,
        max: f64::NAN,
    };
    (
        stats(&pass).unwrap_or(empty),
        stats(&import).unwrap_or(empty),
        stats(&diff).unwrap_or(empty),
    )
}

/// Per language: (peak RSS KiB before the loop, peak RSS KiB after, wall ns) of each run.
fn memory(
    opts: &Opts,
    tools: &Tools,
    payload: &Path,
) -> BTreeMap<&'static str, Vec<(f64, f64, f64)>> {
    let mut out: BTreeMap<&'static str, Vec<(f64, f64, f64)>> = BTreeMap::new();
    let parse = |text: &str| -> Option<(f64, f64, f64)> {
        let v: Value = serde_json::from_str(text.lines().find(|l| l.starts_with('{'))?).ok()?;
        Some((
            v["max_rss_before_kib"].as_f64()?,
            v["max_rss_kib"].as_f64()?,
            v["wall_ns"].as_f64()?,
        ))
    };
    for _ in 0..opts.rss_runs {
        if tools.python_ok {
            let mut c = py_cmd("memory");
            c.args(["--calls", "10000"]).arg("--payload").arg(payload);
            if let Some(r) = parse(&run_capture(clean(&mut c), Duration::from_secs(300)).1) {
                out.entry("python").or_default().push(r);
            }
        }
        if let Some(exe) = &tools.memory {
            let mut c = Command::new(exe);
            c.args(["--orders", "10000"]);
            if let Some(r) = parse(&run_capture(clean(&mut c), Duration::from_secs(300)).1) {
                out.entry("rust").or_default().push(r);
            }
        }
    }
    out
}

// ---------------------------------------------------------------- RESULTS.md

struct Report<'a> {
    opts: &'a Opts,
    machine: &'a [(String, String)],
    machine_end: &'a str,
    steps: &'a [Step],
    res: &'a Results,
    criterion: &'a BTreeMap<String, Stats>,
    sizes: &'a [(String, Option<u64>, String)],
    import: Option<&'a (Stats, Stats, Stats)>,
    import_where: Option<&'a str>,
    rss: &'a BTreeMap<&'static str, Vec<(f64, f64, f64)>>,
    build_secs: f64,
    total_secs: f64,
}

const NA: &str = "not available";

fn ratio_cell(client: &Series, floor: &Series) -> String {
    let (Some(c), Some(f)) = (client.pooled(), floor.pooled()) else {
        return NA.into();
    };
    let per_round: Vec<f64> = client
        .round_medians()
        .iter()
        .zip(floor.round_medians())
        .map(|(c, f)| c / f)
        .collect();
    match stats(&per_round) {
        Some(r) if r.n > 1 => format!(
            "{:.2}× (rounds {:.2}–{:.2})",
            c.median / f.median,
            r.min,
            r.max
        ),
        _ => format!("{:.2}×", c.median / f.median),
    }
}

fn crit_cell(c: &BTreeMap<String, Stats>, id: &str) -> String {
    c.get(id).map_or_else(|| NA.into(), med_iqr)
}

fn roundtrip_table(w: &mut String, res: &Results, tag: &str) {
    let _ = writeln!(
        w,
        "| client | what a call does | per call: median (IQR) | min–max | ratio to floor (per-round range) | connections per run |\n|---|---|---|---|---|---|"
    );
    let floor = res.get(&format!("floor{tag}"), 1);
    let rows: &[(&str, &str)] = &[
        (
            "floor",
            "prebuilt request written on one socket, answer read (Rust, no parsing)",
        ),
        (
            "rust-client",
            "`certcentral::Client::submit_order(&Order)`: validate + serialize + send + parse",
        ),
        (
            "rust-client-value",
            "`Client::submit_order_value(&Value)`: the path the bindings use",
        ),
        (
            "ureq-raw",
            "diagnostic: ureq alone, configured like the client, prebuilt body, answer parsed",
        ),
        (
            "ureq-raw-ip-resolver",
            "diagnostic: the same with an IP-literal resolver (as the client now has)",
        ),
        (
            "py-binding",
            "`certcentral.Client.submit_order(product, dict)` from Python",
        ),
        (
            "py-binding-json-text",
            "`certcentral.Client.submit_order(product, json_text)`",
        ),
        (
            "go-net-http",
            "the seed's Go sample: `net/http` default client, body read + `json.Unmarshal`",
        ),
        (
            "py-requests",
            "the seed's Python sample: `requests.Session().request(\"POST\", ...)` + `.json()`",
        ),
    ];
    for (client, what) in rows {
        let Some(s) = res.get(&format!("{client}{tag}"), 1) else {
            let _ = writeln!(w, "| {client} | {what} | {NA} | | | |");
            continue;
        };
        let Some(p) = s.pooled() else { continue };
        let ratio = floor.map_or_else(|| NA.into(), |f| ratio_cell(s, f));
        let conns = s
            .connections
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            w,
            "| {client} | {what} | {} | {}–{} | {ratio} | {conns} |",
            med_iqr(&p),
            fmt_ns(p.min),
            fmt_ns(p.max)
        );
    }
}

fn goals(w: &mut String, res: &Results, tag: &str) {
    let med = |c: &str| {
        res.get(&format!("{c}{tag}"), 1)
            .and_then(Series::pooled)
            .map(|s| s.median)
    };
    let _ = writeln!(w);
    match (med("py-binding"), med("py-requests"), med("floor")) {
        (Some(b), Some(q), Some(f)) => {
            let _ = writeln!(
                w,
                "- Goal: Python binding at least 2× faster than `requests`: {:.2}× — **{}**",
                q / b,
                if q / b >= 2.0 { "met" } else { "missed" }
            );
            let _ = writeln!(
                w,
                "- Goal: Python binding within 1.5× of the floor: {:.2}× — **{}**",
                b / f,
                if b / f <= 1.5 { "met" } else { "missed" }
            );
        }
        _ => {
            let _ = writeln!(w, "- Goals: {NA} (a client did not run, see the notes)");
        }
    }
}

fn report(r: &Report<'_>) -> String {
    let mut md = String::new();
    let res = r.res;
    let w = &mut md;
    let _ = writeln!(w, "# Benchmark results\n");
    let _ = writeln!(
        w,
        "Written by `cargo xtask bench` (see `bench/README.md`); every figure below comes from \
         one run on the machine described here. The machine is shared and noisy: compare \
         figures **within** this file (ratios), not across runs. Latencies are the median of \
         all per-call samples with their interquartile range (IQR); a ratio's range is the \
         lowest and highest ratio of the per-round medians. Settings: {} rounds × {} timed \
         calls per client (after {} warm-up calls), clients interleaved and rotated each round; \
         threads: {}.\n",
        r.opts.rounds, r.opts.calls, r.opts.warmup, r.opts.threads
    );
    let _ = writeln!(w, "## Machine\n\n| | |\n|---|---|");
    for (k, v) in r.machine {
        let _ = writeln!(w, "| {k} | {v} |");
    }
    let _ = writeln!(w, "| load average at end | {} |", r.machine_end);
    let _ = writeln!(
        w,
        "| duration | {:.0} s ({:.0} s of builds) |\n",
        r.total_secs, r.build_secs
    );

    // ---- 1
    let _ = writeln!(
        w,
        "## 1. Submit round trip (`POST /order/certificate/{PRODUCT}`, one kept-alive \
         connection, loopback)\n"
    );
    let _ = writeln!(
        w,
        "Every client sends the seed's Python-sample order with the real CSR \
         `tests/fixtures/csr/rsa2048.pem` to the same fixed-answer server \
         (`bench/loopback`, 201 with the seed's `pending` body) and reads the answer. \
         \"connections\" is how many TCP connections the server saw carry a POST during each \
         of the client's runs (1 per client = kept alive; the Rust program measures three \
         clients in one process — the `Client` and the two ureq agents — so 3 there).\n\n\
         Each client runs twice per round: **(a)** client and server pinned to one CPU \
         (`taskset`): the stable figure, and the one the goals are judged on; **(b)** freely \
         scheduled: on this virtual machine a wake-up on the other CPU costs tens of µs, so \
         per-call times there are bimodal and the floor moves between ~12 and ~50 µs from one \
         run to the next.\n"
    );
    let pinned_ran = res.get(&format!("floor{PINNED_TAG}"), 1).is_some();
    let main_tag = if pinned_ran { PINNED_TAG } else { "" };
    if pinned_ran {
        let _ = writeln!(w, "### (a) client and server on one CPU\n");
        roundtrip_table(w, res, PINNED_TAG);
        goals(w, res, PINNED_TAG);
    }
    let _ = writeln!(w, "\n### (b) freely scheduled on all CPUs\n");
    roundtrip_table(w, res, "");
    goals(w, res, "");
    let med = |c: &str| {
        res.get(&format!("{c}{main_tag}"), 1)
            .and_then(Series::pooled)
            .map(|s| s.median)
    };
    let _ = writeln!(
        w,
        "\n**Where a Python submit's time goes** (medians of this run, {})\n",
        if pinned_ran {
            "one CPU"
        } else {
            "freely scheduled"
        }
    );
    let _ = writeln!(
        w,
        "| part | time | share of a Python binding submit |\n|---|---|---|"
    );
    if let Some(b) = med("py-binding") {
        let share = |t: f64| format!("{:.0} %", 100.0 * t / b);
        let mut part = |name: &str, t: Option<f64>| {
            let _ = match t {
                Some(t) => writeln!(w, "| {name} | {} | {} |", fmt_ns(t), share(t)),
                None => writeln!(w, "| {name} | {NA} | |"),
            };
        };
        part("whole submit from Python (`py-binding`)", Some(b));
        part("floor: loopback + server (`floor`)", med("floor"));
        part(
            "`certcentral.validate(dict)` from Python alone (`py-validate-dict`)",
            med("py-validate-dict"),
        );
        part(
            "submit CPU path in Rust: validate + convert + serialize (criterion `submit_cpu/value_rsa2048`)",
            r.criterion
                .get("submit_cpu/value_rsa2048")
                .map(|s| s.median),
        );
        part(
            "of which validation, the CSR check cached (criterion `validate/seed_rsa2048`)",
            r.criterion.get("validate/seed_rsa2048").map(|s| s.median),
        );
        part(
            "a CSR's first check, cached afterwards (criterion `csr/inspect_rsa2048`)",
            r.criterion.get("csr/inspect_rsa2048").map(|s| s.median),
        );
        part(
            "of which its signature verification (criterion `csr/verify_signature_only_rsa2048`)",
            r.criterion
                .get("csr/verify_signature_only_rsa2048")
                .map(|s| s.median),
        );
        part(
            "ureq alone, as the client configures it (`ureq-raw`) − floor",
            med("ureq-raw").zip(med("floor")).map(|(u, f)| u - f),
        );
        part(
            "… with an IP-literal resolver instead (`ureq-raw-ip-resolver`) − floor",
            med("ureq-raw-ip-resolver")
                .zip(med("floor"))
                .map(|(u, f)| u - f),
        );
        if let (Some(f), Some(v)) = (med("floor"), med("py-validate-dict")) {
            part(
                "rest: HTTP client, conversions, Python (submit − floor − Python validate)",
                Some(b - f - v),
            );
        }
    } else {
        let _ = writeln!(w, "| {NA} | | |");
    }

    // ---- 2
    let _ = writeln!(
        w,
        "\n## 2. One client shared by {} threads (throughput)\n",
        r.opts.threads
    );
    let _ = writeln!(
        w,
        "Each run makes {} calls in all, first from 1 thread, then split over {} threads \
         sharing one client (the Python binding releases the GIL while it validates and \
         waits). The floor gives each thread its own socket.\n",
        r.opts.calls * 2,
        r.opts.threads
    );
    let _ = writeln!(
        w,
        "| client | 1 thread: calls/s, median (min–max) | {} threads: calls/s, median (min–max) | speed-up | per-call latency at {} threads, median (IQR) | connections per {}-thread run |\n|---|---|---|---|---|---|",
        r.opts.threads, r.opts.threads, r.opts.threads
    );
    let t = r.opts.threads as u64;
    for client in ["floor", "rust-client", "py-binding"] {
        let key = format!("{client}{THREADS_TAG}");
        let (Some(s1), Some(sn)) = (res.get(&key, 1), res.get(&key, t)) else {
            let _ = writeln!(w, "| {client} | {NA} | {NA} | | | |");
            continue;
        };
        let (Some(a), Some(b)) = (stats(&s1.throughputs()), stats(&sn.throughputs())) else {
            continue;
        };
        let conns = sn
            .connections
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let lat = sn.pooled().map_or_else(|| NA.into(), |p| med_iqr(&p));
        let _ = writeln!(
            w,
            "| {client} | {:.0} ({:.0}–{:.0}) | {:.0} ({:.0}–{:.0}) | {:.2}× | {lat} | {conns} |",
            a.median,
            a.min,
            a.max,
            b.median,
            b.min,
            b.max,
            b.median / a.median
        );
    }
    let _ = writeln!(
        w,
        "\nThe machine has {} cores, shared by the server, the client and the kernel's \
         loopback: the speed-up is bounded by the cores, not by the client alone.",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // ---- 3
    let _ = writeln!(w, "\n## 3. Validation per call\n");
    let _ = writeln!(
        w,
        "The seed order (Python-sample payload) with a real CSR. Rust: criterion (median of the \
         per-iteration time of each sample, IQR across samples). Python: per-call samples of \
         `certcentral.validate(order, \"{PRODUCT}\")`.\n"
    );
    let _ = writeln!(w, "| | RSA-2048 CSR | P-256 CSR |\n|---|---|---|");
    let row = |w: &mut String, name: &str, a: String, b: String| {
        let _ = writeln!(w, "| {name} | {a} | {b} |");
    };
    let c = r.criterion;
    row(
        w,
        "Rust: whole validation `check_value`, CSR check cached (criterion `validate/seed_*`)",
        crit_cell(c, "validate/seed_rsa2048"),
        crit_cell(c, "validate/seed_p256"),
    );
    row(
        w,
        "Rust: `inspect_csr` alone (criterion `csr/inspect_*`)",
        crit_cell(c, "csr/inspect_rsa2048"),
        crit_cell(c, "csr/inspect_p256"),
    );
    row(
        w,
        "Rust: CSR signature verification only (criterion `csr/verify_signature_only_*`)",
        crit_cell(c, "csr/verify_signature_only_rsa2048"),
        crit_cell(c, "csr/verify_signature_only_p256"),
    );
    row(
        w,
        "Rust: CSR PEM + PKCS#10 parsing only (criterion `csr/parse_only_*`)",
        crit_cell(c, "csr/parse_only_rsa2048"),
        crit_cell(c, "csr/parse_only_p256"),
    );
    // The core caches CSR checks by CSR text, so `validate/seed_*` (repeated on one order)
    // measures the cached path; a CSR validated for the first time costs both.
    let first = |a: &str, b: &str| c.get(a).zip(c.get(b)).map(|(x, y)| x.median + y.median);
    let share = |part: &str, v: &str, csr: &str| -> String {
        match (c.get(part), first(v, csr)) {
            (Some(x), Some(total)) => format!("{:.0} %", 100.0 * x.median / total),
            _ => NA.into(),
        }
    };
    row(
        w,
        "Rust: first validation of a new CSR (`check_value` + `inspect_csr`)",
        first("validate/seed_rsa2048", "csr/inspect_rsa2048").map_or_else(|| NA.into(), fmt_ns),
        first("validate/seed_p256", "csr/inspect_p256").map_or_else(|| NA.into(), fmt_ns),
    );
    row(
        w,
        "share of a first validation spent verifying the CSR's signature",
        share(
            "csr/verify_signature_only_rsa2048",
            "validate/seed_rsa2048",
            "csr/inspect_rsa2048",
        ),
        share(
            "csr/verify_signature_only_p256",
            "validate/seed_p256",
            "csr/inspect_p256",
        ),
    );
    let py = |name: &str| {
        res.get(&format!("{name}{PINNED_TAG}"), 1)
            .or_else(|| res.get(name, 1))
            .and_then(Series::pooled)
            .map_or_else(|| NA.into(), |s| med_iqr(&s))
    };
    row(
        w,
        "Python: `certcentral.validate(dict)`",
        py("py-validate-dict-rsa2048"),
        py("py-validate-dict-p256"),
    );
    row(
        w,
        "Python: `certcentral.validate(json_text)`",
        py("py-validate-json-rsa2048"),
        py("py-validate-json-p256"),
    );
    let _ = writeln!(
        w,
        "\nWith 100 `dns_names` (RSA-2048 CSR), Rust: {}.",
        crit_cell(c, "validate/dns_names_100_rsa2048")
    );

    // ---- 4
    let _ = writeln!(w, "\n## 4. Sizes, start-up, memory\n");
    let _ = writeln!(w, "| artifact | size | file |\n|---|---|---|");
    for (what, size, file) in r.sizes {
        let _ = writeln!(
            w,
            "| {what} | {} | `{file}` |",
            size.map_or_else(|| NA.into(), fmt_bytes)
        );
    }
    let _ = writeln!(w);
    match r.import {
        Some((pass, import, diff)) if diff.n > 0 => {
            let _ = writeln!(
                w,
                "`import certcentral`: **{}** (median of {} paired runs of `python -c 'import \
                 certcentral'` minus `python -c pass`; IQR {}–{}). Whole processes: `pass` {}, \
                 `import certcentral` {}.",
                fmt_ns(diff.median),
                diff.n,
                fmt_ns(diff.p25),
                fmt_ns(diff.p75),
                med_iqr(pass),
                med_iqr(import)
            );
        }
        _ => {
            let _ = writeln!(w, "`import certcentral`: {NA}.");
        }
    }
    if let Some(wh) = r.import_where {
        let _ = writeln!(w, "\nImported from: `{wh}`.");
    }
    let _ = writeln!(
        w,
        "\nPeak memory validating 10,000 distinct orders (seed order, RSA-2048 CSR, new names \
         each), max RSS of the process:\n"
    );
    let _ = writeln!(
        w,
        "| | max RSS before the loop | max RSS after 10,000 validations | growth | time per validation |\n|---|---|---|---|---|"
    );
    for lang in ["python", "rust"] {
        let Some(runs) = r.rss.get(lang) else {
            let _ = writeln!(w, "| {lang} | {NA} | | | |");
            continue;
        };
        let before: Vec<f64> = runs.iter().map(|r| r.0).collect();
        let after: Vec<f64> = runs.iter().map(|r| r.1).collect();
        let growth: Vec<f64> = runs.iter().map(|r| r.1 - r.0).collect();
        let per: Vec<f64> = runs.iter().map(|r| r.2 / 10_000.0).collect();
        let kib = |s: Option<Stats>| {
            s.map_or_else(
                || NA.into(),
                |s| {
                    format!(
                        "{} ({}–{})",
                        fmt_bytes((s.median * 1024.0) as u64),
                        fmt_bytes((s.min * 1024.0) as u64),
                        fmt_bytes((s.max * 1024.0) as u64)
                    )
                },
            )
        };
        let _ = writeln!(
            w,
            "| {lang} ({} runs) | {} | {} | {} | {} |",
            runs.len(),
            kib(stats(&before)),
            kib(stats(&after)),
            kib(stats(&growth)),
            stats(&per).map_or_else(|| NA.into(), |s| fmt_ns(s.median))
        );
    }

    // ---- 5
    let _ = writeln!(
        w,
        "\n## 5. Criterion benches of the core (`crates/certcentral/benches/core.rs`)\n"
    );
    if c.is_empty() {
        let _ = writeln!(w, "{NA}.");
    } else {
        let _ = writeln!(
            w,
            "| bench | median per iteration (IQR across samples) | min–max |\n|---|---|---|"
        );
        for (id, s) in c {
            let _ = writeln!(
                w,
                "| `{id}` | {} | {}–{} |",
                med_iqr(s),
                fmt_ns(s.min),
                fmt_ns(s.max)
            );
        }
    }

    // ---- builds and notes
    let _ = writeln!(w, "\n## Build steps of this run\n");
    let _ = writeln!(w, "| step | result | time |\n|---|---|---|");
    for s in r.steps {
        let _ = writeln!(
            w,
            "| {} | {} | {:.0} s |",
            s.name,
            if s.ok { "ok" } else { "FAILED" },
            s.seconds
        );
    }
    if !res.notes.is_empty() {
        let _ = writeln!(w, "\n## Notes\n");
        for n in &res.notes {
            let _ = writeln!(w, "- {n}");
        }
    }
    md
}
