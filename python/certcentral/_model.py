"""The order model: plain, mutable Python classes that mirror the JSON body of
``POST /services/v2/order/certificate/{product}`` field for field.

Constructors take keyword arguments and do not check anything: ``certcentral.validate()`` and
``Client.submit_order()`` check the whole order in the Rust core and report every problem with
its JSON path. ``from_dict`` / ``from_json`` parse with the core's model (unknown keys and
wrong types are refused with a ``ValidationError``), ``to_dict`` / ``to_json`` give the wire
form (absent optional fields are left out, never ``null``).
"""

from __future__ import annotations

from enum import Enum

from . import _native

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, ClassVar, TypeVar

    _M = TypeVar("_M", bound="_Model")

__all__ = [
    "Certificate",
    "Contact",
    "Container",
    "CustomField",
    "Order",
    "OrderStatus",
    "Organization",
    "OrganizationContact",
    "RequestStatus",
    "ServerPlatform",
]

_REPR_PEM_MAX = 60
_REPR_MAX = 300


def _short_repr(value: object) -> str:
    """repr(), with PEM blocks (a CSR) and very long strings shortened."""
    if isinstance(value, str) and (
        len(value) > _REPR_MAX or (len(value) > _REPR_PEM_MAX and value.startswith("-----BEGIN"))
    ):
        return f"{value[:40]!r}...({len(value)} chars)"
    return repr(value)


def _plain(value: object) -> object:
    if isinstance(value, _Model):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class _Model:
    """Shared behaviour of the model classes (fields are the ``__slots__``, in wire order)."""

    __slots__: tuple[str, ...] = ()
    _kind: ClassVar[str]
    # key -> (class, whether the key holds a list of that class)
    _nested: ClassVar[dict[str, tuple[type[_Model], bool]]] = {}

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def __repr__(self) -> str:
        parts = [
            f"{f}={_short_repr(getattr(self, f))}"
            for f in self.__slots__
            if getattr(self, f) is not None
        ]
        return f"{type(self).__name__}({', '.join(parts)})"

    def to_dict(self) -> dict[str, Any]:
        """The wire form as plain data; fields that are ``None`` are left out."""
        out: dict[str, Any] = {}
        for f in self.__slots__:
            value = getattr(self, f)
            if value is not None:
                out[f] = _plain(value)
        return out

    def to_json(self, *, indent: int | None = None) -> str:
        """The wire form as JSON text (compact unless ``indent`` is given)."""
        import json

        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(self.to_dict(), indent=indent, separators=separators, ensure_ascii=False)

    @classmethod
    def from_dict(cls: type[_M], data: Mapping[str, Any]) -> _M:
        """Parses a dict in the API's JSON shape. ``None`` members count as absent; an
        unknown key or a wrong type raises ``ValidationError`` (with the path, for an
        ``Order``)."""
        return cls._build(_native._normalize(cls._kind, data))

    @classmethod
    def from_json(cls: type[_M], text: str | bytes) -> _M:
        """Parses JSON text in the API's shape (see ``from_dict``)."""
        return cls._build(_native._normalize(cls._kind, text))

    @classmethod
    def _build(cls: type[_M], data: dict[str, Any]) -> _M:
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            nested = cls._nested.get(key)
            if nested is not None:
                sub, is_list = nested
                value = [sub._build(v) for v in value] if is_list else sub._build(value)
            kwargs[key] = value
        return cls(**kwargs)


class ServerPlatform(_Model):
    """``certificate.server_platform``: ``id`` is DigiCert's server platform id (``-1`` other,
    ``2`` Apache, ``45`` nginx, ...)."""

    __slots__ = ("id",)
    _kind = "server_platform"

    id: int

    def __init__(self, *, id: int) -> None:
        self.id = id


