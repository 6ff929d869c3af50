"""certcentral: validate and submit DigiCert CertCentral certificate orders, and follow them to
an issued certificate.

Quick start::

    import certcentral

    order = {...}                                   # the API's JSON body, or certcentral.Order
    report = certcentral.validate(order, "ssl_securesite_pro")   # raises ValidationError
    with certcentral.Client(api_key) as client:
        resp = client.submit_order("ssl_securesite_pro", order)
        info = client.wait_for_issuance(resp.id)
        chain = client.download_chain(info.certificate_id)

Every rule is checked by the Rust core (the same code behind the C, Kotlin and Swift
bindings and the ``certcentral`` command). Blocking calls release the GIL; one ``Client`` is
safe to share between threads. ``certcentral.testing.Sandbox`` runs an offline CertCentral for
tests. See the README for the error classes and the no-double-order guarantee.
"""

from __future__ import annotations

from ._errors import (
    ApiError,
    AuthenticationError,
    CertCentralError,
    ConfigError,
    DecodeError,
    NotFoundError,
    OutcomeUnknownError,
    RateLimitError,
    TimeoutError,
    TransportError,
    ValidationError,
)
from ._model import (
    Certificate,
    Contact,
    Container,
    CustomField,
    Order,
    OrderStatus,
    Organization,
    OrganizationContact,
    RequestStatus,
    ServerPlatform,
)
from ._native import (
    KNOWN_PRODUCTS,
    VIOLATION_CODES,
    WARNING_CODES,
    ApiErrorItem,
    CertificateChain,
    ChainCertificate,
    ChainEntry,
    Client,
    OrderCertificate,
    OrderInfo,
    OrderList,
    OrderResponse,
    OrderSummary,
    OrganizationRef,
    OrganizationSummary,
    Page,
    ProductSummary,
    Report,
    Request,
    Verdict,
    Violation,
    __version__,
    check,
    validate,
)

__all__ = [
    "KNOWN_PRODUCTS",
    "VIOLATION_CODES",
    "WARNING_CODES",
    "ApiError",
    "ApiErrorItem",
    "AuthenticationError",
    "CertCentralError",
    "Certificate",
    "CertificateChain",
    "ChainCertificate",
    "ChainEntry",
    "Client",
    "ConfigError",
    "Contact",
    "Container",
    "CustomField",
    "DecodeError",
    "NotFoundError",
    "Order",
    "OrderCertificate",
    "OrderInfo",
    "OrderList",
    "OrderResponse",
    "OrderStatus",
    "OrderSummary",
    "Organization",
    "OrganizationContact",
    "OrganizationRef",
    "OrganizationSummary",
    "OutcomeUnknownError",
    "Page",
    "ProductSummary",
    "RateLimitError",
    "Report",
    "Request",
    "RequestStatus",
    "ServerPlatform",
    "TimeoutError",
    "TransportError",
    "ValidationError",
    "Verdict",
    "Violation",
    "__version__",
    "check",
    "validate",
]
