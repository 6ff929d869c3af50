"""Every exception class, raised by the real sandbox over HTTP, with its attributes."""

from __future__ import annotations

import builtins
import datetime
import pickle
import socket
import time
from typing import Any

import pytest

import certcentral
from certcentral.testing import Sandbox
from conftest import PRODUCT

UTC = datetime.timezone.utc


def test_hierarchy() -> None:
    c = certcentral
    assert issubclass(c.ValidationError, c.CertCentralError)
    assert issubclass(c.ValidationError, ValueError)
    assert issubclass(c.ConfigError, c.CertCentralError) and issubclass(c.ConfigError, ValueError)
    for api in (c.AuthenticationError, c.NotFoundError, c.RateLimitError):
        assert issubclass(api, c.ApiError) and issubclass(api, c.CertCentralError)
    assert issubclass(c.TransportError, c.CertCentralError)
    assert issubclass(c.TransportError, ConnectionError)
    assert issubclass(c.TimeoutError, c.TransportError)
    assert issubclass(c.TimeoutError, builtins.TimeoutError)
    assert c.TimeoutError is not builtins.TimeoutError
    assert issubclass(c.DecodeError, c.CertCentralError)
    # A lost submit must never look like a retryable connection error.
    assert issubclass(c.OutcomeUnknownError, c.CertCentralError)
    assert not issubclass(c.OutcomeUnknownError, (ConnectionError, c.TransportError))
    for name in ("CertCentralError", "ValidationError", "ApiError", "TimeoutError"):
        assert getattr(c, name).__module__ == "certcentral"


def test_authentication_error(sandbox: Sandbox, seed_payload: dict[str, Any]) -> None:
    with certcentral.Client("wrong-key", base_url=sandbox.base_url, max_retries=0) as client:
        with pytest.raises(certcentral.AuthenticationError) as info:
            client.order_info(1)
        e = info.value
        assert e.status == 403
        assert [(i.code, i.category, i.subcode, i.field) for i in e.errors] == [
            ("access_denied|access_denied_invalid_key", "access_denied",
             "access_denied_invalid_key", None)
        ]
        assert e.codes == ["access_denied|access_denied_invalid_key"]
        assert "access_denied_invalid_key" in e.raw_body
        assert isinstance(e, certcentral.ApiError)
        with pytest.raises(certcentral.AuthenticationError):
            client.submit_order(PRODUCT, seed_payload)
    assert sandbox.log()["orders"] == []


def test_not_found_errors(client: certcentral.Client, seed_payload: dict[str, Any]) -> None:
    with pytest.raises(certcentral.NotFoundError) as info:
        client.order_info(987654321)
    e = info.value
    assert e.status == 404
    assert e.errors[0].category == "not_found" and e.errors[0].subcode == "order"
    assert e.errors[0].message
    with pytest.raises(certcentral.NotFoundError) as info:
        client.submit_order("ssl_no_such_product", seed_payload)
    assert info.value.errors[0].code == "not_found|product"


def test_invalid_order_raises_validation_error_and_sends_nothing(
    sandbox: Sandbox, client: certcentral.Client, seed_payload: dict[str, Any]
) -> None:
    seed_payload["certificate"]["dns_names"].append("bad_name.example.com")
    seed_payload["validity_years"] = 3
    del seed_payload["certificate"]["signature_hash"]
    with pytest.raises(certcentral.ValidationError) as info:
        client.submit_order(PRODUCT, seed_payload)
    e = info.value
    assert sorted((v.path, v.code) for v in e.violations) == [
        ("certificate.dns_names[2]", "invalid_domain"),
        ("certificate.signature_hash", "required"),
        ("validity_years", "out_of_range"),
    ]
    assert all(v.message for v in e.violations)
    assert "3 violations" in str(e) and "certificate.dns_names[2]" in str(e)
    assert sandbox.log()["requests"] == []


