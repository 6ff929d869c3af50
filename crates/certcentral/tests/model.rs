//! The wire model against the seed's payloads and response bodies.

mod common;

use certcentral::{
    ApiErrorItem, CertificateChain, Error, ErrorKind, OrderInfo, OrderList, OrderResponse,
    OrderStatus, RequestStatus, parse_order,
};
use common::read;
use serde_json::Value;

#[test]
fn seed_payloads_round_trip_to_the_same_json() {
    for file in ["curl_payload.json", "python_payload.json"] {
        let text = read(&format!("tests/fixtures/seed/{file}"));
        let original: Value = serde_json::from_str(&text).unwrap();
        let order = parse_order(&text).unwrap();
        assert_eq!(order.to_value(), original, "{file}");
        // numbers stay numbers, auto_renew stays an int
        let wire: Value = serde_json::from_str(&order.to_json()).unwrap();
        assert_eq!(wire["auto_renew"], Value::from(1));
        assert_eq!(wire["certificate"]["server_platform"]["id"], Value::from(2));
        assert_eq!(wire["organization"]["id"], Value::from(123456));
    }
}

#[test]
fn wire_keys_follow_the_documented_field_table() {
    let order = parse_order(&read("tests/fixtures/seed/python_payload.json")).unwrap();
    let json = order.to_json();
    let pos = |k: &str| json.find(&format!("\"{k}\":")).unwrap();
    let table = [
        "certificate",
        "validity_years",
        "comments",
        "auto_renew",
        "custom_renewal_message",
        "payment_method",
        "organization",
        "container",
    ];
    for pair in table.windows(2) {
        assert!(
            pos(pair[0]) < pos(pair[1]),
            "{} before {} in {json}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn absent_optionals_are_omitted_never_null() {
    let order = parse_order(
        r#"{"certificate":{"common_name":"example.com","csr":"x","signature_hash":"sha256"},
            "organization":{"id":1},"validity_years":1,"comments":null}"#,
    )
    .unwrap();
    let json = order.to_json();
    assert!(!json.contains("null"), "{json}");
    assert!(!json.contains("comments"), "{json}");
}

#[test]
fn parse_reports_wrong_types_and_unknown_keys_at_their_paths() {
    let err = parse_order(
        r#"{"certificate":{"common_name":"example.com","dns_name":["a.example.com"],"csr":"x","signature_hash":"sha256"},
            "organization":{"id":"12"},"validity_years":"2"}"#,
    )
    .unwrap_err();
    let mut found: Vec<(String, String)> = err
        .violations()
        .iter()
        .map(|v| (v.path.clone(), v.code.clone()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            ("certificate.dns_name".into(), "unknown_field".into()),
            ("organization.id".into(), "invalid_type".into()),
            ("validity_years".into(), "invalid_type".into()),
        ]
    );
    assert!(
        err.to_string().contains("did you mean \"dns_names\""),
        "{err}"
    );
    assert!(matches!(
        parse_order("{not json").unwrap_err().kind(),
        ErrorKind::Validation
    ));
}

#[test]
fn all_five_seed_response_shapes_parse() {
    let pending: OrderResponse =
        serde_json::from_str(&read("tests/fixtures/responses/pending.json")).unwrap();
    assert_eq!(pending.id, 112233);
    assert_eq!(pending.requests[0].id, 113);
    assert_eq!(pending.requests[0].status, RequestStatus::Pending);
    assert_eq!(pending.certificate_id, None);

    let submitted: OrderResponse =
        serde_json::from_str(&read("tests/fixtures/responses/submitted.json")).unwrap();
    assert_eq!(submitted.requests[0].status, RequestStatus::Submitted);

    let approved: OrderResponse =
        serde_json::from_str(&read("tests/fixtures/responses/approved.json")).unwrap();
    assert_eq!(approved.requests[0].status, RequestStatus::Approved);
    assert_eq!(approved.certificate_id, Some(113));

    let bare: OrderResponse =
        serde_json::from_str(&read("tests/fixtures/responses/certificate_id_only.json")).unwrap();
    assert!(bare.requests.is_empty());
    assert_eq!(bare.certificate_id, Some(113));

    let chain: OrderResponse =
        serde_json::from_str(&read("tests/fixtures/responses/certificate_chain.json")).unwrap();
    assert_eq!(chain.certificate_chain.len(), 3);
    assert_eq!(
        chain.certificate_chain[0].subject_common_name,
        "example.com"
    );
    assert_eq!(
        chain.certificate_chain[2].subject_common_name,
        "DigiCert Global Root CA"
    );

    let new_org: OrderResponse =
        serde_json::from_str(&read("tests/fixtures/responses/new_organization.json")).unwrap();
    assert_eq!(new_org.organization.map(|o| o.id), Some(654321));

    let strings: OrderResponse =
        serde_json::from_str(&read("tests/fixtures/responses/ids_as_strings.json")).unwrap();
    assert_eq!(strings.id, 112233);
}

