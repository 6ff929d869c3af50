"""The whole order lifecycle: validate, submit, approve, wait, download.

    python examples/lifecycle.py [CSR_FILE]

Runs against the in-process sandbox (no DigiCert account needed). To use a real account,
set DIGICERT_API_KEY (and optionally DIGICERT_REGION=eu) and pass --live: that places a real,
billable order.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import certcentral
from certcentral.testing import Sandbox

PRODUCT = "ssl_securesite_pro"
HERE = Path(__file__).resolve().parent
DEFAULT_CSR = HERE.parent.parent / "tests" / "fixtures" / "csr" / "rsa2048.pem"


def build_order(csr: str) -> certcentral.Order:
    return certcentral.Order(
        certificate=certcentral.Certificate(
            common_name="example.com",
            dns_names=["sub.example.com", "app.example.com", "example2.com", "example3.com"],
            csr=csr,
            signature_hash="sha256",
            server_platform=certcentral.ServerPlatform(id=2),
        ),
        organization=certcentral.Organization(
            id=123456,
            contacts=[certcentral.Contact(contact_type="organization_contact", user_id=565611)],
        ),
        validity_years=1,
        comments="Ordered by examples/lifecycle.py",
    )


def submit_once(
    client: certcentral.Client, order: certcentral.Order
) -> certcentral.OrderResponse | int:
    """Submits the order; after a lost answer, looks it up instead of ordering again. Returns
    the response, or the id of the order found."""
    try:
        return client.submit_order(PRODUCT, order)
    except certcentral.OutcomeUnknownError as lost:
        print(f"answer lost ({lost.detail}); looking the order up", file=sys.stderr)
        found = client.find_recent_orders(lost.common_name, lost.sent_at - timedelta(minutes=5))
        if not found:
            raise SystemExit("the order was not placed: it is safe to submit it again") from lost
        return found[0].id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("csr", nargs="?", type=Path, default=DEFAULT_CSR)
    parser.add_argument("--live", action="store_true", help="use DIGICERT_API_KEY (real order)")
    args = parser.parse_args()
    order = build_order(args.csr.read_text(encoding="ascii"))

    try:
        report = certcentral.validate(order, PRODUCT)
    except certcentral.ValidationError as e:
        for v in e.violations:
            print(f"invalid: {v.path or '(order)'}: {v.message} [{v.code}]", file=sys.stderr)
        return 1
    for w in report.warnings:
        print(f"warning: {w.path}: {w.message} [{w.code}]", file=sys.stderr)

    with ExitStack() as stack:
        if args.live:
            client = stack.enter_context(
                certcentral.Client(
                    os.environ["DIGICERT_API_KEY"], region=os.environ.get("DIGICERT_REGION", "us")
                )
            )
        else:
            sandbox = stack.enter_context(Sandbox(approval="manual", issue_delay=0.5))
            client = stack.enter_context(sandbox.client())
        print(f"using {client.base_url}")

        submitted = submit_once(client, order)
        order_id = submitted if isinstance(submitted, int) else submitted.id
        info = client.order_info(order_id)
        print(f"order {order_id}: {info.status}")
        if isinstance(submitted, certcentral.OrderResponse):
            for request in submitted.requests:
                if request.status == certcentral.RequestStatus.PENDING:
                    client.update_request_status(request.id, "approved", comment="example")
                    print(f"request {request.id} approved")

        info = client.wait_for_issuance(order_id, timeout=600, poll_interval=0.25)
        if info.status != certcentral.OrderStatus.ISSUED or info.certificate_id is None:
            print(f"order {order_id} ended {info.status}", file=sys.stderr)
            return 1
        chain = client.download_chain(info.certificate_id)
        print(f"issued certificate {info.certificate_id}: {chain.leaf.subject_common_name}")
        for cert in chain:
            print(f"  {cert.subject_common_name} (issuer {cert.issuer_common_name}, "
                  f"until {cert.not_after})")
        if args.live:
            Path("chain.pem").write_text(chain.pem, encoding="ascii")
            print("wrote chain.pem")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
