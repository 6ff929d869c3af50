"""The order model classes: keyword constructors, dict/JSON round trips, equality, repr."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import pytest

import certcentral
from certcentral import (
    Certificate,
    Contact,
    Container,
    CustomField,
    Order,
    Organization,
    OrganizationContact,
    ServerPlatform,
)
from conftest import PRODUCT


def seed_order(csr: str) -> Order:
    """The seed's Python sample payload, built with the model classes."""
    return Order(
        certificate=Certificate(
            common_name="example.com",
            dns_names=["example2.com", "example3.com"],
            csr=csr,
            signature_hash="sha256",
            organization_units=["Shared Services"],
            server_platform=ServerPlatform(id=2),
        ),
        comments="Certificate for app server.",
        container=Container(id=334455),
        auto_renew=1,
        custom_renewal_message="Keep this renewed.",
        organization=Organization(
            id=123456,
            contacts=[
                Contact(contact_type="organization_contact", user_id=565611),
                Contact(
                    contact_type="technical_contact",
                    first_name="Jill",
                    last_name="Valentine",
                    job_title="STAR Member",
                    telephone="8017019600",
                    email="jill.valentine@digicert.com",
                ),
            ],
        ),
        validity_years=2,
        payment_method="balance",
    )


def test_model_equals_the_seed_dict(csr: str, seed_payload: dict[str, Any]) -> None:
    order = seed_order(csr)
    assert order.to_dict() == seed_payload
    assert Order.from_dict(seed_payload) == order
    assert Order.from_json(json.dumps(seed_payload)) == order
    assert Order.from_json(json.dumps(seed_payload).encode()) == order
    assert json.loads(order.to_json()) == seed_payload
    assert json.loads(order.to_json(indent=2)) == seed_payload
    # Wire order of keys: the documented field table's (the core's struct order).
    assert list(json.loads(order.to_json())) == [
        "certificate",
        "validity_years",
        "comments",
        "auto_renew",
        "custom_renewal_message",
        "payment_method",
        "organization",
        "container",
    ]


def test_model_validates_like_the_dict(csr: str, seed_payload: dict[str, Any]) -> None:
    order = seed_order(csr)
    assert certcentral.validate(order, PRODUCT) == certcentral.validate(seed_payload, PRODUCT)
    assert certcentral.check(order, PRODUCT) == certcentral.check(json.dumps(seed_payload), PRODUCT)


def test_absent_fields_are_left_out_never_null(csr: str) -> None:
    order = Order(
        certificate=Certificate(common_name="example.com", csr=csr, signature_hash="sha256"),
        organization=Organization(id=1),
        validity_years=1,
    )
    assert order.to_dict() == {
        "certificate": {"common_name": "example.com", "csr": csr, "signature_hash": "sha256"},
        "validity_years": 1,
        "organization": {"id": 1},
    }
    assert "null" not in order.to_json()


def test_from_dict_drops_null_members(seed_payload: dict[str, Any]) -> None:
    seed_payload["locale"] = None
    seed_payload["certificate"]["profile_option"] = None
    order = Order.from_dict(seed_payload)
    assert order.locale is None
    assert "locale" not in order.to_dict()


def test_from_dict_reports_shape_problems_with_paths(seed_payload: dict[str, Any]) -> None:
    seed_payload["certificate"]["dns_name"] = ["typo.example.com"]
    seed_payload["validity_years"] = "2"
    with pytest.raises(certcentral.ValidationError) as info:
        Order.from_dict(seed_payload)
    found = {(v.path, v.code) for v in info.value.violations}
    assert ("certificate.dns_name", "unknown_field") in found
    assert ("validity_years", "invalid_type") in found


def test_invalid_json_text_is_an_invalid_order() -> None:
    verdict = certcentral.check("{not json", PRODUCT)
    assert not verdict.valid
    assert [(v.path, v.code) for v in verdict.violations] == [("", "invalid_type")]
    with pytest.raises(certcentral.ValidationError, match="not valid JSON"):
        certcentral.validate(b"{not json", PRODUCT)


def test_from_json_rejects_invalid_json() -> None:
    with pytest.raises(certcentral.ValidationError) as info:
        Order.from_json("{not json")
    [v] = info.value.violations
    assert (v.path, v.code) == ("", "invalid_type")


def test_parts_parse_with_the_core_model() -> None:
    assert ServerPlatform.from_dict({"id": -1}) == ServerPlatform(id=-1)
    assert Container.from_json('{"id": 7}') == Container(id=7)
    assert CustomField.from_dict({"metadata_id": 3, "value": "x"}).value == "x"
    contact = OrganizationContact(
        first_name="A", last_name="B", job_title="C", telephone="1", email="a@example.com"
    )
    assert OrganizationContact.from_dict(contact.to_dict()) == contact
    org = Organization.from_dict({"name": "Example", "organization_contact": contact.to_dict()})
    assert org.organization_contact == contact
    cert = Certificate.from_dict(
        {"common_name": "a.example", "csr": "x", "signature_hash": "sha256",
         "server_platform": {"id": 45}}
    )
    assert cert.server_platform == ServerPlatform(id=45)
    with pytest.raises(certcentral.ValidationError, match="unknown field"):
        Container.from_dict({"id": 1, "name": "x"})
    with pytest.raises(certcentral.ValidationError):
        Contact.from_dict({"user_id": 5})  # contact_type is required


