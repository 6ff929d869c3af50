//! One request from arrival to answer: control API or API, faults, authentication, rate
//! limits, routing, and the log.

use std::sync::Arc;

use hyper::Request;
use hyper::body::Incoming;
use hyper::header::HeaderMap;

use crate::faults::FaultKind;
use crate::handlers::{self, Call};
use crate::http::{self, Answer, Reply};
use crate::log::LoggedRequest;
use crate::server::Shared;

/// The API's base path.
const BASE: &str = "/services/v2";

fn devkey(headers: &HeaderMap) -> Option<String> {
    headers
        .get("X-DC-DEVKEY")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Runs `f` (a handler: synchronous, and it may take milliseconds to check a CSR or sign a
/// certificate) on tokio's blocking pool. A panic in it is resumed here, so that the request
/// task fails and the server answers 500.
async fn blocking(
    shared: &Arc<Shared>,
    f: impl FnOnce(&Shared) -> Reply + Send + 'static,
) -> Reply {
    let shared = shared.clone();
    match tokio::task::spawn_blocking(move || f(&shared)).await {
        Ok(reply) => reply,
        Err(e) => match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(_) => status_fault(500),
        },
    }
}

fn status_fault(status: u16) -> Reply {
    let (code, message) = match status {
        500 => (
            "internal_server_error",
            "An internal server error occurred.",
        ),
        502 => ("bad_gateway", "Bad gateway."),
        504 => ("gateway_timeout", "Gateway timeout."),
        _ => (
            "service_unavailable",
            "Service unavailable, please try again later.",
        ),
    };
    Reply::error(status, code, message)
}

fn rate_limited() -> Reply {
    Reply::error(
        429,
        "request_limit_exceeded",
        "Service unavailable, please limit request volume",
    )
}

/// Authentication, rate limit, then the route.
fn api(shared: &Shared, key: Option<&str>, call: &Call<'_>) -> Reply {
    let Some(key) = key.filter(|k| !k.is_empty() && shared.api_keys.iter().any(|a| a == k)) else {
        return Reply::error(
            403,
            "access_denied|access_denied_invalid_key",
            "Invalid API key.",
        );
    };
    if let Some(limiter) = &shared.limiter
        && !limiter.admit(key)
    {
        return rate_limited();
    }
    handlers::route(shared, call)
}

/// Handles one request. It runs in a task of its own: a client that goes away does not stop
/// it (the order is created all the same, as with CertCentral).
pub(crate) async fn handle(shared: Arc<Shared>, rq: Request<Incoming>) -> Answer {
    let method = rq.method().as_str().to_ascii_uppercase();
    let url = rq
        .uri()
        .path_and_query()
        .map_or_else(|| rq.uri().path(), |p| p.as_str())
        .to_owned();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let key = devkey(rq.headers());
    let body = match http::read_body(&mut rq.into_body()).await {
        Ok(Some(body)) => body,
        Ok(None) => {
            return http::send(Reply::error(
                413,
                "request_too_large",
                "The request body is larger than 1 MiB.",
            ));
        }
        Err(_) => return http::drop_connection(),
    };

    if let Some(rest) = path.strip_prefix("/__sandbox")
        && (rest.is_empty() || rest.starts_with('/'))
    {
        let rest = rest.to_owned();
        return http::send(
            blocking(&shared, move |s| handlers::admin(s, &method, &rest, &body)).await,
        );
    }
    let api_path = match path.strip_prefix(BASE) {
        Some(p) if p.is_empty() || p.starts_with('/') => p,
        _ => return http::send(handlers::no_route()),
    };

    let fault = shared.faults.take(&method, api_path);
    let mut entry = LoggedRequest {
        method: method.clone(),
        path: api_path.to_owned(),
        query: (!query.is_empty()).then(|| query.to_owned()),
        status: None,
        fault: fault.as_ref().map(|f| f.kind.as_str().to_owned()),
    };
    if let Some(delay) = fault.as_ref().and_then(|f| f.delay()) {
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            // A sandbox that stops does not wait for a latency fault (up to 10 minutes).
            () = shared.stopping() => return http::drop_connection(),
        }
    }

    // Faults that stand in for CertCentral: the request is not processed.
    if let Some(f) = &fault
        && !f.kind.processes_request()
    {
        let reply = match f.kind {
            FaultKind::Status => Some(status_fault(f.status.unwrap_or(503))),
            FaultKind::RateLimit => Some(rate_limited()),
            FaultKind::HtmlError => Some(http::html_502()),
            _ => None,
        };
        let reply = reply.map(|r| match f.retry_after {
            Some(secs) => r.header("Retry-After", secs.to_string()),
            None => r,
        });
        entry.status = reply.as_ref().map(|r| r.status);
        shared.log_request(entry);
        return match reply {
            Some(reply) => http::send(reply),
            None => http::drop_connection(),
        };
    }

    let (call_path, call_query) = (api_path.to_owned(), query.to_owned());
    let reply = blocking(&shared, move |s| {
        let call = Call {
            method: &method,
            path: &call_path,
            query: &call_query,
            body: &body,
        };
        api(s, key.as_deref(), &call)
    })
    .await;
    let kind = fault.as_ref().map(|f| f.kind);
    entry.status = (kind != Some(FaultKind::DropAfterBody)).then_some(reply.status);
    shared.log_request(entry);
    match (kind, fault) {
        (Some(FaultKind::DropAfterBody), _) => http::drop_connection(),
        (Some(FaultKind::MalformedJson), _) => http::send(http::malformed(&reply)),
        (Some(FaultKind::TruncatedBody), _) => http::send_truncated(&reply),
        (Some(FaultKind::OversizedBody), Some(f)) => {
            http::send_oversized(&reply, f.size_mb.unwrap_or(20))
        }
        _ => http::send(reply),
    }
}
