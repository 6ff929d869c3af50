//! The per-thread detail of the last failure.

use std::cell::RefCell;
use std::ffi::c_char;

use certcentral::{ApiErrorItem, Violation};
use serde::Serialize;

use crate::ffi::{FfiError, Out, copy_to_buffer, guard_value};
use crate::result::certcentral_result;

/// What the last failed call of a thread left.
struct LastError {
    code: certcentral_result,
    message: String,
    /// The core error, when the failure came from the core.
    error: Option<certcentral::Error>,
}

thread_local! {
    static LAST: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

/// Reads the thread's last error (`None` when the last fallible call succeeded).
fn with<R>(f: impl FnOnce(Option<&LastError>) -> R) -> R {
    let mut f = Some(f);
    let r = LAST.try_with(|last| match last.try_borrow() {
        Ok(last) => (f.take().expect("called once"))(last.as_ref()),
        Err(_) => (f.take().expect("called once"))(None),
    });
    match r {
        Ok(r) => r,
        // The thread is being torn down: nothing to report.
        Err(_) => (f.take().expect("not called yet"))(None),
    }
}

fn replace(value: Option<LastError>) {
    let _ = LAST.try_with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = value;
        }
    });
}

/// Forgets the last error (at the start of every fallible call).
pub(crate) fn clear() {
    replace(None);
}

/// Records a failure.
pub(crate) fn set(e: FfiError) {
    let last = match e {
        FfiError::Core(error) => LastError {
            code: certcentral_result::from_kind(error.kind()),
            message: error.to_string(),
            error: Some(error),
        },
        FfiError::Call { code, message } => LastError {
            code,
            message,
            error: None,
        },
    };
    replace(Some(last));
}

/// The last error's code (OK when none).
pub(crate) fn code() -> certcentral_result {
    with(|l| l.map_or(certcentral_result::Ok, |l| l.code))
}

/// The last error's message (empty when none).
pub(crate) fn message() -> String {
    with(|l| l.map(|l| l.message.clone()).unwrap_or_default())
}

fn core_error<R>(f: impl FnOnce(&certcentral::Error) -> R) -> Option<R> {
    with(|l| l.and_then(|l| l.error.as_ref()).map(f))
}

/// The whole detail, in the order the header documents.
#[derive(Serialize)]
struct Detail<'a> {
    code: i32,
    name: &'a str,
    kind: &'a str,
    message: &'a str,
    http_status: Option<u16>,
    errors: &'a [ApiErrorItem],
    violations: &'a [Violation],
    raw_body: Option<&'a str>,
    retry_after_ms: Option<u64>,
    outcome_unknown: Option<Outcome<'a>>,
}

/// What is known about a submit whose answer was lost.
#[derive(Serialize)]
struct Outcome<'a> {
    product: &'a str,
    common_name: &'a str,
    sent_at_unix: u64,
    detail: &'a str,
}

fn json_text<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

fn errors_json() -> String {
    core_error(|e| json_text(e.api_error().map_or(&[][..], |a| &a.errors)))
        .unwrap_or_else(|| "[]".to_owned())
}

fn violations_json() -> String {
    core_error(|e| json_text(e.violations())).unwrap_or_else(|| "[]".to_owned())
}

fn to_json() -> String {
    with(|last| {
        let code = last.map_or(certcentral_result::Ok, |l| l.code);
        let error = last.and_then(|l| l.error.as_ref());
        let outcome_unknown = match error {
            Some(certcentral::Error::OutcomeUnknown(o)) => Some(Outcome {
                product: &o.product,
                common_name: &o.common_name,
                sent_at_unix: o.sent_at_unix(),
                detail: &o.detail,
            }),
            _ => None,
        };
        let retry_after_ms = match error {
            Some(certcentral::Error::RateLimited {
                retry_after: Some(d),
                ..
            }) => Some(u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            _ => None,
        };
        json_text(&Detail {
            code: code as i32,
            name: code.name().to_str().unwrap_or_default(),
            kind: code.kind(),
            message: last.map_or("", |l| l.message.as_str()),
            http_status: error.and_then(|e| e.status()),
            errors: error
                .and_then(|e| e.api_error())
                .map_or(&[][..], |a| &a.errors),
            violations: error.map_or(&[][..], |e| e.violations()),
            raw_body: error.and_then(|e| e.raw_body()),
            retry_after_ms,
            outcome_unknown,
        })
    })
}

/// The code of the calling thread's last failure, or `CERTCENTRAL_RESULT_OK` when its last
/// fallible call succeeded (or it made none).
///
/// Every function that returns a `certcentral_result`, except the `certcentral_last_error_*`
/// functions, first clears the thread's last error and records its own failure, if any.
#[unsafe(no_mangle)]
pub extern "C" fn certcentral_last_error_code() -> certcentral_result {
    guard_value(certcentral_result::Ok, code)
}

/// Copies the last error's kind, a stable lowercase name (`"validation"`, `"not_found"`,
/// `"rate_limited"`, `"null_parameter"`, ...; `""` when there is no error), into `buf`.
///
/// The copy functions share these rules: `buf` receives a NUL-terminated string of at most
/// `len` bytes. When the text fits, `*out_len` receives its length (without the NUL) and the
/// result is OK. Otherwise the result is `CERTCENTRAL_RESULT_BUFFER_TOO_SMALL`, `buf` holds the
/// text cut to fit (at a UTF-8 character boundary, NUL-terminated when `len > 0`) and
/// `*out_len` the length needed (without the NUL). `buf` may be NULL when `len` is 0, to ask
/// for the length. `out_len` must not be NULL. These functions never change the last error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_last_error_kind(
    buf: *mut c_char,
    len: usize,
    out_len: *mut usize,
) -> certcentral_result {
    guard_value(certcentral_result::Panic, || {
        // SAFETY: the caller's contract (see the doc comment).
        unsafe { copy_to_buffer(code().kind(), buf, len, out_len) }
    })
}

