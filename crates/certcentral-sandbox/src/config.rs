//! Sandbox configuration.

use std::time::Duration;

/// The API key a default sandbox accepts.
pub const DEFAULT_API_KEY: &str = "cc-sandbox-key";

/// How new orders move past approval, and so which of the seed's five 201 shapes a submit
/// returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Approval {
    /// Requests wait for `PUT /request/{id}/status`: `{id, requests:[{id,"pending"}]}`, or
    /// `"submitted"` with `skip_approval`.
    #[default]
    Manual,
    /// Requests are approved at once: `{id, requests:[{id,"approved"}], certificate_id}`, or
    /// `{id, certificate_id}` with `skip_approval`. Issuance follows after the issue delay.
    Auto,
    /// The certificate is issued during the submit:
    /// `{id, certificate_id, certificate_chain:[leaf, intermediate, root]}`.
    Immediate,
}

impl Approval {
    /// Parses `manual`, `auto` or `immediate` (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "manual" => Some(Self::Manual),
            "auto" => Some(Self::Auto),
            "immediate" => Some(Self::Immediate),
            _ => None,
        }
    }

    /// The mode's name: `manual`, `auto` or `immediate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Manual => "manual",
            Self::Auto => "auto",
            Self::Immediate => "immediate",
        }
    }
}

impl std::fmt::Display for Approval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything [`Sandbox::start`](crate::Sandbox::start) needs. `Default` gives DigiCert-like
/// behaviour: manual approval, a 2-second issue delay, DigiCert's rate limits, validation on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// TCP port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The accepted `X-DC-DEVKEY` values (default: [`DEFAULT_API_KEY`]).
    pub api_keys: Vec<String>,
    /// The approval mode (switchable at run time).
    pub approval: Approval,
    /// Time from approval (or from a `skip_approval` submit) to issuance.
    pub issue_delay: Duration,
    /// `(requests, window)` rolling limits per API key; `None` turns rate limiting off.
    /// Default: DigiCert's 100 per 5 seconds and 1000 per 3 minutes.
    pub rate_limits: Option<Vec<(u32, Duration)>>,
    /// Validate submitted orders with the core's rules (400 with one item per violation).
    pub validate: bool,
    /// The server's threads (at least 1): the tokio runtime's worker threads, which serve
    /// the connections, and the most handlers run at once (on the runtime's blocking pool).
    pub workers: usize,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            port: 0,
            api_keys: vec![DEFAULT_API_KEY.to_owned()],
            approval: Approval::Manual,
            issue_delay: Duration::from_secs(2),
            rate_limits: Some(vec![
                (100, Duration::from_secs(5)),
                (1000, Duration::from_secs(180)),
            ]),
            validate: true,
            workers: 4,
        }
    }
}
