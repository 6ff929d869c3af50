"""Test helpers: an offline CertCentral in your own process.

``Sandbox`` starts the same server as ``certcentral sandbox`` (the Rust crate
``certcentral-sandbox``) on ``127.0.0.1`` with a free port, inside the current process: no
DigiCert account, no network, no subprocess. It validates orders with the same rules as
``certcentral.validate``, answers with DigiCert's five documented submit shapes, approves and
issues real certificates (a sandbox root and intermediate sign a leaf for the CSR's key),
enforces the rate limits, and can inject faults::

    from certcentral.testing import Sandbox

    with Sandbox(approval="auto", issue_delay=0) as sandbox:
        client = sandbox.client()                 # Client(sandbox.api_key, base_url=...)
        resp = client.submit_order("ssl_securesite_pro", order)
        info = client.wait_for_issuance(resp.id, poll_interval=0.1)
        chain = client.download_chain(info.certificate_id)

        sandbox.inject("drop_after_body", path_prefix="/order/certificate")
        # the next submit is processed, then the connection closes: OutcomeUnknownError
        print(sandbox.log()["orders"])

Approval modes and the answer a submit gets (``skip_approval`` in the order changes it):

=============  =========================================  ====================================
mode           without ``skip_approval``                  with ``skip_approval: true``
=============  =========================================  ====================================
``manual``     ``{id, requests: [{id, "pending"}]}``       ``{id, requests: [{id, "submitted"}]}``
``auto``       ``{id, requests: [{id, "approved"}],``      ``{id, certificate_id}``
               ``certificate_id}``
``immediate``  ``{id, certificate_id, certificate_chain}``  the same
=============  =========================================  ====================================

A new organization in the order (no ``organization.id``) adds ``organization: {id}`` to the
answer. The HTTP control API (``/__sandbox/faults``, ``/__sandbox/log``,
``/__sandbox/approval``) is described in ``docs/sandbox.md``.
"""

from __future__ import annotations

from ._native import Sandbox

__all__ = ["Sandbox"]
