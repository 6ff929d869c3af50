"""Python clients of `cargo xtask bench`. Each mode prints JSON lines (one per result):
``{"client", "threads", "calls", "wall_ns", "samples_ns": [...]}`` (per-call latencies), or the
memory figures. Nothing here asserts a timing.

Modes:
  requests      the seed's Python sample (requests), one Session kept alive, response.json()
  binding       certcentral.Client.submit_order with the order as a dict, then as JSON text,
                then certcentral.validate(dict) alone, all in this one process
  threads       certcentral.Client shared by 1 thread, then by --threads threads
  validate      certcentral.validate per call, for each --payload (dict and JSON text)
  memory        validates 10,000 distinct orders; prints max RSS before and after
  where         prints which certcentral is imported (the bench's wheel, not a dev install)

Common options: --url BASE --payload FILE [--payload FILE2] --key K --product P --calls N
--warmup W --threads T --label L
"""

from __future__ import annotations

import argparse
import copy
import json
import resource
import sys
import threading
from time import perf_counter_ns
from typing import Any, Callable, List

PRODUCT = "ssl_securesite_pro"


def line(client: str, threads: int, wall_ns: int, samples: List[int], **extra: Any) -> None:
    out = {"client": client, "threads": threads, "calls": len(samples), "wall_ns": wall_ns}
    out.update(extra)
    out["samples_ns"] = samples
    print(json.dumps(out, separators=(",", ":")), flush=True)


def timed(fn: Callable[[], Any], calls: int, warmup: int) -> "tuple[int, List[int]]":
    for _ in range(warmup):
        fn()
    samples = []
    append = samples.append
    start = perf_counter_ns()
    for _ in range(calls):
        t = perf_counter_ns()
        fn()
        append(perf_counter_ns() - t)
    return perf_counter_ns() - start, samples


def mode_requests(a: argparse.Namespace) -> None:
    import requests

    url = f"{a.url}/order/certificate/{a.product}"
    payload = open(a.payload[0], encoding="utf-8").read()
    headers = {"X-DC-DEVKEY": a.key, "Content-Type": "application/json"}
    session = requests.Session()  # the seed uses requests.request(); a Session keeps it alive

    def call() -> None:
        response = session.request("POST", url, data=payload, headers=headers)
        if response.status_code != 201 or response.json()["id"] != 112233:
            raise SystemExit(f"unexpected answer {response.status_code}: {response.text}")

    wall, samples = timed(call, a.calls, a.warmup)
    line("py-requests", 1, wall, samples)


def binding_client(a: argparse.Namespace) -> Any:
    import certcentral

    return certcentral.Client(a.key, base_url=a.url, rate_limit=False, proxy=False)


def mode_binding(a: argparse.Namespace) -> None:
    import certcentral

    text = open(a.payload[0], encoding="utf-8").read()
    order = json.loads(text)
    client = binding_client(a)

    def submit_dict() -> None:
        if client.submit_order(a.product, order).id != 112233:
            raise SystemExit("unexpected answer")

    def submit_text() -> None:
        if client.submit_order(a.product, text).id != 112233:
            raise SystemExit("unexpected answer")

    def validate_dict() -> None:
        certcentral.validate(order, a.product)

    wall, samples = timed(submit_dict, a.calls, a.warmup)
    line("py-binding", 1, wall, samples)
    wall, samples = timed(submit_text, a.calls, a.warmup)
    line("py-binding-json-text", 1, wall, samples)
    wall, samples = timed(validate_dict, a.calls, a.warmup)
    line("py-validate-dict", 1, wall, samples)
    client.close()


def threaded(fn: Callable[[], Any], threads: int, calls: int, warmup: int) -> "tuple[int, List[int]]":
    per = max(1, calls // threads)
    barrier = threading.Barrier(threads + 1)
    results: List[List[int]] = [[] for _ in range(threads)]

    def worker(i: int) -> None:
        for _ in range(warmup):
            fn()
        out = results[i]
        barrier.wait()
        for _ in range(per):
            t = perf_counter_ns()
            fn()
            out.append(perf_counter_ns() - t)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    barrier.wait()
    start = perf_counter_ns()
    for t in pool:
        t.join()
    wall = perf_counter_ns() - start
    return wall, [s for r in results for s in r]


def mode_threads(a: argparse.Namespace) -> None:
    order = json.loads(open(a.payload[0], encoding="utf-8").read())
    client = binding_client(a)

    def submit() -> None:
        if client.submit_order(a.product, order).id != 112233:
            raise SystemExit("unexpected answer")

    for n in (1, a.threads):
        wall, samples = threaded(submit, n, a.calls, a.warmup)
        line("py-binding", n, wall, samples)
    client.close()


def mode_validate(a: argparse.Namespace) -> None:
    import certcentral

    for path, label in zip(a.payload, a.label):
        text = open(path, encoding="utf-8").read()
        order = json.loads(text)
        wall, samples = timed(lambda: certcentral.validate(order, a.product), a.calls, a.warmup)
        line(f"py-validate-dict-{label}", 1, wall, samples)
        wall, samples = timed(lambda: certcentral.validate(text, a.product), a.calls, a.warmup)
        line(f"py-validate-json-{label}", 1, wall, samples)


def max_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def mode_memory(a: argparse.Namespace) -> None:
    import certcentral

    template = json.loads(open(a.payload[0], encoding="utf-8").read())
    before = max_rss_kib()
    start = perf_counter_ns()
    warnings = 0
    for i in range(a.calls):
        order = copy.deepcopy(template)
        order["certificate"]["common_name"] = f"host{i}.example.com"
        order["certificate"]["dns_names"] = [f"a{i}.example.com", f"b{i}.example.com"]
        warnings += len(certcentral.validate(order, a.product).warnings)
    wall = perf_counter_ns() - start
    out = {
        "client": "py-memory",
        "orders": a.calls,
        "warnings": warnings,
        "wall_ns": wall,
        "max_rss_before_kib": before,
        "max_rss_kib": max_rss_kib(),
    }
    print(json.dumps(out), flush=True)


def mode_where(a: argparse.Namespace) -> None:
    import certcentral

    print(json.dumps({"file": certcentral.__file__, "version": certcentral.__version__}))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["requests", "binding", "threads", "validate", "memory", "where"])
    p.add_argument("--url", default="")
    p.add_argument("--payload", action="append", default=[])
    p.add_argument("--label", action="append", default=[])
    p.add_argument("--key", default="bench-key")
    p.add_argument("--product", default=PRODUCT)
    p.add_argument("--calls", type=int, default=1000)
    p.add_argument("--warmup", type=int, default=100)
    p.add_argument("--threads", type=int, default=8)
    a = p.parse_args()
    globals()[f"mode_{a.mode}"](a)


if __name__ == "__main__":
    sys.exit(main())
