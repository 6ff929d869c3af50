//! Orders as DigiCert shows them: order info and list entries.

use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::products;
use crate::state::{OrderRecord, Validity};
use crate::timefmt;

fn product(o: &OrderRecord) -> Value {
    let (name, kind) = products::describe(&o.product);
    json!({ "name_id": o.product, "name": name, "type": kind })
}

fn certificate(o: &OrderRecord, full: bool) -> Value {
    let mut c = Map::new();
    if let Some(id) = o.certificate_id {
        c.insert("id".into(), json!(id));
    }
    c.insert("common_name".into(), json!(o.common_name));
    c.insert("dns_names".into(), json!(o.names));
    c.insert("signature_hash".into(), json!(o.signature_hash));
    if let Some(leaf) = &o.leaf {
        c.insert("serial_number".into(), json!(leaf.serial_hex));
        c.insert("thumbprint".into(), json!(leaf.thumbprint));
        c.insert("valid_from".into(), json!(timefmt::date(leaf.not_before)));
        c.insert("valid_till".into(), json!(timefmt::date(leaf.not_after)));
    }
    if full {
        c.insert("csr".into(), json!(o.csr));
        c.insert("date_created".into(), json!(timefmt::datetime(o.created)));
        c.insert("organization".into(), json!({ "id": o.organization_id }));
        if let Some(p) = o.server_platform {
            c.insert("server_platform".into(), json!({ "id": p }));
        }
    }
    Value::Object(c)
}

fn order_validity(v: Validity) -> Value {
    match v {
        Validity::Years(y) => json!({ "years": y }),
        Validity::Days(d) => json!({ "days": d }),
        Validity::Until(d) => {
            json!({ "custom_expiration_date": format!("{d}") })
        }
    }
}

/// `GET /order/certificate/{id}`.
pub(crate) fn order_info(o: &OrderRecord, delay: Duration) -> Value {
    let mut request = json!({
        "id": o.request.id,
        "date": timefmt::datetime(o.request.date),
        "type": "new_request",
        "status": o.request.state.as_str(),
    });
    if let Some(c) = &o.comments {
        request["comments"] = json!(c);
    }
    if let Some(c) = &o.request.processor_comment {
        request["processor_comment"] = json!(c);
    }
    let mut info = json!({
        "id": o.id,
        "certificate": certificate(o, true),
        "status": o.status(delay),
        "is_renewal": false,
        "organization": { "id": o.organization_id },
        "product": product(o),
        "product_name_id": o.product,
        "requests": [request],
        "date_created": timefmt::datetime(o.created),
        "order_validity": order_validity(o.validity),
    });
    if let Some(y) = o.validity_years {
        info["validity_years"] = json!(y);
    }
    if let Some(c) = o.container_id {
        info["container"] = json!({ "id": c });
    }
    if let Some(c) = &o.comments {
        info["comments"] = json!(c);
    }
    if let Some(n) = &o.note {
        info["note"] = json!(n);
    }
    info
}

/// One entry of `GET /order/certificate`.
pub(crate) fn order_summary(o: &OrderRecord, delay: Duration) -> Value {
    let mut s = json!({
        "id": o.id,
        "certificate": certificate(o, false),
        "status": o.status(delay),
        "date_created": timefmt::datetime(o.created),
        "organization": { "id": o.organization_id },
        "product": product(o),
        "product_name_id": o.product,
    });
    if let Some(y) = o.validity_years {
        s["validity_years"] = json!(y);
    }
    if let Some(c) = o.container_id {
        s["container"] = json!({ "id": c });
    }
    s
}
