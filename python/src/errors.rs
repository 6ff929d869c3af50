//! The core's `Error` as the Python exceptions of `certcentral._errors`.
//!
//! The exception classes are written in Python (they need several bases, such as
//! `ValidationError(CertCentralError, ValueError)`, keyword attributes and pickling); this
//! module only fills in their attributes. No message here or in the core carries the API key.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule};

use certcentral::Error;

use crate::convert;
use crate::types::{ApiErrorItem, Violation};

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    ERRORS
        .get_or_try_init(py, || Ok(py.import("certcentral._errors")?.unbind()))
        .map(|m| m.bind(py))
}

/// Builds `certcentral.<class_name>(message, **kwargs)`.
fn build(
    py: Python<'_>,
    class_name: &str,
    message: String,
    kwargs: &Bound<'_, PyDict>,
) -> PyResult<PyErr> {
    let class = errors_module(py)?.getattr(class_name)?;
    let exc = class.call((message,), Some(kwargs))?;
    Ok(PyErr::from_value(exc))
}

fn api_kwargs<'py>(py: Python<'py>, e: &certcentral::ApiError) -> PyResult<Bound<'py, PyDict>> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("status", e.status)?;
    let items: Vec<ApiErrorItem> = e.errors.iter().cloned().map(ApiErrorItem::from).collect();
    kwargs.set_item("errors", items)?;
    kwargs.set_item("raw_body", &e.raw_body)?;
    Ok(kwargs)
}

fn try_convert(py: Python<'_>, err: Error) -> PyResult<PyErr> {
    let message = err.to_string();
    let kwargs = PyDict::new(py);
    let class = match err {
        Error::Validation { violations } => {
            let v: Vec<Violation> = violations.into_iter().map(Violation::from).collect();
            kwargs.set_item("violations", v)?;
            "ValidationError"
        }
        Error::Authentication(e) => {
            return build(py, "AuthenticationError", message, &api_kwargs(py, &e)?);
        }
        Error::NotFound(e) => return build(py, "NotFoundError", message, &api_kwargs(py, &e)?),
        Error::RateLimited { retry_after, error } => {
            let kwargs = api_kwargs(py, &error)?;
            kwargs.set_item("retry_after", retry_after.map(|d| d.as_secs_f64()))?;
            return build(py, "RateLimitError", message, &kwargs);
        }
        Error::Api(e) => return build(py, "ApiError", message, &api_kwargs(py, &e)?),
        Error::Transport(_) => "TransportError",
        Error::Timeout(_) => "TimeoutError",
        Error::Decode { raw_body, .. } => {
            kwargs.set_item("raw_body", raw_body)?;
            "DecodeError"
        }
        Error::Config(_) => "ConfigError",
        Error::OutcomeUnknown(o) => {
            kwargs.set_item("product", &o.product)?;
            kwargs.set_item("common_name", &o.common_name)?;
            kwargs.set_item("sent_at", convert::datetime_utc(py, o.sent_at)?)?;
            kwargs.set_item("detail", &o.detail)?;
            "OutcomeUnknownError"
        }
        _ => "CertCentralError",
    };
    build(py, class, message, &kwargs)
}

/// The Python exception for a core error.
pub fn to_py_err(py: Python<'_>, err: Error) -> PyErr {
    let fallback = err.to_string();
    try_convert(py, err).unwrap_or_else(|e| {
        PyRuntimeError::new_err(format!(
            "{fallback} (and certcentral._errors could not build the exception: {e})"
        ))
    })
}

/// `Result<T, Error>` → `PyResult<T>`.
pub trait IntoPyResult<T> {
    /// Converts the error into its Python exception.
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, e))
    }
}