def test_api_error_400_with_its_items(
    client: certcentral.Client, seed_payload: dict[str, Any]
) -> None:
    resp = client.submit_order(PRODUCT, seed_payload)
    client.update_request_status(resp.requests[0].id, "approved")
    with pytest.raises(certcentral.ApiError) as info:
        client.update_request_status(resp.requests[0].id, "rejected")
    e = info.value
    assert type(e) is certcentral.ApiError
    assert e.status == 400
    assert e.codes == ["request_already_processed"]
    assert e.errors[0].category == "request_already_processed" and e.errors[0].message
    assert "request_already_processed" in str(e) and "400" in str(e)


def test_api_error_from_a_server_error(sandbox: Sandbox, client: certcentral.Client) -> None:
    sandbox.inject("status", status=500, path_prefix="/order/certificate/")
    with pytest.raises(certcentral.ApiError) as info:
        client.order_info(1)
    e = info.value
    assert type(e) is certcentral.ApiError
    assert e.status == 500 and e.errors and e.raw_body


def test_html_gateway_error_keeps_status_and_body(sandbox: Sandbox) -> None:
    sandbox.inject("html_error", count=2)
    with sandbox.client(max_retries=1) as client, pytest.raises(certcentral.ApiError) as info:
        client.order_info(1)
    e = info.value
    assert e.status == 502 and e.errors == [] and "<html" in e.raw_body.lower()
    assert [r["status"] for r in sandbox.log()["requests"]] == [502, 502]  # retried once


def test_rate_limit_error_from_a_fault(sandbox: Sandbox) -> None:
    sandbox.inject("rate_limit", retry_after=7)
    with sandbox.client(max_retries=0) as client, pytest.raises(certcentral.RateLimitError) as info:
        client.order_info(1)
    e = info.value
    assert e.status == 429 and e.retry_after == 7.0
    assert e.errors[0].code == "request_limit_exceeded"


def test_rate_limit_error_from_the_servers_limit(seed_payload: dict[str, Any]) -> None:
    # The sandbox enforces DigiCert's 100 requests / 5 s per key; a client with its own limiter
    # off and no retries runs into it. Eight threads share the client to be well within 5 s.
    from concurrent.futures import ThreadPoolExecutor

    with Sandbox(issue_delay=0) as sb:
        with sb.client(rate_limit=False, max_retries=0) as client:
            order_id = client.submit_order(PRODUCT, seed_payload).id

            def call(_: int) -> BaseException | None:
                try:
                    client.order_info(order_id)
                except certcentral.CertCentralError as e:
                    return e
                return None

            with ThreadPoolExecutor(8) as pool:
                outcomes = list(pool.map(call, range(130)))
        errors = [e for e in outcomes if e is not None]
        assert errors and all(isinstance(e, certcentral.RateLimitError) for e in errors)
        assert all(isinstance(e, certcentral.RateLimitError) and e.status == 429 for e in errors)
        statuses = [r["status"] for r in sb.log()["requests"]]
        assert statuses.count(429) == len(errors)
        assert statuses.count(200) + statuses.count(201) <= 100


def test_a_429_submit_is_retried_and_orders_once(
    sandbox: Sandbox, seed_payload: dict[str, Any]
) -> None:
    sandbox.inject("rate_limit", method="POST")
    with sandbox.client(max_retries=2) as client:
        resp = client.submit_order(PRODUCT, seed_payload)
    assert [r["status"] for r in sandbox.log()["requests"]] == [429, 201]
    assert [o["id"] for o in sandbox.log()["orders"]] == [resp.id]