#[test]
fn unknown_statuses_are_kept() {
    let r: OrderResponse =
        serde_json::from_str(r#"{"id":1,"requests":[{"id":2,"status":"escalated"}],"extra":true}"#)
            .unwrap();
    assert_eq!(
        r.requests[0].status,
        RequestStatus::Other("escalated".into())
    );
    assert_eq!(r.requests[0].status.as_str(), "escalated");
    assert_eq!(
        OrderStatus::parse("needs_csr"),
        OrderStatus::Other("needs_csr".into())
    );
}

#[test]
fn order_info_and_list_parse_leniently() {
    let issued: OrderInfo =
        serde_json::from_str(&read("tests/fixtures/responses/order_info_issued.json")).unwrap();
    assert_eq!(issued.status, OrderStatus::Issued);
    assert!(issued.certificate_id().is_some());
    let pending: OrderInfo =
        serde_json::from_str(&read("tests/fixtures/responses/order_info_pending.json")).unwrap();
    assert_eq!(pending.status, OrderStatus::NeedsApproval);
    let list: OrderList =
        serde_json::from_str(&read("tests/fixtures/responses/order_list.json")).unwrap();
    assert_eq!(list.page.total as usize, list.orders.len());
}

#[test]
fn error_bodies_keep_every_item_and_parse_codes() {
    let multiple = read("tests/fixtures/errors/multiple.json");
    let err = Error::from_response(400, multiple.clone(), None);
    let api = err.api_error().unwrap();
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(api.errors.len(), 3);
    assert_eq!(api.errors[0].category, "required_param");
    assert_eq!(api.errors[0].field.as_deref(), Some("certificate.csr"));
    assert_eq!(api.raw_body, multiple);

    let e = Error::from_response(403, read("tests/fixtures/errors/invalid_key.json"), None);
    assert_eq!(e.kind(), ErrorKind::Authentication);
    let e = Error::from_response(
        403,
        read("tests/fixtures/errors/missing_permission.json"),
        None,
    );
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(
        Error::from_response(401, String::new(), None).kind(),
        ErrorKind::Authentication
    );
    for f in ["not_found_order", "not_found_product", "not_found_route"] {
        let e = Error::from_response(404, read(&format!("tests/fixtures/errors/{f}.json")), None);
        assert_eq!(e.kind(), ErrorKind::NotFound, "{f}");
        assert_eq!(e.api_error().unwrap().errors[0].category, "not_found");
    }
    let e = Error::from_response(429, read("tests/fixtures/errors/rate_limited.json"), None);
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    let legacy = Error::from_response(
        400,
        read("tests/fixtures/errors/legacy_description.json"),
        None,
    );
    assert!(!legacy.api_error().unwrap().errors[0].message.is_empty());
    let html = read("tests/fixtures/errors/html_502.html");
    let e = Error::from_response(502, html.clone(), None);
    assert_eq!(e.status(), Some(502));
    assert!(e.api_error().unwrap().errors.is_empty());
    assert_eq!(e.raw_body(), Some(html.as_str()));

    let item = ApiErrorItem::new("not_found|order", "no such order");
    assert_eq!(
        (item.category.as_str(), item.subcode.as_deref()),
        ("not_found", Some("order"))
    );
}

#[test]
fn pem_chains_are_ordered_whatever_the_input_order() {
    let chain_json: Value =
        serde_json::from_str(&read("tests/fixtures/responses/chain.json")).unwrap();
    let pems: Vec<&str> = chain_json["intermediates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["pem"].as_str().unwrap())
        .collect();
    assert_eq!(pems.len(), 2);
    for bundle in [
        pems.concat(),
        pems.iter().rev().copied().collect::<String>(),
    ] {
        let chain = CertificateChain::from_pem(&bundle).unwrap();
        assert_eq!(
            chain.leaf.subject_common_name,
            "CertCentral Fixture Intermediate CA"
        );
        assert!(chain.intermediates.is_empty());
        let root = chain.root.as_ref().unwrap();
        assert_eq!(root.subject_common_name, "CertCentral Fixture Root CA");
        assert!(root.self_issued && root.is_ca);
        assert_eq!(chain.to_pem().matches("BEGIN CERTIFICATE").count(), 2);
    }
    assert!(CertificateChain::from_pem("").is_err());
    assert!(
        CertificateChain::from_pem(
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
        )
        .is_err()
    );
}
