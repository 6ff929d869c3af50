//! The API routes under `/services/v2`, each answered by one small module.

mod admin;
mod download;
mod list;
mod orders;
mod render;
mod requests;

pub(crate) use admin::admin;

use crate::http::Reply;
use crate::server::Shared;

/// One API call, after authentication and rate limiting.
pub(crate) struct Call<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub body: &'a [u8],
}

fn not_allowed(call: &Call<'_>, allowed: &str) -> Reply {
    Reply::error(
        405,
        "method_not_allowed",
        format!(
            "{} is not allowed on {} (allowed: {allowed}).",
            call.method, call.path
        ),
    )
    .header("Allow", allowed)
}

/// The 404 of an unknown route.
pub(crate) fn no_route() -> Reply {
    Reply::error(
        404,
        "not_found|route",
        "The requested resource does not exist.",
    )
}

/// Parses an id path segment.
pub(crate) fn parse_id(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 19 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Dispatches an API call to its handler.
pub(crate) fn route(shared: &Shared, call: &Call<'_>) -> Reply {
    let segments: Vec<&str> = call.path.trim_matches('/').split('/').collect();
    let m = call.method;
    match segments.as_slice() {
        ["order", "certificate"] => match m {
            "GET" => list::list_orders(shared, call.query),
            _ => not_allowed(call, "GET"),
        },
        ["order", "certificate", id] => match m {
            "GET" => orders::order_info(shared, id),
            "POST" => orders::submit(shared, id, call.body),
            _ => not_allowed(call, "GET, POST"),
        },
        ["order", "certificate", id, "status"] => match m {
            "PUT" => requests::cancel_order(shared, id, call.body),
            _ => not_allowed(call, "PUT"),
        },
        ["request", id] => match m {
            "GET" => requests::request_info(shared, id),
            _ => not_allowed(call, "GET"),
        },
        ["request", id, "status"] => match m {
            "PUT" => requests::decide(shared, id, call.body),
            _ => not_allowed(call, "PUT"),
        },
        ["certificate", id, "download", "format", format] => match m {
            "GET" => download::by_certificate(shared, id, format),
            _ => not_allowed(call, "GET"),
        },
        ["certificate", "download", "order", id, "format", format] => match m {
            "GET" => download::by_order(shared, id, format),
            _ => not_allowed(call, "GET"),
        },
        ["certificate", id, "chain"] => match m {
            "GET" => download::chain(shared, id),
            _ => not_allowed(call, "GET"),
        },
        _ => no_route(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(parse_id("112233"), Some(112_233));
        assert_eq!(parse_id("-1"), None);
        assert_eq!(parse_id(""), None);
        assert_eq!(parse_id("99999999999999999999"), None);
    }
}
