//! The C suite (`cargo xtask test --only c`): the C library `bindings/c`.
//!
//! 1. builds the sandbox CLI and the library (`cargo rustc ... --print native-static-libs`
//!    reports what a static link needs), checks that the committed header is what cbindgen
//!    generates now (`tests/header.rs`), and flattens the shared vectors for the C side;
//! 2. compiles the header alone as C11 and as C++17;
//! 3. compiles `bindings/c/tests/*.c` with `-std=c11 -Wall -Wextra -Werror -pedantic`, plain
//!    and with `-fsanitize=address,undefined`, and runs it plain, sanitized and under valgrind,
//!    each time against a fresh sandbox (`certcentral sandbox --port 0`), which is always
//!    killed afterwards; the binary's `N passed, M failed` line is counted;
//! 4. installs into a staging prefix with `bindings/c/install.sh` (which writes
//!    `certcentral.pc`), builds the example with `pkg-config --cflags --libs certcentral` and
//!    statically with the `.a` and the native-static-libs, and runs both against the sandbox.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::util::{Counts, cargo, count_cargo, number_before, root, run};

const FLAGS: &[&str] = &["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic"];
const SANITIZE: &[&str] = &[
    "-fsanitize=address,undefined",
    "-fno-sanitize-recover=all",
    "-fno-omit-frame-pointer",
    "-g",
];

