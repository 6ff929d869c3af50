//! Order validation: pure, no I/O, every violation reported with its JSON path.
//!
//! The rules and the code vocabulary are documented in `docs/validation.md`; the codes are
//! the constants of [`codes`].

mod csr;
mod fields;
mod names;
mod walker;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Error;
use crate::model::Order;
use crate::product::ProductRules;

pub use csr::{CsrInfo, CsrKey, CsrProblem, inspect_csr};
pub use time::Date;

/// The stable violation and warning codes.
pub mod codes {
    /// A required field is missing, `null`, or blank.
    pub const REQUIRED: &str = "required";
    /// Wrong JSON type.
    pub const INVALID_TYPE: &str = "invalid_type";
    /// A key the endpoint does not define.
    pub const UNKNOWN_FIELD: &str = "unknown_field";
    /// A value outside its allowed set, or a feature the product does not allow.
    pub const NOT_ALLOWED: &str = "not_allowed";
    /// A number outside its range.
    pub const OUT_OF_RANGE: &str = "out_of_range";
    /// Not a valid public DNS name.
    pub const INVALID_DOMAIN: &str = "invalid_domain";
    /// A name repeated in `dns_names`.
    pub const DUPLICATE_NAME: &str = "duplicate_name";
    /// The CSR does not parse or its signature does not verify.
    pub const INVALID_CSR: &str = "invalid_csr";
    /// RSA key below 2048 bits.
    pub const WEAK_KEY: &str = "weak_key";
    /// Neither RSA nor EC P-256 / P-384.
    pub const UNSUPPORTED_KEY: &str = "unsupported_key";
    /// Not a `yyyy-MM-dd` calendar date.
    pub const INVALID_DATE: &str = "invalid_date";
    /// Not after today, or more than 825 days ahead.
    pub const DATE_OUT_OF_RANGE: &str = "date_out_of_range";
    /// Fields that exclude each other.
    pub const CONFLICT: &str = "conflict";
    /// Not a valid e-mail address.
    pub const INVALID_EMAIL: &str = "invalid_email";
    /// Not a SHA-1 thumbprint.
    pub const INVALID_THUMBPRINT: &str = "invalid_thumbprint";
    /// A new contact lacks a detail.
    pub const CONTACT_DETAILS_REQUIRED: &str = "contact_details_required";
    /// A string of the wrong shape where no other code fits.
    pub const INVALID_VALUE: &str = "invalid_value";
    /// Warning: a CSR name the order does not cover.
    pub const CSR_NAME_NOT_IN_ORDER: &str = "csr_name_not_in_order";
    /// Warning: a validity field overridden by one with precedence.
    pub const OVERRIDDEN: &str = "overridden";
    /// Warning: a field DigiCert accepts but leaves out of the certificate.
    pub const DEPRECATED_FIELD: &str = "deprecated_field";

    /// Every violation code.
    pub const VIOLATIONS: &[&str] = &[
        REQUIRED,
        INVALID_TYPE,
        UNKNOWN_FIELD,
        NOT_ALLOWED,
        OUT_OF_RANGE,
        INVALID_DOMAIN,
        DUPLICATE_NAME,
        INVALID_CSR,
        WEAK_KEY,
        UNSUPPORTED_KEY,
        INVALID_DATE,
        DATE_OUT_OF_RANGE,
        CONFLICT,
        INVALID_EMAIL,
        INVALID_THUMBPRINT,
        CONTACT_DETAILS_REQUIRED,
        INVALID_VALUE,
    ];
    /// Every warning code.
    pub const WARNINGS: &[&str] = &[CSR_NAME_NOT_IN_ORDER, OVERRIDDEN, DEPRECATED_FIELD];
}

/// One finding: a violation, or a warning in a [`Report`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Violation {
    /// JSON path from the order root (`certificate.dns_names[2]`; empty for the order).
    pub path: String,
    /// A code of [`codes`].
    pub code: String,
    /// What is wrong, for people.
    pub message: String,
}

/// The result of validating an order that has no violations.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Report {
    /// Findings DigiCert would accept but that are probably mistakes.
    pub warnings: Vec<Violation>,
}

