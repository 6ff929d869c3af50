//! `PUT /request/{id}/status` (approve, reject), `GET /request/{id}`, and
//! `PUT /order/certificate/{id}/status` (cancel).

use serde_json::{Value, json};

use super::parse_id;
use crate::http::Reply;
use crate::server::Shared;
use crate::state::Refusal;
use crate::timefmt;

/// Parses a status-update body: a JSON object with a string `status`.
fn status_body(body: &[u8]) -> Result<Value, Reply> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        Reply::error(
            400,
            "bad_request_format",
            format!("The request body is not valid JSON: {e}"),
        )
    })?;
    match value.get("status") {
        Some(Value::String(_)) => Ok(value),
        Some(_) => Err(Reply::error(
            400,
            "invalid_value:status",
            "status must be a string.",
        )),
        None => Err(Reply::error(
            400,
            "required_param:status",
            "status is required.",
        )),
    }
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn refusal(r: Refusal, what: u64) -> Reply {
    match r {
        Refusal::NoSuchRequest => Reply::error(404, "not_found|request", "Request not found."),
        Refusal::NoSuchOrder => Reply::error(404, "not_found|order", "Order not found."),
        Refusal::AlreadyDecided(state) => Reply::error(
            400,
            "request_already_processed",
            format!(
                "Request {what} is already {}; only pending requests can be approved or rejected.",
                state.as_str()
            ),
        ),
        Refusal::OrderClosed(status) => Reply::error(
            400,
            "invalid_order_status",
            format!("The order is {status}; its status cannot change."),
        ),
    }
}

/// Approves or rejects a request.
pub(crate) fn decide(shared: &Shared, id: &str, body: &[u8]) -> Reply {
    let Some(request_id) = parse_id(id) else {
        return Reply::error(404, "not_found|request", "Request not found.");
    };
    if shared.state().order_of_request(request_id).is_none() {
        return Reply::error(404, "not_found|request", "Request not found.");
    }
    let value = match status_body(body) {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let approve = match value["status"].as_str() {
        Some("approved") => true,
        Some("rejected") => false,
        _ => {
            return Reply::error(
                400,
                "invalid_value:status",
                "status must be \"approved\" or \"rejected\".",
            );
        }
    };
    let comment = text(&value, "processor_comment");
    let mode = shared.approval();
    let mut state = shared.state();
    match state.decide(request_id, approve, comment, mode, &shared.ca) {
        Ok(()) => Reply::no_content(),
        Err(r) => refusal(r, request_id),
    }
}

/// Request info.
pub(crate) fn request_info(shared: &Shared, id: &str) -> Reply {
    let state = shared.state();
    let Some(order) = parse_id(id).and_then(|id| state.order_of_request(id)) else {
        return Reply::error(404, "not_found|request", "Request not found.");
    };
    let r = &order.request;
    let mut body = json!({
        "id": r.id,
        "date": timefmt::datetime(r.date),
        "type": "new_request",
        "status": r.state.as_str(),
        "order": { "id": order.id, "certificate": { "common_name": order.common_name } },
    });
    if let Some(c) = &r.processor_comment {
        body["processor_comment"] = json!(c);
    }
    Reply::json(200, &body)
}

/// Cancels an order.
pub(crate) fn cancel_order(shared: &Shared, id: &str, body: &[u8]) -> Reply {
    let Some(order_id) = parse_id(id) else {
        return Reply::error(404, "not_found|order", "Order not found.");
    };
    if !shared.state().orders.contains_key(&order_id) {
        return Reply::error(404, "not_found|order", "Order not found.");
    }
    let value = match status_body(body) {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    if value["status"] != "canceled" {
        return Reply::error(
            400,
            "invalid_value:status",
            "The only status an order can be set to here is \"canceled\".",
        );
    }
    let note = text(&value, "note");
    let mut state = shared.state();
    state.refresh(shared.issue_delay, &shared.ca);
    match state.cancel(order_id, note) {
        Ok(()) => Reply::no_content(),
        Err(r) => refusal(r, order_id),
    }
}
