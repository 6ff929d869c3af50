//! The HTTP API over real HTTP: the seed's five 201 shapes, error answers, and list orders.

mod common;

use std::time::Duration;

use certcentral_sandbox::Approval;
use common::*;
use serde_json::{Value, json};

fn new_organization_order() -> Value {
    let mut o = example_order();
    o["organization"] = json!({
        "name": "Example Inc",
        "address": "2801 N Thanksgiving Way",
        "city": "Lehi",
        "state": "Utah",
        "zip": "84043",
        "country": "us",
        "telephone": "8017019600",
        "organization_contact": {
            "first_name": "Jill", "last_name": "Valentine", "job_title": "STAR Member",
            "telephone": "8017019600", "email": "jill.valentine@digicert.com"
        }
    });
    o
}

fn skip(mut o: Value) -> Value {
    o["skip_approval"] = json!(true);
    o
}

fn assert_shape(body: &Value, fixture_name: &str) {
    let expected = fixture(&format!("responses/{fixture_name}"));
    assert_eq!(keys(body), keys(&expected), "{body} vs {fixture_name}");
    if let Some(reqs) = expected["requests"].as_array() {
        assert_eq!(body["requests"].as_array().unwrap().len(), reqs.len());
        assert_eq!(keys(&body["requests"][0]), keys(&reqs[0]));
        assert_eq!(body["requests"][0]["status"], reqs[0]["status"]);
    }
    assert!(body["id"].is_u64());
}

#[test]
fn manual_mode_gives_pending_and_submitted_shapes() {
    let sb = start(Approval::Manual, Duration::from_secs(60));
    let pending = submit(&sb, &example_order());
    assert_shape(&pending, "pending.json");
    assert_eq!(pending["id"], 112_233);
    assert_eq!(pending["requests"][0]["id"], 113);
    let submitted = submit(&sb, &skip(example_order()));
    assert_shape(&submitted, "submitted.json");
    assert_eq!(submitted["id"], 112_234);
}

#[test]
fn auto_mode_gives_approved_and_certificate_id_shapes() {
    let sb = start(Approval::Auto, Duration::from_secs(60));
    let approved = submit(&sb, &example_order());
    assert_shape(&approved, "approved.json");
    assert_eq!(approved["certificate_id"], 900_001);
    let only = submit(&sb, &skip(example_order()));
    assert_shape(&only, "certificate_id_only.json");
    assert!(only["certificate_id"].is_u64());
}

#[test]
fn immediate_mode_gives_the_chain_shape_with_a_verifiable_chain() {
    let sb = start(Approval::Immediate, Duration::from_secs(60));
    for order in [example_order(), skip(example_order())] {
        let body = submit(&sb, &order);
        assert_shape(&body, "certificate_chain.json");
        let chain = body["certificate_chain"].as_array().unwrap();
        assert_eq!(chain.len(), 3);
        for entry in chain {
            assert_eq!(keys(entry), vec!["pem", "subject_common_name"]);
        }
        assert_eq!(chain[0]["subject_common_name"], "example.com");
        assert_eq!(
            chain[1]["subject_common_name"],
            "CertCentral Sandbox Issuing CA 1"
        );
        assert_eq!(
            chain[2]["subject_common_name"],
            "CertCentral Sandbox Root CA"
        );
        let dir = temp_dir("immediate");
        for (i, name) in ["leaf", "inter", "root"].iter().enumerate() {
            std::fs::write(
                dir.join(format!("{name}.pem")),
                chain[i]["pem"].as_str().unwrap(),
            )
            .unwrap();
        }
        let p = |n: &str| dir.join(n).display().to_string();
        openssl(&[
            "verify",
            "-CAfile",
            &p("root.pem"),
            "-untrusted",
            &p("inter.pem"),
            &p("leaf.pem"),
        ]);
        std::fs::remove_dir_all(&dir).unwrap();
        let info = api(
            &sb,
            "GET",
            &format!("/order/certificate/{}", body["id"]),
            None,
        )
        .json();
        assert_eq!(info["status"], "issued");
    }
}

