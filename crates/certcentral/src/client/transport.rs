//! One HTTP exchange with CertCentral, and what a failure means for whether the server may
//! have received the request.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use crate::error::Error;

/// How long a host name's addresses are reused.
const RESOLVE_TTL: Duration = Duration::from_secs(30);

/// ureq 3 resolves the host before **every** request, also one that then reuses a pooled
/// connection, and with a timeout configured it does so on a new thread each time. This
/// resolver answers IP literals at once and reuses a name's addresses for [`RESOLVE_TTL`].
#[derive(Debug, Default)]
pub(crate) struct CachingResolver {
    inner: DefaultResolver,
    last: Mutex<Option<(String, Instant, ResolvedSocketAddrs)>>,
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let Some(authority) = uri.authority() else {
            return self.inner.resolve(uri, config, timeout);
        };
        let port = authority
            .port_u16()
            .unwrap_or(if uri.scheme_str() == Some("http") {
                80
            } else {
                443
            });
        let host = authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']');
        if let Ok(ip) = host.parse::<IpAddr>() {
            let mut out = self.empty();
            out.push(SocketAddr::new(ip, port));
            return Ok(out);
        }
        let key = format!("{host}:{port}");
        if let Some((k, at, addrs)) = &*self.last.lock().unwrap_or_else(PoisonError::into_inner)
            && *k == key
            && at.elapsed() < RESOLVE_TTL
        {
            return Ok(addrs.clone());
        }
        let addrs = self.inner.resolve(uri, config, timeout)?;
        *self.last.lock().unwrap_or_else(PoisonError::into_inner) =
            Some((key, Instant::now(), addrs.clone()));
        Ok(addrs)
    }
}

/// An HTTP answer (any status).
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub status: u16,
    pub body: Vec<u8>,
    pub retry_after: Option<Duration>,
}

impl RawResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Whether a failed exchange may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delivery {
    /// The request provably never left: no connection or TLS session was made.
    NotSent,
    /// The request may have been received (sent, answer lost or cut off).
    MaybeSent,
}

/// A failed exchange.
#[derive(Debug)]
pub(crate) struct Failure {
    pub delivery: Delivery,
    pub timeout: bool,
    pub message: String,
    /// The status line, when one arrived before the failure (body cut off).
    pub status: Option<u16>,
}

impl Failure {
    /// The error for a call that will not be retried (idempotent calls).
    pub fn into_error(self) -> Error {
        if self.timeout {
            Error::Timeout(self.message)
        } else {
            Error::Transport(self.message)
        }
    }
}

/// Classifies a ureq error by whether the request could have reached the server.
pub(crate) fn classify(e: ureq::Error, status: Option<u16>) -> Failure {
    use ureq::Timeout as T;
    let message = e.to_string();
    let (delivery, timeout) = match &e {
        ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed
        | ureq::Error::BadUri(_)
        | ureq::Error::InvalidProxyUrl
        | ureq::Error::Http(_)
        | ureq::Error::Tls(_) => (Delivery::NotSent, false),
        ureq::Error::Timeout(T::Resolve | T::Connect) => (Delivery::NotSent, true),
        ureq::Error::Timeout(_) => (Delivery::MaybeSent, true),
        ureq::Error::Io(io) if status.is_none() && connect_failed(io) => (Delivery::NotSent, false),
        _ => (Delivery::MaybeSent, false),
    };
    Failure {
        delivery,
        timeout,
        message,
        status,
    }
}

/// I/O errors that can only happen before a request is written: the TCP connect failed, or
/// the TLS handshake (which precedes any request byte) was refused.
fn connect_failed(e: &std::io::Error) -> bool {
    use std::io::ErrorKind as K;
    if matches!(
        e.kind(),
        K::ConnectionRefused | K::AddrNotAvailable | K::NetworkUnreachable | K::HostUnreachable
    ) {
        return true;
    }
    let text = e.to_string();
    text.contains("invalid peer certificate") || text.contains("received fatal alert")
}

/// Parses `Retry-After`: delta-seconds, or an HTTP date.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = time::OffsetDateTime::parse(
        &value.replace("GMT", "+0000"),
        &time::format_description::well_known::Rfc2822,
    )
    .ok()?;
    let delta = when - time::OffsetDateTime::now_utc();
    Some(Duration::from_secs_f64(delta.as_seconds_f64().max(0.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}