class Certificate(_Model):
    """The ``certificate`` object of an order."""

    __slots__ = (
        "common_name",
        "dns_names",
        "csr",
        "signature_hash",
        "organization_units",
        "server_platform",
        "profile_option",
    )
    _kind = "certificate"
    _nested = {"server_platform": (ServerPlatform, False)}

    common_name: str
    dns_names: list[str] | None
    csr: str
    signature_hash: str
    organization_units: list[str] | None
    server_platform: ServerPlatform | None
    profile_option: str | None

    def __init__(
        self,
        *,
        common_name: str,
        csr: str,
        signature_hash: str,
        dns_names: list[str] | None = None,
        organization_units: list[str] | None = None,
        server_platform: ServerPlatform | None = None,
        profile_option: str | None = None,
    ) -> None:
        self.common_name = common_name
        self.dns_names = dns_names
        self.csr = csr
        self.signature_hash = signature_hash
        self.organization_units = organization_units
        self.server_platform = server_platform
        self.profile_option = profile_option


class OrganizationContact(_Model):
    """The organization contact of a new organization (every detail is required)."""

    __slots__ = ("first_name", "last_name", "job_title", "telephone", "email")
    _kind = "organization_contact"

    first_name: str
    last_name: str
    job_title: str
    telephone: str
    email: str

    def __init__(
        self, *, first_name: str, last_name: str, job_title: str, telephone: str, email: str
    ) -> None:
        self.first_name = first_name
        self.last_name = last_name
        self.job_title = job_title
        self.telephone = telephone
        self.email = email


class Contact(_Model):
    """A contact of the order (``organization.contacts[]``): an existing user by
    ``user_id``, or a new contact with every detail."""

    __slots__ = (
        "contact_type",
        "user_id",
        "first_name",
        "last_name",
        "job_title",
        "telephone",
        "email",
    )
    _kind = "contact"

    contact_type: str
    user_id: int | None
    first_name: str | None
    last_name: str | None
    job_title: str | None
    telephone: str | None
    email: str | None

    def __init__(
        self,
        *,
        contact_type: str,
        user_id: int | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        job_title: str | None = None,
        telephone: str | None = None,
        email: str | None = None,
    ) -> None:
        self.contact_type = contact_type
        self.user_id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.job_title = job_title
        self.telephone = telephone
        self.email = email


class Organization(_Model):
    """The ``organization`` of an order: an existing one by ``id``, or a new one (``name``,
    address fields, ``organization_contact``); optional ``contacts`` for this order."""

    __slots__ = (
        "id",
        "name",
        "assumed_name",
        "address",
        "address2",
        "city",
        "state",
        "zip",
        "country",
        "telephone",
        "organization_contact",
        "contacts",
    )
    _kind = "organization"
    _nested = {
        "organization_contact": (OrganizationContact, False),
        "contacts": (Contact, True),
    }

    id: int | None
    name: str | None
    assumed_name: str | None
    address: str | None
    address2: str | None
    city: str | None
    state: str | None
    zip: str | None
    country: str | None
    telephone: str | None
    organization_contact: OrganizationContact | None
    contacts: list[Contact] | None

    def __init__(
        self,
        *,
        id: int | None = None,
        name: str | None = None,
        assumed_name: str | None = None,
        address: str | None = None,
        address2: str | None = None,
        city: str | None = None,
        state: str | None = None,
        zip: str | None = None,
        country: str | None = None,
        telephone: str | None = None,
        organization_contact: OrganizationContact | None = None,
        contacts: list[Contact] | None = None,
    ) -> None:
        self.id = id
        self.name = name
        self.assumed_name = assumed_name
        self.address = address
        self.address2 = address2
        self.city = city
        self.state = state
        self.zip = zip
        self.country = country
        self.telephone = telephone
        self.organization_contact = organization_contact
        self.contacts = contacts


class Container(_Model):
    """``container``: the container (division) to place the order in."""

    __slots__ = ("id",)
    _kind = "container"

    id: int

    def __init__(self, *, id: int) -> None:
        self.id = id


class CustomField(_Model):
    """An account-specific custom field: ``metadata_id`` and its ``value``."""

    __slots__ = ("metadata_id", "value")
    _kind = "custom_field"

    metadata_id: int
    value: str

    def __init__(self, *, metadata_id: int, value: str) -> None:
        self.metadata_id = metadata_id
        self.value = value


