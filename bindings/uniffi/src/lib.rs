//! # certcentral-uniffi
//!
//! The Kotlin (`org.certcentral`) and Swift (`CertCentral`) bindings of the `certcentral`
//! core, made with UniFFI proc-macros (no UDL). This crate is thin: records and enums that
//! mirror the core's types, `From` conversions, and one function per core entry point. It
//! holds no logic of its own; the rules, the wire format and the client live in the core.
//!
//! Every call blocks: call the client off the main/UI thread. See README.md.

#![warn(missing_docs)]

mod client;
mod error;
mod order;
mod response;

use certcentral as core;

pub use client::{ApiKey, CertCentralClient, ClientConfig, Region};
pub use error::CertCentralError;
pub use order::{
    Certificate, Contact, Container, CustomField, Order, Organization, OrganizationContact,
    ServerPlatform,
};
pub use response::{
    ApiErrorItem, CertificateChain, ChainCertificate, ChainEntry, OrderCertificate, OrderInfo,
    OrderResponse, OrderStatus, OrderSummary, OrganizationRef, OrganizationSummary, ProductSummary,
    Report, Request, RequestDecision, RequestStatus, Verdict, Violation,
};

uniffi::setup_scaffolding!();

type Result<T> = std::result::Result<T, CertCentralError>;

/// Validates an order against a product's rules (today's date for the date rules). Returns
/// the warnings; a `Validation` error lists every violation.
#[uniffi::export]
pub fn validate_order(order: Order, product: String) -> Result<Report> {
    Ok(
        core::check_value(&order.to_value(), &product, core::validate::today_utc())
            .into_result()?
            .into(),
    )
}

/// Validates an order given as JSON text and returns the full verdict (violations and
/// warnings) instead of an error. `today` (`yyyy-MM-dd`) is the date the date rules use
/// (default: today in UTC). Text that is not JSON is an `invalid_type` violation.
#[uniffi::export(default(today = None))]
pub fn validate_order_json(
    order_json: String,
    product: String,
    today: Option<String>,
) -> Result<Verdict> {
    let today = match today {
        None => core::validate::today_utc(),
        Some(s) => core::validate::parse_date(&s).ok_or_else(|| {
            CertCentralError::config(format!("today must be a yyyy-MM-dd date, got {s:?}"))
        })?,
    };
    Ok(core::check_json(&order_json, &product, today).into())
}

/// Parses an order from JSON text. Only its shape is checked (types, keys, required
/// fields); a `Validation` error names each problem at its path.
#[uniffi::export]
pub fn order_from_json(json: String) -> Result<Order> {
    Ok(core::parse_order(&json)?.into())
}

/// The order as the compact JSON sent on the wire (absent fields omitted).
#[uniffi::export]
pub fn order_to_json(order: Order) -> Result<String> {
    Ok(core::order_from_value(&order.to_value())?.to_json())
}

/// The version of the certcentral library.
#[uniffi::export]
pub fn library_version() -> String {
    core::VERSION.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_text(e: core::Error) -> (String, String) {
        let expected = e.to_string();
        (expected, CertCentralError::from(e).to_string())
    }

    #[test]
    fn display_is_the_core_text() {
        let api = core::ApiError {
            status: 403,
            errors: vec![core::ApiErrorItem::new(
                "access_denied|access_denied_invalid_key",
                "bad key",
            )],
            raw_body: "{}".into(),
        };
        for e in [
            core::Error::Authentication(api.clone()),
            core::Error::RateLimited {
                retry_after: Some(std::time::Duration::from_millis(1500)),
                error: api.clone(),
            },
            core::Error::Transport("connection refused".into()),
            core::Error::OutcomeUnknown(core::OutcomeUnknown {
                product: "ssl_basic".into(),
                common_name: "example.com".into(),
                sent_at: std::time::SystemTime::UNIX_EPOCH
                    + std::time::Duration::from_secs(1_800_000_000),
                detail: "reset".into(),
            }),
            core::Error::Validation {
                violations: vec![core::Violation {
                    path: "validity_years".into(),
                    code: "out_of_range".into(),
                    message: "must be 1 or 2".into(),
                }],
            },
        ] {
            let (expected, got) = error_text(e);
            assert_eq!(expected, got);
        }
    }

    #[test]
    fn json_round_trip_and_bad_json() {
        let verdict = validate_order_json("{".into(), "ssl_basic".into(), None).unwrap();
        assert!(!verdict.valid);
        assert_eq!(verdict.violations[0].code, "invalid_type");
        assert!(matches!(
            order_from_json("[]".into()),
            Err(CertCentralError::Validation { .. })
        ));
        assert!(matches!(
            validate_order_json("{}".into(), "ssl_basic".into(), Some("2026-13-01".into())),
            Err(CertCentralError::Config { .. })
        ));
    }

    #[test]
    fn api_key_is_redacted() {
        let key = ApiKey::new("canary-secret".into());
        assert_eq!(key.to_string(), "<redacted>");
        assert!(!format!("{key:?}").contains("canary"));
    }
}
