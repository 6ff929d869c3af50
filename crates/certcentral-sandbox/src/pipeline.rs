//! One request from arrival to answer: control API or API, faults, authentication, rate
//! limits, routing, and the log.

use tiny_http::Request;

use crate::faults::FaultKind;
use crate::handlers::{self, Call};
use crate::http::{self, Reply};
use crate::log::LoggedRequest;
use crate::server::Shared;

/// The API's base path.
const BASE: &str = "/services/v2";

fn devkey(rq: &Request) -> Option<String> {
    rq.headers()
        .iter()
        .find(|h| h.field.equiv("X-DC-DEVKEY"))
        .map(|h| h.value.as_str().to_owned())
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

/// Handles one request.
pub(crate) fn handle(shared: &Shared, mut rq: Request) {
    let method = rq.method().as_str().to_ascii_uppercase();
    let url = rq.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let key = devkey(&rq);
    let body = match http::read_body(&mut rq) {
        Ok(Some(body)) => body,
        Ok(None) => {
            return http::send(
                rq,
                Reply::error(
                    413,
                    "request_too_large",
                    "The request body is larger than 1 MiB.",
                ),
            );
        }
        Err(_) => return http::drop_connection(rq, shared.addr),
    };

    if let Some(rest) = path.strip_prefix("/__sandbox")
        && (rest.is_empty() || rest.starts_with('/'))
    {
        return http::send(rq, handlers::admin(shared, &method, rest, &body));
    }
    let api_path = match path.strip_prefix(BASE) {
        Some(p) if p.is_empty() || p.starts_with('/') => p,
        _ => return http::send(rq, handlers::no_route()),
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
        std::thread::sleep(delay);
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
            Some(reply) => http::send(rq, reply),
            None => http::drop_connection(rq, shared.addr),
        };
    }

    let call = Call {
        method: &method,
        path: api_path,
        query,
        body: &body,
    };
    let reply = api(shared, key.as_deref(), &call);
    let kind = fault.as_ref().map(|f| f.kind);
    entry.status = (kind != Some(FaultKind::DropAfterBody)).then_some(reply.status);
    shared.log_request(entry);
    match (kind, fault) {
        (Some(FaultKind::DropAfterBody), _) => http::drop_connection(rq, shared.addr),
        (Some(FaultKind::MalformedJson), _) => http::send(rq, http::malformed(&reply)),
        (Some(FaultKind::TruncatedBody), _) => http::send_truncated(rq, &reply, shared.addr),
        (Some(FaultKind::OversizedBody), Some(f)) => {
            http::send_oversized(rq, &reply, f.size_mb.unwrap_or(20));
        }
        _ => http::send(rq, reply),
    }
}