class Order(_Model):
    """A certificate order: the JSON body of ``POST /order/certificate/{product}``.

    ``certificate`` and ``organization`` are required, and one of ``validity_years``,
    ``validity_days`` or ``custom_expiration_date``. ``auto_renew`` is an int (0 or 1) as
    DigiCert documents it.
    """

    __slots__ = (
        "certificate",
        "renewed_thumbprint",
        "validity_years",
        "validity_days",
        "custom_expiration_date",
        "comments",
        "auto_renew",
        "custom_renewal_message",
        "disable_renewal_notifications",
        "additional_emails",
        "locale",
        "renewal_of_order_id",
        "payment_method",
        "dcv_method",
        "skip_approval",
        "disable_ct",
        "organization",
        "container",
        "custom_fields",
    )
    _kind = "order"
    _nested = {
        "certificate": (Certificate, False),
        "organization": (Organization, False),
        "container": (Container, False),
        "custom_fields": (CustomField, True),
    }

    certificate: Certificate
    renewed_thumbprint: str | None
    validity_years: int | None
    validity_days: int | None
    custom_expiration_date: str | None
    comments: str | None
    auto_renew: int | None
    custom_renewal_message: str | None
    disable_renewal_notifications: bool | None
    additional_emails: list[str] | None
    locale: str | None
    renewal_of_order_id: int | None
    payment_method: str | None
    dcv_method: str | None
    skip_approval: bool | None
    disable_ct: bool | None
    organization: Organization
    container: Container | None
    custom_fields: list[CustomField] | None

    def __init__(
        self,
        *,
        certificate: Certificate,
        organization: Organization,
        renewed_thumbprint: str | None = None,
        validity_years: int | None = None,
        validity_days: int | None = None,
        custom_expiration_date: str | None = None,
        comments: str | None = None,
        auto_renew: int | None = None,
        custom_renewal_message: str | None = None,
        disable_renewal_notifications: bool | None = None,
        additional_emails: list[str] | None = None,
        locale: str | None = None,
        renewal_of_order_id: int | None = None,
        payment_method: str | None = None,
        dcv_method: str | None = None,
        skip_approval: bool | None = None,
        disable_ct: bool | None = None,
        container: Container | None = None,
        custom_fields: list[CustomField] | None = None,
    ) -> None:
        self.certificate = certificate
        self.renewed_thumbprint = renewed_thumbprint
        self.validity_years = validity_years
        self.validity_days = validity_days
        self.custom_expiration_date = custom_expiration_date
        self.comments = comments
        self.auto_renew = auto_renew
        self.custom_renewal_message = custom_renewal_message
        self.disable_renewal_notifications = disable_renewal_notifications
        self.additional_emails = additional_emails
        self.locale = locale
        self.renewal_of_order_id = renewal_of_order_id
        self.payment_method = payment_method
        self.dcv_method = dcv_method
        self.skip_approval = skip_approval
        self.disable_ct = disable_ct
        self.organization = organization
        self.container = container
        self.custom_fields = custom_fields


class _StrEnum(str, Enum):
    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class RequestStatus(_StrEnum):
    """The documented request statuses. Attributes such as ``Request.status`` are plain
    ``str`` (a value DigiCert adds later never breaks a client); these members compare equal
    to them: ``request.status == RequestStatus.PENDING``."""

    PENDING = "pending"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


class OrderStatus(_StrEnum):
    """The known order statuses. ``OrderInfo.status`` is a plain ``str``; these members
    compare equal to it: ``info.status == OrderStatus.ISSUED``."""

    NEEDS_APPROVAL = "needs_approval"
    PENDING = "pending"
    PROCESSING = "processing"
    ISSUED = "issued"
    REJECTED = "rejected"
    CANCELED = "canceled"
    REVOKED = "revoked"
    EXPIRED = "expired"
    WAITING_PICKUP = "waiting_pickup"
    REISSUE_PENDING = "reissue_pending"
