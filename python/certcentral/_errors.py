"""The exceptions of certcentral (all importable from ``certcentral``).

::

    CertCentralError
    ├── ValidationError (also ValueError)     the order breaks rules; nothing was sent
    ├── ConfigError (also ValueError)         bad client configuration or argument
    ├── ApiError                              an error answer from the API
    │   ├── AuthenticationError               401, or 403 access_denied|access_denied_invalid_key
    │   ├── NotFoundError                     404
    │   └── RateLimitError                    429 after the configured retries
    ├── TransportError (also ConnectionError) no usable answer; nothing was ordered
    │   └── TimeoutError (also builtins.TimeoutError)
    ├── DecodeError                           an answer that could not be understood
    └── OutcomeUnknownError                   a submit was sent and its answer lost

``OutcomeUnknownError`` is deliberately *not* a ``TransportError``: code that retries on
connection errors must not resubmit an order that may already exist.

The Rust extension builds these exceptions; their messages never contain the API key.
"""

from __future__ import annotations

import builtins

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from ._native import ApiErrorItem, Violation

__all__ = [
    "ApiError",
    "AuthenticationError",
    "CertCentralError",
    "ConfigError",
    "DecodeError",
    "NotFoundError",
    "OutcomeUnknownError",
    "RateLimitError",
    "TimeoutError",
    "TransportError",
    "ValidationError",
]


def _restore(cls: type[BaseException], args: tuple[object, ...], state: dict[str, object]) -> BaseException:
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class CertCentralError(Exception):
    """Base class of every error raised by certcentral."""

    __module__ = "certcentral"

    def __reduce__(self) -> tuple[object, ...]:
        # Pickle attributes without calling __init__ again (its keywords are required).
        return (_restore, (type(self), self.args, self.__dict__))

    @property
    def message(self) -> str:
        """The error message (the same as ``str(error)``)."""
        return str(self.args[0]) if self.args else ""


class ValidationError(CertCentralError, ValueError):
    """The order breaks one or more rules; nothing was sent.

    ``violations`` lists every violation (``.path``, ``.code``, ``.message``), not only the
    first.
    """

    __module__ = "certcentral"

    violations: list[Violation]

    def __init__(self, message: str, *, violations: Sequence[Violation] = ()) -> None:
        super().__init__(message)
        self.violations = list(violations)


class ConfigError(CertCentralError, ValueError):
    """The client configuration or an argument is wrong (also raised by a closed client)."""

    __module__ = "certcentral"


class ApiError(CertCentralError):
    """An error answer from the API.

    ``status`` is the HTTP status, ``errors`` every item of DigiCert's error body in order
    (``.code``, ``.message`` and the parsed ``.category``, ``.subcode``, ``.field``), and
    ``raw_body`` the body as received.
    """

    __module__ = "certcentral"

    status: int
    errors: list[ApiErrorItem]
    raw_body: str

    def __init__(
        self,
        message: str,
        *,
        status: int,
        errors: Sequence[ApiErrorItem] = (),
        raw_body: str = "",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.errors = list(errors)
        self.raw_body = raw_body

    @property
    def codes(self) -> list[str]:
        """The codes of every error item, as received."""
        return [e.code for e in self.errors]


class AuthenticationError(ApiError):
    """The API key was refused (401, or 403 ``access_denied|access_denied_invalid_key``)."""

    __module__ = "certcentral"


class NotFoundError(ApiError):
    """The order, request, certificate, product or route does not exist (404)."""

    __module__ = "certcentral"


class RateLimitError(ApiError):
    """The rate limit was exceeded (429) after the configured retries.

    ``retry_after`` is how long the server asked to wait, in seconds, or ``None``.
    """

    __module__ = "certcentral"

    retry_after: float | None

    def __init__(
        self,
        message: str,
        *,
        status: int = 429,
        errors: Sequence[ApiErrorItem] = (),
        raw_body: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status=status, errors=errors, raw_body=raw_body)
        self.retry_after = retry_after


class TransportError(CertCentralError, ConnectionError):
    """The connection failed or broke, and no order can have been placed by this call.

    Idempotent calls (order info, downloads, approvals) raise it after their retries; a submit
    raises it only when the request provably never reached the server.
    """

    __module__ = "certcentral"


class TimeoutError(TransportError, builtins.TimeoutError):
    """A request timed out, the retry deadline passed, or ``wait_for_issuance`` gave up."""

    __module__ = "certcentral"


class DecodeError(CertCentralError):
    """An answer could not be understood; ``raw_body`` is what arrived."""

    __module__ = "certcentral"

    raw_body: str

    def __init__(self, message: str, *, raw_body: str = "") -> None:
        super().__init__(message)
        self.raw_body = raw_body


class OutcomeUnknownError(CertCentralError):
    """A submit was sent but its answer was lost: the order may or may not exist.

    Never resubmit blindly. Look the order up first::

        except certcentral.OutcomeUnknownError as e:
            found = client.find_recent_orders(e.common_name, e.sent_at - timedelta(minutes=5))

    ``product`` and ``common_name`` identify the order, ``sent_at`` (a timezone-aware UTC
    ``datetime``) is when it was sent, and ``detail`` says what happened to the connection.
    """

    __module__ = "certcentral"

    product: str
    common_name: str
    sent_at: datetime
    detail: str

    def __init__(
        self,
        message: str,
        *,
        product: str,
        common_name: str,
        sent_at: datetime,
        detail: str = "",
    ) -> None:
        super().__init__(message)
        self.product = product
        self.common_name = common_name
        self.sent_at = sent_at
        self.detail = detail
