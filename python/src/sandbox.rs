//! `certcentral.testing.Sandbox`: the offline CertCentral of the `certcentral-sandbox` crate,
//! started in-process (the same server as `certcentral sandbox`).

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use serde_json::{Map, Value};

use certcentral_sandbox::{Approval, Fault, SandboxConfig};

use crate::client::Client;
use crate::convert;

fn approval(mode: &str) -> PyResult<Approval> {
    Approval::parse(mode).ok_or_else(|| {
        PyValueError::new_err(format!(
            "approval must be \"manual\", \"auto\" or \"immediate\", not {mode:?}"
        ))
    })
}

/// An offline CertCentral on ``127.0.0.1`` (a random free port), running in this process.
///
/// - ``approval``: ``"manual"`` (requests wait for ``update_request_status``; with
///   ``skip_approval`` they are ``submitted``), ``"auto"`` (approved at once, issued after
///   ``issue_delay``), ``"immediate"`` (issued during the submit, chain in the answer).
/// - ``issue_delay``: seconds from approval to issuance (``None``: the sandbox default, 2 s).
/// - ``rate_limit``: enforce DigiCert's limits (429 ``request_limit_exceeded``).
/// - ``validate``: refuse invalid orders with DigiCert's 400 error items.
/// - ``api_keys``: the accepted keys (default: ``["cc-sandbox-key"]``); ``api_key`` is the
///   first.
///
/// A context manager: ``close()`` (or leaving the ``with`` block) stops the server and joins
/// its threads. Faults are injected with ``inject()``; ``log()`` shows what the server saw.
#[pyclass(frozen, module = "certcentral.testing")]
pub struct Sandbox {
    inner: Mutex<Option<certcentral_sandbox::Sandbox>>,
    base_url: String,
    api_key: String,
    port: u16,
    root_pem: String,
    intermediate_pem: String,
}

impl Sandbox {
    fn with<T>(&self, f: impl FnOnce(&certcentral_sandbox::Sandbox) -> T) -> PyResult<T> {
        let guard = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        match guard.as_ref() {
            Some(sandbox) => Ok(f(sandbox)),
            None => Err(PyRuntimeError::new_err("this Sandbox is closed")),
        }
    }
}

