//! The blocking CertCentral client.

mod config;
mod ratelimit;
mod transport;

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use serde::de::DeserializeOwned;
use serde_json::Value;

pub use config::{
    ClientConfig, Endpoint, ProxySetting, RateLimitPolicy, Region, RetryPolicy, WaitPolicy,
};
use ratelimit::RateLimiter;
use transport::{Delivery, Failure, RawResponse, classify, parse_retry_after};

use crate::error::{Error, OutcomeUnknown};
use crate::model::{
    CertificateChain, IntermediateList, Order, OrderInfo, OrderList, OrderResponse, OrderSummary,
    RequestDecision,
};
use crate::product::check_product_id;
use crate::secret::ApiKey;
use crate::validate::{self, Report};

/// Idle keep-alive connections kept per client (ureq's default is 3 per host, so a client
/// shared by more threads than that opened a new connection for most calls).
const POOL_IDLE: usize = 32;

/// A blocking CertCentral client. `Send + Sync` and cheap to clone: clones share one
/// keep-alive connection pool and one rate limiter.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    agent: ureq::Agent,
    base: String,
    api_key: ApiKey,
    retry: RetryPolicy,
    limiter: Option<RateLimiter>,
    max_response_bytes: u64,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base)
            .field("api_key", &self.inner.api_key)
            .finish()
    }
}

/// How a call may be retried.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Retry {
    /// Safe to repeat: retry on any transport failure, 429 and 502/503/504.
    Idempotent,
    /// Creates an order: retry only when the server provably did not take it.
    Submit,
}

/// What identifies a submit, for [`Error::OutcomeUnknown`].
#[derive(Clone, Copy)]
struct SubmitContext<'a> {
    product: &'a str,
    common_name: &'a str,
}

/// A request to send.
struct Call<'a> {
    method: &'static str,
    path: String,
    body: Option<&'a [u8]>,
    retry: Retry,
    submit: Option<SubmitContext<'a>>,
}

fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// Checks a base URL: HTTPS anywhere, plain HTTP to loopback only. Returns it without a
/// trailing slash, and whether it is loopback.
fn check_base_url(raw: &str) -> Result<(String, bool), Error> {
    let url = url::Url::parse(raw)
        .map_err(|e| Error::Config(format!("base URL {raw:?} is not a URL: {e}")))?;
    let host = url
        .host()
        .ok_or_else(|| Error::Config(format!("base URL {raw:?} has no host")))?;
    let loopback = is_loopback(&host);
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(Error::Config(format!(
                "refusing plain HTTP to {host}: use https:// (plain http is allowed to loopback only)"
            )));
        }
        other => return Err(Error::Config(format!("unsupported URL scheme {other:?}"))),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(
            "the base URL must not carry credentials".into(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(
            "the base URL must not have a query or fragment".into(),
        ));
    }
    Ok((url.as_str().trim_end_matches('/').to_owned(), loopback))
}

/// A path segment made of an id or format name; refuses anything that could rewrite the URL.
fn segment(what: &str, s: &str) -> Result<(), Error> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "{what} {s:?} is not a valid path segment"
        )))
    }
}

fn decode<T: DeserializeOwned>(resp: &RawResponse) -> Result<T, Error> {
    serde_json::from_slice(&resp.body).map_err(|e| Error::Decode {
        message: format!("HTTP {} body is not the expected JSON: {e}", resp.status),
        raw_body: resp.text(),
    })
}

/// Full-jitter exponential backoff for attempt `n` (1-based), at least `floor`.
fn backoff(policy: &RetryPolicy, n: u32, floor: Option<Duration>) -> Duration {
    let cap = policy
        .initial_backoff
        .saturating_mul(1u32 << (n - 1).min(16))
        .min(policy.max_backoff);
    let jittered = cap.mul_f64(fastrand::f64());
    floor.map_or(jittered, |f| f.max(jittered.min(f / 4) + f))
}