fn pass(c: &mut Counts, ok: bool, what: &str) {
    if ok {
        c.passed += 1;
    } else {
        c.failed += 1;
        eprintln!("c suite: FAILED: {what}");
    }
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A sandbox process (`certcentral sandbox`), killed when dropped.
struct Sandbox {
    child: Child,
    base_url: String,
    api_key: String,
}

impl Sandbox {
    fn start(bin: &Path, log: &Path) -> Result<Self, String> {
        let log_file = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let err_file = log_file.try_clone().map_err(|e| e.to_string())?;
        let mut child = Command::new(bin)
            .args(["sandbox", "--port", "0", "--approval", "manual"])
            .args(["--issue-delay", "1", "--exit-on-stdin-eof"])
            .current_dir(root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(err_file))
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        // Reads the two first lines, then drains the rest into the log so the sandbox never
        // blocks on a full pipe. Ends when the sandbox closes its stdout.
        std::thread::spawn(move || {
            let mut log_file = log_file;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = writeln!(log_file, "{line}");
                let _ = tx.send(line);
            }
        });
        let mut sandbox = Self {
            child,
            base_url: String::new(),
            api_key: String::new(),
        };
        while sandbox.base_url.is_empty() || sandbox.api_key.is_empty() {
            let line = rx.recv_timeout(Duration::from_secs(30)).map_err(|_| {
                format!(
                    "the sandbox printed no base_url/api_key (see {})",
                    log.display()
                )
            })?;
            if let Some(v) = line.strip_prefix("base_url:") {
                sandbox.base_url = v.trim().to_owned();
            } else if let Some(v) = line.strip_prefix("api_key:") {
                sandbox.api_key = v.trim().to_owned();
            }
        }
        eprintln!(
            "sandbox at {} (pid {})",
            sandbox.base_url,
            sandbox.child.id()
        );
        Ok(sandbox)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        drop(self.child.stdin.take()); // --exit-on-stdin-eof
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Counts of a C test binary's closing line `N passed, M failed` (the last such line).
fn count_c(output: &str) -> Option<Counts> {
    output
        .lines()
        .rev()
        .find(|l| l.ends_with(" failed") && l.contains(" passed, ") && !l.starts_with('#'))
        .map(|l| Counts {
            passed: number_before(l, " passed"),
            failed: number_before(l, " failed"),
        })
}

/// Runs the C test binary against a fresh sandbox, under `wrapper` (valgrind) if given.
fn run_tests(
    c: &mut Counts,
    name: &str,
    cmd: Vec<String>,
    sandbox_bin: &Path,
    out: &Path,
) -> String {
    let sandbox = match Sandbox::start(sandbox_bin, &out.join(format!("sandbox-{name}.log"))) {
        Ok(s) => s,
        Err(e) => {
            pass(c, false, &format!("{name}: {e}"));
            return String::new();
        }
    };
    let r = root();
    let mut command = Command::new(&cmd[0]);
    command.args(&cmd[1..]).args([
        "--base-url",
        &sandbox.base_url,
        "--api-key",
        &sandbox.api_key,
        "--vectors",
        &out.join("vectors.txt").to_string_lossy(),
        "--order",
        &r.join("examples/securesite-pro.json").to_string_lossy(),
        "--version",
        env!("CARGO_PKG_VERSION"),
    ]);
    let (ok, output) = run(&mut command);
    drop(sandbox);
    match count_c(&output) {
        Some(counted) => {
            *c += counted;
            if !ok && counted.failed == 0 {
                pass(
                    c,
                    false,
                    &format!("{name}: the test binary failed after its last test"),
                );
            }
        }
        None => pass(
            c,
            false,
            &format!("{name}: the test binary ended without its summary"),
        ),
    }
    output
}

/// `-l` flags rustc reported for a static link.
fn native_static_libs(output: &str) -> Option<String> {
    output
        .lines()
        .filter_map(|l| l.split("native-static-libs:").nth(1))
        .map(|s| s.trim().to_owned())
        .next_back()
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Runs the example program against a fresh sandbox.
fn run_example(
    c: &mut Counts,
    name: &str,
    exe: &Path,
    sandbox_bin: &Path,
    out: &Path,
    ld_path: Option<&Path>,
) {
    let sandbox = match Sandbox::start(sandbox_bin, &out.join(format!("sandbox-{name}.log"))) {
        Ok(s) => s,
        Err(e) => return pass(c, false, &format!("{name}: {e}")),
    };
    let mut cmd = Command::new(exe);
    cmd.args([
        &s(&root().join("examples/securesite-pro.json")),
        "ssl_securesite_pro",
        "--approve",
    ])
    .env("CERTCENTRAL_BASE_URL", &sandbox.base_url)
    .env("CERTCENTRAL_API_KEY", &sandbox.api_key)
    .env_remove("LD_LIBRARY_PATH");
    if let Some(p) = ld_path {
        cmd.env("LD_LIBRARY_PATH", p);
    }
    let (ok, output) = run(&mut cmd);
    drop(sandbox);
    pass(
        c,
        ok && output.contains(" issued: certificate "),
        &format!("{name} runs the lifecycle"),
    );
}

pub fn c() -> Counts {
    let mut c = Counts::default();
    let r = root();
    let dir = r.join("bindings/c");
    let out = r.join("target/c-tests");
    for tool in ["gcc", "g++", "pkg-config", "valgrind", "ldd"] {
        pass(
            &mut c,
            have(tool),
            &format!("{tool} is installed (bash scripts/provision/c.sh)"),
        );
    }
    if c.failed > 0 || std::fs::create_dir_all(&out).is_err() {
        return c;
    }

    // 1. Builds, the header check, the vectors.
    let sandbox_bin = r.join("target/debug/certcentral");
    let built = run(cargo().args(["build", "-p", "certcentral-cli"])).0;
    pass(
        &mut c,
        built && sandbox_bin.exists(),
        "build the sandbox (certcentral-cli)",
    );
    let (ok, output) = run(cargo().args(["test", "-p", "certcentral-c", "--test", "header"]));
    let counted = count_cargo(&output);
    c += counted;
    if !ok && counted.failed == 0 {
        pass(&mut c, false, "the header test did not build");
    }
    let vectors = out.join("vectors.txt");
    let flattened = run(cargo()
        .args([
            "run",
            "-q",
            "-p",
            "certcentral-c",
            "--example",
            "flatten_vectors",
            "--",
        ])
        .arg(r.join("tests/vectors"))
        .arg(&vectors))
    .0;
    pass(&mut c, flattened, "flatten the shared vectors");
    // Last cargo step: the library the C code links (the other steps build it with other flags).
    let (lib_ok, lib_out) = run(cargo().args([
        "rustc",
        "-p",
        "certcentral-c",
        "--lib",
        "--",
        "--print",
        "native-static-libs",
    ]));
    let libs = native_static_libs(&lib_out);
    pass(
        &mut c,
        lib_ok && libs.is_some(),
        "build libcertcentral.{so,a} and get native-static-libs",
    );
    if !built || !lib_ok || !flattened {
        return c;
    }
    let libs = libs.unwrap_or_default();
    let lib_dir = r.join("target/debug");
    let include = dir.join("include");
    let header = include.join("certcentral.h");

    // 2. The header alone, as C11 and as C++17.
    let c_ok = run(Command::new("gcc")
        .args([
            "-std=c11",
            "-pedantic",
            "-Werror",
            "-Wall",
            "-Wextra",
            "-fsyntax-only",
            "-x",
            "c",
        ])
        .arg(&header))
    .0;
    pass(
        &mut c,
        c_ok,
        "certcentral.h compiles as C11 (gcc -std=c11 -pedantic -Werror)",
    );
    let cxx_ok = run(Command::new("g++")
        .args([
            "-std=c++17",
            "-pedantic",
            "-Werror",
            "-Wall",
            "-Wextra",
            "-fsyntax-only",
            "-x",
            "c++",
        ])
        .arg(&header))
    .0;
    pass(
        &mut c,
        cxx_ok,
        "certcentral.h compiles as C++17 (g++ -std=c++17 -fsyntax-only)",
    );

    // 3. The C test suite: plain, sanitized, valgrind.
    let sources: Vec<PathBuf> = ["test_certcentral.c", "ctest.c", "minijson.c"]
        .iter()
        .map(|f| dir.join("tests").join(f))
        .collect();
    let compile = |exe: &Path, extra: &[&str]| {
        run(Command::new("gcc")
            .args(FLAGS)
            .args(extra)
            .arg("-I")
            .arg(&include)
            .args(&sources)
            .arg("-L")
            .arg(&lib_dir)
            .arg(format!("-Wl,-rpath,{}", s(&lib_dir)))
            .args(["-lcertcentral", "-o"])
            .arg(exe))
        .0
    };
    let plain = out.join("test_certcentral");
    let asan = out.join("test_certcentral_asan");
    let plain_ok = compile(&plain, &[]);
    pass(
        &mut c,
        plain_ok,
        "compile the C tests (-std=c11 -Wall -Wextra -Werror -pedantic)",
    );
    let asan_ok = compile(&asan, SANITIZE);
    pass(
        &mut c,
        asan_ok,
        "compile the C tests with -fsanitize=address,undefined",
    );
    if plain_ok {
        run_tests(&mut c, "plain", vec![s(&plain)], &sandbox_bin, &out);
    }
    if asan_ok {
        run_tests(&mut c, "asan", vec![s(&asan)], &sandbox_bin, &out);
    }
    if plain_ok {
        let output = run_tests(
            &mut c,
            "valgrind",
            vec![
                "valgrind".into(),
                "--leak-check=full".into(),
                "--error-exitcode=1".into(),
                "--num-callers=40".into(),
                format!("--suppressions={}", s(&dir.join("tests/valgrind.supp"))),
                s(&plain),
            ],
            &sandbox_bin,
            &out,
        );
        let errors = output
            .lines()
            .rev()
            .find(|l| l.contains("ERROR SUMMARY:"))
            .map(|l| number_before(l, " errors"));
        let no_leaks = output.contains("All heap blocks were freed -- no leaks are possible");
        let definitely = output
            .lines()
            .rev()
            .find(|l| l.contains("definitely lost:"))
            .map(|l| number_before(l, " bytes"));
        eprintln!("valgrind: errors {errors:?}, definitely lost {definitely:?} bytes");
        pass(
            &mut c,
            errors == Some(0),
            "valgrind: ERROR SUMMARY: 0 errors",
        );
        pass(
            &mut c,
            definitely == Some(0) || (definitely.is_none() && no_leaks),
            "valgrind: definitely lost: 0 bytes",
        );
    }

    // 4. Install to a staging prefix, pkg-config, the example dynamic and static.
    let prefix = out.join("prefix");
    let _ = std::fs::remove_dir_all(&prefix);
    let installed = run(Command::new("bash")
        .arg(dir.join("install.sh"))
        .args([
            "--no-build",
            "--profile",
            "dev",
            "--native-static-libs",
            &libs,
            "--prefix",
        ])
        .arg(&prefix))
    .0;
    pass(&mut c, installed, "install.sh into a staging prefix");
    if !installed {
        return c;
    }
    let pc_path = prefix.join("lib/pkgconfig");
    let pkg = |args: &[&str]| {
        let (ok, text) = run(Command::new("pkg-config")
            .env("PKG_CONFIG_PATH", &pc_path)
            .args(args)
            .arg("certcentral"));
        (ok, text.trim().to_owned())
    };
    let (ok, version) = pkg(&["--modversion"]);
    pass(
        &mut c,
        ok && version == env!("CARGO_PKG_VERSION"),
        "pkg-config --modversion is the crate version",
    );
    let (ok, flags) = pkg(&["--cflags", "--libs"]);
    pass(
        &mut c,
        ok && flags.contains("-lcertcentral"),
        "pkg-config --cflags --libs certcentral",
    );
    let (ok_static, static_flags) = pkg(&["--static", "--libs-only-l"]);
    pass(
        &mut c,
        ok_static && static_flags.contains("-lpthread"),
        "pkg-config --static lists the native-static-libs",
    );
    let example = dir.join("examples/order_lifecycle.c");
    let dynamic_exe = out.join("order_lifecycle");
    let dyn_ok = run(Command::new("sh")
        .arg("-c")
        .arg(format!(
            "gcc {} {} $(pkg-config --cflags --libs certcentral) -o {}",
            FLAGS.join(" "),
            s(&example),
            s(&dynamic_exe)
        ))
        .env("PKG_CONFIG_PATH", &pc_path))
    .0;
    pass(
        &mut c,
        dyn_ok,
        "build the example with pkg-config --cflags --libs certcentral",
    );
    if dyn_ok {
        run_example(
            &mut c,
            "example-dynamic",
            &dynamic_exe,
            &sandbox_bin,
            &out,
            Some(&prefix.join("lib")),
        );
    }
    let static_exe = out.join("order_lifecycle_static");
    let static_ok = run(Command::new("gcc")
        .args(FLAGS)
        .arg(format!("-I{}", s(&prefix.join("include"))))
        .arg(&example)
        .arg(prefix.join("lib/libcertcentral.a"))
        .args(libs.split_whitespace())
        .arg("-o")
        .arg(&static_exe))
    .0;
    pass(
        &mut c,
        static_ok,
        "build the example against libcertcentral.a + native-static-libs",
    );
    if static_ok {
        let (ldd_ok, deps) = run(Command::new("ldd").arg(&static_exe));
        pass(
            &mut c,
            ldd_ok && !deps.contains("libcertcentral"),
            "the static example does not need libcertcentral.so",
        );
        run_example(
            &mut c,
            "example-static",
            &static_exe,
            &sandbox_bin,
            &out,
            None,
        );
    }
    c
}
