//! The `kotlin` suite, and what the two uniffi suites (`kotlin`, `swift`) share: building the
//! uniffi library and generator, starting a sandbox, and small checks.
//!
//! kotlin: `mvn verify` of bindings/kotlin (Surefire's `Tests run: N, Failures: F, Errors: E,
//! Skipped: S` is counted; skipped tests count as failures, never as passes), then a Java
//! program that has only the jar, kotlin-stdlib and JNA on its class path submits an order to
//! the sandbox (the jar carries the native library; JNA must load it from inside the jar).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::util::{Counts, cargo, root, run};

/// A pass/fail check.
pub(crate) fn check(ok: bool) -> Counts {
    Counts {
        passed: u64::from(ok),
        failed: u64::from(!ok),
    }
}

/// Whether `program` runs at all (`program args` exits 0).
pub(crate) fn tool_works(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The release uniffi library (`-p`: the bindgen's `cli` feature is not unified into it), the
/// generator (dev profile) and the `certcentral` command (for the sandbox). Returns the
/// library's path, or None (reported) when a build failed.
pub(crate) fn build_uniffi() -> Option<PathBuf> {
    let builds: [&[&str]; 3] = [
        &["build", "--release", "-p", "certcentral-uniffi"],
        &["build", "-p", "certcentral-uniffi-bindgen"],
        &["build", "-p", "certcentral-cli"],
    ];
    for args in builds {
        if !run(cargo().args(args)).0 {
            eprintln!("uniffi: `cargo {}` failed", args.join(" "));
            return None;
        }
    }
    Some(root().join("target/release/libcertcentral_uniffi.so"))
}

/// `target/debug/certcentral-bindgen`.
pub(crate) fn bindgen() -> PathBuf {
    root().join("target/debug/certcentral-bindgen")
}

/// A sandbox (`certcentral sandbox --port 0`) for one suite run; killed when dropped.
pub(crate) struct Sandbox {
    child: Child,
    /// `http://127.0.0.1:PORT/services/v2`
    pub url: String,
    /// The sandbox's API key.
    pub key: String,
}

impl Sandbox {
    /// Starts `target/debug/certcentral sandbox` (manual approval, 0.5 s issue delay, no rate
    /// limits: the suites inject 429s themselves) and reads its base URL and key.
    pub(crate) fn start() -> Result<Self, String> {
        let bin = root().join("target/debug/certcentral");
        let mut child = Command::new(&bin)
            .args(["sandbox", "--port", "0", "--approval", "manual"])
            .args([
                "--issue-delay",
                "0.5",
                "--no-rate-limit",
                "--exit-on-stdin-eof",
            ])
            .current_dir(root())
            // A pipe that stays open while the child runs: it also ends the sandbox should
            // this process die without killing it.
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        // Keeps reading (and discarding) after the first lines, so the sandbox never blocks
        // on a full pipe; ends when the sandbox exits.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let mut sandbox = Self {
            child,
            url: String::new(),
            key: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while sandbox.url.is_empty() || sandbox.key.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(url) = line.strip_prefix("base_url: ") {
                        sandbox.url = url.trim().to_owned();
                    } else if let Some(key) = line.strip_prefix("api_key: ") {
                        sandbox.key = key.trim().to_owned();
                    }
                }
                Err(_) => return Err("the sandbox did not print base_url/api_key".into()),
            }
        }
        eprintln!("sandbox: {} (pid {})", sandbox.url, sandbox.child.id());
        Ok(sandbox)
    }

    /// The environment the test programs read.
    pub(crate) fn env(&self, cmd: &mut Command) {
        cmd.env("CERTCENTRAL_SANDBOX_URL", &self.url)
            .env("CERTCENTRAL_SANDBOX_KEY", &self.key);
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `key: N` from a line like `Tests run: 5, Failures: 0, Errors: 1, Skipped: 0`.
fn field(line: &str, key: &str) -> u64 {
    line.split(',')
        .filter_map(|part| part.split_once(": "))
        .find(|(k, _)| k.trim_end().ends_with(key))
        .and_then(|(_, v)| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Surefire's closing `Tests run: …` line (the one without ` -- in <class>`).
fn count_surefire(output: &str) -> Option<Counts> {
    let line = output
        .lines()
        .rev()
        .find(|l| l.contains("Tests run: ") && !l.contains(" -- in "))?;
    let run = field(line, "Tests run");
    let bad = field(line, "Failures") + field(line, "Errors") + field(line, "Skipped");
    Some(Counts {
        passed: run.saturating_sub(bad),
        failed: bad,
    })
}

/// The `kotlin` suite.
pub(crate) fn kotlin() -> Counts {
    let started = Instant::now();
    let mut c = Counts::default();
    let mvn_ok = tool_works("mvn", &["-v"]);
    let java_ok = tool_works("java", &["-version"]);
    if !mvn_ok || !java_ok {
        eprintln!("kotlin: Maven and a JDK 17 are needed: run `bash scripts/provision/kotlin.sh`");
        return check(false);
    }
    let Some(lib) = build_uniffi() else {
        return check(false);
    };
    let sandbox = match Sandbox::start() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kotlin: {e}");
            return check(false);
        }
    };
    let project = root().join("bindings/kotlin");
    let jar = project.join("target/certcentral-0.1.0.jar");
    let classpath = project.join("target/runtime-classpath.txt");
    let _ = std::fs::remove_file(&jar);
    let _ = std::fs::remove_file(&classpath);
    let mut mvn = Command::new("mvn");
    mvn.args(["-B", "-ntp", "-f"]).arg(project.join("pom.xml"));
    if std::env::var_os("CERTCENTRAL_MVN_OFFLINE").is_some() {
        mvn.arg("-o");
    }
    // The library is built (release, -p) above; Maven generates the Kotlin sources from it,
    // compiles, tests (failures counted, the build goes on), packages the jar with the library,
    // and writes the runtime class path for the jar-only check.
    mvn.args([
        "-Dcertcentral.skipCargo=true",
        "-Dcargo.profile=release",
        "-Dmaven.test.failure.ignore=true",
        "verify",
        "dependency:build-classpath",
        "-DincludeScope=runtime",
    ])
    .arg(format!("-Dmdep.outputFile={}", classpath.display()))
    .arg(format!(
        "-Dnative.lib.dir={}",
        lib.parent().unwrap_or(&root()).display()
    ));
    sandbox.env(&mut mvn);
    let (ok, out) = run(&mut mvn);
    match count_surefire(&out) {
        Some(counted) => {
            c += counted;
            c += check(ok);
        }
        None => c += check(false), // Maven failed before any test ran
    }
    c += jar_only(&jar, &classpath, &sandbox);
    drop(sandbox);
    eprintln!("kotlin: {:.1} s", started.elapsed().as_secs_f64());
    c
}

/// A Java program with only the jar (+ kotlin-stdlib, JNA) on its class path, no library
/// path: JNA must find libcertcentral_uniffi.so inside the jar.
fn jar_only(jar: &Path, classpath: &Path, sandbox: &Sandbox) -> Counts {
    let listing = Command::new("jar").arg("tf").arg(jar).output();
    let has_lib = listing.is_ok_and(|o| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .any(|l| l == "linux-x86-64/libcertcentral_uniffi.so")
    });
    if !has_lib {
        eprintln!(
            "kotlin: {} lacks linux-x86-64/libcertcentral_uniffi.so",
            jar.display()
        );
        return check(false);
    }
    let Ok(deps) = std::fs::read_to_string(classpath) else {
        eprintln!("kotlin: no runtime class path at {}", classpath.display());
        return check(false);
    };
    let mut java = Command::new("java");
    java.arg("-Djna.debug_load=true")
        .arg("-cp")
        .arg(format!("{}:{}", jar.display(), deps.trim()))
        .arg("bindings/kotlin/consumer/JarConsumer.java")
        .arg(&sandbox.url)
        .arg(&sandbox.key)
        .arg("examples/securesite-pro.json")
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("JAVA_TOOL_OPTIONS");
    let (ok, out) = run(&mut java);
    let from_jar = out.contains("Found library resource at jar:file:")
        && out.contains("!/linux-x86-64/libcertcentral_uniffi.so");
    if ok && !from_jar {
        eprintln!("kotlin: JNA did not load the library from inside the jar");
    }
    check(ok && from_jar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surefire_summary() {
        let out = "[INFO] Tests run: 6, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.4 s -- in org.X\n\
                   [ERROR] Tests run: 404, Failures: 2, Errors: 1, Skipped: 1\n";
        let c = count_surefire(out).unwrap();
        assert_eq!((c.passed, c.failed), (400, 4));
        assert!(count_surefire("BUILD FAILURE").is_none());
    }
}
