//! The boundary machinery: the panic guard, argument conversion, out-parameters.

use std::ffi::{CStr, CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::last_error;
use crate::result::certcentral_result;

/// A failure of one call: a core error, or a problem with the call's arguments.
#[derive(Debug)]
pub(crate) enum FfiError {
    /// An error of the core library.
    Core(certcentral::Error),
    /// A problem of the call itself (NULL, UTF-8, an argument value, a panic).
    Call {
        code: certcentral_result,
        message: String,
    },
}

impl FfiError {
    pub(crate) fn call(code: certcentral_result, message: impl Into<String>) -> Self {
        Self::Call {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::call(certcentral_result::InvalidArgument, message)
    }

    pub(crate) fn code(&self) -> certcentral_result {
        match self {
            Self::Core(e) => certcentral_result::from_kind(e.kind()),
            Self::Call { code, .. } => *code,
        }
    }
}

impl From<certcentral::Error> for FfiError {
    fn from(e: certcentral::Error) -> Self {
        Self::Core(e)
    }
}

pub(crate) type FfiResult<T> = Result<T, FfiError>;

/// The text of a panic payload.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with a non-string payload".to_owned())
}

/// Runs the body of a fallible function: clears the thread's last error, catches panics, and
/// records a failure as the last error.
pub(crate) fn run(body: impl FnOnce() -> FfiResult<()>) -> certcentral_result {
    last_error::clear();
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        Err(FfiError::call(
            certcentral_result::Panic,
            format!(
                "internal error (a panic in libcertcentral): {}",
                panic_text(&*payload)
            ),
        ))
    });
    match outcome {
        Ok(()) => certcentral_result::Ok,
        Err(e) => {
            let code = e.code();
            last_error::set(e);
            code
        }
    }
}

/// Runs the body of an infallible function (an accessor, a free): a panic gives `fallback`.
/// The last error is left as it is.
pub(crate) fn guard_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

fn null(name: &str) -> FfiError {
    FfiError::call(
        certcentral_result::NullParameter,
        format!("the argument `{name}` is NULL"),
    )
}