#[test]
fn a_new_organization_is_returned_in_every_mode() {
    let sb = start(Approval::Manual, Duration::from_secs(60));
    let body = submit(&sb, &new_organization_order());
    assert_shape(&body, "new_organization.json");
    assert_eq!(body["organization"]["id"], 654_321);
    sb.set_approval(Approval::Auto);
    let body = submit(&sb, &new_organization_order());
    assert_eq!(body["organization"]["id"], 654_322);
    assert!(body["certificate_id"].is_u64());
    let existing = submit(&sb, &example_order());
    assert!(existing.get("organization").is_none());
    let info = api(
        &sb,
        "GET",
        &format!("/order/certificate/{}", body["id"]),
        None,
    )
    .json();
    assert_eq!(info["organization"]["id"], 654_322);
}

#[test]
fn invalid_orders_get_one_error_item_per_violation() {
    let sb = start(Approval::Manual, Duration::from_secs(60));
    let mut order = example_order();
    order["certificate"].as_object_mut().unwrap().remove("csr");
    order["validity_years"] = json!(9);
    order["certificate"]["signature_hash"] = json!("md5");
    order["certificate"]["dns_name"] = json!(["typo.example.com"]);
    order["organization"]["contacts"][1]
        .as_object_mut()
        .unwrap()
        .remove("email");
    let a = api(
        &sb,
        "POST",
        "/order/certificate/ssl_securesite_pro",
        Some(&order),
    );
    assert_eq!(a.status, 400);
    let verdict = certcentral::check_value(
        &order,
        "ssl_securesite_pro",
        certcentral::validate::today_utc(),
    );
    let body = a.json();
    let items = body["errors"].as_array().unwrap();
    assert_eq!(items.len(), verdict.violations.len());
    for (item, v) in items.iter().zip(&verdict.violations) {
        assert_eq!(item["message"], v.message.as_str());
    }
    let codes = a.codes();
    for code in [
        "required_param:certificate.csr",
        "invalid_value:validity_years",
        "invalid_value:certificate.signature_hash",
        "invalid_param:certificate.dns_name",
        "required_param:organization.contacts[1].email",
    ] {
        assert!(
            codes.contains(&code.to_owned()),
            "{code} missing from {codes:?}"
        );
    }
    assert!(sb.log().orders.is_empty());
}

#[test]
fn bodies_that_are_not_json_objects_are_bad_request_format() {
    let sb = start(Approval::Manual, Duration::from_secs(60));
    let a = api_raw(&sb, "POST", "/order/certificate/ssl_basic", b"{not json");
    assert_eq!(
        (a.status, a.codes()),
        (400, vec!["bad_request_format".into()])
    );
    let a = api_raw(&sb, "POST", "/order/certificate/ssl_basic", b"[1,2]");
    assert_eq!(
        (a.status, a.codes()),
        (400, vec!["bad_request_format".into()])
    );
    assert_eq!(a.content_type, "application/json");
}

#[test]
fn a_wrong_or_missing_key_is_403_invalid_key() {
    let sb = start(Approval::Manual, Duration::from_secs(60));
    let expected = fixture("errors/invalid_key.json");
    let url = format!("{}/order/certificate/112233", sb.base_url());
    for key in [None, Some("CANARY-KEY-0123456789"), Some("")] {
        let a = try_call("GET", &url, key, None).unwrap();
        assert_eq!(a.status, 403);
        assert_eq!(a.json(), expected);
    }
    let body = example_order().to_string();
    let a = try_call(
        "POST",
        &format!("{}/order/certificate/ssl_basic", sb.base_url()),
        Some("nope"),
        Some(body.as_bytes()),
    )
    .unwrap();
    assert_eq!(a.status, 403);
    assert!(sb.log().orders.is_empty());
}

