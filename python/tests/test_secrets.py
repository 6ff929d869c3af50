"""A canary API key never appears in any repr, str or exception text."""

from __future__ import annotations

import pickle
import socket
import traceback
from collections.abc import Iterator
from typing import Any

import pytest

import certcentral
from certcentral.testing import Sandbox
from conftest import PRODUCT

CANARY = "CANARY-KEY-py-7f3a9c1e5b2d4680-do-not-print"


def texts(obj: object) -> Iterator[str]:
    """Every text a user might see for an object (and for an exception, its attributes)."""
    yield repr(obj)
    yield str(obj)
    yield f"{obj}"
    if isinstance(obj, BaseException):
        yield "".join(traceback.format_exception(type(obj), obj, obj.__traceback__))
        yield repr(obj.args)
        for name, value in vars(obj).items():
            yield f"{name}={value!r}"
        yield repr(pickle.dumps(obj))


def assert_clean(obj: object) -> None:
    for text in texts(obj):
        assert CANARY not in text, text
        assert CANARY[:16] not in text, text


def raised(call: Any, *args: Any, **kwargs: Any) -> BaseException:
    with pytest.raises(certcentral.CertCentralError) as info:
        call(*args, **kwargs)
    return info.value


def test_client_repr_and_str() -> None:
    client = certcentral.Client(CANARY, base_url="http://127.0.0.1:9/services/v2")
    assert_clean(client)
    assert CANARY not in repr(dir(client))
    with pytest.raises(TypeError) as info:
        pickle.dumps(client)
    assert_clean(info.value)


def test_errors_from_a_server_that_refuses_the_key(
    sandbox: Sandbox, seed_payload: dict[str, Any]
) -> None:
    with certcentral.Client(CANARY, base_url=sandbox.base_url, max_retries=0) as client:
        assert_clean(raised(client.order_info, 1))
        assert_clean(raised(client.submit_order, PRODUCT, seed_payload))
        assert_clean(raised(client.update_request_status, 1, "approved"))
        assert_clean(raised(client.download_chain, 1))


def test_errors_when_the_key_is_accepted(seed_payload: dict[str, Any]) -> None:
    with Sandbox(api_keys=[CANARY], issue_delay=0) as sb:
        assert_clean(sb)
        with sb.client(max_retries=0, timeout=0.5) as client:
            assert_clean(client)
            assert_clean(raised(client.order_info, 424242))  # NotFoundError
            sb.inject("drop_after_body", method="POST")
            assert_clean(raised(client.submit_order, PRODUCT, seed_payload))  # OutcomeUnknown
            sb.inject("latency", latency_ms=1500, method="GET")
            assert_clean(raised(client.list_orders))  # TimeoutError
            sb.inject("malformed_json", method="GET", path_prefix="/order/certificate")
            assert_clean(raised(client.list_orders))  # DecodeError
            sb.inject("rate_limit")
            assert_clean(raised(client.list_orders))  # RateLimitError
            resp = client.submit_order(PRODUCT, seed_payload)
            assert_clean(resp)
            assert_clean(client.order_info(resp.id))
            seed_payload["validity_years"] = 5
            assert_clean(raised(client.submit_order, PRODUCT, seed_payload))  # ValidationError


def test_errors_without_a_server(seed_payload: dict[str, Any]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with certcentral.Client(CANARY, base_url=f"http://127.0.0.1:{port}/services/v2",
                            max_retries=0) as client:
        assert_clean(raised(client.order_info, 1))  # TransportError
        assert_clean(raised(client.submit_order, PRODUCT, seed_payload))
    for kwargs in (
        {"base_url": "http://example.com/services/v2"},
        {"region": "xx"},
        {"proxy": "::bad::"},
        {"root_certificates_pem": "junk"},
        {"timeout": -1.0},
    ):
        assert_clean(raised(certcentral.Client, CANARY, **kwargs))
