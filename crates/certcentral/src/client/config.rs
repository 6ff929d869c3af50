//! Client configuration: key, endpoint, timeouts, proxy, TLS roots, retries, rate limits.

use std::time::Duration;

use crate::error::Error;
use crate::secret::ApiKey;

/// A CertCentral region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    /// `https://www.digicert.com/services/v2`
    #[default]
    Us,
    /// `https://certcentral.digicert.eu/services/v2`
    Eu,
}

impl Region {
    /// The region's base URL.
    pub fn base_url(self) -> &'static str {
        match self {
            Self::Us => "https://www.digicert.com/services/v2",
            Self::Eu => "https://certcentral.digicert.eu/services/v2",
        }
    }

    /// Parses `us` or `eu` (case-insensitive).
    pub fn parse(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "us" => Ok(Self::Us),
            "eu" => Ok(Self::Eu),
            other => Err(Error::Config(format!(
                "unknown region {other:?}: use \"us\" or \"eu\""
            ))),
        }
    }
}

/// Where requests go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// A DigiCert region.
    Region(Region),
    /// A base URL ending in `/services/v2` (HTTPS, or HTTP to loopback only).
    BaseUrl(String),
}

impl Default for Endpoint {
    fn default() -> Self {
        Self::Region(Region::Us)
    }
}

/// Proxy use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ProxySetting {
    /// From `HTTPS_PROXY` / `ALL_PROXY` / `HTTP_PROXY`, honouring `NO_PROXY` (the default).
    /// Loopback base URLs never use a proxy.
    #[default]
    FromEnvironment,
    /// Never use a proxy.
    None,
    /// This proxy URL (`http://host:port`, `socks5://host:port`).
    Url(String),
}

/// Retries of idempotent calls (and of submits the server provably did not take).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Most attempts per call, the first included (1 = no retry).
    pub max_attempts: u32,
    /// First backoff; each retry doubles it, with full jitter.
    pub initial_backoff: Duration,
    /// Largest backoff between two attempts.
    pub max_backoff: Duration,
    /// Give up once this much time has passed since the call began.
    pub deadline: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            deadline: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }
}

/// Client-side rate limiting, shared by every thread using one client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimitPolicy {
    /// Whether the client limits itself.
    pub enabled: bool,
    /// `(requests, window)` pairs that must all hold over every rolling window.
    pub windows: Vec<(u32, Duration)>,
    /// Extra time added to each window, so that network jitter cannot make the server count
    /// more requests in its window than the client did.
    pub margin: Duration,
}

impl Default for RateLimitPolicy {
    /// DigiCert's published limits: 100 requests per 5 seconds and 1000 per 3 minutes.
    fn default() -> Self {
        Self {
            enabled: true,
            windows: vec![
                (100, Duration::from_secs(5)),
                (1000, Duration::from_secs(180)),
            ],
            margin: Duration::from_millis(250),
        }
    }
}

impl RateLimitPolicy {
    /// No client-side limit.
    pub fn disabled() -> Self {
        Self {
            enabled: false,
            ..Self::default()
        }
    }
}

/// How `wait_for_issuance` polls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitPolicy {
    /// Give up (with [`Error::Timeout`]) after this long.
    pub timeout: Duration,
    /// Time between two polls.
    pub poll_interval: Duration,
}

impl Default for WaitPolicy {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(600),
            poll_interval: Duration::from_secs(5),
        }
    }
}

/// Everything a [`Client`](super::Client) needs. `Debug` never shows the key.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The API key (`X-DC-DEVKEY`).
    pub api_key: ApiKey,
    /// Region or base URL.
    pub endpoint: Endpoint,
    /// Time to establish a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Time for one whole request, from connecting to the last byte of the answer.
    pub timeout: Duration,
    /// Appended to the `User-Agent` (which always names certcentral and its version).
    pub user_agent: Option<String>,
    /// Proxy use.
    pub proxy: ProxySetting,
    /// PEM root certificates to trust **instead of** the built-in web PKI roots (for a
    /// TLS-inspecting corporate proxy). Empty: web PKI roots.
    pub root_certificates_pem: Option<String>,
    /// Retries.
    pub retry: RetryPolicy,
    /// Client-side rate limiting.
    pub rate_limit: RateLimitPolicy,
    /// Largest response body read, in bytes; larger answers are a decode error.
    pub max_response_bytes: u64,
}

impl ClientConfig {
    /// A configuration for the US region with the defaults: 10 s connect timeout, 60 s
    /// request timeout, proxy from the environment, 4 attempts, DigiCert's rate limits,
    /// 16 MiB response cap.
    pub fn new(api_key: impl Into<ApiKey>) -> Self {
        Self {
            api_key: api_key.into(),
            endpoint: Endpoint::default(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            user_agent: None,
            proxy: ProxySetting::default(),
            root_certificates_pem: None,
            retry: RetryPolicy::default(),
            rate_limit: RateLimitPolicy::default(),
            max_response_bytes: 16 * 1024 * 1024,
        }
    }

    /// Uses a region.
    pub fn region(mut self, region: Region) -> Self {
        self.endpoint = Endpoint::Region(region);
        self
    }

    /// Uses a base URL (HTTPS, or HTTP to loopback such as the sandbox).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Endpoint::BaseUrl(url.into());
        self
    }

    /// Sets the whole-request timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the rate-limit policy.
    pub fn rate_limit(mut self, rate_limit: RateLimitPolicy) -> Self {
        self.rate_limit = rate_limit;
        self
    }
}