#[test]
fn unknown_things_are_404_with_digicert_codes() {
    let sb = start(Approval::Manual, Duration::from_secs(60));
    let order = example_order();
    for product in ["ssl_nope", "SSL_BASIC", "ssl-basic"] {
        let a = api(
            &sb,
            "POST",
            &format!("/order/certificate/{product}"),
            Some(&order),
        );
        assert_eq!(a.status, 404, "{product}");
        assert_eq!(a.json(), fixture("errors/not_found_product.json"));
    }
    for path in ["/order/certificate/999", "/order/certificate/abc"] {
        let a = api(&sb, "GET", path, None);
        assert_eq!(a.status, 404);
        assert_eq!(a.json(), fixture("errors/not_found_order.json"));
    }
    for path in ["/nope", "/order", "/certificate/1/revoke"] {
        let a = api(&sb, "GET", path, None);
        assert_eq!(a.status, 404, "{path}");
        assert_eq!(a.json(), fixture("errors/not_found_route.json"));
    }
    let outside = try_call(
        "GET",
        &format!("http://{}/services/v3/order/certificate", sb.addr()),
        Some(sb.api_key()),
        None,
    )
    .unwrap();
    assert_eq!(outside.codes(), vec!["not_found|route"]);
    let a = api(
        &sb,
        "PUT",
        "/request/999/status",
        Some(&json!({"status": "approved"})),
    );
    assert_eq!(
        (a.status, a.codes()),
        (404, vec!["not_found|request".into()])
    );
    let a = api(&sb, "GET", "/request/999", None);
    assert_eq!(a.codes(), vec!["not_found|request"]);
    for path in [
        "/certificate/900001/download/format/pem_all",
        "/certificate/900001/chain",
    ] {
        let a = api(&sb, "GET", path, None);
        assert_eq!(
            (a.status, a.codes()),
            (404, vec!["not_found|certificate".into()])
        );
    }
    let a = api(
        &sb,
        "GET",
        "/certificate/download/order/1/format/pem_all",
        None,
    );
    assert_eq!(a.codes(), vec!["not_found|order"]);
    let a = api(
        &sb,
        "PUT",
        "/order/certificate/1/status",
        Some(&json!({"status": "canceled"})),
    );
    assert_eq!(a.codes(), vec!["not_found|order"]);
}

#[test]
fn a_wrong_method_is_405_with_allow() {
    let sb = start(Approval::Manual, Duration::from_secs(60));
    let a = api(&sb, "DELETE", "/order/certificate/1", None);
    assert_eq!(a.status, 405);
    assert_eq!(a.header("allow"), Some("GET, POST"));
    assert_eq!(a.codes(), vec!["method_not_allowed"]);
    let a = api(&sb, "POST", "/order/certificate", Some(&json!({})));
    assert_eq!((a.status, a.header("allow")), (405, Some("GET")));
    let a = api(&sb, "GET", "/request/1/status", None);
    assert_eq!((a.status, a.header("allow")), (405, Some("PUT")));
}

/// Three orders: two for a.example.com (one issued), one for b.example.com (ssl_basic).
fn list_fixture() -> certcentral_sandbox::Sandbox {
    let sb = start(Approval::Manual, Duration::ZERO);
    let first = submit(&sb, &order_for("a.example.com"));
    let r = first["requests"][0]["id"].as_u64().unwrap();
    let a = api(
        &sb,
        "PUT",
        &format!("/request/{r}/status"),
        Some(&json!({"status": "approved"})),
    );
    assert_eq!(a.status, 204);
    std::thread::sleep(Duration::from_millis(1100));
    let a = api(
        &sb,
        "POST",
        "/order/certificate/ssl_basic",
        Some(&order_for("b.example.com")),
    );
    assert_eq!(a.status, 201);
    submit(&sb, &order_for("a.example.com"));
    sb
}

