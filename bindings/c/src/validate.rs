//! Validation of an order given as JSON text.

use std::ffi::c_char;

use certcentral::check_json;
use certcentral::validate::{parse_date, today_utc};

use crate::ffi::{FfiError, FfiResult, Out, run, str_arg};
use crate::result::certcentral_result;

unsafe fn validate(
    product: *const c_char,
    order_json: *const c_char,
    today: Option<*const c_char>,
    report_json_out: *mut *mut c_char,
) -> FfiResult<()> {
    // SAFETY (all three): the caller's contract for the pointers.
    let product = unsafe { str_arg(product, "product") }?;
    let text = unsafe { str_arg(order_json, "order_json") }?;
    let today = match today {
        None => today_utc(),
        Some(p) => {
            let s = unsafe { str_arg(p, "today") }?;
            parse_date(s).ok_or_else(|| {
                FfiError::invalid(format!("today {s:?} is not a YYYY-MM-DD calendar date"))
            })?
        }
    };
    let out = Out::new(report_json_out, "report_json_out")?;
    let report = check_json(text, product, today).to_json();
    // SAFETY: checked non-NULL; writable per the caller's contract.
    unsafe { out.write_string(report) }
}

/// Validates an order against a product's rules, with today's date (UTC) for the date rules.
/// Nothing is sent.
///
/// `product` is a product id such as `"ssl_securesite_pro"` (an unknown id gets the generic
/// rules); `order_json` is the JSON body of `POST /order/certificate/{product}`. The verdict is
/// data, written to `*report_json_out` (free it with `certcentral_string_free`):
/// `{"valid": bool, "violations": [{"path", "code", "message"}], "warnings": [...]}`, with
/// every violation, not just the first. Text that is not JSON gives a verdict with one
/// `invalid_type` violation at the path `""`.
///
/// The call itself fails only for bad arguments: NULL_PARAMETER, INVALID_UTF8.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_validate_order_json(
    product: *const c_char,
    order_json: *const c_char,
    report_json_out: *mut *mut c_char,
) -> certcentral_result {
    // SAFETY: forwarded contract.
    run(|| unsafe { validate(product, order_json, None, report_json_out) })
}

/// As `certcentral_validate_order_json`, with the date the date rules count from given as
/// `today` (`"YYYY-MM-DD"`; anything else is INVALID_ARGUMENT), for reproducible results.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_validate_order_json_with_today(
    product: *const c_char,
    order_json: *const c_char,
    today: *const c_char,
    report_json_out: *mut *mut c_char,
) -> certcentral_result {
    // SAFETY: forwarded contract.
    run(|| unsafe { validate(product, order_json, Some(today), report_json_out) })
}
