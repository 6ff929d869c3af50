//! Certificate downloads: by certificate id, by order id, and the chain above a certificate.

use serde_json::json;

use super::parse_id;
use crate::der::pkcs7_certs_only;
use crate::http::{P7B, PEM, Reply};
use crate::server::Shared;
use crate::state::OrderRecord;

/// DigiCert formats that are zip archives, which the sandbox does not build.
const ZIP_FORMATS: &[&str] = &["default", "apache", "default_cer", "default_pem", "nginx"];

fn not_issued() -> Reply {
    Reply::error(
        404,
        "not_found|certificate",
        "Certificate not found (it is not issued yet, or does not exist).",
    )
}

/// How a download names its certificate.
#[derive(Clone, Copy)]
enum Lookup {
    Certificate(u64),
    Order(u64),
}

/// Runs `then` on the issued order a download names (issuing due orders first).
fn issued_order<T>(
    shared: &Shared,
    lookup: Lookup,
    then: impl FnOnce(&OrderRecord) -> T,
) -> Option<T> {
    let mut state = shared.state();
    state.refresh(shared.issue_delay, &shared.ca);
    let order = match lookup {
        Lookup::Certificate(id) => state.order_of_certificate(id),
        Lookup::Order(id) => state.orders.get(&id),
    };
    order.filter(|o| o.leaf.is_some()).map(then)
}

/// A download in one format of an issued order.
fn render(shared: &Shared, order: &OrderRecord, format: &str) -> Reply {
    let Some(leaf) = &order.leaf else {
        return not_issued();
    };
    let inter = shared.ca.intermediate_pem();
    let root = shared.ca.root_pem();
    let pem = |parts: &[&str]| Reply::bytes(200, PEM, parts.concat().into_bytes());
    match format {
        "pem_all" | "pem" => pem(&[&leaf.pem, inter, root]),
        "pem_noroot" => pem(&[&leaf.pem, inter]),
        "pem_nointermediate" => pem(&[&leaf.pem, root]),
        "cer" | "crt" => pem(&[&leaf.pem]),
        "p7b" => Reply::bytes(
            200,
            P7B,
            pkcs7_certs_only(&[
                &leaf.der,
                shared.ca.intermediate_der(),
                shared.ca.root_der(),
            ]),
        ),
        f if ZIP_FORMATS.contains(&f) => Reply::error(
            406,
            "format_not_supported",
            format!(
                "The sandbox does not build zip archives ({f}); use pem_all, pem_noroot, pem_nointermediate, cer, crt or p7b."
            ),
        ),
        _ => Reply::error(
            400,
            "invalid_value:format",
            "Unknown format; use pem_all, pem_noroot, pem_nointermediate, cer, crt or p7b.",
        ),
    }
}

/// `GET /certificate/{id}/download/format/{format}`.
pub(crate) fn by_certificate(shared: &Shared, id: &str, format: &str) -> Reply {
    let Some(cert_id) = parse_id(id) else {
        return not_issued();
    };
    issued_order(shared, Lookup::Certificate(cert_id), |o| {
        render(shared, o, format)
    })
    .unwrap_or_else(not_issued)
}

/// `GET /certificate/download/order/{order_id}/format/{format}`.
pub(crate) fn by_order(shared: &Shared, id: &str, format: &str) -> Reply {
    let Some(order_id) = parse_id(id) else {
        return Reply::error(404, "not_found|order", "Order not found.");
    };
    if !shared.state().orders.contains_key(&order_id) {
        return Reply::error(404, "not_found|order", "Order not found.");
    }
    issued_order(shared, Lookup::Order(order_id), |o| {
        render(shared, o, format)
    })
    .unwrap_or_else(not_issued)
}

/// `GET /certificate/{id}/chain`: the intermediate and the root above the certificate.
pub(crate) fn chain(shared: &Shared, id: &str) -> Reply {
    let Some(cert_id) = parse_id(id) else {
        return not_issued();
    };
    issued_order(shared, Lookup::Certificate(cert_id), |_| ())
        .map(|()| {
            Reply::json(
                200,
                &json!({ "intermediates": [
                    { "subject_common_name": crate::ca::INTERMEDIATE_CN, "pem": shared.ca.intermediate_pem() },
                    { "subject_common_name": crate::ca::ROOT_CN, "pem": shared.ca.root_pem() },
                ]}),
            )
        })
        .unwrap_or_else(not_issued)
}
