"""Shared fixtures: the repository's test data, a fresh sandbox per test, clients for it."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import certcentral
from certcentral.testing import Sandbox

PYTHON_DIR = Path(__file__).resolve().parent.parent
REPO = PYTHON_DIR.parent
FIXTURES = REPO / "tests" / "fixtures"
VECTORS = REPO / "tests" / "vectors"
PRODUCT = "ssl_securesite_pro"


def pytest_report_header() -> list[str]:
    native = certcentral._native.__file__
    return [f"certcentral {certcentral.__version__}: {certcentral.__file__} (native: {native})"]


def pytest_sessionstart(session: pytest.Session) -> None:
    # `cargo xtask test` installs the freshly built wheel and sets this: fail loudly if the
    # package (or a stale _native*.so left by `maturin develop`) comes from the source tree.
    if os.environ.get("CERTCENTRAL_TEST_EXPECT_INSTALLED") == "1":
        source = PYTHON_DIR / "certcentral"
        for module in (certcentral, certcentral._native):
            where = Path(str(module.__file__)).resolve()
            if source in where.parents:
                raise pytest.UsageError(
                    f"{module.__name__} was imported from the source tree ({where}), "
                    "not from the installed wheel"
                )


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def csr() -> str:
    """A real RSA-2048 CSR for example.com (SANs sub/app.example.com, example2/3.com)."""
    return (FIXTURES / "csr" / "rsa2048.pem").read_text(encoding="ascii")


@pytest.fixture(scope="session")
def _seed_payload(csr: str) -> dict[str, Any]:
    payload: dict[str, Any] = read_json(FIXTURES / "seed" / "python_payload.json")
    assert payload["certificate"]["csr"] == "<csr>"
    payload["certificate"]["csr"] = csr
    return payload


@pytest.fixture
def seed_payload(_seed_payload: dict[str, Any]) -> dict[str, Any]:
    """The seed's Python sample payload, as a dict, with a real CSR for `<csr>` (a copy per
    test: change it freely)."""
    return copy.deepcopy(_seed_payload)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A fresh in-process sandbox: manual approval, no issue delay, rate limits on."""
    with Sandbox(approval="manual", issue_delay=0) as sb:
        yield sb


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[certcentral.Client]:
    """A client of the sandbox with fast retries."""
    with sandbox.client(max_retries=1, timeout=10.0) as c:
        yield c
