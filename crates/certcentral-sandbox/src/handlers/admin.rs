//! The control API under `/__sandbox/` (no API key; the server only listens on loopback):
//! faults, the log, reset, and the approval mode.

use serde_json::{Value, json};

use super::no_route;
use crate::config::Approval;
use crate::faults::Fault;
use crate::http::Reply;
use crate::server::Shared;

fn parse_faults(body: &[u8]) -> Result<Vec<Fault>, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not valid JSON: {e}"))?;
    let faults: Vec<Fault> = match value {
        Value::Array(items) => items
            .into_iter()
            .map(serde_json::from_value)
            .collect::<Result<_, _>>(),
        other => serde_json::from_value(other).map(|f| vec![f]),
    }
    .map_err(|e| format!("not a fault: {e}"))?;
    for f in &faults {
        f.check()?;
    }
    Ok(faults)
}

fn faults(shared: &Shared, method: &str, body: &[u8]) -> Reply {
    match method {
        "POST" => match parse_faults(body) {
            Ok(faults) => {
                for f in faults {
                    shared.faults.push(f);
                }
                Reply::json(201, &json!({ "faults": shared.faults.pending() }))
            }
            Err(message) => Reply::error(400, "invalid_fault", message),
        },
        "GET" => Reply::json(200, &json!({ "faults": shared.faults.pending() })),
        "DELETE" => {
            shared.faults.clear();
            Reply::no_content()
        }
        _ => Reply::error(405, "method_not_allowed", "Use GET, POST or DELETE.")
            .header("Allow", "GET, POST, DELETE"),
    }
}

fn approval(shared: &Shared, method: &str, body: &[u8]) -> Reply {
    match method {
        "GET" => Reply::json(200, &json!({ "mode": shared.approval().as_str() })),
        "POST" | "PUT" => {
            let mode = serde_json::from_slice::<Value>(body)
                .ok()
                .and_then(|v| v.get("mode")?.as_str().and_then(Approval::parse));
            match mode {
                Some(mode) => {
                    shared.set_approval(mode);
                    Reply::json(200, &json!({ "mode": mode.as_str() }))
                }
                None => Reply::error(
                    400,
                    "invalid_value:mode",
                    "Send {\"mode\": \"manual\" | \"auto\" | \"immediate\"}.",
                ),
            }
        }
        _ => {
            Reply::error(405, "method_not_allowed", "Use GET or POST.").header("Allow", "GET, POST")
        }
    }
}

/// Answers a control call; `path` is the part after `/__sandbox`.
pub(crate) fn admin(shared: &Shared, method: &str, path: &str, body: &[u8]) -> Reply {
    match (path.trim_end_matches('/'), method) {
        ("/faults", m) => faults(shared, m, body),
        ("/approval", m) => approval(shared, m, body),
        ("/log", "GET") => Reply::json(200, &json!(shared.log_snapshot())),
        ("/reset", "POST") => {
            shared.reset();
            Reply::no_content()
        }
        ("" | "/info", "GET") => Reply::json(
            200,
            &json!({
                "base_url": shared.base_url(),
                "approval": shared.approval().as_str(),
                "issue_delay_ms": shared.issue_delay.as_millis() as u64,
                "validate": shared.validate,
                "rate_limits": shared.rate_limits.as_ref().map(|w| w
                    .iter()
                    .map(|(n, d)| json!({ "requests": n, "window_ms": d.as_millis() as u64 }))
                    .collect::<Vec<_>>()),
                "root_pem": shared.ca.root_pem(),
            }),
        ),
        ("/log" | "/reset" | "" | "/info", _) => Reply::error(
            405,
            "method_not_allowed",
            "Wrong method for this control endpoint.",
        ),
        _ => no_route(),
    }
}
