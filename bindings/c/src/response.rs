//! `certcentral_order_response`: the answer to a submitted order.

use std::ffi::c_char;

use certcentral::OrderResponse;

use crate::ffi::{FfiError, Out, free_boxed, guard_value, ref_arg, run, to_json};
use crate::result::certcentral_result;

/// The answer to a submitted order: the order id, its requests, and the certificate id when
/// the request was approved at once. Made by `certcentral_client_submit_order_json`, freed by
/// `certcentral_order_response_free`. Immutable: safe to read from several threads.
pub struct certcentral_order_response {
    pub(crate) inner: OrderResponse,
}

/// The order id (0 when `response` is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_order_response_id(
    response: *const certcentral_order_response,
) -> u64 {
    // SAFETY: the caller's contract.
    guard_value(0, || unsafe { response.as_ref() }.map_or(0, |r| r.inner.id))
}

/// The number of requests of the order (0 when `response` is NULL, and in the answer shapes
/// that list no request).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_order_response_requests_len(
    response: *const certcentral_order_response,
) -> usize {
    // SAFETY: the caller's contract.
    guard_value(0, || {
        unsafe { response.as_ref() }.map_or(0, |r| r.inner.requests.len())
    })
}

fn request(
    response: &certcentral_order_response,
    index: usize,
) -> Result<&certcentral::Request, FfiError> {
    let len = response.inner.requests.len();
    response.inner.requests.get(index).ok_or_else(|| {
        FfiError::invalid(format!(
            "request index {index} is out of range: the order has {len} request(s)"
        ))
    })
}

/// Writes the id of request `index` (0-based) to `*request_id_out`, the id to approve or
/// reject with `certcentral_client_update_request_status`. An index out of range is
/// INVALID_ARGUMENT.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_order_response_request_id(
    response: *const certcentral_order_response,
    index: usize,
    request_id_out: *mut u64,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let response = unsafe { ref_arg(response, "response") }?;
        let out = Out::new(request_id_out, "request_id_out")?;
        let id = request(response, index)?.id;
        // SAFETY: checked non-NULL; writable per the caller's contract.
        unsafe { out.write(id) };
        Ok(())
    })
}

/// Writes the status of request `index` (0-based), as DigiCert spells it (`"pending"`,
/// `"submitted"`, `"approved"`, `"rejected"`, or a newer value as received), to
/// `*status_out`; free it with `certcentral_string_free`. An index out of range is
/// INVALID_ARGUMENT.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_order_response_request_status(
    response: *const certcentral_order_response,
    index: usize,
    status_out: *mut *mut c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let response = unsafe { ref_arg(response, "response") }?;
        let out = Out::new(status_out, "status_out")?;
        let status = request(response, index)?.status.as_str().to_owned();
        // SAFETY: checked non-NULL; writable per the caller's contract.
        unsafe { out.write_string(status) }
    })
}

/// Whether the answer carries a certificate id (the request was approved at once). False when
/// `response` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_order_response_has_certificate_id(
    response: *const certcentral_order_response,
) -> bool {
    // SAFETY: the caller's contract.
    guard_value(false, || {
        unsafe { response.as_ref() }.is_some_and(|r| r.inner.certificate_id.is_some())
    })
}

/// The certificate id, when the answer carries one: returns true and writes it to
/// `*certificate_id_out`. Returns false, and leaves `*certificate_id_out` alone, when the
/// answer has none or an argument is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_order_response_certificate_id(
    response: *const certcentral_order_response,
    certificate_id_out: *mut u64,
) -> bool {
    guard_value(false, || {
        // SAFETY: the caller's contract.
        let id = unsafe { response.as_ref() }.and_then(|r| r.inner.certificate_id);
        match (id, certificate_id_out.is_null()) {
            (Some(id), false) => {
                // SAFETY: non-NULL; writable per the caller's contract.
                unsafe { certificate_id_out.write(id) };
                true
            }
            _ => false,
        }
    })
}

/// Writes the whole answer as JSON to `*json_out` (free it with `certcentral_string_free`):
/// `{"id", "requests": [{"id", "status"}], "certificate_id"?, "organization"?: {"id"},
/// "certificate_chain"?: [{"subject_common_name", "pem"}]}`, with ids as numbers and absent
/// members left out.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_order_response_to_json(
    response: *const certcentral_order_response,
    json_out: *mut *mut c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let response = unsafe { ref_arg(response, "response") }?;
        let out = Out::new(json_out, "json_out")?;
        let json = to_json(&response.inner)?;
        // SAFETY: checked non-NULL; writable per the caller's contract.
        unsafe { out.write_string(json) }
    })
}

/// Frees an order response. NULL is a no-op.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_order_response_free(
    response: *mut certcentral_order_response,
) {
    // SAFETY: the caller passes a response made by this library, once.
    unsafe { free_boxed(response) }
}
