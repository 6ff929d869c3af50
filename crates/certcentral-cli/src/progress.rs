//! Live progress of a running command: a spinner on a terminal, plain lines otherwise, and
//! nothing with `--json`. Everything goes to stderr.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A progress display.
pub struct Progress {
    spinner: Option<ProgressBar>,
    quiet: bool,
    last: std::cell::RefCell<String>,
}

impl Progress {
    /// A spinner when stderr is a terminal, plain lines when it is not, silence when `quiet`.
    pub fn new(quiet: bool) -> Self {
        let spinner = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let pb = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                pb.set_style(style);
            }
            pb.enable_steady_tick(Duration::from_millis(100));
            pb
        });
        Self {
            spinner,
            quiet,
            last: std::cell::RefCell::new(String::new()),
        }
    }

    /// A step that happened (kept on screen).
    pub fn step(&self, message: &str) {
        match &self.spinner {
            Some(pb) => pb.println(format!("✓ {message}")),
            None if !self.quiet => eprintln!("{message}"),
            None => {}
        }
    }

    /// The current state (replaced by the next one); plain mode prints it only when it
    /// changes.
    pub fn status(&self, message: &str) {
        if let Some(pb) = &self.spinner {
            pb.set_message(message.to_owned());
            return;
        }
        if self.quiet || *self.last.borrow() == message {
            return;
        }
        eprintln!("{message}");
        *self.last.borrow_mut() = message.to_owned();
    }

    /// Removes the spinner.
    pub fn finish(&self) {
        if let Some(pb) = &self.spinner {
            pb.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
