"""The whole order lifecycle against the in-process sandbox, over real HTTP."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import certcentral
from certcentral.testing import Sandbox
from conftest import PRODUCT


def test_seed_payload_validates_and_goes_through_the_lifecycle(
    sandbox: Sandbox, client: certcentral.Client, seed_payload: dict[str, Any]
) -> None:
    report = certcentral.validate(seed_payload, PRODUCT)
    assert sorted((w.path, w.code) for w in report.warnings) == [
        ("certificate.csr", "csr_name_not_in_order"),
        ("certificate.csr", "csr_name_not_in_order"),
        ("certificate.organization_units", "deprecated_field"),
    ]

    resp = client.submit_order(PRODUCT, seed_payload)
    assert resp.requests[0].status == certcentral.RequestStatus.PENDING
    assert resp.certificate_id is None and resp.certificate_chain == []

    info = client.order_info(resp.id)
    assert info.id == resp.id and not info.is_final and info.certificate_id is None
    assert info.product is not None and info.product.name_id == PRODUCT

    client.update_request_status(resp.requests[0].id, "approved", comment="ok by the test")
    info = client.wait_for_issuance(resp.id, timeout=30, poll_interval=0.05)
    assert info.status == "issued" and info.is_final
    assert info.certificate_id is not None
    assert info.raw_json.startswith("{")

    chain = client.download_chain(info.certificate_id)
    assert chain.leaf.subject_common_name == "example.com"
    assert set(chain.leaf.dns_names) >= {"example.com", "example2.com", "example3.com"}
    assert not chain.leaf.is_ca and chain.root is not None and chain.root.self_issued
    assert chain.root.pem.strip() == sandbox.root_pem.strip()
    assert [c.subject_common_name for c in chain] == [
        chain.leaf.subject_common_name,
        *[i.subject_common_name for i in chain.intermediates],
        chain.root.subject_common_name,
    ]
    assert chain.pem == "".join(c.pem for c in chain.certificates())
    assert client.download_chain_by_order(resp.id) == chain

    pem_all = client.download_certificate(info.certificate_id)
    assert isinstance(pem_all, bytes) and pem_all.count(b"BEGIN CERTIFICATE") == 3
    p7b = client.download_certificate(info.certificate_id, format="p7b")
    assert isinstance(p7b, bytes) and len(p7b) > 500
    intermediates = client.certificate_intermediates(info.certificate_id)
    assert intermediates and intermediates[0].pem.startswith("-----BEGIN CERTIFICATE-----")

    assert [o["id"] for o in sandbox.log()["orders"]] == [resp.id]


def test_order_model_submits_like_the_dict(
    client: certcentral.Client, seed_payload: dict[str, Any]
) -> None:
    order = certcentral.Order.from_dict(seed_payload)
    as_model = client.submit_order(PRODUCT, order)
    as_json = client.submit_order(PRODUCT, order.to_json())
    assert as_model.requests[0].status == as_json.requests[0].status == "pending"
    assert as_model.id != as_json.id


NEW_ORGANIZATION = {
    "name": "Example Inc",
    "address": "2801 N Thanksgiving Way",
    "city": "Lehi",
    "state": "Utah",
    "zip": "84043",
    "country": "us",
    "telephone": "8017019600",
    "organization_contact": {
        "first_name": "Chris",
        "last_name": "Redfield",
        "job_title": "Director of IT",
        "telephone": "8017019600",
        "email": "chris.redfield@example.com",
    },
}


@pytest.mark.parametrize(
    ("approval", "skip_approval", "new_org", "shape"),
    [
        ("manual", False, False, "pending"),
        ("manual", True, False, "submitted"),
        ("auto", False, False, "approved"),
        ("auto", True, False, "certificate_id_only"),
        ("immediate", False, False, "certificate_chain"),
        ("manual", False, True, "new_organization"),
    ],
)
def test_every_seed_response_shape_from_the_sandbox(
    sandbox: Sandbox,
    client: certcentral.Client,
    seed_payload: dict[str, Any],
    approval: str,
    skip_approval: bool,
    new_org: bool,
    shape: str,
) -> None:
    sandbox.approval = approval  # type: ignore[assignment]
    assert sandbox.approval == approval
    if skip_approval:
        seed_payload["skip_approval"] = True
    if new_org:
        seed_payload["organization"] = dict(NEW_ORGANIZATION, contacts=seed_payload["organization"]["contacts"])
    resp = client.submit_order(PRODUCT, seed_payload)
    assert resp.id > 0
    requests = [(r.id > 0, r.status) for r in resp.requests]
    if shape == "pending":
        assert requests == [(True, "pending")]
        assert resp.certificate_id is None and resp.organization is None
    elif shape == "submitted":
        assert requests == [(True, "submitted")]
        assert resp.certificate_id is None
    elif shape == "approved":
        assert requests == [(True, "approved")]
        assert resp.certificate_id is not None
    elif shape == "certificate_id_only":
        assert requests == [] and resp.certificate_id is not None
    elif shape == "certificate_chain":
        assert resp.certificate_id is not None
        assert len(resp.certificate_chain) == 3
        assert resp.certificate_chain[0].subject_common_name == "example.com"
        assert all(e.pem.startswith("-----BEGIN CERTIFICATE-----") for e in resp.certificate_chain)
        chain = client.download_chain(resp.certificate_id)
        assert chain.leaf.pem.strip() == resp.certificate_chain[0].pem.strip()
    elif shape == "new_organization":
        assert requests == [(True, "pending")]
        assert resp.organization is not None and resp.organization.id > 0
    else:  # pragma: no cover
        raise AssertionError(shape)
    if resp.certificate_id is None and approval == "manual" and not skip_approval:
        client.update_request_status(resp.requests[0].id, certcentral.RequestStatus.APPROVED)
    info = client.wait_for_issuance(resp.id, timeout=30, poll_interval=0.05)
    assert info.status == "issued"
    if resp.certificate_id is not None:
        assert info.certificate_id == resp.certificate_id


def test_rejected_request(client: certcentral.Client, seed_payload: dict[str, Any]) -> None:
    resp = client.submit_order(PRODUCT, seed_payload)
    client.update_request_status(resp.requests[0].id, "rejected", comment="not today")
    info = client.wait_for_issuance(resp.id, timeout=10, poll_interval=0.05)
    assert info.status == certcentral.OrderStatus.REJECTED and info.is_final
    assert info.certificate_id is None


def test_list_and_find_recent_orders(
    sandbox: Sandbox, client: certcentral.Client, seed_payload: dict[str, Any]
) -> None:
    before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
    ids = [client.submit_order(PRODUCT, seed_payload).id for _ in range(3)]
    seed_payload["certificate"]["common_name"] = "example2.com"
    other = client.submit_order(PRODUCT, seed_payload).id

    page = client.list_orders()
    assert {o.id for o in page.orders} == {*ids, other}
    assert page.page.total == 4
    filtered = client.list_orders({"common_name": "example.com"}, sort="-date_created", limit=2)
    assert len(filtered.orders) == 2 and filtered.page.total == 3

    found = client.find_recent_orders("example.com", before)
    assert sorted(o.id for o in found) == sorted(ids)
    assert all(o.certificate is not None and o.certificate.common_name == "example.com" for o in found)
    future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    assert client.find_recent_orders("example.com", future) == []
    with pytest.raises(ValueError, match="timezone-aware"):
        client.find_recent_orders("example.com", datetime.datetime.now())
    with pytest.raises(TypeError):
        client.find_recent_orders("example.com", "yesterday")  # type: ignore[arg-type]


def test_sandbox_controls(seed_payload: dict[str, Any]) -> None:
    with Sandbox(api_keys=["k1", "k2"], approval="auto", issue_delay=0, rate_limit=False) as sb:
        assert sb.api_key == "k1"
        assert sb.base_url == f"http://127.0.0.1:{sb.port}/services/v2"
        assert repr(sb) == f"Sandbox(base_url='{sb.base_url}')"
        mode: str = sb.approval
        assert mode == "auto"
        sb.set_approval("immediate")
        mode = sb.approval
        assert mode == "immediate"
        with pytest.raises(ValueError, match="approval"):
            sb.set_approval("sometimes")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="invalid fault"):
            sb.inject("explode")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="invalid fault"):
            sb.inject("status", status=404)
        sb.inject("status", status=503, count=5)
        sb.clear_faults()
        with certcentral.Client("k2", base_url=sb.base_url) as c:
            assert c.submit_order(PRODUCT, seed_payload).certificate_chain
        assert len(sb.log()["orders"]) == 1
        sb.reset()
        assert sb.log() == {"requests": [], "orders": []}
        assert not sb.closed
    assert sb.closed
    sb.close()  # idempotent
    with pytest.raises(RuntimeError, match="closed"):
        sb.log()
    with pytest.raises(certcentral.TransportError):
        certcentral.Client("k1", base_url=sb.base_url, max_retries=0).order_info(1)


def test_sandbox_without_validation_answers_like_digicert(
    seed_payload: dict[str, Any],
) -> None:
    # The client validates first, so the server's 400 is reached only with a raw request;
    # this checks the sandbox refuses invalid orders too (DigiCert-style error items).
    import json
    import urllib.error
    import urllib.request

    with Sandbox() as sb:
        seed_payload["validity_years"] = 9
        req = urllib.request.Request(
            f"{sb.base_url}/order/certificate/{PRODUCT}",
            data=json.dumps(seed_payload).encode(),
            headers={"X-DC-DEVKEY": sb.api_key, "Content-Type": "application/json"},
            method="POST",
        )
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(req, timeout=10)
        assert info.value.code == 400
        body = json.loads(info.value.read())
        info.value.close()
        assert body["errors"] and all("code" in e for e in body["errors"])
