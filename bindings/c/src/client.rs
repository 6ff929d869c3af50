//! `certcentral_client`: the blocking client.

use std::ffi::c_char;
use std::time::{Duration, SystemTime};

use certcentral::{Client, RequestDecision, WaitPolicy};

use crate::config::certcentral_client_config;
use crate::ffi::{FfiError, Out, boxed, free_boxed, opt_str_arg, ref_arg, run, str_arg, to_json};
use crate::response::certcentral_order_response;
use crate::result::certcentral_result;

/// A blocking CertCentral client. Made by `certcentral_client_new`, freed by
/// `certcentral_client_free`.
///
/// Thread-safe: one client may be used by several threads at once; they share its keep-alive
/// connection pool and its rate limiter. Every call blocks until it has an answer, gives up
/// (TIMEOUT) or fails.
pub struct certcentral_client {
    inner: Client,
}

/// Makes a client from a configuration (copied: the configuration may be freed or changed
/// afterwards) and writes it to `*client_out`; free it with `certcentral_client_free`.
///
/// CONFIG when the configuration is not usable: an empty API key, a base URL that is not a
/// URL, plain HTTP to a host that is not loopback.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_new(
    config: *const certcentral_client_config,
    client_out: *mut *mut certcentral_client,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let config = unsafe { ref_arg(config, "config") }?;
        let out = Out::new(client_out, "client_out")?;
        let inner = Client::new(config.inner.clone())?;
        // SAFETY: checked non-NULL; writable per the caller's contract.
        unsafe { out.write(boxed(certcentral_client { inner })) };
        Ok(())
    })
}

/// Frees a client. NULL is a no-op. No call may be running on it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_free(client: *mut certcentral_client) {
    // SAFETY: the caller passes a client made by this library, once.
    unsafe { free_boxed(client) }
}

/// Validates an order and submits it (`POST /order/certificate/{product}`); writes the answer
/// to `*response_out` (free it with `certcentral_order_response_free`).
///
/// The order is the JSON body, as for `certcentral_validate_order_json`. When it has a
/// violation nothing is sent and the result is VALIDATION
/// (`certcentral_last_error_violations_json` lists every violation). `product` must be a path
/// segment (lowercase letters, digits, `_`), else CONFIG.
///
/// An order is never sent twice: a submit is retried only when the server provably did not
/// take it. OUTCOME_UNKNOWN means the request went out but its answer was lost; look the order
/// up with `certcentral_client_find_recent_orders_json` before ordering again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_submit_order_json(
    client: *const certcentral_client,
    product: *const c_char,
    order_json: *const c_char,
    response_out: *mut *mut certcentral_order_response,
) -> certcentral_result {
    run(|| {
        // SAFETY (all three): the caller's contract.
        let client = unsafe { ref_arg(client, "client") }?;
        let product = unsafe { str_arg(product, "product") }?;
        let text = unsafe { str_arg(order_json, "order_json") }?;
        // Checked before anything is sent, so an answer can never be lost to a NULL.
        let out = Out::new(response_out, "response_out")?;
        let inner = client.inner.submit_order_json(product, text)?;
        // SAFETY: checked non-NULL; writable per the caller's contract.
        unsafe { out.write(boxed(certcentral_order_response { inner })) };
        Ok(())
    })
}

/// Order info (`GET /order/certificate/{id}`) as JSON, written to `*info_json_out` (free it
/// with `certcentral_string_free`): `{"id", "status", "certificate"?: {"id"?, "common_name",
/// "dns_names", "serial_number"?, "thumbprint"?, "valid_from"?, "valid_till"?,
/// "signature_hash"?}, "organization"?, "product"?, "requests": [{"id", "status"}],
/// "date_created"?, "validity_years"?}` — the fields the library reads, with ids as numbers.
/// `status` is `needs_approval`, `pending`, `processing`, `issued`, `rejected`, `canceled`,
/// `revoked`, `expired`, ... as DigiCert spells it. An unknown order is NOT_FOUND.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_order_info_json(
    client: *const certcentral_client,
    order_id: u64,
    info_json_out: *mut *mut c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let client = unsafe { ref_arg(client, "client") }?;
        let out = Out::new(info_json_out, "info_json_out")?;
        let info = client.inner.order_info(order_id)?;
        let json = to_json(&info)?;
        // SAFETY: checked non-NULL; writable per the caller's contract.
        unsafe { out.write_string(json) }
    })
}