#[pymethods]
impl Sandbox {
    #[new]
    #[pyo3(signature = (
        *,
        approval = "manual",
        issue_delay = None,
        rate_limit = true,
        validate = true,
        api_keys = None,
        port = 0,
        workers = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        approval: &str,
        issue_delay: Option<f64>,
        rate_limit: bool,
        validate: bool,
        api_keys: Option<Vec<String>>,
        port: u16,
        workers: Option<usize>,
    ) -> PyResult<Self> {
        let mut config = SandboxConfig {
            approval: self::approval(approval)?,
            validate,
            port,
            ..SandboxConfig::default()
        };
        if let Some(secs) = issue_delay {
            config.issue_delay = Duration::try_from_secs_f64(secs).map_err(|_| {
                PyValueError::new_err(format!(
                    "issue_delay must be a non-negative number of seconds, not {secs}"
                ))
            })?;
        }
        if !rate_limit {
            config.rate_limits = None;
        }
        if let Some(keys) = api_keys {
            config.api_keys = keys;
        }
        if let Some(n) = workers {
            config.workers = n;
        }
        // Creating the CA signs certificates: no Python needed.
        let sandbox = py
            .detach(|| certcentral_sandbox::Sandbox::start(config))
            .map_err(|e| PyRuntimeError::new_err(format!("the sandbox did not start: {e}")))?;
        Ok(Self {
            base_url: sandbox.base_url().to_owned(),
            api_key: sandbox.api_key().to_owned(),
            port: sandbox.addr().port(),
            root_pem: sandbox.root_pem().to_owned(),
            intermediate_pem: sandbox.intermediate_pem().to_owned(),
            inner: Mutex::new(Some(sandbox)),
        })
    }

    /// ``http://127.0.0.1:PORT/services/v2``: the ``base_url`` for a ``Client``.
    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API key the sandbox accepts (``cc-sandbox-key`` unless ``api_keys`` was given).
    #[getter]
    fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The TCP port on 127.0.0.1.
    #[getter]
    fn port(&self) -> u16 {
        self.port
    }

    /// The sandbox root certificate (PEM): the trust anchor of every issued chain.
    #[getter]
    fn root_pem(&self) -> &str {
        &self.root_pem
    }

    /// The sandbox intermediate certificate (PEM).
    #[getter]
    fn intermediate_pem(&self) -> &str {
        &self.intermediate_pem
    }

    /// ``"manual"``, ``"auto"`` or ``"immediate"``; assigning it is ``set_approval``.
    #[getter(approval)]
    fn get_approval(&self) -> PyResult<&'static str> {
        self.with(|s| s.approval().as_str())
    }

    #[setter(approval)]
    fn set_approval_mode(&self, mode: &str) -> PyResult<()> {
        self.set_approval(mode)
    }

    /// Switches the approval mode for orders submitted from now on.
    fn set_approval(&self, mode: &str) -> PyResult<()> {
        let mode = approval(mode)?;
        self.with(|s| s.set_approval(mode))
    }

    /// Queues a fault for the next ``count`` requests matching ``path_prefix`` (the path
    /// after ``/services/v2``, such as ``"/order/certificate"``) and ``method``.
    ///
    /// ``kind``: ``latency`` (sleep ``latency_ms``, then answer), ``status`` (answer
    /// ``status`` 500/502/503/504, nothing done), ``rate_limit`` (429, ``Retry-After:
    /// retry_after``), ``drop_before_response`` (close without doing anything),
    /// ``drop_after_body`` (do the work, e.g. create the order, then close without answering),
    /// ``malformed_json``, ``truncated_body``, ``oversized_body`` (``size_mb``),
    /// ``html_error`` (a proxy's 502 page). Raises ``ValueError`` for an invalid fault.
    #[pyo3(signature = (
        kind,
        *,
        count = 1,
        path_prefix = None,
        method = None,
        latency_ms = None,
        status = None,
        retry_after = None,
        size_mb = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn inject(
        &self,
        kind: &str,
        count: u32,
        path_prefix: Option<String>,
        method: Option<String>,
        latency_ms: Option<u64>,
        status: Option<u16>,
        retry_after: Option<u64>,
        size_mb: Option<u32>,
    ) -> PyResult<()> {
        // The fault's JSON form, as for POST /__sandbox/faults: one parser for both.
        let mut fields = Map::new();
        fields.insert("kind".into(), kind.into());
        fields.insert("count".into(), count.into());
        let optional = [
            ("path_prefix", path_prefix.map(Value::from)),
            ("method", method.map(Value::from)),
            ("latency_ms", latency_ms.map(Value::from)),
            ("status", status.map(Value::from)),
            ("retry_after", retry_after.map(Value::from)),
            ("size_mb", size_mb.map(Value::from)),
        ];
        for (name, value) in optional {
            if let Some(v) = value {
                fields.insert(name.into(), v);
            }
        }
        let fault: Fault = serde_json::from_value(Value::Object(fields))
            .map_err(|e| PyValueError::new_err(format!("invalid fault: {e}")))?;
        self.with(|s| s.inject(fault))?
            .map_err(|e| PyValueError::new_err(format!("invalid fault: {e}")))
    }

    /// Removes every queued fault.
    fn clear_faults(&self) -> PyResult<()> {
        self.with(|s| s.clear_faults())
    }

    /// What the sandbox saw: ``{"requests": [{"method", "path", "query"?, "status",
    /// "fault"?}, ...], "orders": [{"id", "product", "common_name", "created_at"}, ...]}``.
    fn log<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let log = self.with(|s| s.log())?;
        convert::to_py(py, &log)
    }

    /// Forgets every order, fault, log entry and rate-limit count; ids start over.
    fn reset(&self) -> PyResult<()> {
        self.with(|s| s.reset())
    }

    /// A ``certcentral.Client`` for this sandbox (``base_url`` and ``api_key`` filled in);
    /// keyword arguments go to ``Client``.
    #[pyo3(signature = (**kwargs))]
    fn client(&self, py: Python<'_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<Client>> {
        let kwargs = match kwargs {
            Some(k) => k.copy()?,
            None => PyDict::new(py),
        };
        kwargs.set_item("base_url", &self.base_url)?;
        let client = PyType::new::<Client>(py).call((&self.api_key,), Some(&kwargs))?;
        Ok(client.cast_into::<Client>()?.unbind())
    }

    /// Stops the server and joins its threads. Idempotent.
    fn close(&self, py: Python<'_>) {
        let sandbox = self
            .inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(sandbox) = sandbox {
            py.detach(move || sandbox.shutdown());
        }
    }

    /// Whether ``close()`` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_none()
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (exc_type, exc_value, traceback))]
    fn __exit__(
        &self,
        py: Python<'_>,
        exc_type: &Bound<'_, PyAny>,
        exc_value: &Bound<'_, PyAny>,
        traceback: &Bound<'_, PyAny>,
    ) -> bool {
        let _ = (exc_type, exc_value, traceback);
        self.close(py);
        false
    }

    fn __repr__(&self) -> String {
        format!("Sandbox(base_url='{}')", self.base_url)
    }
}