/// Copies the last error's message (`""` when there is no error) into `buf`; see
/// `certcentral_last_error_kind` for the copy rules. The message names the problem; for a
/// validation error it lists every violation, one per line. It never contains the API key.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_last_error_message(
    buf: *mut c_char,
    len: usize,
    out_len: *mut usize,
) -> certcentral_result {
    guard_value(certcentral_result::Panic, || {
        // SAFETY: the caller's contract.
        unsafe { copy_to_buffer(&message(), buf, len, out_len) }
    })
}

/// The HTTP status of the last error, for the kinds that come from an API answer
/// (AUTHENTICATION, NOT_FOUND, RATE_LIMITED, API); 0 otherwise.
#[unsafe(no_mangle)]
pub extern "C" fn certcentral_last_error_http_status() -> u16 {
    guard_value(0, || core_error(|e| e.status()).flatten().unwrap_or(0))
}

/// Copies the server's error items of the last error as a JSON array into `buf` (`"[]"` when
/// there are none); see `certcentral_last_error_kind` for the copy rules. Each item is
/// `{"code", "message", "category", "subcode", "field"}` with the code as received
/// (`"not_found|order"`) and its parts parsed (`category` `"not_found"`, `subcode` `"order"`,
/// `field` for codes such as `"required_param:certificate.csr"`; absent parts are `null`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_last_error_errors_json(
    buf: *mut c_char,
    len: usize,
    out_len: *mut usize,
) -> certcentral_result {
    guard_value(certcentral_result::Panic, || {
        // SAFETY: the caller's contract.
        unsafe { copy_to_buffer(&errors_json(), buf, len, out_len) }
    })
}

/// Copies the violations of the last error as a JSON array into `buf` (`"[]"` unless the
/// last error is VALIDATION); see `certcentral_last_error_kind` for the copy rules. Each item
/// is `{"path", "code", "message"}` as in a validation report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_last_error_violations_json(
    buf: *mut c_char,
    len: usize,
    out_len: *mut usize,
) -> certcentral_result {
    guard_value(certcentral_result::Panic, || {
        // SAFETY: the caller's contract.
        unsafe { copy_to_buffer(&violations_json(), buf, len, out_len) }
    })
}

/// For an OUTCOME_UNKNOWN error: when the lost submit was sent, in seconds since the Unix
/// epoch (pass a little less to `certcentral_client_find_recent_orders_json` to allow for
/// clock skew). 0 for any other error.
#[unsafe(no_mangle)]
pub extern "C" fn certcentral_last_error_sent_at_unix() -> u64 {
    guard_value(0, || {
        core_error(|e| match e {
            certcentral::Error::OutcomeUnknown(o) => o.sent_at_unix(),
            _ => 0,
        })
        .unwrap_or(0)
    })
}

/// The whole detail of the last error as one JSON object, written to `*json_out` (free it
/// with `certcentral_string_free`):
/// `{"code", "name", "kind", "message", "http_status", "errors", "violations", "raw_body",
/// "retry_after_ms", "outcome_unknown"}`, where `http_status`, `raw_body`, `retry_after_ms`
/// and `outcome_unknown` (`{"product", "common_name", "sent_at_unix", "detail"}`) are `null`
/// when they do not apply. With no last error, `code` is 0. Does not change the last error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_last_error_to_json(
    json_out: *mut *mut c_char,
) -> certcentral_result {
    guard_value(certcentral_result::Panic, || {
        let Ok(out) = Out::new(json_out, "json_out") else {
            return certcentral_result::NullParameter;
        };
        // SAFETY: `json_out` is non-NULL and writable per the caller's contract.
        match unsafe { out.write_string(to_json()) } {
            Ok(()) => certcentral_result::Ok,
            Err(e) => e.code(),
        }
    })
}

/// Forgets the calling thread's last error.
#[unsafe(no_mangle)]
pub extern "C" fn certcentral_last_error_clear() {
    guard_value((), clear)
}