@pytest.mark.parametrize("kind", ["drop_after_body", "drop_before_response", "truncated_body"])
def test_lost_submit_answer_is_outcome_unknown_and_never_resent(
    sandbox: Sandbox, seed_payload: dict[str, Any], kind: str
) -> None:
    sandbox.inject(kind, path_prefix="/order/certificate", method="POST")  # type: ignore[arg-type]
    before = datetime.datetime.now(UTC)
    with sandbox.client(max_retries=3) as client:
        with pytest.raises(certcentral.OutcomeUnknownError) as info:
            client.submit_order(PRODUCT, seed_payload)
        e = info.value
        assert e.product == PRODUCT and e.common_name == "example.com"
        assert e.sent_at.tzinfo is not None and e.sent_at.utcoffset() == datetime.timedelta(0)
        assert before - datetime.timedelta(seconds=1) <= e.sent_at <= datetime.datetime.now(UTC)
        assert e.detail and "find_recent_orders" in str(e)
        assert not isinstance(e, ConnectionError)
        # Sent exactly once: the library never resubmits.
        posts = [r for r in sandbox.log()["requests"] if r["method"] == "POST"]
        assert len(posts) == 1
        # Reconcile: did the lost submit create an order?
        found = client.find_recent_orders(e.common_name, e.sent_at - datetime.timedelta(minutes=5))
    created = sandbox.log()["orders"]
    assert [o.id for o in found] == [o["id"] for o in created]
    assert len(created) == (0 if kind == "drop_before_response" else 1)


def test_lost_get_answer_is_retried_then_transport_error(sandbox: Sandbox) -> None:
    sandbox.inject("drop_before_response", count=3)
    with sandbox.client(max_retries=2) as client, pytest.raises(certcentral.TransportError) as info:
        client.order_info(1)
    assert not isinstance(info.value, certcentral.TimeoutError)
    assert isinstance(info.value, ConnectionError)
    assert len(sandbox.log()["requests"]) == 3  # 1 + 2 retries


def test_a_retry_recovers_a_dropped_get(
    sandbox: Sandbox, client: certcentral.Client, seed_payload: dict[str, Any]
) -> None:
    order_id = client.submit_order(PRODUCT, seed_payload).id
    sandbox.inject("drop_before_response", path_prefix=f"/order/certificate/{order_id}")
    assert client.order_info(order_id).id == order_id


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connection_refused_is_transport_error_even_for_submit(
    seed_payload: dict[str, Any],
) -> None:
    base = f"http://127.0.0.1:{free_port()}/services/v2"
    with certcentral.Client("k", base_url=base, max_retries=1) as client:
        with pytest.raises(certcentral.TransportError):
            client.order_info(1)
        # Never connected: provably not received, so not OutcomeUnknown.
        with pytest.raises(certcentral.TransportError) as info:
            client.submit_order(PRODUCT, seed_payload)
        assert not isinstance(info.value, certcentral.OutcomeUnknownError)


def test_timeouts(sandbox: Sandbox, seed_payload: dict[str, Any]) -> None:
    with sandbox.client(timeout=0.3, max_retries=0) as client:
        sandbox.inject("latency", latency_ms=1000, method="GET")
        with pytest.raises(certcentral.TimeoutError) as info:
            client.order_info(1)
        assert isinstance(info.value, builtins.TimeoutError)
        assert isinstance(info.value, certcentral.TransportError)
        # A submit that times out after it was sent may have been placed.
        sandbox.inject("latency", latency_ms=1000, method="POST")
        with pytest.raises(certcentral.OutcomeUnknownError):
            client.submit_order(PRODUCT, seed_payload)


def test_wait_for_issuance_timeout(client: certcentral.Client, seed_payload: dict[str, Any]) -> None:
    resp = client.submit_order(PRODUCT, seed_payload)  # manual approval: never issued
    started = time.monotonic()
    with pytest.raises(certcentral.TimeoutError, match=str(resp.id)):
        client.wait_for_issuance(resp.id, timeout=0.3, poll_interval=0.05)
    assert time.monotonic() - started < 5


