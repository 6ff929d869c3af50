"""Smoke test of an installed wheel, run by `cargo xtask test` in a fresh virtual environment
(not collected by pytest): imports certcentral from that environment and runs the whole
lifecycle against the in-process sandbox.

    python wheel_smoke.py REPO_ROOT
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    repo = Path(sys.argv[1])
    import certcentral
    from certcentral.testing import Sandbox

    where = Path(certcentral.__file__).resolve()
    assert Path(sys.prefix).resolve() in where.parents, f"imported from {where}"
    assert (where.parent / "py.typed").exists() and (where.parent / "_native.pyi").exists()

    payload = json.loads((repo / "tests/fixtures/seed/python_payload.json").read_text())
    payload["certificate"]["csr"] = (repo / "tests/fixtures/csr/rsa2048.pem").read_text()
    report = certcentral.validate(payload, "ssl_securesite_pro")
    with Sandbox(approval="auto", issue_delay=0) as sandbox, sandbox.client() as client:
        resp = client.submit_order("ssl_securesite_pro", payload)
        info = client.wait_for_issuance(resp.id, timeout=30, poll_interval=0.05)
        assert info.certificate_id is not None
        chain = client.download_chain(info.certificate_id)
    assert chain.leaf.subject_common_name == "example.com"
    print(
        f"wheel OK: certcentral {certcentral.__version__} on Python {sys.version.split()[0]} "
        f"from {where.parent}; {len(report.warnings)} warnings; order {resp.id} issued"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