/// A borrowed `const char *` argument as UTF-8.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that lives for `'a`.
pub(crate) unsafe fn str_arg<'a>(p: *const c_char, name: &str) -> FfiResult<&'a str> {
    if p.is_null() {
        return Err(null(name));
    }
    // SAFETY: non-NULL and NUL-terminated per the caller's contract.
    let s = unsafe { CStr::from_ptr(p) };
    s.to_str().map_err(|e| {
        FfiError::call(
            certcentral_result::InvalidUtf8,
            format!(
                "the argument `{name}` is not valid UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// An optional `const char *` argument: NULL means absent.
///
/// # Safety
/// As [`str_arg`].
pub(crate) unsafe fn opt_str_arg<'a>(p: *const c_char, name: &str) -> FfiResult<Option<&'a str>> {
    if p.is_null() {
        Ok(None)
    } else {
        // SAFETY: forwarded contract.
        unsafe { str_arg(p, name) }.map(Some)
    }
}

/// A handle argument.
///
/// # Safety
/// `p` is NULL or a live handle made by this library.
pub(crate) unsafe fn ref_arg<'a, T>(p: *const T, name: &str) -> FfiResult<&'a T> {
    // SAFETY: per the caller's contract.
    unsafe { p.as_ref() }.ok_or_else(|| null(name))
}

/// A mutable handle argument.
///
/// # Safety
/// `p` is NULL or a live handle made by this library, not used by another thread meanwhile.
pub(crate) unsafe fn mut_arg<'a, T>(p: *mut T, name: &str) -> FfiResult<&'a mut T> {
    // SAFETY: per the caller's contract.
    unsafe { p.as_mut() }.ok_or_else(|| null(name))
}

/// An out-parameter, checked for NULL up front and written only at the end, on success.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    /// Checks an out-parameter.
    pub(crate) fn new(p: *mut T, name: &str) -> FfiResult<Self> {
        if p.is_null() {
            Err(null(name))
        } else {
            Ok(Self(p))
        }
    }

    /// Writes the value.
    ///
    /// # Safety
    /// The pointer given to [`Out::new`] is valid for writes.
    pub(crate) unsafe fn write(self, value: T) {
        // SAFETY: non-NULL (checked in `new`) and writable per the caller's contract. The old
        // value is not dropped: it is whatever the C caller left there.
        unsafe { self.0.write(value) }
    }
}

impl Out<*mut c_char> {
    /// Writes a library-owned copy of `s` (freed with `certcentral_string_free`).
    ///
    /// # Safety
    /// As [`Out::write`].
    pub(crate) unsafe fn write_string(self, s: String) -> FfiResult<()> {
        let c = CString::new(s).map_err(|e| {
            FfiError::Core(certcentral::Error::Decode {
                message: format!(
                    "the text to return holds a NUL byte at offset {}",
                    e.nul_position()
                ),
                raw_body: String::new(),
            })
        })?;
        // SAFETY: forwarded contract.
        unsafe { self.write(c.into_raw()) };
        Ok(())
    }
}

/// A model value as JSON text.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> FfiResult<String> {
    serde_json::to_string(value).map_err(|e| {
        FfiError::call(
            certcentral_result::Panic,
            format!("internal error: a value does not serialize to JSON: {e}"),
        )
    })
}

/// A boxed handle for an out-parameter.
pub(crate) fn boxed<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Frees a handle made by [`boxed`]; NULL is a no-op.
///
/// # Safety
/// `p` is NULL or came from [`boxed`] with the same `T` and was not freed yet.
pub(crate) unsafe fn free_boxed<T>(p: *mut T) {
    if !p.is_null() {
        guard_value((), || {
            // SAFETY: per the caller's contract.
            drop(unsafe { Box::from_raw(p) })
        })
    }
}

/// Copies `s` into a caller's buffer of `len` bytes as a NUL-terminated string.
///
/// - fits (`s.len() < len`): the whole text, `*out_len = s.len()`, OK;
/// - too small: as much as fits (cut at a UTF-8 character boundary, still NUL-terminated when
///   `len > 0`), `*out_len = s.len()` (the length needed, without the NUL), BUFFER_TOO_SMALL;
/// - `buf` may be NULL only when `len` is 0 (a size query); `out_len` must not be NULL.
///
/// # Safety
/// `buf` is NULL or valid for `len` bytes of writes; `out_len` is NULL or valid for a write.
pub(crate) unsafe fn copy_to_buffer(
    s: &str,
    buf: *mut c_char,
    len: usize,
    out_len: *mut usize,
) -> certcentral_result {
    if out_len.is_null() || (buf.is_null() && len > 0) {
        return certcentral_result::NullParameter;
    }
    let bytes = s.as_bytes();
    let (n, result) = if bytes.len() < len {
        (bytes.len(), certcentral_result::Ok)
    } else {
        let mut n = len.saturating_sub(1);
        while n > 0 && !s.is_char_boundary(n) {
            n -= 1;
        }
        (n, certcentral_result::BufferTooSmall)
    };
    if len > 0 {
        // SAFETY: `n < len` and `buf` holds `len` bytes; the regions cannot overlap (the
        // source is owned by the library).
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf.cast::<u8>(), n);
            *buf.add(n) = 0;
        }
    }
    // SAFETY: checked non-NULL above.
    unsafe { *out_len = bytes.len() };
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_a_code_and_a_message() {
        let r = run(|| panic!("boom"));
        assert_eq!(r, certcentral_result::Panic);
        assert_eq!(last_error::code(), certcentral_result::Panic);
        assert!(last_error::message().contains("boom"));
        assert_eq!(run(|| Ok(())), certcentral_result::Ok);
        assert_eq!(last_error::code(), certcentral_result::Ok);
        assert_eq!(guard_value(7, || panic!("again")), 7);
    }

    #[test]
    fn buffer_copies_report_truncation() {
        let mut buf = [0x55 as c_char; 8];
        let mut n = 0usize;
        // 8 bytes: the cut at 7 falls inside "é", so 6 bytes are copied.
        let r = unsafe { copy_to_buffer("aaaaaaé", buf.as_mut_ptr(), buf.len(), &mut n) };
        assert_eq!(r, certcentral_result::BufferTooSmall);
        assert_eq!(n, 8);
        let got = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap();
        assert_eq!(got, "aaaaaa");
        let r = unsafe { copy_to_buffer("hi", buf.as_mut_ptr(), buf.len(), &mut n) };
        assert_eq!((r, n), (certcentral_result::Ok, 2));
        let r = unsafe { copy_to_buffer("hi", std::ptr::null_mut(), 0, &mut n) };
        assert_eq!((r, n), (certcentral_result::BufferTooSmall, 2));
        let r = unsafe { copy_to_buffer("", std::ptr::null_mut(), 0, &mut n) };
        assert_eq!((r, n), (certcentral_result::BufferTooSmall, 0));
        let r = unsafe { copy_to_buffer("x", std::ptr::null_mut(), 4, &mut n) };
        assert_eq!(r, certcentral_result::NullParameter);
        let r = unsafe { copy_to_buffer("x", buf.as_mut_ptr(), 4, std::ptr::null_mut()) };
        assert_eq!(r, certcentral_result::NullParameter);
    }
}
