"""The GIL is released during blocking calls, and one Client is shared by many threads."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import pytest

import certcentral
from certcentral.testing import Sandbox
from conftest import PRODUCT


@contextmanager
def ticker(interval: float = 0.005) -> Iterator[list[float]]:
    """A Python thread that records a tick every `interval` seconds while the block runs. It
    can only tick while the main thread does not hold the GIL."""
    ticks: list[float] = []
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(interval)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(0.05)  # let it start ticking
    try:
        yield ticks
    finally:
        stop.set()
        thread.join(timeout=5)


def ticks_during(call: Callable[[], object]) -> tuple[int, float]:
    """How many ticks another thread made while `call` ran, and how long it ran."""
    with ticker() as ticks:
        started = time.monotonic()
        call()
        ended = time.monotonic()
    return sum(started <= t <= ended for t in ticks), ended - started


def test_network_calls_release_the_gil(sandbox: Sandbox, client: certcentral.Client) -> None:
    sandbox.inject("latency", latency_ms=600, method="GET")
    n, took = ticks_during(lambda: client.list_orders())
    assert took >= 0.5
    assert n >= 20, f"only {n} ticks in {took:.2f} s: the GIL was held during the request"


def test_submit_releases_the_gil(
    sandbox: Sandbox, client: certcentral.Client, seed_payload: dict[str, Any]
) -> None:
    sandbox.inject("latency", latency_ms=600, method="POST")
    n, took = ticks_during(lambda: client.submit_order(PRODUCT, seed_payload))
    assert took >= 0.5 and n >= 20, f"only {n} ticks in {took:.2f} s"


def test_waiting_releases_the_gil(seed_payload: dict[str, Any]) -> None:
    with Sandbox(approval="auto", issue_delay=0.6) as sb, sb.client() as client:
        resp = client.submit_order(PRODUCT, seed_payload)
        n, took = ticks_during(
            lambda: client.wait_for_issuance(resp.id, timeout=30, poll_interval=0.1)
        )
    assert took >= 0.4 and n >= 15, f"only {n} ticks in {took:.2f} s"


def test_validation_releases_the_gil(seed_payload: dict[str, Any]) -> None:
    # An order heavy enough that the core's checks take a measurable time (a generic product
    # has no limit on names), grown until one call takes at least 0.15 s.
    import json

    for n in (20_000, 80_000, 320_000, 1_280_000):
        seed_payload["certificate"]["dns_names"] = [f"host{i}.example.com" for i in range(n)]
        text = json.dumps(seed_payload)
        ticks, took = ticks_during(lambda: certcentral.check(text, "ssl_private_custom"))
        if took >= 0.15:
            break
    assert took >= 0.15, "the validation was too quick to measure"
    expected = took / 0.005
    assert ticks >= expected * 0.2, f"only {ticks} ticks in {took:.2f} s: the GIL was held"


def test_threads_share_one_client(
    sandbox: Sandbox, client: certcentral.Client, seed_payload: dict[str, Any]
) -> None:
    sandbox.set_approval("auto")

    def lifecycle(i: int) -> tuple[int, int]:
        order = dict(seed_payload, comments=f"thread order {i}")
        resp = client.submit_order(PRODUCT, order)
        info = client.wait_for_issuance(resp.id, timeout=30, poll_interval=0.05)
        assert info.certificate_id is not None
        chain = client.download_chain(info.certificate_id)
        assert chain.leaf.subject_common_name == "example.com"
        return resp.id, info.certificate_id

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lifecycle, range(16)))
    order_ids = [r[0] for r in results]
    assert len(set(order_ids)) == 16
    assert len({r[1] for r in results}) == 16
    assert sorted(o["id"] for o in sandbox.log()["orders"]) == sorted(order_ids)


def test_closing_a_shared_client_is_safe(sandbox: Sandbox, client: certcentral.Client) -> None:
    sandbox.inject("latency", latency_ms=300, method="GET")
    errors: list[BaseException] = []

    def slow_call() -> None:
        try:
            client.list_orders()
        except BaseException as e:  # noqa: BLE001 - recorded for the assertion below
            errors.append(e)

    thread = threading.Thread(target=slow_call)
    thread.start()
    time.sleep(0.1)
    client.close()  # an in-flight call finishes on its own reference
    thread.join(timeout=10)
    assert errors == []
    assert client.closed


def test_ctrl_c_interrupts_a_wait(
    sandbox: Sandbox, client: certcentral.Client, seed_payload: dict[str, Any]
) -> None:
    # Manual approval: the order is never issued, so only the signal can end the wait.
    resp = client.submit_order(PRODUCT, seed_payload)
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            client.wait_for_issuance(resp.id, timeout=60.0, poll_interval=30.0)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 30.0, "the wait ran to its poll interval"
