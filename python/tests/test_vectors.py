"""Every shared validation vector (tests/vectors/*.json) gives the same verdict as in Rust.

Comparison (tests/vectors/README.md): `valid` must match; violations and warnings are compared
as multisets of (path, code). Each case runs three ways: the order as JSON text, as the Python
value `json.loads` gives, and through `validate()` (which must raise `ValidationError` with the
same violations, or return a `Report` with the same warnings).
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import certcentral
from conftest import VECTORS

Findings = Counter[tuple[str, str]]


def _cases() -> list[Any]:
    files = sorted(VECTORS.glob("*.json"))
    assert files, f"no vectors in {VECTORS}"
    params = []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            params.append(pytest.param(path, case, id=f"{path.stem}::{case['name']}"))
    return params


CASES = _cases()


def findings(items: Any) -> Findings:
    return Counter((f["path"], f["code"]) if isinstance(f, dict) else (f.path, f.code) for f in items)


def describe(expect: dict[str, Any], verdict: certcentral.Verdict) -> str:
    want_v, got_v = findings(expect["violations"]), findings(verdict.violations)
    want_w, got_w = findings(expect["warnings"]), findings(verdict.warnings)
    return (
        f"valid: expected {expect['valid']}, got {verdict.valid}\n"
        f"missing violations: {sorted((want_v - got_v).elements())}\n"
        f"unexpected violations: {sorted((got_v - want_v).elements())}\n"
        f"missing warnings: {sorted((want_w - got_w).elements())}\n"
        f"unexpected warnings: {sorted((got_w - want_w).elements())}\n"
        f"messages: {[v.message for v in verdict.violations]}"
    )


def test_there_are_vectors() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize(("path", "case"), CASES)
def test_vector(path: Path, case: dict[str, Any]) -> None:
    expect = case["expect"]
    product = case["product"]
    today = datetime.date.fromisoformat(case["today"])

    as_text = certcentral.check(json.dumps(case["order"]), product, today=today)
    assert as_text.valid == expect["valid"], describe(expect, as_text)
    assert findings(as_text.violations) == findings(expect["violations"]), describe(expect, as_text)
    assert findings(as_text.warnings) == findings(expect["warnings"]), describe(expect, as_text)

    # The Python value (dict, list, float, ...) must give exactly the same verdict, and so must
    # `today` given as a string. (A Python str is JSON text by contract: the case whose order
    # is the JSON string "certificate" can only be given as text.)
    order = case["order"] if not isinstance(case["order"], str) else json.dumps(case["order"])
    as_value = certcentral.check(order, product, today=case["today"])
    assert as_value == as_text, describe(expect, as_value)

    if expect["valid"]:
        report = certcentral.validate(order, product, today=today)
        assert findings(report.warnings) == findings(expect["warnings"])
    else:
        with pytest.raises(certcentral.ValidationError) as info:
            certcentral.validate(order, product, today=today)
        assert findings(info.value.violations) == findings(expect["violations"])
        assert isinstance(info.value, ValueError)
