//! # certcentral C API
//!
//! `libcertcentral.so` / `libcertcentral.a` with the header `include/certcentral.h`, generated
//! from this crate by cbindgen. The crate is thin: it converts C arguments into the core's
//! types and core errors into result codes; every rule lives in the `certcentral` crate.
//!
//! Conventions (rustls-ffi style, see `README.md`):
//!
//! - Opaque handles are made and freed by the library (`*_new` / `*_free`); `*_free(NULL)` is
//!   a no-op.
//! - Fallible functions return a [`certcentral_result`]; out-parameters are written only when
//!   the function returns `CERTCENTRAL_RESULT_OK` (the last-error buffer copies are the one
//!   documented exception: they also fill the buffer on `BUFFER_TOO_SMALL`).
//! - Every pointer argument is checked for NULL (`CERTCENTRAL_RESULT_NULL_PARAMETER`).
//! - Input strings are NUL-terminated UTF-8 (`CERTCENTRAL_RESULT_INVALID_UTF8` otherwise).
//! - Strings the library hands out are freed with [`certcentral_string_free`].
//! - No panic crosses the boundary: every function runs under `catch_unwind`
//!   (`CERTCENTRAL_RESULT_PANIC`).
//! - The detail of the last failure of the calling thread is kept until the next fallible
//!   call on that thread (`certcentral_last_error_*`).

#![warn(missing_docs)]
#![allow(non_camel_case_types)]
// The exported functions take raw pointers from C; their safety contract is the header's.
#![allow(clippy::missing_safety_doc)]

// The header follows the order of these modules (cbindgen reads them in turn); blank lines
// keep rustfmt from sorting them.
mod result;

mod config;

mod client;

mod response;

mod validate;

mod last_error;

mod ffi;

use std::ffi::{CString, c_char, c_int};

pub use client::*;
pub use config::*;
pub use last_error::*;
pub use response::*;
pub use result::certcentral_result;
pub use validate::*;

/// The library's version, such as `"0.1.0"`: the same string as `CERTCENTRAL_VERSION` in the
/// header the program was compiled with, unless it runs against another build of the library.
///
/// The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn certcentral_version() -> *const c_char {
    const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    VERSION.as_ptr().cast()
}

/// The name of a result code without its prefix (`"OK"`, `"NOT_FOUND"`, ...), or `"UNKNOWN"`
/// for a number that is not a result code.
///
/// The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn certcentral_result_name(result: c_int) -> *const c_char {
    ffi::guard_value(c"UNKNOWN".as_ptr(), || {
        result::certcentral_result::from_code(result)
            .map_or(c"UNKNOWN", |r| r.name())
            .as_ptr()
    })
}

/// Frees a string the library returned (through a `char **` out-parameter, or
/// `certcentral_last_error_to_json`). `NULL` is a no-op.
///
/// Never pass a string that did not come from this library, or free one twice.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    ffi::guard_value((), || {
        // SAFETY: the caller passes a string made by `CString::into_raw` in this library.
        drop(unsafe { CString::from_raw(s) });
    })
}
