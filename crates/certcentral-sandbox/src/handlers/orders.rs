//! `POST /order/certificate/{product}` (submit) and `GET /order/certificate/{id}` (info).

use serde_json::{Value, json};
use time::OffsetDateTime;

use super::{parse_id, render};
use crate::ca::{INTERMEDIATE_CN, ROOT_CN};
use crate::config::Approval;
use crate::http::Reply;
use crate::products::is_known_product;
use crate::server::Shared;
use crate::state::{Created, NewOrder};

/// DigiCert's error code for a violation of the core's rules: `required_param:<path>` for
/// missing values, `invalid_param:<path>` for unknown fields, `invalid_value:<path>` for the
/// rest.
pub(crate) fn violation_code(v: &certcentral::Violation) -> String {
    use certcentral::codes;
    let path = if v.path.is_empty() { "order" } else { &v.path };
    match v.code.as_str() {
        codes::REQUIRED | codes::CONTACT_DETAILS_REQUIRED => format!("required_param:{path}"),
        codes::UNKNOWN_FIELD => format!("invalid_param:{path}"),
        _ => format!("invalid_value:{path}"),
    }
}

/// Submits an order.
pub(crate) fn submit(shared: &Shared, product: &str, body: &[u8]) -> Reply {
    if certcentral::check_product_id(product).is_err() || !is_known_product(product) {
        return Reply::error(404, "not_found|product", "Product not found.");
    }
    let order: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Reply::error(
                400,
                "bad_request_format",
                format!("The request body is not valid JSON: {e}"),
            );
        }
    };
    if !order.is_object() {
        return Reply::error(
            400,
            "bad_request_format",
            "The request body must be a JSON object.",
        );
    }
    if shared.validate {
        let verdict = certcentral::check_value(&order, product, certcentral::validate::today_utc());
        if !verdict.valid {
            let items = verdict
                .violations
                .iter()
                .map(|v| (violation_code(v), v.message.clone()))
                .collect();
            return Reply::errors(400, items);
        }
    }
    let new = NewOrder::from_json(product, &order);
    let skip = new.skip_approval;
    let common_name = new.common_name.clone();
    let mode = shared.approval();
    let now = OffsetDateTime::now_utc();
    let (created, leaf_pem) = {
        let mut state = shared.state();
        let created = state.create(new, mode, now, &shared.ca);
        let leaf = state
            .orders
            .get(&created.order_id)
            .and_then(|o| o.leaf.as_ref())
            .map(|l| l.pem.clone());
        (created, leaf)
    };
    shared.log_order(created.order_id, product, &common_name, now);
    Reply::json(
        201,
        &answer(shared, &created, mode, skip, &common_name, leaf_pem),
    )
}

/// The 201 body: one of the seed's five shapes, plus `organization` for a new organization.
fn answer(
    shared: &Shared,
    created: &Created,
    mode: Approval,
    skip: bool,
    common_name: &str,
    leaf_pem: Option<String>,
) -> Value {
    let requests = json!([{ "id": created.request_id, "status": created.request_state.as_str() }]);
    let mut body = json!({ "id": created.order_id });
    match (mode, skip, leaf_pem) {
        (Approval::Immediate, _, Some(leaf)) if created.issued => {
            body["certificate_id"] = json!(created.certificate_id);
            body["certificate_chain"] = json!([
                { "subject_common_name": common_name, "pem": leaf },
                { "subject_common_name": INTERMEDIATE_CN, "pem": shared.ca.intermediate_pem() },
                { "subject_common_name": ROOT_CN, "pem": shared.ca.root_pem() },
            ]);
        }
        (Approval::Manual, _, _) => body["requests"] = requests,
        (_, false, _) => {
            body["requests"] = requests;
            body["certificate_id"] = json!(created.certificate_id);
        }
        (_, true, _) => body["certificate_id"] = json!(created.certificate_id),
    }
    if let Some(org) = created.new_organization_id {
        body["organization"] = json!({ "id": org });
    }
    body
}

/// Order info.
pub(crate) fn order_info(shared: &Shared, id: &str) -> Reply {
    let mut state = shared.state();
    state.refresh(shared.issue_delay, &shared.ca);
    match parse_id(id).and_then(|id| state.orders.get(&id)) {
        Some(order) => Reply::json(200, &render::order_info(order, shared.issue_delay)),
        None => Reply::error(404, "not_found|order", "Order not found."),
    }
}
