//! The result codes.

use std::ffi::{CStr, c_int};

use certcentral::ErrorKind;

/// What a fallible function returns. The numbers are stable: a code keeps its number forever
/// and a retired number is never reused. Codes 1-99 mirror the core library's error kinds,
/// codes 100 and up are about the call itself.
///
/// After a failure, `certcentral_last_error_*` give the detail.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum certcentral_result {
    /// Success.
    Ok = 0,
    /// The order breaks one or more rules; nothing was sent.
    /// `certcentral_last_error_violations_json` lists every violation.
    Validation = 1,
    /// The API key was refused (HTTP 401, or 403 `access_denied|access_denied_invalid_key`).
    Authentication = 2,
    /// The order, request, certificate, product or route does not exist (HTTP 404).
    NotFound = 3,
    /// The API's rate limit was exceeded (HTTP 429), after the configured retries.
    RateLimited = 4,
    /// Any other error answer from the API (see the HTTP status and the error items).
    Api = 5,
    /// The connection failed, or broke while no order could have been placed.
    Transport = 6,
    /// A timeout or the overall deadline passed (also `certcentral_client_wait_for_issuance`
    /// giving up).
    Timeout = 7,
    /// A response could not be understood.
    Decode = 8,
    /// The client configuration is wrong (empty key, bad base URL, plain HTTP to a host that is
    /// not loopback, unknown region, a product id that is not a path segment).
    Config = 9,
    /// A submit was sent but its answer was lost: the order may or may not exist. Never
    /// resubmit blindly; look it up with `certcentral_client_find_recent_orders_json`, from
    /// `certcentral_last_error_sent_at_unix` on.
    OutcomeUnknown = 10,
    /// A pointer argument that must not be NULL was NULL.
    NullParameter = 100,
    /// A string argument is not valid UTF-8.
    InvalidUtf8 = 101,
    /// An argument has a value the function does not accept (an index out of range, a zero
    /// timeout, a date that is not `YYYY-MM-DD`, an unknown decision).
    InvalidArgument = 102,
    /// The caller's buffer is too small; the copy was truncated. The `out_len` parameter holds
    /// the length needed (without the NUL terminator).
    BufferTooSmall = 103,
    /// The library panicked: a bug. The call had no effect on its out-parameters.
    Panic = 104,
}

impl certcentral_result {
    /// Every code, in number order.
    pub(crate) const ALL: [Self; 16] = [
        Self::Ok,
        Self::Validation,
        Self::Authentication,
        Self::NotFound,
        Self::RateLimited,
        Self::Api,
        Self::Transport,
        Self::Timeout,
        Self::Decode,
        Self::Config,
        Self::OutcomeUnknown,
        Self::NullParameter,
        Self::InvalidUtf8,
        Self::InvalidArgument,
        Self::BufferTooSmall,
        Self::Panic,
    ];

    /// The code for a number, if it is one.
    pub(crate) fn from_code(code: c_int) -> Option<Self> {
        Self::ALL.into_iter().find(|r| *r as c_int == code)
    }

    /// The code of a core error kind.
    pub(crate) fn from_kind(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::Validation => Self::Validation,
            ErrorKind::Authentication => Self::Authentication,
            ErrorKind::NotFound => Self::NotFound,
            ErrorKind::RateLimited => Self::RateLimited,
            ErrorKind::Api => Self::Api,
            ErrorKind::Transport => Self::Transport,
            ErrorKind::Timeout => Self::Timeout,
            ErrorKind::Decode => Self::Decode,
            ErrorKind::Config => Self::Config,
            ErrorKind::OutcomeUnknown => Self::OutcomeUnknown,
        }
    }

    /// The name of the constant without its prefix.
    pub(crate) fn name(self) -> &'static CStr {
        match self {
            Self::Ok => c"OK",
            Self::Validation => c"VALIDATION",
            Self::Authentication => c"AUTHENTICATION",
            Self::NotFound => c"NOT_FOUND",
            Self::RateLimited => c"RATE_LIMITED",
            Self::Api => c"API",
            Self::Transport => c"TRANSPORT",
            Self::Timeout => c"TIMEOUT",
            Self::Decode => c"DECODE",
            Self::Config => c"CONFIG",
            Self::OutcomeUnknown => c"OUTCOME_UNKNOWN",
            Self::NullParameter => c"NULL_PARAMETER",
            Self::InvalidUtf8 => c"INVALID_UTF8",
            Self::InvalidArgument => c"INVALID_ARGUMENT",
            Self::BufferTooSmall => c"BUFFER_TOO_SMALL",
            Self::Panic => c"PANIC",
        }
    }

    /// The core error kind of a code 1-99.
    pub(crate) fn error_kind(self) -> Option<ErrorKind> {
        Some(match self {
            Self::Validation => ErrorKind::Validation,
            Self::Authentication => ErrorKind::Authentication,
            Self::NotFound => ErrorKind::NotFound,
            Self::RateLimited => ErrorKind::RateLimited,
            Self::Api => ErrorKind::Api,
            Self::Transport => ErrorKind::Transport,
            Self::Timeout => ErrorKind::Timeout,
            Self::Decode => ErrorKind::Decode,
            Self::Config => ErrorKind::Config,
            Self::OutcomeUnknown => ErrorKind::OutcomeUnknown,
            _ => return None,
        })
    }

    /// The kind name: the core's `ErrorKind::as_str` for codes 1-99 (`not_found`), the
    /// lowercase name for the others (`null_parameter`), `""` for OK.
    pub(crate) fn kind(self) -> &'static str {
        if let Some(kind) = self.error_kind() {
            return kind.as_str();
        }
        match self {
            Self::NullParameter => "null_parameter",
            Self::InvalidUtf8 => "invalid_utf8",
            Self::InvalidArgument => "invalid_argument",
            Self::BufferTooSmall => "buffer_too_small",
            Self::Panic => "panic",
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stable() {
        let expected = [
            ("OK", 0),
            ("VALIDATION", 1),
            ("AUTHENTICATION", 2),
            ("NOT_FOUND", 3),
            ("RATE_LIMITED", 4),
            ("API", 5),
            ("TRANSPORT", 6),
            ("TIMEOUT", 7),
            ("DECODE", 8),
            ("CONFIG", 9),
            ("OUTCOME_UNKNOWN", 10),
            ("NULL_PARAMETER", 100),
            ("INVALID_UTF8", 101),
            ("INVALID_ARGUMENT", 102),
            ("BUFFER_TOO_SMALL", 103),
            ("PANIC", 104),
        ];
        for (r, (name, code)) in certcentral_result::ALL.iter().zip(expected) {
            assert_eq!(r.name().to_str().unwrap(), name);
            assert_eq!(*r as c_int, code);
            assert_eq!(certcentral_result::from_code(code), Some(*r));
        }
        assert_eq!(certcentral_result::from_code(11), None);
        for kind in certcentral_result::ALL
            .iter()
            .filter_map(|r| r.error_kind())
        {
            assert_eq!(certcentral_result::from_kind(kind).error_kind(), Some(kind));
        }
    }
}