def test_constructors_are_keyword_only_and_check_names(csr: str) -> None:
    with pytest.raises(TypeError):
        ServerPlatform(2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Certificate(common_name="example.com", csr=csr)  # type: ignore[call-arg]
    order = seed_order(csr)
    with pytest.raises(AttributeError):
        order.validity_year = 1  # type: ignore[attr-defined]


def test_models_are_mutable_and_nested_changes_stick(csr: str) -> None:
    order = seed_order(csr)
    assert order.certificate.dns_names is not None
    order.certificate.dns_names.append("sub.example.com")
    order.validity_years = 1
    assert order.to_dict()["certificate"]["dns_names"][-1] == "sub.example.com"
    assert order.to_dict()["validity_years"] == 1
    other = seed_order(csr)
    assert order != other
    other.certificate.dns_names = ["example2.com", "example3.com", "sub.example.com"]
    other.validity_years = 1
    assert order == other


def test_equality_and_hashing(csr: str) -> None:
    assert seed_order(csr) == seed_order(csr)
    assert seed_order(csr) != seed_order(csr).to_dict()
    assert Container(id=1) != ServerPlatform(id=1)
    with pytest.raises(TypeError):
        hash(Container(id=1))


def test_repr_is_readable(csr: str) -> None:
    text = repr(seed_order(csr))
    assert text.startswith("Order(certificate=Certificate(common_name='example.com', ")
    assert "validity_years=2" in text
    assert "renewed_thumbprint" not in text  # None fields are left out
    assert "chars)" in text and csr not in text  # the CSR is shortened
    assert repr(Container(id=5)) == "Container(id=5)"


def test_copy_and_pickle(csr: str) -> None:
    order = seed_order(csr)
    assert copy.deepcopy(order) == order
    assert pickle.loads(pickle.dumps(order)) == order
    clone = copy.deepcopy(order)
    assert clone.certificate.dns_names is not None
    clone.certificate.dns_names.append("x.example.com")
    assert clone != order


def test_to_dict_is_a_copy(csr: str) -> None:
    order = seed_order(csr)
    d = order.to_dict()
    d["certificate"]["dns_names"].append("other.example.com")
    assert order.certificate.dns_names == ["example2.com", "example3.com"]


def test_wrong_types_are_the_validators_business(csr: str) -> None:
    order = seed_order(csr)
    order.validity_years = "2"  # type: ignore[assignment]
    order.auto_renew = True  # a bool is an int to Python, not to the API
    verdict = certcentral.check(order, PRODUCT)
    assert not verdict
    assert {(v.path, v.code) for v in verdict.violations} == {
        ("validity_years", "invalid_type"),
        ("auto_renew", "invalid_type"),
    }


def test_nested_model_objects_inside_a_dict(csr: str, seed_payload: dict[str, Any]) -> None:
    mixed = dict(seed_payload, container=Container(id=334455))
    assert certcentral.check(mixed, PRODUCT) == certcentral.check(seed_payload, PRODUCT)


def test_non_json_values_are_a_type_error(seed_payload: dict[str, Any]) -> None:
    seed_payload["comments"] = {1, 2}
    with pytest.raises(TypeError, match="`comments` is a set"):
        certcentral.validate(seed_payload, PRODUCT)
    seed_payload["comments"] = float("nan")
    with pytest.raises(ValueError, match="`comments` is NaN"):
        certcentral.validate(seed_payload, PRODUCT)
    with pytest.raises(TypeError, match="JSON object keys are strings"):
        certcentral.validate({1: "x"}, PRODUCT)  # type: ignore[dict-item]


def test_non_object_orders_are_invalid_type() -> None:
    for value in ([], 42, None, [1, 2]):
        verdict = certcentral.check(value, PRODUCT)  # type: ignore[arg-type]
        assert [(v.path, v.code) for v in verdict.violations] == [("", "invalid_type")]


def test_today_accepts_dates_datetimes_and_strings(seed_payload: dict[str, Any]) -> None:
    import datetime

    seed_payload["custom_expiration_date"] = "2027-01-01"
    on = datetime.date(2026, 11, 28)
    assert certcentral.check(seed_payload, PRODUCT, today=on) == certcentral.check(
        seed_payload, PRODUCT, today="2026-11-28"
    )
    assert certcentral.check(
        seed_payload, PRODUCT, today=datetime.datetime(2026, 11, 28, 23, 59)
    ).valid
    late = certcentral.check(seed_payload, PRODUCT, today=datetime.date(2027, 6, 1))
    assert ("custom_expiration_date", "date_out_of_range") in {
        (v.path, v.code) for v in late.violations
    }
    with pytest.raises(ValueError):
        certcentral.check(seed_payload, PRODUCT, today="28.11.2026")
    with pytest.raises(TypeError):
        certcentral.check(seed_payload, PRODUCT, today=20261128)  # type: ignore[arg-type]


def test_status_enums_compare_with_plain_strings() -> None:
    issued: str = "issued"
    assert certcentral.OrderStatus.ISSUED == issued
    assert str(certcentral.OrderStatus.NEEDS_APPROVAL) == "needs_approval"
    assert f"{certcentral.RequestStatus.PENDING}" == "pending"
    info = certcentral.OrderInfo.from_dict({"id": 1, "status": "issued"})
    assert info.status == certcentral.OrderStatus.ISSUED
    assert certcentral.OrderStatus(info.status) is certcentral.OrderStatus.ISSUED


def test_module_constants() -> None:
    assert "ssl_securesite_pro" in certcentral.KNOWN_PRODUCTS
    assert "invalid_domain" in certcentral.VIOLATION_CODES
    assert "csr_name_not_in_order" in certcentral.WARNING_CODES
    assert certcentral.__version__.count(".") == 2
    for name in certcentral.__all__:
        assert hasattr(certcentral, name), name