/// The full verdict: violations and warnings. `valid` iff there are no violations.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Verdict {
    /// True when there is no violation.
    pub valid: bool,
    /// Every violation.
    pub violations: Vec<Violation>,
    /// Every warning.
    pub warnings: Vec<Violation>,
}

impl Verdict {
    /// `Ok(Report)` when valid, else `Err(Error::Validation)` with every violation.
    pub fn into_result(self) -> Result<Report, Error> {
        if self.valid {
            Ok(Report {
                warnings: self.warnings,
            })
        } else {
            Err(Error::Validation {
                violations: self.violations,
            })
        }
    }

    /// The verdict as JSON: `{"valid": .., "violations": [..], "warnings": [..]}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a Verdict always serializes")
    }
}

/// Today's date in UTC.
pub fn today_utc() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// Parses `yyyy-MM-dd` strictly (zero-padded, a real calendar date).
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return None;
    }
    let year: i32 = s[0..4].parse().ok()?;
    let month: u8 = s[5..7].parse().ok()?;
    let day: u8 = s[8..10].parse().ok()?;
    Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

/// Validates an order given as JSON against a product's rules, with `today` for the date
/// rules. This is the core check every binding uses.
pub fn check_value(order: &Value, product: &str, today: Date) -> Verdict {
    let rules = ProductRules::for_product(product);
    let mut w = walker::Walker::new(&rules, today);
    fields::order(&mut w, order);
    w.finish()
}

/// Validates an order given as JSON text. Text that is not JSON gives one `invalid_type`
/// violation at the order's root path `""`.
pub fn check_json(order: &str, product: &str, today: Date) -> Verdict {
    match parse_value(order) {
        Ok(value) => check_value(&value, product, today),
        Err(e) => Verdict {
            valid: false,
            violations: e.violations().to_vec(),
            warnings: Vec::new(),
        },
    }
}

/// Parses order JSON text into a value; text that is not JSON is `Error::Validation` with one
/// `invalid_type` violation at the root path `""`.
pub fn parse_value(json: &str) -> Result<Value, Error> {
    serde_json::from_str(json).map_err(|e| Error::Validation {
        violations: vec![not_json(&e)],
    })
}

fn not_json(e: &serde_json::Error) -> Violation {
    Violation {
        path: String::new(),
        code: codes::INVALID_TYPE.into(),
        message: format!("not valid JSON: {e}"),
    }
}

/// Validates a typed order; `Err(Error::Validation)` lists every violation.
pub fn validate(order: &Order, product: &str) -> Result<Report, Error> {
    check_value(&order.to_value(), product, today_utc()).into_result()
}

/// Validates an order given as JSON; `Err(Error::Validation)` lists every violation.
pub fn validate_value(order: &Value, product: &str, today: Date) -> Result<Report, Error> {
    check_value(order, product, today).into_result()
}

/// Parses an order from JSON text, reporting a wrong type or an unknown key at its path.
/// Only the shape is checked here (types, keys, required fields); use [`validate`] for the
/// rules.
pub fn parse_order(json: &str) -> Result<Order, Error> {
    order_from_value(&parse_value(json)?)
}

/// Converts a JSON value into a typed order, reporting shape problems at their paths.
pub fn order_from_value(value: &Value) -> Result<Order, Error> {
    let rules = ProductRules::generic("");
    let mut w = walker::Walker::new(&rules, today_utc());
    w.shape_only = true;
    fields::order(&mut w, value);
    let verdict = w.finish();
    if !verdict.valid {
        return Err(Error::Validation {
            violations: verdict.violations,
        });
    }
    typed_order(value)
}

/// The typed order of a value whose shape was already checked (by [`check_value`] or the
/// shape pass of [`order_from_value`]).
pub(crate) fn typed_order(value: &Value) -> Result<Order, Error> {
    serde_json::from_value(strip_nulls(value)).map_err(|e| Error::Validation {
        violations: vec![Violation {
            path: String::new(),
            code: codes::INVALID_VALUE.into(),
            message: format!("the order does not fit the model: {e}"),
        }],
    })
}

/// Removes `null` members (an absent optional) recursively, as the wire never carries them.
fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), strip_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}
