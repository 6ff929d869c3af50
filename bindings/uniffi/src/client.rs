//! `CertCentralClient`, its configuration and the redacting `ApiKey`.
//!
//! Every method blocks until the answer (or the error) is there: call it off the main/UI
//! thread. One client is safe to share between threads; they share one connection pool and
//! one rate limiter.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use certcentral as core;

use crate::error::CertCentralError;
use crate::order::Order;
use crate::response::{CertificateChain, OrderInfo, OrderResponse, OrderSummary, RequestDecision};

type Result<T> = std::result::Result<T, CertCentralError>;

/// A CertCentral API key. Its `toString()` / `description` is `<redacted>`: the key is only
/// ever written into the `X-DC-DEVKEY` request header.
#[derive(uniffi::Object)]
#[uniffi::export(Display, Debug)]
pub struct ApiKey(core::ApiKey);

#[uniffi::export]
impl ApiKey {
    /// Wraps a key (surrounding whitespace, such as a key file's newline, is removed).
    #[uniffi::constructor]
    pub fn new(key: String) -> Arc<Self> {
        Arc::new(Self(core::ApiKey::new(key)))
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// A CertCentral region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Region {
    /// `https://www.digicert.com/services/v2`
    Us,
    /// `https://certcentral.digicert.eu/services/v2`
    Eu,
}

/// What a client needs. Give `region` or `baseUrl` (neither: the US region).
#[derive(Debug, Clone, uniffi::Record)]
pub struct ClientConfig {
    /// The API key; printed as `<redacted>`.
    pub api_key: Arc<ApiKey>,
    /// A DigiCert region.
    #[uniffi(default = None)]
    pub region: Option<Region>,
    /// A base URL ending in `/services/v2`: HTTPS, or plain HTTP to loopback (the sandbox).
    #[uniffi(default = None)]
    pub base_url: Option<String>,
    /// Time for one whole request, in milliseconds.
    #[uniffi(default = 60000)]
    pub timeout_ms: i64,
    /// Retries of idempotent calls, and of submits the server provably did not take.
    #[uniffi(default = 3)]
    pub max_retries: i32,
    /// Keep to DigiCert's published rate limits (100 requests / 5 s, 1000 / 3 min) in the
    /// client, shared by every thread using it.
    #[uniffi(default = true)]
    pub rate_limit: bool,
    /// Appended to the `User-Agent` header.
    #[uniffi(default = None)]
    pub user_agent: Option<String>,
}

impl TryFrom<ClientConfig> for core::ClientConfig {
    type Error = CertCentralError;

    fn try_from(c: ClientConfig) -> Result<Self> {
        let ClientConfig {
            api_key,
            region,
            base_url,
            timeout_ms,
            max_retries,
            rate_limit,
            user_agent,
        } = c;
        let mut config = core::ClientConfig::new(api_key.0.clone());
        config = match (region, base_url) {
            (Some(_), Some(_)) => {
                return Err(CertCentralError::config(
                    "give a region or a base URL, not both",
                ));
            }
            (Some(Region::Us), None) | (None, None) => config.region(core::Region::Us),
            (Some(Region::Eu), None) => config.region(core::Region::Eu),
            (None, Some(url)) => config.base_url(url),
        };
        config = config.timeout(millis("timeoutMs", timeout_ms)?);
        let retries = u32::try_from(max_retries)
            .ok()
            .filter(|r| *r < 100)
            .ok_or_else(|| {
                CertCentralError::config(format!("maxRetries must be 0..99, got {max_retries}"))
            })?;
        config.retry = core::RetryPolicy {
            max_attempts: retries + 1,
            ..core::RetryPolicy::default()
        };
        if !rate_limit {
            config.rate_limit = core::RateLimitPolicy::disabled();
        }
        config.user_agent = user_agent;
        Ok(config)
    }
}

/// A positive number of milliseconds as a `Duration`.
fn millis(what: &str, ms: i64) -> Result<Duration> {
    u64::try_from(ms)
        .ok()
        .filter(|ms| *ms > 0)
        .map(Duration::from_millis)
        .ok_or_else(|| CertCentralError::config(format!("{what} must be positive, got {ms}")))
}

/// An id from the caller: DigiCert ids are positive.
fn id(what: &str, v: i64) -> Result<u64> {
    u64::try_from(v)
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| CertCentralError::config(format!("{what} must be positive, got {v}")))
}

