"""Result classes: frozen, typed views of the core's response types (offline: the fixture
bodies in tests/fixtures/responses)."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

import certcentral
from conftest import FIXTURES, read_json

RESPONSES = FIXTURES / "responses"


def response(name: str) -> Any:
    return read_json(RESPONSES / f"{name}.json")


@pytest.mark.parametrize(
    ("name", "requests", "certificate_id", "organization_id", "chain"),
    [
        ("pending", [(113, "pending")], None, None, 0),
        ("submitted", [(113, "submitted")], None, None, 0),
        ("approved", [(113, "approved")], 113, None, 0),
        ("certificate_id_only", [], 113, None, 0),
        ("certificate_chain", [], 113, None, 3),
        ("new_organization", [(113, "pending")], None, 654321, 0),
        ("ids_as_strings", [(113, "pending")], None, None, 0),
    ],
)
def test_every_seed_shape_maps_to_attributes(
    name: str,
    requests: list[tuple[int, str]],
    certificate_id: int | None,
    organization_id: int | None,
    chain: int,
) -> None:
    resp = certcentral.OrderResponse.from_dict(response(name))
    assert resp.id == 112233
    assert [(r.id, r.status) for r in resp.requests] == requests
    assert resp.certificate_id == certificate_id
    assert (resp.organization.id if resp.organization else None) == organization_id
    assert len(resp.certificate_chain) == chain
    if chain:
        assert resp.certificate_chain[0].subject_common_name == "example.com"
        assert resp.certificate_chain[2].subject_common_name == "DigiCert Global Root CA"
        assert resp.certificate_chain[0].pem == "<pem_certificate>"


def test_results_are_frozen() -> None:
    resp = certcentral.OrderResponse.from_dict(response("approved"))
    with pytest.raises(AttributeError):
        resp.id = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        resp.requests[0].status = "rejected"  # type: ignore[misc]
    with pytest.raises(TypeError):
        certcentral.OrderResponse()  # no constructor: results come from the API or from_dict


def test_to_dict_equality_hash_pickle_repr() -> None:
    resp = certcentral.OrderResponse.from_dict(response("approved"))
    assert resp.to_dict() == {
        "id": 112233,
        "requests": [{"id": 113, "status": "approved"}],
        "certificate_id": 113,
    }
    same = certcentral.OrderResponse.from_dict(resp.to_dict())
    assert same == resp and hash(same) == hash(resp)
    assert resp != certcentral.OrderResponse.from_dict(response("pending"))
    assert resp != resp.to_dict()
    assert {resp, same} == {resp}
    assert pickle.loads(pickle.dumps(resp)) == resp
    assert copy.deepcopy(resp) == resp
    assert repr(resp) == (
        "OrderResponse(id=112233, requests=[Request(id=113, status='approved')], "
        "certificate_id=113, organization=None, certificate_chain=[])"
    )
    # Ids given as strings (some proxies) are read as numbers.
    assert certcentral.OrderResponse.from_dict(response("ids_as_strings")).id == 112233


def test_from_dict_rejects_what_is_not_a_response() -> None:
    with pytest.raises(ValueError, match="not a valid OrderResponse"):
        certcentral.OrderResponse.from_dict({"requests": []})


def test_order_info_issued() -> None:
    body = response("order_info_issued")
    info = certcentral.OrderInfo.from_dict(body)
    assert info.id == 112233
    assert info.status == "issued"
    assert info.status == certcentral.OrderStatus.ISSUED
    assert info.is_final
    assert info.certificate_id == 113
    assert info.certificate is not None
    assert info.certificate.serial_number == "0669D8CE2FB4BAF4BB4D0ADB7EDB8F4C"
    assert info.certificate.dns_names == ["example.com", "sub.example.com", "app.example.com"]
    assert info.certificate.valid_till == "2027-06-15"
    assert info.organization is not None and info.organization.name == "Example Inc"
    assert info.product is not None and info.product.name_id == "ssl_securesite_pro"


def test_order_info_pending_and_unknown_statuses() -> None:
    info = certcentral.OrderInfo.from_dict(response("order_info_pending"))
    assert not info.is_final
    assert info.certificate_id is None
    later = certcentral.OrderInfo.from_dict({"id": 5, "status": "some_new_status"})
    assert later.status == "some_new_status" and not later.is_final


def test_order_list() -> None:
    page = certcentral.OrderList.from_dict(response("order_list"))
    assert page.orders[0].id == 112233
    assert page.orders[0].status == "issued"
    assert page.orders[0].certificate is not None
    assert page.orders[0].certificate.common_name == "example.com"
    assert page.page.total >= len(page.orders)


def test_chain_entries() -> None:
    body = response("chain")
    entries = [certcentral.ChainEntry.from_dict(e) for e in body["intermediates"]]
    assert entries[0].subject_common_name == "CertCentral Fixture Intermediate CA"
    assert entries[1].pem.startswith("-----BEGIN CERTIFICATE-----")
    assert "...(" in repr(entries[0])  # the PEM is shortened in repr()


def test_certificate_chain_from_dict_round_trip() -> None:
    leaf = {
        "pem": "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n",
        "subject_common_name": "example.com",
        "issuer_common_name": "CA",
        "serial_hex": "01",
        "not_before": "2026-01-01T00:00:00Z",
        "not_after": "2027-01-01T00:00:00Z",
        "dns_names": ["example.com"],
        "is_ca": False,
        "self_issued": False,
    }
    chain = certcentral.CertificateChain.from_dict(
        {"leaf": leaf, "intermediates": [], "root": None}
    )
    assert chain.leaf.subject_common_name == "example.com"
    assert chain.root is None
    assert len(chain) == 1 and [c.serial_hex for c in chain] == ["01"]
    assert chain.pem == leaf["pem"]


def test_violation_and_api_error_item() -> None:
    v = certcentral.Violation.from_dict({"path": "a", "code": "required", "message": "m"})
    assert (v.path, v.code, v.message) == ("a", "required", "m")
    assert pickle.loads(pickle.dumps(v)) == v
    items = [
        certcentral.ApiErrorItem.from_dict(
            {"code": e["code"], "message": e["message"], "category": "", "subcode": None,
             "field": None}
        )
        for e in read_json(FIXTURES / "errors" / "multiple.json")["errors"]
    ]
    assert items[0].code == "required_param:certificate.csr"