def test_decode_error(sandbox: Sandbox, client: certcentral.Client) -> None:
    sandbox.inject("malformed_json", path_prefix="/order/certificate")
    with pytest.raises(certcentral.NotFoundError):  # the status still decides first
        client.order_info(1)
    sandbox.inject("malformed_json", path_prefix="/order/certificate", method="GET")
    with pytest.raises(certcentral.DecodeError) as info:
        client.list_orders()
    assert info.value.raw_body
    assert not isinstance(info.value, ValueError)


def test_config_errors(sandbox: Sandbox, seed_payload: dict[str, Any]) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"region": "mars"}, "region"),
        ({"base_url": "http://www.digicert.com/services/v2"}, "plain HTTP"),
        ({"base_url": "not a url"}, "not a URL"),
        ({"timeout": 0}, "timeout"),
        ({"connect_timeout": -1.0}, "connect_timeout"),
        ({"proxy": 42}, "proxy"),
        ({"root_certificates_pem": "nothing"}, "root"),
    ]
    for kwargs, fragment in cases:
        with pytest.raises(certcentral.ConfigError, match=fragment):
            certcentral.Client("k", **kwargs)
    with pytest.raises(certcentral.ConfigError, match="empty"):
        certcentral.Client("  ")
    client = sandbox.client()
    with pytest.raises(certcentral.ConfigError, match="product"):
        client.submit_order("../order", seed_payload)
    with pytest.raises(certcentral.ConfigError, match="approved"):
        client.update_request_status(1, "maybe")
    with pytest.raises(certcentral.ConfigError, match="format"):
        client.download_certificate(1, format="../x")
    with pytest.raises(certcentral.ConfigError, match="poll_interval"):
        client.wait_for_issuance(1, poll_interval=0)
    client.close()
    assert client.closed
    with pytest.raises(certcentral.ConfigError, match="closed"):
        client.order_info(1)


def test_regions_and_proxy_settings() -> None:
    assert certcentral.Client("k").base_url == "https://www.digicert.com/services/v2"
    assert certcentral.Client("k", region="EU").base_url == (
        "https://certcentral.digicert.eu/services/v2"
    )
    assert certcentral.Client("k", proxy=False).base_url.startswith("https://")
    assert certcentral.Client("k", proxy="http://127.0.0.1:3128").base_url.startswith("https://")


def test_exceptions_pickle_with_their_attributes(
    sandbox: Sandbox, seed_payload: dict[str, Any]
) -> None:
    with certcentral.Client("wrong", base_url=sandbox.base_url, max_retries=0) as client:
        with pytest.raises(certcentral.AuthenticationError) as auth:
            client.order_info(1)
    copy = pickle.loads(pickle.dumps(auth.value))
    assert type(copy) is certcentral.AuthenticationError
    assert (copy.status, copy.errors, copy.raw_body, str(copy)) == (
        auth.value.status, auth.value.errors, auth.value.raw_body, str(auth.value)
    )
    sandbox.inject("drop_after_body", method="POST")
    with sandbox.client() as client, pytest.raises(certcentral.OutcomeUnknownError) as lost:
        client.submit_order(PRODUCT, seed_payload)
    again = pickle.loads(pickle.dumps(lost.value))
    assert (again.product, again.common_name, again.sent_at) == (
        lost.value.product, lost.value.common_name, lost.value.sent_at
    )
    seed_payload["validity_years"] = 7
    with pytest.raises(certcentral.ValidationError) as bad:
        certcentral.validate(seed_payload, PRODUCT)
    assert pickle.loads(pickle.dumps(bad.value)).violations == bad.value.violations


def test_exceptions_can_be_raised_by_user_code() -> None:
    e = certcentral.RateLimitError("slow down", retry_after=2.5)
    assert e.status == 429 and e.retry_after == 2.5 and e.message == "slow down"
    lost = certcentral.OutcomeUnknownError(
        "lost", product="p", common_name="c", sent_at=datetime.datetime.now(UTC)
    )
    assert lost.detail == ""
