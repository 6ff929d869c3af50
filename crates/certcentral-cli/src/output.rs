//! Where results and errors go: text for people, or one JSON document for scripts.

use std::io::Write;

use serde_json::Value;

use crate::exit::Failure;

/// The output mode of a run.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// `--json`: stdout gets exactly one JSON document.
    pub json: bool,
}

impl Output {
    /// The output mode.
    pub fn new(json: bool) -> Self {
        Self { json }
    }

    /// Prints a result: `text` for people, or `value` as JSON.
    pub fn result(&self, text: &str, value: &Value) {
        let mut stdout = std::io::stdout().lock();
        let _ = if self.json {
            writeln!(stdout, "{value:#}")
        } else if text.is_empty() {
            Ok(())
        } else {
            writeln!(stdout, "{}", text.trim_end())
        };
        let _ = stdout.flush();
    }

    /// A side note for people (warnings, hints) on stderr; nothing in JSON mode.
    pub fn note(&self, text: &str) {
        if !self.json {
            eprintln!("{}", text.trim_end());
        }
    }

    /// Reports a failure: `error: …` on stderr, or `{"error": …}` on stdout in JSON mode.
    pub fn error(&self, failure: &Failure) {
        if self.json {
            println!("{:#}", failure.to_json());
        } else {
            eprintln!("error: {}", failure.message);
        }
    }
}
