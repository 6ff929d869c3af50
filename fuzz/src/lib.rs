//! The bodies of the fuzz targets, shared with the regression test that replays every input
//! in `fuzz/regressions/<target>/`.

use certcentral_c_abi as c_abi;
use certcentral::{
    CertificateChain, Error, OrderInfo, OrderList, OrderResponse, check_value, order_from_value,
};

/// Order JSON → validation, and the typed round trip for orders whose shape is right.
pub fn validate_order(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let today = time::Date::from_calendar_date(2026, time::Month::November, 28).unwrap();
    for product in ["ssl_securesite_pro", "ssl_ev_securesite_flex", "unknown_product"] {
        let verdict = check_value(&value, product, today);
        assert_eq!(verdict.valid, verdict.violations.is_empty());
        let json = verdict.to_json();
        assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    }
    if let Ok(order) = order_from_value(&value) {
        // A typed order serializes to JSON that parses back to the same order.
        let again = certcentral::parse_order(&order.to_json()).expect("round trip");
        assert_eq!(again, order);
    }
}

/// Response bodies → every response type, the error body parser, and PEM chains.
pub fn parse_responses(data: &[u8]) {
    let _ = serde_json::from_slice::<OrderResponse>(data);
    let _ = serde_json::from_slice::<OrderInfo>(data);
    let _ = serde_json::from_slice::<OrderList>(data);
    let text = String::from_utf8_lossy(data);
    for status in [400, 403, 404, 429, 502] {
        let err = Error::from_response(status, text.to_string(), None);
        assert_eq!(err.status(), Some(status));
        let _ = err.to_string();
    }
    let _ = CertificateChain::from_pem(&text);
}

/// CSR PEM → the CSR check.
pub fn inspect_csr(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = certcentral::validate::inspect_csr(text);
    }
}

/// The C ABI's JSON entry points: validation and order parsing through `extern "C"`
/// functions, with arbitrary bytes as the NUL-terminated inputs (invalid UTF-8 included).
pub fn c_abi_json(data: &[u8]) {
    use std::ffi::{CString, c_char};
    // Split the input into a product and an order at the first 0xff byte.
    let (product, order) = match data.iter().position(|b| *b == 0xff) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&b"ssl_securesite_pro"[..], data),
    };
    let strip = |b: &[u8]| CString::new(b.iter().copied().filter(|c| *c != 0).collect::<Vec<u8>>()).unwrap();
    let (product, order) = (strip(product), strip(order));
    let today = c"2026-11-28";
    let mut report: *mut c_char = std::ptr::null_mut();
    // SAFETY: valid NUL-terminated strings and a writable out-pointer.
    let code = unsafe {
        c_abi::certcentral_validate_order_json_with_today(product.as_ptr(), order.as_ptr(), today.as_ptr(), &mut report)
    };
    if code == c_abi::certcentral_result::Ok {
        assert!(!report.is_null());
        // SAFETY: the library returned a NUL-terminated string it owns.
        let text = unsafe { std::ffi::CStr::from_ptr(report) }.to_str().expect("UTF-8 report");
        let v: serde_json::Value = serde_json::from_str(text).expect("the report is JSON");
        assert_eq!(v["valid"].as_bool(), Some(v["violations"].as_array().is_some_and(|a| a.is_empty())));
        // SAFETY: freed once, with the library's own function.
        unsafe { c_abi::certcentral_string_free(report) };
    } else {
        assert!(report.is_null(), "out-param written on failure");
    }
}