/// Approves or rejects a request (`PUT /request/{id}/status`). `status` is `"approved"` or
/// `"rejected"` (also `"approve"` / `"reject"`; anything else is INVALID_ARGUMENT).
/// `comment` is optional: NULL for none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_update_request_status(
    client: *const certcentral_client,
    request_id: u64,
    status: *const c_char,
    comment: *const c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY (all three): the caller's contract.
        let client = unsafe { ref_arg(client, "client") }?;
        let status = unsafe { str_arg(status, "status") }?;
        let comment = unsafe { opt_str_arg(comment, "comment") }?;
        let decision = RequestDecision::parse(status).ok_or_else(|| {
            FfiError::invalid(format!(
                "status {status:?} is not a decision: use \"approved\" or \"rejected\""
            ))
        })?;
        client
            .inner
            .update_request_status(request_id, decision, comment)?;
        Ok(())
    })
}

/// Polls order info every `poll_interval_ms` until the order is issued, rejected, canceled,
/// revoked or expired, and writes that order info (as `certcentral_client_order_info_json`
/// gives it; check its `status`) to `*info_json_out` (free it with `certcentral_string_free`).
/// TIMEOUT when `timeout_ms` passes first. A `poll_interval_ms` of 0 is INVALID_ARGUMENT.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_wait_for_issuance(
    client: *const certcentral_client,
    order_id: u64,
    timeout_ms: u64,
    poll_interval_ms: u64,
    info_json_out: *mut *mut c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let client = unsafe { ref_arg(client, "client") }?;
        let out = Out::new(info_json_out, "info_json_out")?;
        if poll_interval_ms == 0 {
            return Err(FfiError::invalid("poll_interval_ms must be at least 1"));
        }
        let policy = WaitPolicy {
            timeout: Duration::from_millis(timeout_ms),
            poll_interval: Duration::from_millis(poll_interval_ms),
        };
        let info = client.inner.wait_for_issuance(order_id, &policy)?;
        let json = to_json(&info)?;
        // SAFETY: checked non-NULL; writable per the caller's contract.
        unsafe { out.write_string(json) }
    })
}

/// Downloads an issued certificate with its chain (`pem_all`) and writes it to `*pem_out` as
/// one PEM bundle in order: the certificate, its intermediates (closest first), then the root
/// when the download has one. Free it with `certcentral_string_free`. DECODE when the download
/// is not one well-formed chain.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_download_chain_pem(
    client: *const certcentral_client,
    certificate_id: u64,
    pem_out: *mut *mut c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY: the caller's contract.
        let client = unsafe { ref_arg(client, "client") }?;
        let out = Out::new(pem_out, "pem_out")?;
        let chain = client.inner.download_chain(certificate_id)?;
        // SAFETY: checked non-NULL; writable per the caller's contract.
        unsafe { out.write_string(chain.to_pem()) }
    })
}

/// The orders for `common_name` created at or after `since_unix` (seconds since the Unix
/// epoch), newest first, as a JSON array written to `*orders_json_out` (free it with
/// `certcentral_string_free`): `[{"id", "status", "certificate"?, "product"?,
/// "date_created"?}]`. This is how to learn whether a submit that ended in OUTCOME_UNKNOWN
/// was placed: pass a `since_unix` a little before `certcentral_last_error_sent_at_unix()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn certcentral_client_find_recent_orders_json(
    client: *const certcentral_client,
    common_name: *const c_char,
    since_unix: u64,
    orders_json_out: *mut *mut c_char,
) -> certcentral_result {
    run(|| {
        // SAFETY (both): the caller's contract.
        let client = unsafe { ref_arg(client, "client") }?;
        let common_name = unsafe { str_arg(common_name, "common_name") }?;
        let out = Out::new(orders_json_out, "orders_json_out")?;
        let since = SystemTime::UNIX_EPOCH
            .checked_add(Duration::from_secs(since_unix))
            .ok_or_else(|| FfiError::invalid(format!("since_unix {since_unix} is too large")))?;
        let orders = client.inner.find_recent_orders(common_name, since)?;
        let json = to_json(&orders)?;
        // SAFETY: checked non-NULL; writable per the caller's contract.
        unsafe { out.write_string(json) }
    })
}
