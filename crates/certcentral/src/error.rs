//! The one error type of the library, with a flat [`ErrorKind`].

use std::fmt;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::validate::Violation;

/// Everything that can go wrong. Match on [`Error::kind`] for a flat view.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The order breaks one or more rules; nothing was sent.
    #[error("{}", validation_message(.violations))]
    Validation {
        /// Every violation found.
        violations: Vec<Violation>,
    },
    /// The API key was refused (HTTP 401, or 403 `access_denied|access_denied_invalid_key`).
    #[error("authentication failed: {0}")]
    Authentication(ApiError),
    /// The order, request, certificate, product or route does not exist (HTTP 404).
    #[error("not found: {0}")]
    NotFound(ApiError),
    /// Rate limit exceeded (HTTP 429), after the configured retries.
    #[error("rate limited{}: {error}", retry_after_text(.retry_after))]
    RateLimited {
        /// How long the server asked to wait, when it said.
        retry_after: Option<Duration>,
        /// The server's answer.
        error: ApiError,
    },
    /// Any other error answer from the API.
    #[error("{0}")]
    Api(ApiError),
    /// The connection failed, or broke while no order could have been placed.
    #[error("transport error: {0}")]
    Transport(String),
    /// A timeout or the overall deadline passed.
    #[error("timed out: {0}")]
    Timeout(String),
    /// A response could not be understood.
    #[error("could not decode the response: {message}")]
    Decode {
        /// What was wrong.
        message: String,
        /// The body received (possibly cut at the size cap).
        raw_body: String,
    },
    /// The client configuration or an argument is wrong.
    #[error("configuration error: {0}")]
    Config(String),
    /// A submit was sent but its answer was lost: the order may or may not exist. Never
    /// resubmit blindly; look the order up with `Client::find_recent_orders`.
    #[error("{0}")]
    OutcomeUnknown(OutcomeUnknown),
}

/// The flat kind of an [`Error`], stable across bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// See [`Error::Validation`].
    Validation,
    /// See [`Error::Authentication`].
    Authentication,
    /// See [`Error::NotFound`].
    NotFound,
    /// See [`Error::RateLimited`].
    RateLimited,
    /// See [`Error::Api`].
    Api,
    /// See [`Error::Transport`].
    Transport,
    /// See [`Error::Timeout`].
    Timeout,
    /// See [`Error::Decode`].
    Decode,
    /// See [`Error::Config`].
    Config,
    /// See [`Error::OutcomeUnknown`].
    OutcomeUnknown,
}

impl ErrorKind {
    /// A stable snake_case name (`validation`, `rate_limited`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "validation",
            Self::Authentication => "authentication",
            Self::NotFound => "not_found",
            Self::RateLimited => "rate_limited",
            Self::Api => "api",
            Self::Transport => "transport",
            Self::Timeout => "timeout",
            Self::Decode => "decode",
            Self::Config => "config",
            Self::OutcomeUnknown => "outcome_unknown",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The flat kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::Validation { .. } => ErrorKind::Validation,
            Self::Authentication(_) => ErrorKind::Authentication,
            Self::NotFound(_) => ErrorKind::NotFound,
            Self::RateLimited { .. } => ErrorKind::RateLimited,
            Self::Api(_) => ErrorKind::Api,
            Self::Transport(_) => ErrorKind::Transport,
            Self::Timeout(_) => ErrorKind::Timeout,
            Self::Decode { .. } => ErrorKind::Decode,
            Self::Config(_) => ErrorKind::Config,
            Self::OutcomeUnknown(_) => ErrorKind::OutcomeUnknown,
        }
    }

    /// The server's answer, for the error kinds that have one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Authentication(e) | Self::NotFound(e) | Self::Api(e) => Some(e),
            Self::RateLimited { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The HTTP status, for the error kinds that have one.
    pub fn status(&self) -> Option<u16> {
        self.api_error().map(|e| e.status)
    }

    /// The violations of a validation error (empty for other kinds).
    pub fn violations(&self) -> &[Violation] {
        match self {
            Self::Validation { violations } => violations,
            _ => &[],
        }
    }

    /// The raw response body, when there was one.
    pub fn raw_body(&self) -> Option<&str> {
        match self {
            Self::Decode { raw_body, .. } => Some(raw_body),
            other => other.api_error().map(|e| e.raw_body.as_str()),
        }
    }

    /// Builds the error for an HTTP error answer: the status and body decide the kind.
    pub fn from_response(status: u16, raw_body: String, retry_after: Option<Duration>) -> Self {
        let errors = ApiErrorItem::parse_body(&raw_body);
        let api = ApiError {
            status,
            errors,
            raw_body,
        };
        let invalid_key = api.errors.iter().any(|e| {
            e.code
                .starts_with("access_denied|access_denied_invalid_key")
        });
        match status {
            401 => Self::Authentication(api),
            403 if invalid_key => Self::Authentication(api),
            404 => Self::NotFound(api),
            429 => Self::RateLimited {
                retry_after,
                error: api,
            },
            _ => Self::Api(api),
        }
    }
}

