//! `certcentral._native`: the pyo3 extension module of the `certcentral` Python package.
//!
//! A thin layer over the `certcentral` crate: it converts Python objects to and from the
//! core's types and JSON values, maps the core's `Error` onto the exception classes of
//! `certcentral._errors`, and releases the GIL for every CSR check, network call and wait.
//! No rule is implemented here; the core decides everything.

mod client;
mod convert;
mod errors;
mod sandbox;
mod types;

use pyo3::prelude::*;

use certcentral::Error;

use convert::OrderInput;
use errors::IntoPyResult;
use types::{Report, Verdict};

/// Validates an order against a product's rules (pure, no I/O) and returns its ``Report``
/// (warnings). Raises ``ValidationError`` listing every violation.
///
/// ``order`` is a ``certcentral.Order``, a dict (the API's JSON body) or a JSON string;
/// ``today`` (a ``datetime.date`` or ``"yyyy-MM-dd"``, default: today in UTC) anchors the
/// date rules.
#[pyfunction]
#[pyo3(signature = (order, product, *, today = None))]
fn validate(
    py: Python<'_>,
    order: &Bound<'_, PyAny>,
    product: &str,
    today: Option<&Bound<'_, PyAny>>,
) -> PyResult<Report> {
    let input = OrderInput::extract(order)?;
    let today = convert::today(today)?;
    py.detach(|| {
        let value = input.into_value()?;
        certcentral::validate_value(&value, product, today)
    })
    .map(Report::from)
    .py_err(py)
}

/// Like ``validate`` but never raises for an invalid order: returns the full ``Verdict``
/// (``valid``, every violation and every warning).
#[pyfunction]
#[pyo3(signature = (order, product, *, today = None))]
fn check(
    py: Python<'_>,
    order: &Bound<'_, PyAny>,
    product: &str,
    today: Option<&Bound<'_, PyAny>>,
) -> PyResult<Verdict> {
    let input = OrderInput::extract(order)?;
    let today = convert::today(today)?;
    py.detach(|| match input.into_value() {
        Ok(value) => Ok(certcentral::check_value(&value, product, today)),
        // JSON text that does not parse: an invalid order, not an exception.
        Err(Error::Validation { violations }) => Ok(certcentral::Verdict {
            valid: false,
            violations,
            warnings: Vec::new(),
        }),
        Err(other) => Err(other),
    })
    .map(Verdict::from)
    .py_err(py)
}

fn parse_part<T: serde::de::DeserializeOwned + serde::Serialize>(
    value: serde_json::Value,
    name: &str,
) -> Result<serde_json::Value, Error> {
    let invalid = |message: String| Error::Validation {
        violations: vec![certcentral::Violation {
            path: String::new(),
            code: certcentral::codes::INVALID_VALUE.into(),
            message,
        }],
    };
    let part: T =
        serde_json::from_value(value).map_err(|e| invalid(format!("not a valid {name}: {e}")))?;
    serde_json::to_value(&part).map_err(|e| invalid(e.to_string()))
}

/// The normalized dict of a model object (used by the ``from_dict`` / ``from_json`` class
/// methods of ``certcentral.Order`` and its parts): parsed by the core's model, so unknown
/// keys and wrong types are refused, ``None`` members dropped.
#[pyfunction]
fn _normalize<'py>(
    py: Python<'py>,
    kind: &str,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    use certcentral as cc;
    let value = OrderInput::extract(data)?.into_value().py_err(py)?;
    let normalized = match kind {
        "order" => cc::order_from_value(&value).map(|o| o.to_value()),
        "certificate" => parse_part::<cc::Certificate>(value, "Certificate"),
        "server_platform" => parse_part::<cc::ServerPlatform>(value, "ServerPlatform"),
        "organization" => parse_part::<cc::Organization>(value, "Organization"),
        "organization_contact" => {
            parse_part::<cc::OrganizationContact>(value, "OrganizationContact")
        }
        "contact" => parse_part::<cc::Contact>(value, "Contact"),
        "container" => parse_part::<cc::Container>(value, "Container"),
        "custom_field" => parse_part::<cc::CustomField>(value, "CustomField"),
        other => Err(Error::Config(format!("unknown model kind {other:?}"))),
    }
    .py_err(py)?;
    convert::from_value(py, &normalized)
}

#[pymodule]
mod _native {
    use pyo3::prelude::*;
    use pyo3::types::PyTuple;

    #[pymodule_export]
    use super::{_normalize, check, validate};

    #[pymodule_export]
    use super::client::Client;

    #[pymodule_export]
    use super::sandbox::Sandbox;

    #[pymodule_export]
    use super::types::{
        ApiErrorItem, CertificateChain, ChainCertificate, ChainEntry, OrderCertificate, OrderInfo,
        OrderList, OrderResponse, OrderSummary, OrganizationRef, OrganizationSummary, Page,
        ProductSummary, Report, Request, Verdict, Violation,
    };

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        let py = m.py();
        m.add("__version__", certcentral::VERSION)?;
        let known: Vec<&str> = certcentral::KNOWN_PRODUCTS
            .iter()
            .map(|(id, _)| *id)
            .collect();
        m.add("KNOWN_PRODUCTS", PyTuple::new(py, known)?)?;
        m.add(
            "VIOLATION_CODES",
            PyTuple::new(py, certcentral::codes::VIOLATIONS)?,
        )?;
        m.add(
            "WARNING_CODES",
            PyTuple::new(py, certcentral::codes::WARNINGS)?,
        )?;
        Ok(())
    }
}