impl Client {
    /// Builds a client. Fails with [`Error::Config`] for an empty key, a bad base URL, a plain
    /// HTTP URL to anything but loopback, a bad proxy, or unparsable root certificates.
    pub fn new(config: ClientConfig) -> Result<Self, Error> {
        if config.api_key.is_empty() {
            return Err(Error::Config("the API key is empty".into()));
        }
        let base_raw = match &config.endpoint {
            Endpoint::Region(r) => r.base_url().to_owned(),
            Endpoint::BaseUrl(u) => u.clone(),
        };
        let (base, loopback) = check_base_url(&base_raw)?;
        let proxy = match (&config.proxy, loopback) {
            (_, true) | (ProxySetting::None, _) => None,
            (ProxySetting::FromEnvironment, false) => ureq::Proxy::try_from_env(),
            (ProxySetting::Url(u), false) => Some(
                ureq::Proxy::new(u)
                    .map_err(|e| Error::Config(format!("proxy URL is not valid: {e}")))?,
            ),
        };
        let mut tls = ureq::tls::TlsConfig::builder();
        if let Some(pem) = &config.root_certificates_pem {
            let certs = ureq::tls::parse_pem(pem.as_bytes())
                .filter_map(|item| match item {
                    Ok(ureq::tls::PemItem::Certificate(c)) => Some(Ok(c)),
                    Ok(_) => None,
                    Err(e) => Some(Err(e)),
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| Error::Config(format!("root certificates: {e}")))?;
            if certs.is_empty() {
                return Err(Error::Config(
                    "root_certificates_pem holds no certificate".into(),
                ));
            }
            tls = tls.root_certs(ureq::tls::RootCerts::new_with_certs(&certs));
        }
        let user_agent = match &config.user_agent {
            Some(extra) => format!("certcentral/{} {extra}", crate::VERSION),
            None => format!("certcentral/{} (rust)", crate::VERSION),
        };
        let agent_config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .https_only(!loopback)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .max_redirects(0)
            .max_redirects_will_error(false)
            .proxy(proxy)
            .tls_config(tls.build())
            .user_agent(user_agent)
            .accept("application/json")
            .max_idle_connections(POOL_IDLE)
            .max_idle_connections_per_host(POOL_IDLE)
            .build();
        let agent = ureq::Agent::with_parts(
            agent_config,
            ureq::unversioned::transport::DefaultConnector::default(),
            transport::CachingResolver::default(),
        );
        Ok(Self {
            inner: Arc::new(Inner {
                agent,
                base,
                api_key: config.api_key.clone(),
                retry: config.retry.clone(),
                limiter: RateLimiter::new(&config.rate_limit),
                max_response_bytes: config.max_response_bytes,
            }),
        })
    }

    /// The base URL requests go to (without a trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// One exchange, no retry.
    fn send_once(&self, call: &Call<'_>) -> Result<RawResponse, Failure> {
        let url = format!("{}{}", self.inner.base, call.path);
        let key = self.inner.api_key.expose();
        let result = match (call.method, call.body) {
            ("GET", _) => self.inner.agent.get(&url).header("X-DC-DEVKEY", key).call(),
            (method, body) => {
                let builder = match method {
                    "POST" => self.inner.agent.post(&url),
                    _ => self.inner.agent.put(&url),
                };
                let builder = builder
                    .header("X-DC-DEVKEY", key)
                    .header("Content-Type", "application/json");
                match body {
                    Some(b) => builder.send(b),
                    None => builder.send_empty(),
                }
            }
        };
        let mut resp = result.map_err(|e| classify(e, None))?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = resp
            .body_mut()
            .with_config()
            .limit(self.inner.max_response_bytes)
            .read_to_vec();
        match body {
            Ok(body) => Ok(RawResponse {
                status,
                body,
                retry_after,
            }),
            Err(ureq::Error::BodyExceedsLimit(limit)) => Err(Failure {
                delivery: Delivery::MaybeSent,
                timeout: false,
                message: format!("the HTTP {status} response is larger than the {limit}-byte cap"),
                status: Some(status),
            }),
            Err(e) => Err(classify(e, Some(status))),
        }
    }

    /// One call with retries, rate limiting and the no-double-order rule.
    fn execute(&self, call: Call<'_>) -> Result<RawResponse, Error> {
        let policy = &self.inner.retry;
        let started = Instant::now();
        let deadline = started + policy.deadline;
        let mut attempt = 0;
        loop {
            attempt += 1;
            if let Some(limiter) = &self.inner.limiter
                && !limiter.acquire(deadline)
            {
                return Err(Error::Timeout(format!(
                    "the client-side rate limit leaves no slot before the {:?} deadline",
                    policy.deadline
                )));
            }
            let sent_at = SystemTime::now();
            let outcome = self.send_once(&call);
            let (retryable, floor) = match &outcome {
                Ok(r) if r.status == 429 => (true, r.retry_after),
                Ok(r) if matches!(r.status, 502..=504) => {
                    (call.retry == Retry::Idempotent, r.retry_after)
                }
                Ok(_) => (false, None),
                Err(f) => (
                    call.retry == Retry::Idempotent || f.delivery == Delivery::NotSent,
                    None,
                ),
            };
            let wait = backoff(policy, attempt, floor);
            let can_retry =
                retryable && attempt < policy.max_attempts && Instant::now() + wait < deadline;
            if can_retry {
                std::thread::sleep(wait);
                continue;
            }
            return match outcome {
                Ok(r) => {
                    if let (Some(ctx), 502 | 504) = (&call.submit, r.status) {
                        return Err(self.outcome_unknown(
                            ctx,
                            sent_at,
                            format!(
                                "a gateway answered HTTP {} instead of CertCentral",
                                r.status
                            ),
                        ));
                    }
                    Ok(r)
                }
                Err(f) => match (&call.submit, f.delivery) {
                    (Some(ctx), Delivery::MaybeSent) => {
                        let detail = match f.status {
                            Some(s) => {
                                format!("HTTP {s} arrived but its body was lost: {}", f.message)
                            }
                            None => f.message,
                        };
                        Err(self.outcome_unknown(ctx, sent_at, detail))
                    }
                    _ => Err(f.into_error()),
                },
            };
        }
    }

    fn outcome_unknown(
        &self,
        ctx: &SubmitContext<'_>,
        sent_at: SystemTime,
        detail: String,
    ) -> Error {
        Error::OutcomeUnknown(OutcomeUnknown {
            product: ctx.product.to_owned(),
            common_name: ctx.common_name.to_owned(),
            sent_at,
            detail,
        })
    }

    /// A call whose success statuses are 2xx; anything else becomes the typed error.
    fn request(&self, call: Call<'_>) -> Result<RawResponse, Error> {
        let resp = self.execute(call)?;
        if (200..300).contains(&resp.status) {
            Ok(resp)
        } else {
            Err(Error::from_response(
                resp.status,
                resp.text(),
                resp.retry_after,
            ))
        }
    }

    /// An idempotent GET whose answer must be 2xx.
    fn get(&self, path: String) -> Result<RawResponse, Error> {
        self.request(Call {
            method: "GET",
            path,
            body: None,
            retry: Retry::Idempotent,
            submit: None,
        })
    }

    fn get_json<T: DeserializeOwned>(&self, path: String) -> Result<(T, RawResponse), Error> {
        let resp = self.get(path)?;
        Ok((decode(&resp)?, resp))
    }

    /// `PUT {path}` with `{"status": status}` and, when given, `{note_field: note}`: the
    /// status updates of orders and requests (idempotent; the answer is 204).
    fn put_status(
        &self,
        path: String,
        status: &str,
        note_field: &str,
        note: Option<&str>,
    ) -> Result<(), Error> {
        let mut body = serde_json::json!({ "status": status });
        if let Some(n) = note {
            body[note_field] = Value::String(n.to_owned());
        }
        let body = body.to_string();
        self.request(Call {
            method: "PUT",
            path,
            body: Some(body.as_bytes()),
            retry: Retry::Idempotent,
            submit: None,
        })?;
        Ok(())
    }

    /// Validates and submits an order (`POST /order/certificate/{product}`). Nothing is sent
    /// when the order has a violation. The warnings of the validation are not returned here;
    /// call [`validate`](crate::validate) first to see them.
    pub fn submit_order(&self, product: &str, order: &Order) -> Result<OrderResponse, Error> {
        check_product_id(product).map_err(Error::Config)?;
        self.validate(product, &order.to_value())?;
        self.send_order(product, order)
    }

    /// Validates a JSON order and submits it: the same order whether it came as a struct, a
    /// dict or JSON text.
    pub fn submit_order_value(&self, product: &str, order: &Value) -> Result<OrderResponse, Error> {
        check_product_id(product).map_err(Error::Config)?;
        self.validate(product, order)?;
        // A valid order has the model's shape: no second shape pass is needed.
        let order = validate::typed_order(order)?;
        self.send_order(product, &order)
    }

    /// Validates an order given as JSON text and submits it.
    pub fn submit_order_json(&self, product: &str, order: &str) -> Result<OrderResponse, Error> {
        check_product_id(product).map_err(Error::Config)?;
        self.submit_order_value(product, &validate::parse_value(order)?)
    }

    fn validate(&self, product: &str, order: &Value) -> Result<Report, Error> {
        validate::check_value(order, product, validate::today_utc()).into_result()
    }

    fn send_order(&self, product: &str, order: &Order) -> Result<OrderResponse, Error> {
        let body = order.to_json();
        let context = SubmitContext {
            product,
            common_name: &order.certificate.common_name,
        };
        let sent_at = SystemTime::now();
        let resp = self.request(Call {
            method: "POST",
            path: format!("/order/certificate/{product}"),
            body: Some(body.as_bytes()),
            retry: Retry::Submit,
            submit: Some(context),
        })?;
        // A success status means the order exists; if its body cannot be read, the order id
        // is lost, which is an unknown outcome (never a plain decode error a caller might
        // answer by resubmitting).
        decode(&resp).map_err(|e| match e {
            Error::Decode { message, .. } => self.outcome_unknown(
                &context,
                sent_at,
                format!(
                    "HTTP {} arrived but its body could not be read: {message}",
                    resp.status
                ),
            ),
            other => other,
        })
    }

    /// Cancels an order (`PUT /order/certificate/{id}/status` with `canceled`). DigiCert
    /// allows it while the order is pending or waiting for pickup.
    pub fn cancel_order(&self, order_id: u64, note: Option<&str>) -> Result<(), Error> {
        self.put_status(
            format!("/order/certificate/{order_id}/status"),
            "canceled",
            "note",
            note,
        )
    }

    /// Order info (`GET /order/certificate/{id}`).
    pub fn order_info(&self, order_id: u64) -> Result<OrderInfo, Error> {
        let (mut info, resp): (OrderInfo, _) =
            self.get_json(format!("/order/certificate/{order_id}"))?;
        info.raw_json = resp.text();
        Ok(info)
    }

    /// One page of orders (`GET /order/certificate`), with DigiCert's filters given as
    /// `(name, value)` pairs such as `("status", "issued")` → `filters[status]=issued`.
    pub fn list_orders(
        &self,
        filters: &[(&str, &str)],
        sort: Option<&str>,
        limit: u32,
        offset: u32,
    ) -> Result<OrderList, Error> {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in filters {
            query.append_pair(&format!("filters[{name}]"), value);
        }
        if let Some(sort) = sort {
            query.append_pair("sort", sort);
        }
        query.append_pair("limit", &limit.to_string());
        query.append_pair("offset", &offset.to_string());
        Ok(self
            .get_json(format!("/order/certificate?{}", query.finish()))?
            .0)
    }

    /// Orders for `common_name` created at or after `since` (newest first): what a caller
    /// needs after [`Error::OutcomeUnknown`] to learn whether the lost submit was placed.
    /// Pass a `since` a little before `OutcomeUnknown::sent_at` to allow for clock skew.
    pub fn find_recent_orders(
        &self,
        common_name: &str,
        since: SystemTime,
    ) -> Result<Vec<OrderSummary>, Error> {
        let since_unix = since
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let mut found = Vec::new();
        let mut offset = 0;
        loop {
            let page = self.list_orders(
                &[("common_name", common_name)],
                Some("-date_created"),
                100,
                offset,
            )?;
            let count = page.orders.len() as u32;
            let mut older_seen = false;
            for order in page.orders {
                let created = order.date_created.as_deref().and_then(parse_digicert_time);
                match created {
                    Some(t) if t < since_unix => older_seen = true,
                    _ => found.push(order),
                }
            }
            offset += count;
            if count == 0 || older_seen || u64::from(offset) >= page.page.total {
                return Ok(found);
            }
        }
    }

    /// Approves or rejects a request (`PUT /request/{id}/status`).
    pub fn update_request_status(
        &self,
        request_id: u64,
        decision: RequestDecision,
        comment: Option<&str>,
    ) -> Result<(), Error> {
        self.put_status(
            format!("/request/{request_id}/status"),
            decision.as_str(),
            "processor_comment",
            comment,
        )
    }

    /// Downloads a certificate in a format (`pem_all`, `p7b`, `cer`, `default`, ...) as
    /// bytes (`GET /certificate/{id}/download/format/{format}`).
    pub fn download_certificate(
        &self,
        certificate_id: u64,
        format: &str,
    ) -> Result<Vec<u8>, Error> {
        segment("format", format)?;
        let resp = self.get(format!(
            "/certificate/{certificate_id}/download/format/{format}"
        ))?;
        Ok(resp.body)
    }

    /// Downloads `pem_all` and parses it into an ordered chain (leaf, intermediates, root).
    pub fn download_chain(&self, certificate_id: u64) -> Result<CertificateChain, Error> {
        let pem = self.download_certificate(certificate_id, "pem_all")?;
        parse_chain(&pem)
    }

    /// Downloads the active certificate of an order as a parsed chain
    /// (`GET /certificate/download/order/{id}/format/pem_all`).
    pub fn download_chain_by_order(&self, order_id: u64) -> Result<CertificateChain, Error> {
        let resp = self.get(format!(
            "/certificate/download/order/{order_id}/format/pem_all"
        ))?;
        parse_chain(&resp.body)
    }

    /// The intermediates above a certificate (`GET /certificate/{id}/chain`).
    pub fn certificate_intermediates(
        &self,
        certificate_id: u64,
    ) -> Result<IntermediateList, Error> {
        Ok(self
            .get_json(format!("/certificate/{certificate_id}/chain"))?
            .0)
    }

    /// Polls order info until the order is issued, rejected, canceled, revoked or expired,
    /// and returns that info (check its `status`). [`Error::Timeout`] when `policy.timeout`
    /// passes first.
    pub fn wait_for_issuance(
        &self,
        order_id: u64,
        policy: &WaitPolicy,
    ) -> Result<OrderInfo, Error> {
        self.wait_for_issuance_with(order_id, policy, |_| {})
    }

    /// [`wait_for_issuance`](Self::wait_for_issuance), calling `on_poll` with each info
    /// received (for progress displays).
    pub fn wait_for_issuance_with(
        &self,
        order_id: u64,
        policy: &WaitPolicy,
        on_poll: impl FnMut(&OrderInfo),
    ) -> Result<OrderInfo, Error> {
        let info = self.wait_for_issuance_until(order_id, policy, on_poll, || false)?;
        Ok(info.expect("a wait that is never stopped ends with info"))
    }

    /// [`wait_for_issuance_with`](Self::wait_for_issuance_with) that can be interrupted:
    /// between polls it sleeps in slices of at most 100 ms and calls `stop` before each;
    /// when `stop` returns true it returns `Ok(None)` (bindings use it for Ctrl-C).
    pub fn wait_for_issuance_until(
        &self,
        order_id: u64,
        policy: &WaitPolicy,
        mut on_poll: impl FnMut(&OrderInfo),
        mut stop: impl FnMut() -> bool,
    ) -> Result<Option<OrderInfo>, Error> {
        const SLICE: Duration = Duration::from_millis(100);
        let deadline = Instant::now() + policy.timeout;
        loop {
            let info = self.order_info(order_id)?;
            on_poll(&info);
            if info.status.is_final() {
                return Ok(Some(info));
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(Error::Timeout(format!(
                    "order {order_id} is still {} after {:?}",
                    info.status, policy.timeout
                )));
            }
            let wake = now + policy.poll_interval.min(deadline - now);
            loop {
                if stop() {
                    return Ok(None);
                }
                let now = Instant::now();
                if now >= wake {
                    break;
                }
                std::thread::sleep(SLICE.min(wake - now));
            }
        }
    }
}

fn parse_chain(pem: &[u8]) -> Result<CertificateChain, Error> {
    let text = String::from_utf8_lossy(pem);
    CertificateChain::from_pem(&text).map_err(|message| Error::Decode {
        message,
        raw_body: text.into_owned(),
    })
}

/// Seconds since the epoch of a DigiCert timestamp (`2024-05-01T12:00:00+00:00`, or
/// `2024-05-01 12:00:00`, taken as UTC).
fn parse_digicert_time(s: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    if let Ok(t) = time::OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t.unix_timestamp());
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::PrimitiveDateTime::parse(s, &fmt)
        .ok()
        .map(|t| t.assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert!(check_base_url("https://www.digicert.com/services/v2/").is_ok());
        assert!(
            check_base_url("http://127.0.0.1:8080/services/v2")
                .unwrap()
                .1
        );
        assert!(check_base_url("http://localhost:1/services/v2").is_ok());
        assert!(check_base_url("http://[::1]:1/services/v2").is_ok());
        assert!(check_base_url("http://www.digicert.com/services/v2").is_err());
        assert!(check_base_url("ftp://x/").is_err());
        assert!(check_base_url("https://u:p@x/").is_err());
    }

    #[test]
    fn backoff_honours_retry_after_and_caps() {
        let p = RetryPolicy::default();
        for n in 1..10 {
            assert!(backoff(&p, n, None) <= p.max_backoff);
        }
        assert!(backoff(&p, 1, Some(Duration::from_secs(3))) >= Duration::from_secs(3));
    }

    #[test]
    fn digicert_times() {
        assert_eq!(parse_digicert_time("1970-01-01T00:01:00+00:00"), Some(60));
        assert_eq!(parse_digicert_time("1970-01-01 00:01:00"), Some(60));
    }

    #[test]
    fn client_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Client>();
    }
}