/// A CertCentral client. Every method **blocks** until the answer is there (up to the
/// configured timeout per request, longer with retries and `waitForIssuance`): call it off the
/// main/UI thread. Thread-safe: share one instance; its threads share one connection pool and
/// one rate limiter. Never submits an order twice (see `OutcomeUnknown`).
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct CertCentralClient {
    inner: core::Client,
}

impl fmt::Display for CertCentralClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CertCentralClient(baseUrl={})", self.inner.base_url())
    }
}

#[uniffi::export]
impl CertCentralClient {
    /// Builds a client. `Config` error for a bad base URL (plain HTTP is allowed to loopback
    /// only), an empty key or a bad setting.
    #[uniffi::constructor]
    pub fn new(config: ClientConfig) -> Result<Arc<Self>> {
        let inner = core::Client::new(config.try_into()?)?;
        Ok(Arc::new(Self { inner }))
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// Validates the order (nothing is sent when it has a violation) and submits it to
    /// `POST /order/certificate/{product}`. Never sent twice: see `OutcomeUnknown`.
    pub fn submit_order(&self, product: String, order: Order) -> Result<OrderResponse> {
        Ok(self
            .inner
            .submit_order_value(&product, &order.to_value())?
            .into())
    }

    /// `submitOrder` for an order given as JSON text.
    pub fn submit_order_json(&self, product: String, order_json: String) -> Result<OrderResponse> {
        Ok(self.inner.submit_order_json(&product, &order_json)?.into())
    }

    /// Order info (`GET /order/certificate/{id}`).
    pub fn order_info(&self, order_id: i64) -> Result<OrderInfo> {
        Ok(self.inner.order_info(id("orderId", order_id)?)?.into())
    }

    /// Approves or rejects a request (`PUT /request/{id}/status`).
    #[uniffi::method(default(comment = None))]
    pub fn update_request_status(
        &self,
        request_id: i64,
        decision: RequestDecision,
        comment: Option<String>,
    ) -> Result<()> {
        Ok(self.inner.update_request_status(
            id("requestId", request_id)?,
            decision.into(),
            comment.as_deref(),
        )?)
    }

    /// Polls order info every `pollIntervalMs` until the order is issued, rejected, canceled,
    /// revoked or expired, and returns that info (check its `status`). `Timeout` error when
    /// `timeoutMs` passes first.
    #[uniffi::method(default(timeout_ms = 600000, poll_interval_ms = 5000))]
    pub fn wait_for_issuance(
        &self,
        order_id: i64,
        timeout_ms: i64,
        poll_interval_ms: i64,
    ) -> Result<OrderInfo> {
        let policy = core::WaitPolicy {
            timeout: millis("timeoutMs", timeout_ms)?,
            poll_interval: millis("pollIntervalMs", poll_interval_ms)?,
        };
        Ok(self
            .inner
            .wait_for_issuance(id("orderId", order_id)?, &policy)?
            .into())
    }

    /// Downloads the certificate as `pem_all` and parses it into an ordered chain.
    pub fn download_chain(&self, certificate_id: i64) -> Result<CertificateChain> {
        Ok(self
            .inner
            .download_chain(id("certificateId", certificate_id)?)?
            .into())
    }

    /// Downloads the certificate in a format (`pem_all`, `p7b`, `cer`, ...) as bytes.
    #[uniffi::method(default(format = "pem_all"))]
    pub fn download_certificate(&self, certificate_id: i64, format: String) -> Result<Vec<u8>> {
        Ok(self
            .inner
            .download_certificate(id("certificateId", certificate_id)?, &format)?)
    }

    /// Orders for `commonName` created at or after `sinceUnix` (seconds since the epoch),
    /// newest first. After an `OutcomeUnknown` error, call it with the error's `commonName`
    /// and a little before its `sentAtUnix` to learn whether the order was placed.
    pub fn find_recent_orders(
        &self,
        common_name: String,
        since_unix: i64,
    ) -> Result<Vec<OrderSummary>> {
        let since = SystemTime::UNIX_EPOCH + Duration::from_secs(since_unix.max(0) as u64);
        Ok(self
            .inner
            .find_recent_orders(&common_name, since)?
            .into_iter()
            .map(Into::into)
            .collect())
    }
}
