//! Exit codes and the error a command fails with.

use serde_json::{Value, json};

/// The documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// The order is invalid (validation violations, or not JSON).
    Invalid = 1,
    /// Bad usage or configuration: arguments, missing input file, no API key, bad URL.
    Usage = 2,
    /// The API key was refused.
    Auth = 3,
    /// The order, request or certificate does not exist.
    NotFound = 4,
    /// Any other error answer from the API (or an answer that could not be read).
    Api = 5,
    /// The network failed or a timeout passed.
    Transport = 6,
    /// A submit was sent but its answer was lost: the order may exist.
    OutcomeUnknown = 7,
    /// The API's rate limit.
    RateLimited = 8,
    /// A local file could not be read or written.
    LocalIo = 9,
    /// The order ended without a certificate (rejected, canceled, revoked).
    NotIssued = 10,
}

/// Why a command failed: its exit code, a message for people, and details for `--json`.
#[derive(Debug)]
pub struct Failure {
    /// The exit code.
    pub code: Code,
    /// What went wrong (and what to do), for people. Never contains the API key.
    pub message: String,
    /// Extra fields for the JSON form (`violations`, `errors`, ...).
    pub detail: Value,
    /// With `--json`, print this document instead of `{"error": …}` (a command whose result
    /// is itself the bad news, such as an invalid verdict).
    pub document: Option<Value>,
}

impl Failure {
    /// A failure without details.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            detail: json!({}),
            document: None,
        }
    }

    /// Prints `document` instead of `{"error": …}` with `--json`.
    pub fn with_document(mut self, document: Value) -> Self {
        self.document = Some(document);
        self
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Code::Usage, message)
    }

    /// A local file error (exit 9).
    pub fn io(what: &str, path: &std::path::Path, e: &std::io::Error) -> Self {
        Self::new(
            Code::LocalIo,
            format!("cannot {what} {}: {e}", path.display()),
        )
    }

    /// The failure as JSON: `{"error": {"kind", "exit_code", "message", ...}}`.
    pub fn to_json(&self) -> Value {
        if let Some(doc) = &self.document {
            return doc.clone();
        }
        let mut error = json!({
            "exit_code": self.code as u8,
            "message": self.message,
        });
        if let (Some(obj), Value::Object(detail)) = (error.as_object_mut(), &self.detail) {
            obj.extend(detail.clone());
        }
        json!({ "error": error })
    }
}

impl From<certcentral::Error> for Failure {
    fn from(e: certcentral::Error) -> Self {
        use certcentral::ErrorKind as K;
        let code = match e.kind() {
            K::Validation => Code::Invalid,
            K::Authentication => Code::Auth,
            K::NotFound => Code::NotFound,
            K::RateLimited => Code::RateLimited,
            K::Api | K::Decode => Code::Api,
            K::Transport | K::Timeout => Code::Transport,
            K::Config => Code::Usage,
            K::OutcomeUnknown => Code::OutcomeUnknown,
        };
        let hint = match e.kind() {
            K::Authentication => {
                "\nhint: check the key in DIGICERT_API_KEY or --api-key-file (and --region / --base-url)"
            }
            K::OutcomeUnknown => {
                "\nhint: do not resubmit blindly; look for the order first with `certcentral order list --common-name <name>`"
            }
            _ => "",
        };
        let mut detail = json!({ "kind": e.kind().as_str() });
        if !e.violations().is_empty() {
            detail["violations"] = json!(e.violations());
        }
        if let Some(api) = e.api_error() {
            detail["status"] = json!(api.status);
            detail["errors"] = json!(api.errors);
        }
        Self {
            code,
            message: format!("{e}{hint}"),
            detail,
            document: None,
        }
    }
}
