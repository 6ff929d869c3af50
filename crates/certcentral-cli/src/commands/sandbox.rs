//! `certcentral sandbox`: serve the offline sandbox until interrupted.
//!
//! The first two lines on stdout are a stable interface for test harnesses:
//!
//! ```text
//! base_url: http://127.0.0.1:PORT/services/v2
//! api_key: cc-sandbox-key
//! ```
//!
//! It stops on SIGINT or SIGTERM (Ctrl-C), and also when stdin reaches end of file if
//! `--exit-on-stdin-eof` is given.

use std::io::{Read, Write};
use std::sync::mpsc;

use certcentral_sandbox::{Sandbox, SandboxConfig};

use crate::cli::{Global, SandboxArgs};
use crate::context;
use crate::exit::{Code, Failure};

/// Runs the sandbox in the foreground.
pub fn run(global: &Global, args: &SandboxArgs) -> Result<(), Failure> {
    let defaults = SandboxConfig::default();
    let config = SandboxConfig {
        port: args.port,
        approval: context::approval(global.approval),
        issue_delay: context::issue_delay(global)?,
        rate_limits: if args.no_rate_limit {
            None
        } else {
            defaults.rate_limits.clone()
        },
        validate: !args.no_validate,
        ..defaults
    };
    let (stop_tx, stop_rx) = mpsc::channel::<&'static str>();
    let signal_tx = stop_tx.clone();
    ctrlc::set_handler(move || {
        let _ = signal_tx.send("signal");
    })
    .map_err(|e| Failure::new(Code::LocalIo, format!("cannot handle signals: {e}")))?;

    let sandbox = Sandbox::start(config.clone()).map_err(|e| {
        Failure::new(
            Code::LocalIo,
            format!("cannot start the sandbox on 127.0.0.1:{}: {e}", args.port),
        )
    })?;
    {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "base_url: {}", sandbox.base_url());
        let _ = writeln!(stdout, "api_key: {}", sandbox.api_key());
        let _ = stdout.flush();
    }
    eprintln!(
        "certcentral sandbox: approval {}, issue delay {:?}, rate limits {}, control API {} \
         (Ctrl-C to stop)",
        config.approval,
        config.issue_delay,
        if config.rate_limits.is_some() {
            "on"
        } else {
            "off"
        },
        sandbox.control_url(),
    );
    if args.exit_on_stdin_eof {
        std::thread::spawn(move || {
            let mut sink = [0u8; 4096];
            let mut stdin = std::io::stdin().lock();
            while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
            let _ = stop_tx.send("stdin closed");
        });
    }
    let reason = stop_rx.recv().unwrap_or("channel closed");
    eprintln!("certcentral sandbox: stopping ({reason})");
    sandbox.shutdown();
    Ok(())
}
