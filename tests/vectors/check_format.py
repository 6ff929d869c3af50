#!/usr/bin/env python3
"""Check that every tests/vectors/*.json file follows the vector format (stdlib only).

    python3 tests/vectors/check_format.py [FILE...]

Checks: file shape; case keys; unique snake_case names across all files; product id syntax;
today is a real yyyy-MM-dd date; `valid` is true iff `violations` is empty; every code is a
known violation / warning code (docs/validation.md); paths are well-formed JSON paths that
point into the order where they must (an unknown_field, a type error or a bad value is
reported at a key that is present). Also prints how often each code is expected, and fails
if some code is never expected by any case.
Exit status 0 when everything is fine, 1 otherwise.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

VIOLATION_CODES = {
    "required", "invalid_type", "unknown_field", "not_allowed", "out_of_range",
    "invalid_domain", "duplicate_name", "invalid_csr", "weak_key", "unsupported_key",
    "invalid_date", "date_out_of_range", "conflict", "invalid_email", "invalid_thumbprint",
    "contact_details_required", "invalid_value",
}
WARNING_CODES = {"csr_name_not_in_order", "overridden", "deprecated_field"}

# Codes reported at a key that must be present in the order (with a non-null value).
PRESENT_CODES = VIOLATION_CODES - {"required", "contact_details_required", "conflict"} \
    | WARNING_CODES
CASE_KEYS = ["name", "description", "product", "today", "order", "expect"]
EXPECT_KEYS = {"valid", "violations", "warnings"}
NAME_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
PRODUCT_RE = re.compile(r"^[a-z0-9_]+$")
PATH_RE = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])*"
                     r"(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])*)*)?$")
_TOKEN = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")

_MISSING = object()


def resolve(order, path: str):
    """The value at path in order, or _MISSING."""
    cur = order
    for m in _TOKEN.finditer(path):
        key, index = m.group(1), m.group(2)
        if key is not None:
            if not isinstance(cur, dict) or key not in cur:
                return _MISSING
            cur = cur[key]
        else:
            i = int(index)
            if not isinstance(cur, list) or i >= len(cur):
                return _MISSING
            cur = cur[i]
    return cur


def check_findings(where: str, order, findings, codes: set, errors: list) -> None:
    if not isinstance(findings, list):
        errors.append(f"{where}: must be a list")
        return
    for i, f in enumerate(findings):
        at = f"{where}[{i}]"
        if not isinstance(f, dict) or set(f) != {"path", "code"}:
            errors.append(f"{at}: must be an object with exactly path and code")
            continue
        path, code = f["path"], f["code"]
        if not isinstance(path, str) or not PATH_RE.match(path):
            errors.append(f"{at}: bad path {path!r}")
            continue
        if code not in codes:
            errors.append(f"{at}: unknown code {code!r}")
            continue
        if code in PRESENT_CODES and path != "":
            value = resolve(order, path)
            if value is _MISSING or value is None:
                errors.append(f"{at}: {code} at {path!r}, which is not present in the order")
        if code == "conflict" and resolve(order, path) is _MISSING:
            errors.append(f"{at}: conflict at {path!r}, which is not present in the order")


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(HERE.glob("*.json"))
    errors: list[str] = []
    seen: dict[str, str] = {}
    total = 0
    valid_cases = 0
    failing: dict[str, int] = {}   # code -> number of findings expecting it
    per_file = []
    for path in files:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            errors.append(f"{path.name}: cannot read JSON: {e}")
            continue
        if not isinstance(doc, dict) or set(doc) != {"description", "cases"}:
            errors.append(f"{path.name}: top level must be {{description, cases}}")
            continue
        if not isinstance(doc["description"], str) or not doc["description"].strip():
            errors.append(f"{path.name}: description must be a non-empty string")
        cases = doc["cases"]
        if not isinstance(cases, list) or not cases:
            errors.append(f"{path.name}: cases must be a non-empty list")
            continue
        per_file.append((path.name, len(cases)))
        for n, c in enumerate(cases):
            total += 1
            where = f"{path.name}: case {n}"
            if not isinstance(c, dict) or list(c) != CASE_KEYS:
                errors.append(f"{where}: keys must be exactly {CASE_KEYS} in that order")
                if not isinstance(c, dict):
                    continue
            name = c.get("name")
            where = f"{path.name}: {name}"
            if not isinstance(name, str) or not NAME_RE.match(name):
                errors.append(f"{where}: name must be snake_case")
            elif name in seen:
                errors.append(f"{where}: duplicate name (also in {seen[name]})")
            else:
                seen[name] = path.name
            if not isinstance(c.get("description"), str) or not c["description"].strip():
                errors.append(f"{where}: description must be a non-empty string")
            if not isinstance(c.get("product"), str) or not PRODUCT_RE.match(c["product"]):
                errors.append(f"{where}: product must match [a-z0-9_]+")
            today = c.get("today")
            try:
                if not isinstance(today, str) or len(today) != 10:
                    raise ValueError
                datetime.date.fromisoformat(today)
            except ValueError:
                errors.append(f"{where}: today must be a yyyy-MM-dd date")
            expect = c.get("expect")
            if not isinstance(expect, dict) or set(expect) != EXPECT_KEYS:
                errors.append(f"{where}: expect must have exactly {sorted(EXPECT_KEYS)}")
                continue
            order = c.get("order")
            check_findings(f"{where}: violations", order, expect["violations"],
                           VIOLATION_CODES, errors)
            check_findings(f"{where}: warnings", order, expect["warnings"], WARNING_CODES,
                           errors)
            if not isinstance(expect["valid"], bool):
                errors.append(f"{where}: valid must be a boolean")
            elif isinstance(expect["violations"], list) and \
                    expect["valid"] != (len(expect["violations"]) == 0):
                errors.append(f"{where}: valid must be true iff violations is empty")
            for f in expect["violations"] if isinstance(expect["violations"], list) else []:
                if isinstance(f, dict) and f.get("code") in VIOLATION_CODES:
                    failing[f["code"]] = failing.get(f["code"], 0) + 1
            for f in expect["warnings"] if isinstance(expect["warnings"], list) else []:
                if isinstance(f, dict) and f.get("code") in WARNING_CODES:
                    failing[f["code"]] = failing.get(f["code"], 0) + 1
            if expect.get("valid") is True:
                valid_cases += 1

    if not argv:
        for code in sorted(VIOLATION_CODES | WARNING_CODES):
            if code not in failing:
                errors.append(f"no case expects the code {code!r}")

    for name, n in per_file:
        print(f"{name}: {n} cases")
    print(f"total: {total} cases, {valid_cases} valid")
    print("expected findings per code: " +
          ", ".join(f"{k} {failing[k]}" for k in sorted(failing)))
    for e in errors:
        print("ERROR " + e, file=sys.stderr)
    print("format OK" if not errors else f"{len(errors)} format error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
