//! # certcentral
//!
//! A client for DigiCert CertCentral's order API: the complete order model of
//! `POST /services/v2/order/certificate/{product}`, validation of every documented rule before
//! anything is sent, and a blocking [`Client`] that submits orders and follows them to an
//! issued certificate.
//!
//! ```no_run
//! use certcentral::{Client, ClientConfig, WaitPolicy, parse_order};
//!
//! let order = parse_order(&std::fs::read_to_string("order.json")?)?;
//! let client = Client::new(ClientConfig::new(std::env::var("DIGICERT_API_KEY")?))?;
//! let response = client.submit_order("ssl_securesite_pro", &order)?;
//! let info = client.wait_for_issuance(response.id, &WaitPolicy::default())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Validation codes
//!
//! Violations: `required`, `invalid_type`, `unknown_field`, `not_allowed`, `out_of_range`,
//! `invalid_domain`, `duplicate_name`, `invalid_csr`, `weak_key`, `unsupported_key`,
//! `invalid_date`, `date_out_of_range`, `conflict`, `invalid_email`, `invalid_thumbprint`,
//! `contact_details_required`, `invalid_value`. Warnings: `csr_name_not_in_order`,
//! `overridden`, `deprecated_field`. Every rule is described in `docs/validation.md`.
//!
//! ## Guarantees
//!
//! - The API key never appears in any `Debug`, `Display` or error text ([`ApiKey`]).
//! - An order is never sent twice: a submit is retried only when the server provably did not
//!   take it; a lost answer is [`Error::OutcomeUnknown`].
//! - HTTPS only (rustls, web PKI roots); plain HTTP only to loopback.

#![warn(missing_docs)]

mod client;
mod error;
pub mod model;
mod product;
mod secret;
pub mod validate;

pub use client::{
    Client, ClientConfig, Endpoint, ProxySetting, RateLimitPolicy, Region, RetryPolicy, WaitPolicy,
};
pub use error::{ApiError, ApiErrorItem, Error, ErrorKind, OutcomeUnknown};
pub use model::*;
pub use product::{KNOWN_PRODUCTS, ProductRules, check_product_id};
pub use secret::ApiKey;
pub use validate::{
    Report, Verdict, Violation, check_json, check_value, codes, order_from_value, parse_order,
    validate, validate_value,
};

/// The library version (from Cargo.toml).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
