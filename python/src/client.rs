//! `certcentral.Client`: the core's blocking client. Every call releases the GIL while it
//! validates, waits on the network or sleeps; one client is shared safely by many threads
//! (clones of the core client share one connection pool and one rate limiter).

use std::sync::{Mutex, PoisonError};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyMapping};

use certcentral::{
    ClientConfig, Endpoint, Error, ProxySetting, RateLimitPolicy, Region, RequestDecision,
    RetryPolicy, WaitPolicy,
};

use crate::convert;
use crate::errors::IntoPyResult;
use crate::types::{
    CertificateChain, ChainEntry, OrderInfo, OrderList, OrderResponse, OrderSummary,
};

/// A CertCentral API client.
///
/// - ``region``: ``"us"`` (``https://www.digicert.com/services/v2``) or ``"eu"``
///   (``https://certcentral.digicert.eu/services/v2``); ignored when ``base_url`` is given.
/// - ``base_url``: HTTPS, or plain HTTP to loopback only (the sandbox).
/// - ``timeout``: seconds for one whole request; ``connect_timeout``: seconds to connect.
/// - ``max_retries``: retries of idempotent calls (and of submits the server provably did not
///   receive) with jittered exponential backoff, honouring ``Retry-After``.
/// - ``rate_limit``: keep to DigiCert's limits (100 requests / 5 s, 1000 / 3 min) across every
///   thread using this client.
/// - ``proxy``: ``None`` reads ``HTTPS_PROXY``/``ALL_PROXY``/``NO_PROXY``; ``False`` never uses a
///   proxy; a URL string uses that proxy.
/// - ``root_certificates_pem``: PEM roots to trust instead of the web PKI roots.
///
/// Thread-safe: share one client between threads. Usable as a context manager; ``close()``
/// drops the connection pool. The API key never appears in ``repr()``, ``str()`` or errors.
#[pyclass(frozen, module = "certcentral")]
pub struct Client {
    inner: Mutex<Option<certcentral::Client>>,
    base_url: String,
}

impl Client {
    fn client(&self, py: Python<'_>) -> PyResult<certcentral::Client> {
        let guard = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        guard
            .clone()
            .ok_or_else(|| Error::Config("this Client is closed".into()))
            .py_err(py)
    }

    /// Runs a blocking core call with the GIL released; its error becomes the Python one.
    fn call<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&certcentral::Client) -> Result<R, Error> + Send,
    ) -> PyResult<R> {
        let client = self.client(py)?;
        py.detach(move || f(&client)).py_err(py)
    }
}

fn proxy_setting(proxy: Option<&Bound<'_, PyAny>>) -> PyResult<Result<ProxySetting, Error>> {
    let Some(proxy) = proxy.filter(|p| !p.is_none()) else {
        return Ok(Ok(ProxySetting::FromEnvironment));
    };
    if let Ok(flag) = proxy.extract::<bool>() {
        return Ok(Ok(if flag {
            ProxySetting::FromEnvironment
        } else {
            ProxySetting::None
        }));
    }
    if let Ok(url) = proxy.extract::<String>() {
        return Ok(Ok(ProxySetting::Url(url)));
    }
    Ok(Err(Error::Config(format!(
        "proxy must be None, False or a URL string, not {}",
        proxy.get_type().name()?
    ))))
}

#[allow(clippy::too_many_arguments)]
fn config(
    api_key: String,
    region: &str,
    base_url: Option<String>,
    timeout: f64,
    connect_timeout: f64,
    user_agent: Option<String>,
    max_retries: u32,
    rate_limit: bool,
    proxy: ProxySetting,
    root_certificates_pem: Option<String>,
) -> Result<ClientConfig, Error> {
    let mut config = ClientConfig::new(api_key);
    config.endpoint = match base_url {
        Some(url) => Endpoint::BaseUrl(url),
        None => Endpoint::Region(Region::parse(region)?),
    };
    config.timeout = convert::seconds(timeout, "timeout")?;
    config.connect_timeout = convert::seconds(connect_timeout, "connect_timeout")?;
    config.user_agent = Some(match user_agent {
        Some(ua) => format!("(python) {ua}"),
        None => "(python)".to_owned(),
    });
    config.retry = RetryPolicy {
        max_attempts: max_retries.saturating_add(1),
        ..RetryPolicy::default()
    };
    config.rate_limit = if rate_limit {
        RateLimitPolicy::default()
    } else {
        RateLimitPolicy::disabled()
    };
    config.proxy = proxy;
    config.root_certificates_pem = root_certificates_pem;
    Ok(config)
}