fn validation_message(violations: &[Violation]) -> String {
    let mut s = format!(
        "the order is invalid ({} violation{})",
        violations.len(),
        if violations.len() == 1 { "" } else { "s" }
    );
    for v in violations {
        s.push_str(&format!(
            "\n  {}: {} ({})",
            display_path(&v.path),
            v.message,
            v.code
        ));
    }
    s
}

fn display_path(path: &str) -> &str {
    if path.is_empty() { "(order)" } else { path }
}

fn retry_after_text(d: &Option<Duration>) -> String {
    d.map(|d| format!(" (retry after {:.1} s)", d.as_secs_f64()))
        .unwrap_or_default()
}

/// An error answer from the API: the HTTP status, every error item, and the raw body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// Every error item of the body, in order.
    pub errors: Vec<ApiErrorItem>,
    /// The body as received (cut at the size cap).
    pub raw_body: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if self.errors.is_empty() {
            let snippet: String = self.raw_body.chars().take(200).collect();
            if !snippet.trim().is_empty() {
                write!(f, ": {}", snippet.trim())?;
            }
        }
        for (i, e) in self.errors.iter().enumerate() {
            write!(
                f,
                "{} {}: {}",
                if i == 0 { ":" } else { ";" },
                e.code,
                e.message
            )?;
        }
        Ok(())
    }
}

/// One item of DigiCert's `{"errors": [{"code", "message"}]}` body, with its code parsed.
///
/// Codes come in three shapes: plain (`bad_request_format`), `category|subcode`
/// (`not_found|order`) and `kind:field` (`required_param:certificate.csr`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorItem {
    /// The code as received.
    pub code: String,
    /// The message (the legacy `description` field when there is no `message`).
    pub message: String,
    /// The code's base: `not_found` for `not_found|order`, `required_param` for
    /// `required_param:certificate.csr`.
    pub category: String,
    /// The part after `|`, if any (`order`).
    pub subcode: Option<String>,
    /// The part after `:`, if any (`certificate.csr`).
    pub field: Option<String>,
}

impl ApiErrorItem {
    /// Builds an item and parses its code.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        let code = code.into();
        let (head, field) = match code.split_once(':') {
            Some((h, f)) => (h, Some(f.to_owned())),
            None => (code.as_str(), None),
        };
        let (category, subcode) = match head.split_once('|') {
            Some((c, s)) => (c.to_owned(), Some(s.to_owned())),
            None => (head.to_owned(), None),
        };
        Self {
            category,
            subcode,
            field,
            message: message.into(),
            code,
        }
    }

    /// Every item of an error body; empty when the body is not DigiCert's error format.
    pub fn parse_body(body: &str) -> Vec<Self> {
        #[derive(Deserialize)]
        struct Body {
            errors: Vec<Item>,
        }
        #[derive(Deserialize)]
        struct Item {
            #[serde(default)]
            code: Option<serde_json::Value>,
            #[serde(default)]
            message: Option<String>,
            #[serde(default)]
            description: Option<String>,
        }
        let Ok(body) = serde_json::from_str::<Body>(body) else {
            return Vec::new();
        };
        body.errors
            .into_iter()
            .map(|i| {
                let code = match i.code {
                    Some(serde_json::Value::String(s)) => s,
                    Some(other) => other.to_string(),
                    None => String::new(),
                };
                Self::new(code, i.message.or(i.description).unwrap_or_default())
            })
            .collect()
    }
}

/// What is known about a submit whose answer was lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeUnknown {
    /// The product the order was sent for.
    pub product: String,
    /// The order's common name.
    pub common_name: String,
    /// When the request was sent.
    pub sent_at: SystemTime,
    /// What happened to the connection.
    pub detail: String,
}

impl OutcomeUnknown {
    /// Seconds since the Unix epoch at which the request was sent.
    pub fn sent_at_unix(&self) -> u64 {
        self.sent_at
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }
}

impl fmt::Display for OutcomeUnknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the order for {} ({}) was sent at unix time {} but its answer was lost ({}); \
             it may have been placed: look it up with find_recent_orders before ordering again",
            self.common_name,
            self.product,
            self.sent_at_unix(),
            self.detail
        )
    }
}