fn ids(list: &Value) -> Vec<u64> {
    list["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_u64().unwrap())
        .collect()
}

fn list(sb: &certcentral_sandbox::Sandbox, query: &str) -> Value {
    let a = api(sb, "GET", &format!("/order/certificate?{query}"), None);
    assert_eq!(a.status, 200, "{query}: {}", a.text());
    a.json()
}

#[test]
fn list_orders_filters() {
    let sb = list_fixture();
    let all = list(&sb, "");
    assert_eq!(ids(&all), vec![112_233, 112_234, 112_235]);
    assert_eq!(all["page"], json!({"total": 3, "limit": 1000, "offset": 0}));
    let fixture_entry = &fixture("responses/order_list.json")["orders"][0];
    let issued = &all["orders"][0];
    for key in ["id", "status", "certificate", "product", "date_created"] {
        assert!(
            issued.get(key).is_some() && fixture_entry.get(key).is_some(),
            "{key}"
        );
    }
    assert_eq!(issued["certificate"]["id"], 900_001);
    assert_eq!(
        issued["certificate"]["dns_names"],
        json!(["a.example.com", "example2.com", "example3.com"])
    );
    assert_eq!(issued["product"]["name_id"], "ssl_securesite_pro");

    assert_eq!(ids(&list(&sb, "filters[status]=issued")), vec![112_233]);
    assert_eq!(
        ids(&list(&sb, "filters[status]=needs_approval")),
        vec![112_234, 112_235]
    );
    assert_eq!(
        ids(&list(&sb, "filters%5Bcommon_name%5D=A.EXAMPLE.COM")),
        vec![112_233, 112_235]
    );
    assert_eq!(
        ids(&list(&sb, "filters[product_name_id]=ssl_basic")),
        vec![112_234]
    );
    let today = &all["orders"][0]["date_created"].as_str().unwrap()[..10];
    assert_eq!(
        ids(&list(&sb, &format!("filters[date_created]={today}"))).len(),
        3
    );
    assert_eq!(
        ids(&list(&sb, &format!("filters[date_created]={today}..."))).len(),
        3
    );
    assert!(ids(&list(&sb, "filters[date_created]=...2000-01-01")).is_empty());
    assert!(ids(&list(&sb, "filters[date_created]=2999-01-01...")).is_empty());
    let first_created = all["orders"][0]["date_created"].as_str().unwrap();
    let later = list(
        &sb,
        &format!(
            "filters[date_created]={}...",
            first_created.replace('+', "%2B")
        ),
    );
    assert_eq!(later["page"]["total"], 3);
}

#[test]
fn list_orders_sorts_and_pages() {
    let sb = list_fixture();
    assert_eq!(ids(&list(&sb, "sort=-id")), vec![112_235, 112_234, 112_233]);
    assert_eq!(ids(&list(&sb, "sort=id")), vec![112_233, 112_234, 112_235]);
    assert_eq!(
        ids(&list(&sb, "sort=-date_created")),
        vec![112_235, 112_234, 112_233]
    );
    assert_eq!(
        ids(&list(&sb, "sort=date_created")),
        vec![112_233, 112_234, 112_235]
    );
    let page = list(&sb, "sort=id&limit=2&offset=1");
    assert_eq!(ids(&page), vec![112_234, 112_235]);
    assert_eq!(page["page"], json!({"total": 3, "limit": 2, "offset": 1}));
    assert!(ids(&list(&sb, "offset=10")).is_empty());
    for bad in [
        "sort=name",
        "limit=0",
        "limit=1001",
        "offset=-1",
        "filters[email]=x",
        "filters[date_created]=soon",
    ] {
        let a = api(&sb, "GET", &format!("/order/certificate?{bad}"), None);
        assert_eq!(a.status, 400, "{bad}");
        assert!(a.codes()[0].starts_with("invalid_value:"), "{bad}");
    }
}
