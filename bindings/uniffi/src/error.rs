//! `CertCentralError`: the core's one error type, with its data as fields.
//!
//! Kotlin: `sealed class CertCentralException` (one subclass per variant); Swift:
//! `enum CertCentralError: Error`. The text of every error is the core's `Display`: exported
//! with `#[uniffi::export(Display)]`, it becomes Kotlin's `toString()` (and `message`, see
//! bindings/uniffi/README.md) and Swift's `description` / `localizedDescription`.

use std::fmt;
use std::time::{Duration, SystemTime};

use certcentral as core;

use crate::response::{ApiErrorItem, Violation, violations};

/// Everything that can go wrong. The message says what; the fields carry the details.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
#[uniffi::export(Display)]
pub enum CertCentralError {
    /// The order breaks one or more rules; nothing was sent.
    Validation {
        /// Every violation found.
        violations: Vec<Violation>,
    },
    /// The API key was refused (HTTP 401, or 403 `access_denied|access_denied_invalid_key`).
    Authentication {
        /// HTTP status.
        status: i32,
        /// Every error item of the body.
        errors: Vec<ApiErrorItem>,
        /// The body as received.
        raw_body: String,
    },
    /// The order, request, certificate, product or route does not exist (HTTP 404).
    NotFound {
        /// HTTP status.
        status: i32,
        /// Every error item of the body.
        errors: Vec<ApiErrorItem>,
        /// The body as received.
        raw_body: String,
    },
    /// Rate limit exceeded (HTTP 429), after the configured retries.
    RateLimited {
        /// How long the server asked to wait, in milliseconds, when it said.
        retry_after_ms: Option<i64>,
        /// HTTP status.
        status: i32,
        /// Every error item of the body.
        errors: Vec<ApiErrorItem>,
        /// The body as received.
        raw_body: String,
    },
    /// Any other error answer from the API.
    Api {
        /// HTTP status.
        status: i32,
        /// Every error item of the body.
        errors: Vec<ApiErrorItem>,
        /// The body as received.
        raw_body: String,
    },
    /// The connection failed, or broke while no order could have been placed.
    Transport {
        /// What happened.
        detail: String,
    },
    /// A timeout or the overall deadline passed.
    Timeout {
        /// What timed out.
        detail: String,
    },
    /// A response could not be understood.
    Decode {
        /// What was wrong.
        detail: String,
        /// The body received.
        raw_body: String,
    },
    /// The client configuration or an argument is wrong.
    Config {
        /// What is wrong.
        detail: String,
    },
    /// A submit was sent but its answer was lost: the order may or may not exist. Never
    /// resubmit blindly: look it up with `findRecentOrders(commonName, sentAtUnix - 60)`.
    OutcomeUnknown {
        /// The product the order was sent for.
        product: String,
        /// The order's common name.
        common_name: String,
        /// When the request was sent, in seconds since the Unix epoch.
        sent_at_unix: i64,
        /// What happened to the connection.
        detail: String,
    },
}

impl CertCentralError {
    pub(crate) fn config(detail: impl Into<String>) -> Self {
        Self::Config {
            detail: detail.into(),
        }
    }
}

fn items(api: core::ApiError) -> (i32, Vec<ApiErrorItem>, String) {
    (
        i32::from(api.status),
        api.errors.into_iter().map(Into::into).collect(),
        api.raw_body,
    )
}

impl From<core::Error> for CertCentralError {
    fn from(e: core::Error) -> Self {
        use core::Error as E;
        match e {
            E::Validation { violations: v } => Self::Validation {
                violations: violations(v),
            },
            E::Authentication(api) => {
                let (status, errors, raw_body) = items(api);
                Self::Authentication {
                    status,
                    errors,
                    raw_body,
                }
            }
            E::NotFound(api) => {
                let (status, errors, raw_body) = items(api);
                Self::NotFound {
                    status,
                    errors,
                    raw_body,
                }
            }
            E::RateLimited { retry_after, error } => {
                let (status, errors, raw_body) = items(error);
                Self::RateLimited {
                    retry_after_ms: retry_after
                        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX)),
                    status,
                    errors,
                    raw_body,
                }
            }
            E::Api(api) => {
                let (status, errors, raw_body) = items(api);
                Self::Api {
                    status,
                    errors,
                    raw_body,
                }
            }
            E::Transport(detail) => Self::Transport { detail },
            E::Timeout(detail) => Self::Timeout { detail },
            E::Decode { message, raw_body } => Self::Decode {
                detail: message,
                raw_body,
            },
            E::Config(detail) => Self::Config { detail },
            E::OutcomeUnknown(o) => Self::OutcomeUnknown {
                sent_at_unix: i64::try_from(o.sent_at_unix()).unwrap_or(i64::MAX),
                product: o.product,
                common_name: o.common_name,
                detail: o.detail,
            },
            // `core::Error` is #[non_exhaustive]. A new variant comes with a new `ErrorKind`,
            // which this exhaustive match does not compile without: mirror it then.
            other => match other.kind() {
                core::ErrorKind::Validation
                | core::ErrorKind::Authentication
                | core::ErrorKind::NotFound
                | core::ErrorKind::RateLimited
                | core::ErrorKind::Api
                | core::ErrorKind::Transport
                | core::ErrorKind::Timeout
                | core::ErrorKind::Decode
                | core::ErrorKind::Config
                | core::ErrorKind::OutcomeUnknown => Self::config(other.to_string()),
            },
        }
    }
}

fn api(status: i32, errors: &[ApiErrorItem], raw_body: &str) -> core::ApiError {
    core::ApiError {
        status: u16::try_from(status).unwrap_or(0),
        errors: errors.iter().map(Into::into).collect(),
        raw_body: raw_body.to_owned(),
    }
}

impl From<&CertCentralError> for core::Error {
    fn from(e: &CertCentralError) -> Self {
        use CertCentralError as M;
        match e {
            M::Validation { violations } => Self::Validation {
                violations: violations.iter().map(Into::into).collect(),
            },
            M::Authentication {
                status,
                errors,
                raw_body,
            } => Self::Authentication(api(*status, errors, raw_body)),
            M::NotFound {
                status,
                errors,
                raw_body,
            } => Self::NotFound(api(*status, errors, raw_body)),
            M::RateLimited {
                retry_after_ms,
                status,
                errors,
                raw_body,
            } => Self::RateLimited {
                retry_after: retry_after_ms.map(|ms| Duration::from_millis(ms.max(0) as u64)),
                error: api(*status, errors, raw_body),
            },
            M::Api {
                status,
                errors,
                raw_body,
            } => Self::Api(api(*status, errors, raw_body)),
            M::Transport { detail } => Self::Transport(detail.clone()),
            M::Timeout { detail } => Self::Timeout(detail.clone()),
            M::Decode { detail, raw_body } => Self::Decode {
                message: detail.clone(),
                raw_body: raw_body.clone(),
            },
            M::Config { detail } => Self::Config(detail.clone()),
            M::OutcomeUnknown {
                product,
                common_name,
                sent_at_unix,
                detail,
            } => Self::OutcomeUnknown(core::OutcomeUnknown {
                product: product.clone(),
                common_name: common_name.clone(),
                sent_at: SystemTime::UNIX_EPOCH
                    + Duration::from_secs((*sent_at_unix).max(0) as u64),
                detail: detail.clone(),
            }),
        }
    }
}

/// The core's text for the same error.
impl fmt::Display for CertCentralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&core::Error::from(self), f)
    }
}

impl std::error::Error for CertCentralError {}