#[pymethods]
impl Client {
    #[new]
    #[pyo3(signature = (
        api_key,
        *,
        region = "us",
        base_url = None,
        timeout = 30.0,
        connect_timeout = 10.0,
        user_agent = None,
        max_retries = 3,
        rate_limit = true,
        proxy = None,
        root_certificates_pem = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        api_key: String,
        region: &str,
        base_url: Option<String>,
        timeout: f64,
        connect_timeout: f64,
        user_agent: Option<String>,
        max_retries: u32,
        rate_limit: bool,
        proxy: Option<&Bound<'_, PyAny>>,
        root_certificates_pem: Option<String>,
    ) -> PyResult<Self> {
        let proxy = proxy_setting(proxy)?.py_err(py)?;
        let config = config(
            api_key,
            region,
            base_url,
            timeout,
            connect_timeout,
            user_agent,
            max_retries,
            rate_limit,
            proxy,
            root_certificates_pem,
        )
        .py_err(py)?;
        // Building the TLS configuration loads the root store: no Python needed.
        let client = py.detach(|| certcentral::Client::new(config)).py_err(py)?;
        Ok(Self {
            base_url: client.base_url().to_owned(),
            inner: Mutex::new(Some(client)),
        })
    }

    /// The base URL requests go to (without a trailing slash).
    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Validates and submits an order (``POST /order/certificate/{product}``).
    ///
    /// ``order`` is a ``certcentral.Order``, a dict (the API's JSON body) or a JSON string.
    /// Nothing is sent when the order has a violation (``ValidationError``). The order is
    /// never sent twice: when the request went out but the answer was lost, this raises
    /// ``OutcomeUnknownError``; look the order up with ``find_recent_orders`` before ordering
    /// again.
    fn submit_order(
        &self,
        py: Python<'_>,
        product: &str,
        order: &Bound<'_, PyAny>,
    ) -> PyResult<OrderResponse> {
        let input = convert::OrderInput::extract(order)?;
        self.call(py, |c| {
            c.submit_order_value(product, &input.into_value()?)
                .map(OrderResponse::from)
        })
    }

    /// Order info (``GET /order/certificate/{order_id}``).
    fn order_info(&self, py: Python<'_>, order_id: u64) -> PyResult<OrderInfo> {
        self.call(py, |c| c.order_info(order_id).map(OrderInfo::from))
    }

    /// Approves or rejects a request (``PUT /request/{request_id}/status``); ``status`` is
    /// ``"approved"`` or ``"rejected"``.
    #[pyo3(signature = (request_id, status, comment = None))]
    fn update_request_status(
        &self,
        py: Python<'_>,
        request_id: u64,
        status: &str,
        comment: Option<String>,
    ) -> PyResult<()> {
        let decision = RequestDecision::parse(status)
            .ok_or_else(|| {
                Error::Config(format!(
                    "status must be \"approved\" or \"rejected\", not {status:?}"
                ))
            })
            .py_err(py)?;
        self.call(py, |c| {
            c.update_request_status(request_id, decision, comment.as_deref())
        })
    }

    /// Polls order info every ``poll_interval`` seconds until the order is issued, rejected,
    /// canceled, revoked or expired, and returns that info (check ``status``). Raises
    /// ``certcentral.TimeoutError`` when ``timeout`` seconds pass first.
    #[pyo3(signature = (order_id, *, timeout = 600.0, poll_interval = 5.0))]
    fn wait_for_issuance(
        &self,
        py: Python<'_>,
        order_id: u64,
        timeout: f64,
        poll_interval: f64,
    ) -> PyResult<OrderInfo> {
        let policy = (|| {
            Ok::<_, Error>(WaitPolicy {
                timeout: convert::seconds(timeout, "timeout")?,
                poll_interval: convert::seconds(poll_interval, "poll_interval")?,
            })
        })()
        .py_err(py)?;
        let client = self.client(py)?;
        // Between polls the GIL is taken briefly every 100 ms to let Ctrl-C (or any signal
        // handler raising) interrupt the wait.
        let mut interrupted = None;
        let outcome = py.detach(|| {
            client.wait_for_issuance_until(
                order_id,
                &policy,
                |_| {},
                || match Python::attach(|py| py.check_signals()) {
                    Ok(()) => false,
                    Err(e) => {
                        interrupted = Some(e);
                        true
                    }
                },
            )
        });
        match outcome.py_err(py)? {
            Some(info) => Ok(OrderInfo::from(info)),
            None => Err(interrupted.expect("the wait stops only on a signal")),
        }
    }

    /// Downloads a certificate in a format (``pem_all``, ``p7b``, ``cer``, ``default``, ...)
    /// as bytes.
    #[pyo3(signature = (certificate_id, format = "pem_all"))]
    fn download_certificate<'py>(
        &self,
        py: Python<'py>,
        certificate_id: u64,
        format: &str,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let data = self.call(py, |c| c.download_certificate(certificate_id, format))?;
        Ok(PyBytes::new(py, &data))
    }

    /// Downloads a certificate's chain (``pem_all``) and parses it: leaf, intermediates, root.
    fn download_chain(&self, py: Python<'_>, certificate_id: u64) -> PyResult<CertificateChain> {
        self.call(py, |c| {
            c.download_chain(certificate_id).map(CertificateChain::from)
        })
    }

    /// Downloads the active certificate of an order as a parsed chain.
    fn download_chain_by_order(&self, py: Python<'_>, order_id: u64) -> PyResult<CertificateChain> {
        self.call(py, |c| {
            c.download_chain_by_order(order_id)
                .map(CertificateChain::from)
        })
    }

    /// The intermediates (and root) above a certificate (``GET /certificate/{id}/chain``).
    fn certificate_intermediates(
        &self,
        py: Python<'_>,
        certificate_id: u64,
    ) -> PyResult<Vec<ChainEntry>> {
        self.call(py, |c| {
            let list = c.certificate_intermediates(certificate_id)?;
            Ok(list
                .intermediates
                .into_iter()
                .map(ChainEntry::from)
                .collect())
        })
    }

    /// One page of orders (``GET /order/certificate``). ``filters`` maps DigiCert's filter
    /// names to values: ``{"status": "issued"}`` becomes ``filters[status]=issued``;
    /// ``sort`` is a field name such as ``"-date_created"`` (newest first).
    #[pyo3(signature = (filters = None, *, sort = None, limit = 100, offset = 0))]
    fn list_orders(
        &self,
        py: Python<'_>,
        filters: Option<&Bound<'_, PyMapping>>,
        sort: Option<String>,
        limit: u32,
        offset: u32,
    ) -> PyResult<OrderList> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(filters) = filters {
            for item in filters.items()?.iter() {
                let (name, value): (String, Bound<'_, PyAny>) = item.extract()?;
                let value = value.str()?.to_cow()?.into_owned();
                pairs.push((name, value));
            }
        }
        self.call(py, |c| {
            let refs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            c.list_orders(&refs, sort.as_deref(), limit, offset)
                .map(OrderList::from)
        })
    }

    /// Orders for ``common_name`` created at or after ``since`` (a timezone-aware
    /// ``datetime``), newest first: what to check after ``OutcomeUnknownError`` before
    /// ordering again. Pass a ``since`` a little before the error's ``sent_at`` to allow for
    /// clock skew.
    fn find_recent_orders(
        &self,
        py: Python<'_>,
        common_name: String,
        since: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<OrderSummary>> {
        let since = convert::system_time(since, "since")?;
        self.call(py, |c| {
            c.find_recent_orders(&common_name, since)
                .map(|orders| orders.into_iter().map(OrderSummary::from).collect())
        })
    }

    /// Drops the connection pool. Later calls raise ``ConfigError``.
    fn close(&self) {
        let client = self
            .inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        drop(client);
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
        exc_type: &Bound<'_, PyAny>,
        exc_value: &Bound<'_, PyAny>,
        traceback: &Bound<'_, PyAny>,
    ) -> bool {
        let _ = (exc_type, exc_value, traceback);
        self.close();
        false
    }

    fn __repr__(&self) -> String {
        format!("Client(base_url='{}')", self.base_url)
    }
}
