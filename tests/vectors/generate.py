#!/usr/bin/env python3
"""Generate the shared validation vectors in tests/vectors/*.json (stdlib only).

Every case is a base order (or a seed payload) plus a few readable changes, and the exact
findings docs/validation.md predicts for it. The CSRs are read from tests/fixtures/csr/, so
after regenerating the CSRs (tests/fixtures/csr/make.sh) run this script again.

    python3 tests/vectors/generate.py           # (re)write tests/vectors/*.json and
                                                # examples/securesite-pro.json
    python3 tests/vectors/generate.py --check   # exit 1 if the committed files are stale

See tests/vectors/README.md for the format, the comparison semantics and the
interpretations of docs/validation.md that these expectations follow.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CSR_DIR = ROOT / "tests" / "fixtures" / "csr"
SEED_DIR = ROOT / "tests" / "fixtures" / "seed"
EXAMPLE = ROOT / "examples" / "securesite-pro.json"

TODAY = "2026-11-28"  # tomorrow 2026-11-29, +825 days 2029-03-02, +826 days 2029-03-03

PRO = "ssl_securesite_pro"
FLEX = "ssl_securesite_flex"
BASIC = "ssl_basic"
EV = "ssl_ev_securesite_pro"
EV_FLEX = "ssl_ev_securesite_flex"
CUSTOM = "ssl_private_custom"  # not a known product: generic rules

DEL = object()  # a change value that deletes the key (or list item)
BASE = object()  # case(order=BASE): start from base_order()


def csr(name: str) -> str:
    return (CSR_DIR / name).read_text()


# Every name in rsa2048.pem (and rsa4096/p256/p384): CN example.com plus these four SANs.
CSR_SANS = ["sub.example.com", "app.example.com", "example2.com", "example3.com"]

ORG_CONTACT = {"contact_type": "organization_contact", "user_id": 565611}
TECH_CONTACT = {
    "contact_type": "technical_contact",
    "first_name": "Jill",
    "last_name": "Valentine",
    "job_title": "STAR Member",
    "telephone": "8017019600",
    "email": "jill.valentine@digicert.com",
}
DETAILS = ["first_name", "last_name", "job_title", "telephone", "email"]


def base_order() -> dict:
    """The seed's payload shape, with no organization_units (no deprecated_field warning),
    validity_years 1, and names covering every name of rsa2048.pem (no csr warnings).
    Valid for every product, with no findings at all."""
    return {
        "certificate": {
            "common_name": "example.com",
            "dns_names": list(CSR_SANS),
            "csr": csr("rsa2048.pem"),
            "signature_hash": "sha256",
            "server_platform": {"id": 2},
        },
        "comments": "Certificate for app server.",
        "container": {"id": 334455},
        "auto_renew": 1,
        "custom_renewal_message": "Keep this renewed.",
        "organization": {
            "id": 123456,
            "contacts": [dict(ORG_CONTACT), dict(TECH_CONTACT)],
        },
        "validity_years": 1,
        "payment_method": "balance",
    }


NEW_ORG = {
    "name": "Example Inc",
    "assumed_name": "Example",
    "address": "2801 N Thanksgiving Way",
    "address2": "Suite 500",
    "city": "Lehi",
    "state": "Utah",
    "zip": "84043",
    "country": "US",
    "telephone": "8017019600",
    "organization_contact": {
        "first_name": "Chris",
        "last_name": "Redfield",
        "job_title": "Director of IT",
        "telephone": "8017019600",
        "email": "chris.redfield@example.com",
    },
}
NEW_ORG_REQUIRED = ["name", "address", "city", "state", "zip", "country", "telephone",
                    "organization_contact"]


def new_org(**changes) -> dict:
    org = copy.deepcopy(NEW_ORG)
    for k, v in changes.items():
        if v is DEL:
            del org[k]
        else:
            org[k] = v
    return org


def seed_payload(which: str, csr_text: str | None) -> dict:
    """The seed's payload (curl or python) as stored in tests/fixtures/seed/, with `<csr>`
    replaced by csr_text unless csr_text is None."""
    order = json.loads((SEED_DIR / f"{which}_payload.json").read_text())
    if csr_text is not None:
        order["certificate"]["csr"] = csr_text
    return order


# --------------------------------------------------------------------------------------------
# Paths and changes
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def parse_path(path: str) -> list:
    tokens, pos = [], 0
    while pos < len(path):
        m = _TOKEN.match(path, pos)
        if not m:
            raise ValueError(f"bad path {path!r}")
        tokens.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
    return tokens


def apply(order, changes: dict):
    """Apply {path: value} changes in order; DEL deletes; an index equal to the list's
    length appends."""
    order = copy.deepcopy(order)
    for path, value in changes.items():
        tokens = parse_path(path)
        cur = order
        for t in tokens[:-1]:
            cur = cur[t]
        last = tokens[-1]
        if value is DEL:
            del cur[last]
        elif isinstance(cur, list) and last == len(cur):
            cur.append(copy.deepcopy(value))
        else:
            cur[last] = copy.deepcopy(value)
    return order


def rename_key(obj: dict, old: str, new: str) -> dict:
    """Rename a key keeping its position."""
    return {(new if k == old else k): v for k, v in obj.items()}


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------

FILES: dict[str, dict] = {}
_current: dict | None = None


def vector_file(name: str, description: str) -> None:
    global _current
    _current = {"description": description, "cases": []}
    FILES[name] = _current


def case(name: str, description: str, changes: dict | None = None, *, order=BASE,
         product: str = PRO, today: str = TODAY, v=(), w=()) -> None:
    """Add a case. `order` defaults to base_order(); `changes` are applied to it.
    v = expected violations, w = expected warnings, each a list of (path, code)."""
    if order is BASE:
        order = base_order()
    if changes:
        order = apply(order, changes)
    _current["cases"].append({
        "name": name,
        "description": description,
        "product": product,
        "today": today,
        "order": order,
        "expect": {
            "valid": not v,
            "violations": [{"path": p, "code": c} for p, c in v],
            "warnings": [{"path": p, "code": c} for p, c in w],
        },
    })


def V(path: str, code: str):
    return (path, code)


W = V
CSR_W = ("certificate.csr", "csr_name_not_in_order")
OU_W = ("certificate.organization_units", "deprecated_field")
DN4 = "certificate.dns_names[4]"  # the index a name appended to the base names gets


def extra_name(name: str) -> dict:
    """Change: append one name to the base order's dns_names (it lands at index 4)."""
    return {DN4: name}


def cn(name: str) -> dict:
    """Change: set common_name and keep example.com (the CSR's CN) among dns_names, so the
    CSR's names stay covered."""
    return {"certificate.common_name": name,
            "certificate.dns_names": ["example.com"] + CSR_SANS}


CN_ONLY = {"certificate.csr": csr("rsa2048_cn_only.pem")}  # a CSR whose only name is example.com


# ============================================================================================
vector_file("structure", "Order shape: the order object, required fields, JSON types, "
            "unknown keys, and null for optional fields (treated as absent).")
# ============================================================================================

case("base_order_valid",
     "The base order used by most vectors (seed shape, no organization_units, validity_years 1, "
     "rsa2048.pem whose names are all in the order): valid with no findings.")
case("order_is_array", "The order must be a JSON object.", order=[],
     v=[V("", "invalid_type")])
case("order_is_string", "The order must be a JSON object.", order="certificate",
     v=[V("", "invalid_type")])
case("order_is_null", "The order must be a JSON object; null is not one.", order=None,
     v=[V("", "invalid_type")])
case("order_is_number", "The order must be a JSON object.", order=42,
     v=[V("", "invalid_type")])
case("empty_object",
     "An empty object lacks certificate, organization and any validity field.",
     order={},
     v=[V("certificate", "required"), V("organization", "required"),
        V("validity_years", "required")])

case("certificate_missing", "certificate is required.", {"certificate": DEL},
     v=[V("certificate", "required")])
case("certificate_null", "null for a required field is required.", {"certificate": None},
     v=[V("certificate", "required")])
case("certificate_is_string", "certificate must be an object.", {"certificate": "example.com"},
     v=[V("certificate", "invalid_type")])
case("certificate_is_array", "certificate must be an object.", {"certificate": []},
     v=[V("certificate", "invalid_type")])

case("common_name_missing",
     "certificate.common_name is required (example.com kept in dns_names so the CSR's names "
     "stay covered).",
     {"certificate.common_name": DEL, "certificate.dns_names": ["example.com"] + CSR_SANS},
     v=[V("certificate.common_name", "required")])
case("common_name_null", "null for a required field is required.",
     {"certificate.common_name": None, "certificate.dns_names": ["example.com"] + CSR_SANS},
     v=[V("certificate.common_name", "required")])
case("common_name_empty", "An empty required string is required (not invalid_domain).",
     {"certificate.common_name": "", "certificate.dns_names": ["example.com"] + CSR_SANS},
     v=[V("certificate.common_name", "required")])
case("common_name_blank", "A blank required string is required (not invalid_domain).",
     {"certificate.common_name": "   ", "certificate.dns_names": ["example.com"] + CSR_SANS},
     v=[V("certificate.common_name", "required")])
case("common_name_number", "common_name must be a string.",
     {"certificate.common_name": 123, "certificate.dns_names": ["example.com"] + CSR_SANS},
     v=[V("certificate.common_name", "invalid_type")])

case("csr_missing", "certificate.csr is required.", {"certificate.csr": DEL},
     v=[V("certificate.csr", "required")])
case("csr_null", "null for a required field is required.", {"certificate.csr": None},
     v=[V("certificate.csr", "required")])
case("csr_empty", "An empty CSR string is required (not invalid_csr).", {"certificate.csr": ""},
     v=[V("certificate.csr", "required")])
case("csr_blank", "A blank CSR string is required (not invalid_csr).",
     {"certificate.csr": " \n "},
     v=[V("certificate.csr", "required")])
case("csr_number", "csr must be a string.", {"certificate.csr": 12345},
     v=[V("certificate.csr", "invalid_type")])

case("signature_hash_missing", "certificate.signature_hash is required.",
     {"certificate.signature_hash": DEL}, v=[V("certificate.signature_hash", "required")])
case("signature_hash_null", "null for a required field is required.",
     {"certificate.signature_hash": None}, v=[V("certificate.signature_hash", "required")])
case("signature_hash_empty", "An empty required string is required (not not_allowed).",
     {"certificate.signature_hash": ""}, v=[V("certificate.signature_hash", "required")])
case("signature_hash_number", "signature_hash must be a string.",
     {"certificate.signature_hash": 256}, v=[V("certificate.signature_hash", "invalid_type")])

case("dns_names_omitted",
     "dns_names is optional (CSR with only CN=example.com so no name is uncovered).",
     {"certificate.dns_names": DEL, **CN_ONLY})
case("dns_names_empty_array", "An empty dns_names array is fine.",
     {"certificate.dns_names": [], **CN_ONLY})
case("dns_names_is_string", "dns_names must be an array.",
     {"certificate.dns_names": "sub.example.com", **CN_ONLY},
     v=[V("certificate.dns_names", "invalid_type")])
case("dns_names_item_number", "Each dns_names item must be a string.",
     extra_name(42), v=[V(DN4, "invalid_type")])

case("organization_missing", "organization is required.", {"organization": DEL},
     v=[V("organization", "required")])
case("organization_null", "null for a required field is required.", {"organization": None},
     v=[V("organization", "required")])
case("organization_is_string", "organization must be an object.", {"organization": "123456"},
     v=[V("organization", "invalid_type")])
case("organization_id_is_string", "organization.id must be an int.",
     {"organization.id": "123456"}, v=[V("organization.id", "invalid_type")])

case("validity_years_string", "validity_years must be an int (\"2\" is a string).",
     {"validity_years": "2"}, v=[V("validity_years", "invalid_type")])
case("validity_years_float", "A float for an int is invalid_type (1.0).",
     {"validity_years": 1.0}, v=[V("validity_years", "invalid_type")])
case("validity_years_bool", "A boolean for an int is invalid_type.",
     {"validity_years": True}, v=[V("validity_years", "invalid_type")])
case("skip_approval_true", "skip_approval is a boolean.", {"skip_approval": True})
case("skip_approval_int", "skip_approval must be a boolean, not 1.", {"skip_approval": 1},
     v=[V("skip_approval", "invalid_type")])
case("disable_ct_false", "disable_ct is a boolean.", {"disable_ct": False})
case("disable_ct_string", "disable_ct must be a boolean, not \"false\".",
     {"disable_ct": "false"}, v=[V("disable_ct", "invalid_type")])
case("disable_renewal_notifications_true", "disable_renewal_notifications is a boolean.",
     {"disable_renewal_notifications": True})
case("disable_renewal_notifications_int", "disable_renewal_notifications must be a boolean.",
     {"disable_renewal_notifications": 0},
     v=[V("disable_renewal_notifications", "invalid_type")])
case("comments_number", "comments must be a string.", {"comments": 42},
     v=[V("comments", "invalid_type")])
case("custom_renewal_message_bool", "custom_renewal_message must be a string.",
     {"custom_renewal_message": True}, v=[V("custom_renewal_message", "invalid_type")])
case("comments_empty_string", "comments is a plain optional string: empty is fine.",
     {"comments": ""})

case("unknown_top_level_key", "A key the endpoint does not define.", {"comment": "typo"},
     v=[V("comment", "unknown_field")])
case("unknown_top_level_typo_validity_year",
     "validity_year (typo) is unknown, and then no validity field is given at all.",
     order=rename_key(base_order(), "validity_years", "validity_year"),
     v=[V("validity_year", "unknown_field"), V("validity_years", "required")])
_o = base_order()
_o = rename_key(_o, "certificate", "Certificate")
case("unknown_top_level_capitalised_certificate",
     "Keys are case-sensitive: Certificate is unknown and certificate is missing.",
     order=_o, v=[V("Certificate", "unknown_field"), V("certificate", "required")])
case("unknown_top_level_order_validity",
     "order_validity is not in the endpoint's key list of docs/validation.md.",
     {"order_validity": {"years": 1}}, v=[V("order_validity", "unknown_field")])
_o = base_order()
_o["certificate"] = rename_key(_o["certificate"], "dns_names", "dns_name")
case("unknown_certificate_dns_name",
     "certificate.dns_name (typo) is unknown; without dns_names the CSR's four SAN names are "
     "not covered (one warning each).",
     order=_o, v=[V("certificate.dns_name", "unknown_field")], w=[CSR_W] * 4)
case("unknown_contact_key_emial",
     "organization.contacts[0].emial (typo) is unknown; the contact has no user_id, so its "
     "email is then missing.",
     {"organization.contacts": [
         {"contact_type": "technical_contact", "first_name": "Jill", "last_name": "Valentine",
          "job_title": "STAR Member", "telephone": "8017019600",
          "emial": "jill.valentine@digicert.com"}]},
     v=[V("organization.contacts[0].emial", "unknown_field"),
        V("organization.contacts[0].email", "contact_details_required")])
case("unknown_server_platform_key", "server_platform has only id.",
     {"certificate.server_platform.name": "Apache"},
     v=[V("certificate.server_platform.name", "unknown_field")])
case("unknown_container_key", "container has only id.", {"container.name": "Main"},
     v=[V("container.name", "unknown_field")])
case("unknown_organization_key", "organization.org_id is not an organization key.",
     {"organization.org_id": 123456}, v=[V("organization.org_id", "unknown_field")])
case("unknown_custom_field_key", "custom_fields items have only metadata_id and value.",
     {"custom_fields": [{"metadata_id": 1, "value": "x", "label": "Cost center"}]},
     v=[V("custom_fields[0].label", "unknown_field")])
case("unknown_organization_contact_key", "organization_contact has only the five details.",
     {"organization": new_org(organization_contact={**NEW_ORG["organization_contact"],
                                                    "fax": "8017019601"})},
     v=[V("organization.organization_contact.fax", "unknown_field")])

case("null_optional_fields",
     "null for every optional field is treated as absent: no type errors, no "
     "deprecated_field for organization_units, no overridden warnings, no dns_names (CSR with "
     "only CN=example.com).",
     {**CN_ONLY,
      "certificate.dns_names": None, "certificate.organization_units": None,
      "certificate.server_platform": None, "certificate.profile_option": None,
      "renewed_thumbprint": None, "validity_days": None, "custom_expiration_date": None,
      "comments": None, "auto_renew": None, "custom_renewal_message": None,
      "disable_renewal_notifications": None, "additional_emails": None, "locale": None,
      "renewal_of_order_id": None, "payment_method": None, "dcv_method": None,
      "skip_approval": None, "disable_ct": None, "container": None, "custom_fields": None,
      "organization.contacts": None})
case("null_all_validity_fields",
     "validity_years, validity_days and custom_expiration_date all null: none is given.",
     {"validity_years": None, "validity_days": None, "custom_expiration_date": None},
     v=[V("validity_years", "required")])
case("null_optional_contact_fields",
     "null user_id on a contact with all details, null details on a contact with user_id.",
     {"organization.contacts": [
         {"contact_type": "organization_contact", "user_id": 565611, "first_name": None,
          "email": None},
         {**TECH_CONTACT, "user_id": None}]})
case("null_optional_new_organization_fields",
     "assumed_name and address2 null in a new organization are absent.",
     {"organization": new_org(assumed_name=None, address2=None)})
case("null_organization_id_with_new_organization",
     "organization.id null next to new-organization details is absent: no conflict.",
     {"organization": {"id": None, **new_org()}})


# ============================================================================================
vector_file("names", "DNS-name rules for certificate.common_name and certificate.dns_names, "
            "duplicates, the dns_names limit, and wildcards per product.")
# ============================================================================================

LABEL63 = "a" * 63
NAME253 = ".".join(["a" * 63, "b" * 63, "c" * 63, "d" * 61])
NAME254 = ".".join(["a" * 63, "b" * 63, "c" * 63, "d" * 62])
assert len(NAME253) == 253 and len(NAME254) == 254
CN64 = "c" * 52 + ".example.com"
CN65 = "c" * 53 + ".example.com"
assert len(CN64) == 64 and len(CN65) == 65

ok_names = [
    ("label_63_chars", LABEL63 + ".example.com", "A 63-character label is the maximum."),
    ("total_253_chars", NAME253, "A 253-character name is the maximum."),
    ("uppercase", "WWW.Example.COM", "Letters of either case are fine (names are never changed)."),
    ("hyphen_inside", "my-app.example.com", "A hyphen inside a label is fine."),
    ("digits_label", "123.example.com", "An all-digit label is fine when it is not the last."),
    ("digit_start", "1password.example.com", "A label may start with a digit."),
    ("punycode", "xn--bcher-kva.example", "A valid punycode (xn--) label is fine."),
    ("many_labels", "a.b.c.d.example.com", "Deep names are fine."),
    ("two_labels", "example.org", "Two labels are enough."),
]
for slug, name, why in ok_names:
    case(f"dns_name_{slug}_ok", why + f" ({name[:40]}{'...' if len(name) > 40 else ''})",
         extra_name(name))

bad_names = [
    ("label_64_chars", "a" * 64 + ".example.com", "A 64-character label is too long."),
    ("total_254_chars", NAME254, "A 254-character name is too long."),
    ("leading_hyphen", "-app.example.com", "A label may not start with a hyphen."),
    ("trailing_hyphen", "app-.example.com", "A label may not end with a hyphen."),
    ("underscore", "_acme-challenge.example.com", "Underscores are not allowed."),
    ("underscore_inside", "my_app.example.com", "Underscores are not allowed."),
    ("scheme", "https://app.example.com", "A URL scheme is not part of a name."),
    ("port", "app.example.com:8443", "A port is not part of a name."),
    ("path", "app.example.com/login", "A path is not part of a name."),
    ("space_inside", "app example.com", "Spaces are not allowed."),
    ("leading_space", " app.example.com", "Surrounding whitespace is not trimmed silently."),
    ("ipv4_address", "192.0.2.10", "IP addresses are not DNS names (last label all digits)."),
    ("numeric_tld", "example.123", "The last label may not be all digits."),
    ("ipv6_address", "2001:db8::1", "IPv6 addresses are not DNS names."),
    ("single_label", "localhost", "At least two labels are needed."),
    ("trailing_dot", "app.example.com.", "A trailing dot is not allowed."),
    ("leading_dot", ".example.com", "An empty label is not allowed."),
    ("empty_label", "app..example.com", "An empty label is not allowed."),
    ("invalid_punycode", "xn--zz.example", "An xn-- label must be valid punycode."),
    ("invalid_punycode_overflow", "xn--99999999999.example",
     "An xn-- label must be valid punycode."),
    ("unicode", "bücher.example",
     "A non-ASCII name is refused (its punycode form is xn--bcher-kva.example)."),
    ("wildcard_partial_label", "a*.example.com", "A wildcard must be the whole leftmost label."),
    ("wildcard_double", "*.*.example.com", "Only one wildcard, as the leftmost label."),
    ("wildcard_tld", "*.com", "A wildcard needs at least two labels after it."),
    ("wildcard_not_leftmost", "app.*.example.com", "A wildcard must be the leftmost label."),
    ("wildcard_alone", "*", "A lone * is not a name."),
]
for slug, name, why in bad_names:
    case(f"dns_name_{slug}_invalid", why, extra_name(name), v=[V(DN4, "invalid_domain")])

case("dns_name_several_invalid",
     "Every invalid name is reported at its own index, valid ones in between are not.",
     {"certificate.dns_names": CSR_SANS + ["bad_name.example.com", "ok.example.com",
                                           "https://x.example.com"]},
     v=[V(DN4, "invalid_domain"), V("certificate.dns_names[6]", "invalid_domain")])

case("common_name_64_chars_ok", "common_name may be 64 characters.", cn(CN64))
case("common_name_65_chars_invalid", "common_name longer than 64 characters is invalid_domain.",
     cn(CN65), v=[V("certificate.common_name", "invalid_domain")])
case("dns_name_65_chars_ok", "The 64-character limit is for common_name only.",
     extra_name(CN65))
case("common_name_253_chars_invalid", "A valid 253-character DNS name is still too long for a "
     "common_name.", cn(NAME253), v=[V("certificate.common_name", "invalid_domain")])
case("common_name_uppercase_ok",
     "EXAMPLE.COM is fine and covers the CSR's example.com (case-insensitive).",
     {"certificate.common_name": "EXAMPLE.COM"})
case("common_name_scheme_invalid", "common_name follows the DNS-name rules.",
     cn("https://example.com"), v=[V("certificate.common_name", "invalid_domain")])
case("common_name_ip_invalid", "common_name may not be an IP address.", cn("192.0.2.10"),
     v=[V("certificate.common_name", "invalid_domain")])
case("common_name_single_label_invalid", "common_name needs two labels.", cn("intranet"),
     v=[V("certificate.common_name", "invalid_domain")])
case("common_name_unicode_invalid", "A Unicode common_name is refused.", cn("bücher.example"),
     v=[V("certificate.common_name", "invalid_domain")])

case("duplicate_name_case_insensitive",
     "SUB.example.com repeats sub.example.com: duplicate_name at the later index.",
     extra_name("SUB.example.com"), v=[V(DN4, "duplicate_name")])
case("duplicate_name_exact", "An exact repeat.", extra_name("example3.com"),
     v=[V(DN4, "duplicate_name")])
case("duplicate_names_several",
     "Each repeat is reported at its own (later) index.",
     {"certificate.dns_names": CSR_SANS + ["www.example.com", "sub.example.com",
                                           "WWW.EXAMPLE.COM", "www.example.com"]},
     v=[V("certificate.dns_names[5]", "duplicate_name"),
        V("certificate.dns_names[6]", "duplicate_name"),
        V("certificate.dns_names[7]", "duplicate_name")])
case("dns_name_equal_to_common_name_ok", "A name equal to common_name is fine.",
     extra_name("example.com"))
case("dns_name_equal_to_common_name_other_case_ok",
     "A name equal to common_name in another case is fine too.", extra_name("EXAMPLE.com"))
case("duplicate_common_name_in_dns_names",
     "common_name twice in dns_names: the second is a duplicate.",
     {"certificate.dns_names": ["example.com"] + CSR_SANS + ["example.com"]},
     v=[V("certificate.dns_names[5]", "duplicate_name")])

MANY = [f"host{i}.example.com" for i in range(1, 300)]
case("dns_names_250_ok", "250 names is the maximum for known products.",
     {"certificate.dns_names": CSR_SANS + MANY[:246]})
case("dns_names_251_out_of_range", "251 names is too many for a known product.",
     {"certificate.dns_names": CSR_SANS + MANY[:247]},
     v=[V("certificate.dns_names", "out_of_range")])
case("dns_names_251_unknown_product_ok", "An unknown product has no dns_names limit.",
     {"certificate.dns_names": CSR_SANS + MANY[:247]}, product=CUSTOM)
case("dns_names_251_ev_out_of_range", "The limit applies to EV products too.",
     {"certificate.dns_names": CSR_SANS + MANY[:247]}, product=EV,
     v=[V("certificate.dns_names", "out_of_range")])

case("wildcard_dns_name_ok", "*.example.com is allowed on ssl_securesite_pro.",
     extra_name("*.example.com"))
case("wildcard_dns_name_flex_ok", "Wildcards are allowed on ssl_securesite_flex.",
     extra_name("*.example.com"), product=FLEX)
case("wildcard_dns_name_basic_ok", "Wildcards are allowed on ssl_basic.",
     extra_name("*.example.com"), product=BASIC)
case("wildcard_dns_name_unknown_product_ok", "Generic rules allow wildcards.",
     extra_name("*.example.com"), product=CUSTOM)
case("wildcard_dns_name_ev_not_allowed", "No wildcards on ssl_ev_securesite_pro.",
     extra_name("*.example.com"), product=EV, v=[V(DN4, "not_allowed")])
case("wildcard_dns_name_ev_flex_not_allowed", "No wildcards on ssl_ev_securesite_flex.",
     extra_name("*.app.example.com"), product=EV_FLEX, v=[V(DN4, "not_allowed")])
WILDCARD_ORDER = {"certificate.common_name": "*.example.com",
                  "certificate.dns_names": ["example.com"],
                  "certificate.csr": csr("wildcard.pem")}
case("wildcard_common_name_ok",
     "A wildcard common_name with wildcard.pem (CN/SAN *.example.com, example.com).",
     WILDCARD_ORDER)
case("wildcard_common_name_ev_not_allowed",
     "A wildcard common_name on an EV product is not_allowed at certificate.common_name "
     "(CSR with only CN=example.com, which dns_names covers).",
     {**WILDCARD_ORDER, **CN_ONLY}, product=EV,
     v=[V("certificate.common_name", "not_allowed")])
case("wildcard_common_name_partial_invalid", "A partial wildcard common_name is invalid.",
     cn("www*.example.com"), v=[V("certificate.common_name", "invalid_domain")])
case("dns_names_uppercase_cover_csr",
     "Coverage is case-insensitive: upper-case order names cover the CSR's lower-case names.",
     {"certificate.dns_names": [n.upper() for n in CSR_SANS]})


# ============================================================================================
vector_file("csr", "certificate.csr: every CSR fixture (tests/fixtures/csr), PEM variants, and "
            "the csr_name_not_in_order warning.")
# ============================================================================================

for fixture, why in [("rsa2048.pem", "RSA-2048"), ("rsa4096.pem", "RSA-4096"),
                     ("p256.pem", "EC P-256 (ecdsa-with-SHA256)"),
                     ("p384.pem", "EC P-384 (ecdsa-with-SHA384)")]:
    case(f"csr_{fixture[:-4]}_ok", f"{why} CSR with all of the order's names.",
         {"certificate.csr": csr(fixture)})
case("csr_rsa2048_cn_only_ok", "RSA-2048 CSR with only CN=example.com, no SAN extension.",
     CN_ONLY)
case("csr_rsa1024_weak_key",
     "RSA-1024 is weak_key (only that: not also invalid_csr although TLS-grade verifiers "
     "refuse to check its signature).",
     {"certificate.csr": csr("rsa1024.pem")}, v=[V("certificate.csr", "weak_key")])
case("csr_p521_unsupported_key", "EC P-521 is not a supported curve.",
     {"certificate.csr": csr("p521.pem")}, v=[V("certificate.csr", "unsupported_key")])
case("csr_ed25519_unsupported_key", "Ed25519 keys are not supported.",
     {"certificate.csr": csr("ed25519.pem")}, v=[V("certificate.csr", "unsupported_key")])
case("csr_dsa_unsupported_key", "DSA keys are not supported.",
     {"certificate.csr": csr("dsa2048.pem")}, v=[V("certificate.csr", "unsupported_key")])
case("csr_bad_signature_invalid",
     "A well-formed RSA-2048 CSR whose signature has one byte flipped.",
     {"certificate.csr": csr("bad_signature.pem")}, v=[V("certificate.csr", "invalid_csr")])
case("csr_garbage_invalid", "CSR armour around base64 that is not DER.",
     {"certificate.csr": csr("garbage.pem")}, v=[V("certificate.csr", "invalid_csr")])
case("csr_not_pem_invalid", "Plain text, no PEM armour.",
     {"certificate.csr": csr("not_pem.txt")}, v=[V("certificate.csr", "invalid_csr")])
case("csr_certificate_instead_invalid", "A PEM certificate is not a certificate request.",
     {"certificate.csr": csr("self_signed_cert.pem")}, v=[V("certificate.csr", "invalid_csr")])
case("csr_placeholder_invalid", "The seed's literal \"<csr>\" placeholder.",
     {"certificate.csr": "<csr>"}, v=[V("certificate.csr", "invalid_csr")])
_pem = csr("rsa2048.pem")
_lines = _pem.split("\n")
case("csr_new_certificate_request_header_ok",
     "The NEW CERTIFICATE REQUEST armour is accepted too.",
     {"certificate.csr": _pem.replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST")})
case("csr_crlf_line_endings_ok", "PEM with CRLF line endings (RFC 7468 allows them).",
     {"certificate.csr": _pem.replace("\n", "\r\n")})
case("csr_no_trailing_newline_ok", "PEM without a final newline.",
     {"certificate.csr": _pem.rstrip("\n")})
case("csr_base64_without_armour_invalid",
     "The base64 body without BEGIN/END lines is not PEM.",
     {"certificate.csr": "\n".join(_lines[1:-2]) + "\n"},
     v=[V("certificate.csr", "invalid_csr")])
case("csr_truncated_invalid", "A CSR with lines cut out of the middle does not parse.",
     {"certificate.csr": "\n".join(_lines[:5] + _lines[12:])},
     v=[V("certificate.csr", "invalid_csr")])

case("csr_other_names_one_warning",
     "other_names.pem (CN and SAN www.other-domain.net, SAN example.com) against an order for "
     "example.com: www.other-domain.net is not covered (one warning, although it is both CN and "
     "SAN). Still valid.",
     {"certificate.csr": csr("other_names.pem")}, w=[CSR_W])
case("csr_other_names_covered",
     "The same CSR with an order that names both of its names: no warning.",
     {"certificate.csr": csr("other_names.pem"),
      "certificate.common_name": "www.other-domain.net",
      "certificate.dns_names": ["example.com"]})
case("csr_names_partly_covered",
     "An order for example.com, sub.example.com and app.example.com only: example2.com and "
     "example3.com of the CSR are not covered.",
     {"certificate.dns_names": ["sub.example.com", "app.example.com"]}, w=[CSR_W, CSR_W])
case("csr_cn_not_in_order",
     "The CSR's CN (and SAN) example.com is not in the order: one warning for that name.",
     {"certificate.common_name": "www.example.com"}, w=[CSR_W])
case("csr_wildcard_name_not_in_order",
     "wildcard.pem names *.example.com, which an order for example.com and its four SANs does "
     "not name exactly: one warning.",
     {"certificate.csr": csr("wildcard.pem")}, w=[CSR_W])
case("csr_names_all_uncovered",
     "An order for other names: all five CSR names are uncovered (five warnings), still valid.",
     {"certificate.common_name": "shop.example.net",
      "certificate.dns_names": ["api.example.net"]}, w=[CSR_W] * 5)
case("csr_p256_names_partly_covered",
     "Name warnings do not depend on the key type (P-256, two names uncovered).",
     {"certificate.csr": csr("p256.pem"),
      "certificate.dns_names": ["example2.com", "example3.com"]}, w=[CSR_W, CSR_W])


# ============================================================================================
vector_file("validity", "validity_years / validity_days / custom_expiration_date: presence, "
            "ranges per product, dates relative to `today`, and precedence warnings.")
# ============================================================================================

case("validity_none_required",
     "None of validity_years, validity_days, custom_expiration_date: required at validity_years.",
     {"validity_years": DEL}, v=[V("validity_years", "required")])
case("validity_years_1_ok", "validity_years 1.", {"validity_years": 1})
case("validity_years_2_ok", "validity_years 2.", {"validity_years": 2})
case("validity_years_3_out_of_range", "Known products allow 1 and 2 years only.",
     {"validity_years": 3}, v=[V("validity_years", "out_of_range")])
case("validity_years_0_out_of_range", "0 years is out of range.", {"validity_years": 0},
     v=[V("validity_years", "out_of_range")])
case("validity_years_negative_out_of_range", "-1 years is out of range.",
     {"validity_years": -1}, v=[V("validity_years", "out_of_range")])
case("validity_years_3_flex_out_of_range", "ssl_securesite_flex allows 1, 2.",
     {"validity_years": 3}, product=FLEX, v=[V("validity_years", "out_of_range")])
case("validity_years_3_basic_out_of_range", "ssl_basic allows 1, 2.",
     {"validity_years": 3}, product=BASIC, v=[V("validity_years", "out_of_range")])
case("validity_years_3_ev_out_of_range", "ssl_ev_securesite_pro allows 1, 2.",
     {"validity_years": 3}, product=EV, v=[V("validity_years", "out_of_range")])
case("validity_years_3_ev_flex_out_of_range", "ssl_ev_securesite_flex allows 1, 2.",
     {"validity_years": 3}, product=EV_FLEX, v=[V("validity_years", "out_of_range")])
case("validity_years_2_ev_ok", "ssl_ev_securesite_pro allows 2.", {"validity_years": 2},
     product=EV)
case("validity_years_3_unknown_product_ok", "Generic rules allow 1-3 years.",
     {"validity_years": 3}, product=CUSTOM)
case("validity_years_1_unknown_product_ok", "Generic rules allow 1-3 years.",
     {"validity_years": 1}, product=CUSTOM)
case("validity_years_4_unknown_product_out_of_range", "Generic rules allow 1-3 years.",
     {"validity_years": 4}, product=CUSTOM, v=[V("validity_years", "out_of_range")])
case("validity_years_0_unknown_product_out_of_range", "Generic rules allow 1-3 years.",
     {"validity_years": 0}, product=CUSTOM, v=[V("validity_years", "out_of_range")])

case("validity_days_1_ok", "validity_days 1 alone.", {"validity_years": DEL, "validity_days": 1})
case("validity_days_825_ok", "validity_days 825 alone.",
     {"validity_years": DEL, "validity_days": 825})
case("validity_days_0_out_of_range", "validity_days must be 1-825.",
     {"validity_years": DEL, "validity_days": 0}, v=[V("validity_days", "out_of_range")])
case("validity_days_826_out_of_range", "validity_days must be 1-825.",
     {"validity_years": DEL, "validity_days": 826}, v=[V("validity_days", "out_of_range")])
case("validity_days_string", "validity_days must be an int.",
     {"validity_years": DEL, "validity_days": "30"}, v=[V("validity_days", "invalid_type")])
case("validity_days_float", "validity_days must be an int, not 30.5.",
     {"validity_years": DEL, "validity_days": 30.5}, v=[V("validity_days", "invalid_type")])
case("validity_days_199_unknown_product_ok", "validity_days does not depend on the product.",
     {"validity_years": DEL, "validity_days": 199}, product=CUSTOM)

CED = "custom_expiration_date"


def ced(value, **extra):
    return {"validity_years": DEL, CED: value, **extra}


case("custom_date_tomorrow_ok", "The earliest date: the day after today.", ced("2026-11-29"))
case("custom_date_today_out_of_range", "The date must be after today.", ced("2026-11-28"),
     v=[V(CED, "date_out_of_range")])
case("custom_date_past_out_of_range", "A date in the past.", ced("2025-06-01"),
     v=[V(CED, "date_out_of_range")])
case("custom_date_plus_825_ok", "today + 825 days (2029-03-02) is the latest date.",
     ced("2029-03-02"))
case("custom_date_plus_826_out_of_range", "today + 826 days (2029-03-03) is too late.",
     ced("2029-03-03"), v=[V(CED, "date_out_of_range")])
case("custom_date_leap_day_ok", "2028-02-29 is a real date within range.", ced("2028-02-29"))
case("custom_date_feb_30_invalid", "2026-02-30 is not a calendar date.", ced("2026-02-30"),
     v=[V(CED, "invalid_date")])
case("custom_date_feb_29_non_leap_invalid", "2027-02-29 is not a calendar date.",
     ced("2027-02-29"), v=[V(CED, "invalid_date")])
case("custom_date_month_13_invalid", "Month 13.", ced("2027-13-01"), v=[V(CED, "invalid_date")])
case("custom_date_slashes_invalid", "2026/12/01 is not yyyy-MM-dd.", ced("2026/12/01"),
     v=[V(CED, "invalid_date")])
case("custom_date_no_zero_padding_invalid", "2027-1-5 is not yyyy-MM-dd.", ced("2027-1-5"),
     v=[V(CED, "invalid_date")])
case("custom_date_with_time_invalid", "A timestamp is not yyyy-MM-dd.",
     ced("2027-01-05T00:00:00Z"), v=[V(CED, "invalid_date")])
case("custom_date_day_first_invalid", "dd-MM-yyyy is not yyyy-MM-dd.", ced("05-01-2027"),
     v=[V(CED, "invalid_date")])
case("custom_date_empty_invalid", "An empty date string is not yyyy-MM-dd.", ced(""),
     v=[V(CED, "invalid_date")])
case("custom_date_number_invalid_type", "custom_expiration_date must be a string.",
     ced(20270105), v=[V(CED, "invalid_type")])
case("custom_date_uses_given_today_ok",
     "Dates are relative to the given today: 2028-02-29 + 825 days is 2030-06-03.",
     ced("2030-06-03"), today="2028-02-29")
case("custom_date_uses_given_today_out_of_range",
     "2028-02-29 + 826 days is 2030-06-04: too late.",
     ced("2030-06-04"), today="2028-02-29", v=[V(CED, "date_out_of_range")])
case("custom_date_uses_given_today_not_after",
     "With today 2028-02-29, 2028-02-29 is not after today.",
     ced("2028-02-29"), today="2028-02-29", v=[V(CED, "date_out_of_range")])

case("overridden_all_three",
     "All three given: the custom date wins; validity_days and validity_years are overridden.",
     {CED: "2027-06-30", "validity_days": 199, "validity_years": 1},
     w=[W("validity_days", "overridden"), W("validity_years", "overridden")])
case("overridden_custom_date_over_years", "custom_expiration_date overrides validity_years.",
     {CED: "2027-06-30", "validity_years": 1}, w=[W("validity_years", "overridden")])
case("overridden_custom_date_over_days", "custom_expiration_date overrides validity_days.",
     {"validity_years": DEL, CED: "2027-06-30", "validity_days": 199},
     w=[W("validity_days", "overridden")])
case("overridden_days_over_years", "validity_days overrides validity_years.",
     {"validity_days": 199, "validity_years": 2}, w=[W("validity_years", "overridden")])
case("not_overridden_when_other_null", "A null validity field is absent: nothing overridden.",
     {"validity_days": None, CED: None})


# ============================================================================================
vector_file("enums", "Fields with an allowed set of values: signature_hash, payment_method, "
            "dcv_method, locale, contact_type (ev_approver per product) and auto_renew.")
# ============================================================================================

for value in ["sha256", "sha384", "sha512"]:
    case(f"signature_hash_{value}_ok", f"signature_hash {value}.",
         {"certificate.signature_hash": value})
for slug, value in [("sha1", "sha1"), ("md5", "md5"), ("sha_256_hyphen", "sha-256")]:
    case(f"signature_hash_{slug}_not_allowed", f"signature_hash {value!r} is not allowed.",
         {"certificate.signature_hash": value},
         v=[V("certificate.signature_hash", "not_allowed")])

for value in ["balance", "card", "profile"]:
    case(f"payment_method_{value}_ok", f"payment_method {value}.", {"payment_method": value})
case("payment_method_invoice_not_allowed", "payment_method 'invoice' is not allowed.",
     {"payment_method": "invoice"}, v=[V("payment_method", "not_allowed")])
case("payment_method_number", "payment_method must be a string.", {"payment_method": 1},
     v=[V("payment_method", "invalid_type")])

for value in ["email", "dns-txt-token", "dns-cname-token", "http-token"]:
    case(f"dcv_method_{value.replace('-', '_')}_ok", f"dcv_method {value}.",
         {"dcv_method": value})
for slug, value in [("dns", "dns"), ("dns_txt_underscore", "dns_txt_token")]:
    case(f"dcv_method_{slug}_not_allowed", f"dcv_method {value!r} is not allowed.",
         {"dcv_method": value}, v=[V("dcv_method", "not_allowed")])

for value in ["de", "en", "es", "fr", "it", "ja", "ko", "nl", "pt", "zh_CN", "zh_TW"]:
    case(f"locale_{value.lower()}_ok", f"locale {value}.", {"locale": value})
for slug, value in [("zh_hyphen_cn", "zh-CN"), ("ru", "ru"), ("english", "english")]:
    case(f"locale_{slug}_not_allowed", f"locale {value!r} is not allowed.", {"locale": value},
         v=[V("locale", "not_allowed")])

case("contact_type_technical_ok", "technical_contact with user_id.",
     {"organization.contacts[0].contact_type": "technical_contact"})
case("contact_type_billing_not_allowed", "billing_contact is not a contact_type.",
     {"organization.contacts[1].contact_type": "billing_contact"},
     v=[V("organization.contacts[1].contact_type", "not_allowed")])
case("contact_type_missing", "contact_type is required.",
     {"organization.contacts[1].contact_type": DEL},
     v=[V("organization.contacts[1].contact_type", "required")])
case("contact_type_empty", "An empty contact_type is required.",
     {"organization.contacts[1].contact_type": ""},
     v=[V("organization.contacts[1].contact_type", "required")])
case("contact_type_number", "contact_type must be a string.",
     {"organization.contacts[1].contact_type": 2},
     v=[V("organization.contacts[1].contact_type", "invalid_type")])
EV_APPROVER = {"contact_type": "ev_approver", "user_id": 565612}
case("ev_approver_ev_ok", "ev_approver is allowed on ssl_ev_securesite_pro.",
     {"organization.contacts[2]": EV_APPROVER}, product=EV)
case("ev_approver_ev_flex_ok", "ev_approver is allowed on ssl_ev_securesite_flex.",
     {"organization.contacts[2]": EV_APPROVER}, product=EV_FLEX)
case("ev_approver_unknown_product_ok", "Generic rules allow ev_approver.",
     {"organization.contacts[2]": EV_APPROVER}, product=CUSTOM)
case("ev_approver_pro_not_allowed", "ev_approver is not_allowed on ssl_securesite_pro.",
     {"organization.contacts[2]": EV_APPROVER},
     v=[V("organization.contacts[2].contact_type", "not_allowed")])
case("ev_approver_flex_not_allowed", "ev_approver is not_allowed on ssl_securesite_flex.",
     {"organization.contacts[2]": EV_APPROVER}, product=FLEX,
     v=[V("organization.contacts[2].contact_type", "not_allowed")])
case("ev_approver_basic_not_allowed", "ev_approver is not_allowed on ssl_basic.",
     {"organization.contacts[2]": EV_APPROVER}, product=BASIC,
     v=[V("organization.contacts[2].contact_type", "not_allowed")])

case("auto_renew_0_ok", "auto_renew 0 (disabled).", {"auto_renew": 0})
case("auto_renew_1_ok", "auto_renew 1 (enabled).", {"auto_renew": 1})
case("auto_renew_2_out_of_range", "auto_renew allows 0 and 1 only.", {"auto_renew": 2},
     v=[V("auto_renew", "out_of_range")])
case("auto_renew_negative_out_of_range", "auto_renew allows 0 and 1 only.", {"auto_renew": -1},
     v=[V("auto_renew", "out_of_range")])
case("auto_renew_true_invalid_type", "auto_renew is an int: true is invalid_type.",
     {"auto_renew": True}, v=[V("auto_renew", "invalid_type")])
case("auto_renew_string_invalid_type", "auto_renew is an int: \"1\" is invalid_type.",
     {"auto_renew": "1"}, v=[V("auto_renew", "invalid_type")])


# ============================================================================================
vector_file("fields", "Other optional fields: renewed_thumbprint, renewal_of_order_id, "
            "additional_emails, server_platform, profile_option, organization_units, container "
            "and custom_fields.")
# ============================================================================================

THUMB = "7d236b54d19d5eacf0881faf24d51dfe5d23e945"
case("thumbprint_lowercase_ok", "40 lower-case hex digits.", {"renewed_thumbprint": THUMB})
case("thumbprint_uppercase_ok", "40 upper-case hex digits.",
     {"renewed_thumbprint": THUMB.upper()})
case("thumbprint_39_digits_invalid", "39 hex digits.", {"renewed_thumbprint": THUMB[:-1]},
     v=[V("renewed_thumbprint", "invalid_thumbprint")])
case("thumbprint_41_digits_invalid", "41 hex digits.", {"renewed_thumbprint": THUMB + "0"},
     v=[V("renewed_thumbprint", "invalid_thumbprint")])
case("thumbprint_non_hex_invalid", "A 'g' is not a hex digit.",
     {"renewed_thumbprint": THUMB[:-1] + "g"},
     v=[V("renewed_thumbprint", "invalid_thumbprint")])
case("thumbprint_colons_invalid", "Colon-separated bytes are not 40 hex digits.",
     {"renewed_thumbprint": ":".join(THUMB[i:i + 2] for i in range(0, 40, 2)).upper()},
     v=[V("renewed_thumbprint", "invalid_thumbprint")])
case("thumbprint_sha256_invalid", "A SHA-256 thumbprint (64 hex digits) is not SHA-1.",
     {"renewed_thumbprint": "a" * 64}, v=[V("renewed_thumbprint", "invalid_thumbprint")])
case("thumbprint_empty_invalid", "An empty thumbprint is not 40 hex digits.",
     {"renewed_thumbprint": ""}, v=[V("renewed_thumbprint", "invalid_thumbprint")])
case("thumbprint_number_invalid_type", "renewed_thumbprint must be a string.",
     {"renewed_thumbprint": 1234567890}, v=[V("renewed_thumbprint", "invalid_type")])

case("renewal_of_order_id_ok", "renewal_of_order_id 1 is the smallest id.",
     {"renewal_of_order_id": 1})
case("renewal_of_order_id_0_out_of_range", "ids must be at least 1.",
     {"renewal_of_order_id": 0}, v=[V("renewal_of_order_id", "out_of_range")])
case("renewal_of_order_id_string", "renewal_of_order_id must be an int.",
     {"renewal_of_order_id": "112233"}, v=[V("renewal_of_order_id", "invalid_type")])
case("renewal_with_thumbprint_ok", "A renewal giving both the order id and the thumbprint.",
     {"renewal_of_order_id": 112233, "renewed_thumbprint": THUMB.upper()})

case("additional_emails_ok", "Valid addresses, including a plus tag and upper case.",
     {"additional_emails": ["ops@example.com", "jill.valentine+certs@sub.example.com",
                            "Admin@Example.COM"]})
case("additional_emails_empty_ok", "An empty list is fine.", {"additional_emails": []})
for slug, addr, why in [
    ("no_at", "not-an-email", "no @"),
    ("two_ats", "ops@@example.com", "two @"),
    ("empty_local", "@example.com", "empty local part"),
    ("empty_domain", "ops@", "empty domain"),
    ("space", "ops team@example.com", "a space in the local part"),
    ("single_label_domain", "ops@localhost", "domain is not a valid DNS name (one label)"),
    ("bad_domain", "ops@-example.com", "domain label starts with a hyphen"),
    ("domain_trailing_dot", "ops@example.com.", "domain with a trailing dot"),
    ("non_ascii_local", "jörg@example.com", "non-ASCII local part"),
    ("display_name", "Ops <ops@example.com>", "a display name is not an address"),
]:
    case(f"additional_email_{slug}_invalid", f"{addr!r}: {why}.",
         {"additional_emails": ["ops@example.com", addr]},
         v=[V("additional_emails[1]", "invalid_email")])
case("additional_emails_several_invalid", "Each invalid address at its own index.",
     {"additional_emails": ["bad", "ok@example.com", "also bad@example.com"]},
     v=[V("additional_emails[0]", "invalid_email"), V("additional_emails[2]", "invalid_email")])
case("additional_emails_is_string", "additional_emails must be an array.",
     {"additional_emails": "ops@example.com"}, v=[V("additional_emails", "invalid_type")])
case("additional_emails_item_number", "Each address must be a string.",
     {"additional_emails": ["ops@example.com", 7]},
     v=[V("additional_emails[1]", "invalid_type")])

case("server_platform_other_ok", "server_platform id -1 means other.",
     {"certificate.server_platform.id": -1})
case("server_platform_45_ok", "server_platform id 45 (nginx).",
     {"certificate.server_platform.id": 45})
case("server_platform_1_ok", "server_platform id 1 is the smallest positive id.",
     {"certificate.server_platform.id": 1})
case("server_platform_0_out_of_range", "0 is neither -1 nor at least 1.",
     {"certificate.server_platform.id": 0},
     v=[V("certificate.server_platform.id", "out_of_range")])
case("server_platform_minus_2_out_of_range", "-2 is neither -1 nor at least 1.",
     {"certificate.server_platform.id": -2},
     v=[V("certificate.server_platform.id", "out_of_range")])
case("server_platform_id_missing", "server_platform.id is required when server_platform is "
     "given.", {"certificate.server_platform": {}},
     v=[V("certificate.server_platform.id", "required")])
case("server_platform_id_string", "server_platform.id must be an int.",
     {"certificate.server_platform.id": "2"},
     v=[V("certificate.server_platform.id", "invalid_type")])
case("server_platform_is_int", "server_platform must be an object, not its id.",
     {"certificate.server_platform": 2}, v=[V("certificate.server_platform", "invalid_type")])
case("server_platform_omitted_ok", "server_platform is optional.",
     {"certificate.server_platform": DEL})

case("profile_option_ok", "A named profile option.",
     {"certificate.profile_option": "server_auth_only_eku"})
case("profile_option_empty_invalid", "profile_option must be non-empty when given.",
     {"certificate.profile_option": ""},
     v=[V("certificate.profile_option", "invalid_value")])
case("profile_option_number", "profile_option must be a string.",
     {"certificate.profile_option": 1}, v=[V("certificate.profile_option", "invalid_type")])

case("organization_units_deprecated_warning",
     "organization_units is accepted but warned about (OU no longer in public TLS certs).",
     {"certificate.organization_units": ["Shared Services"]}, w=[OU_W])
case("organization_units_empty_item_invalid",
     "organization_units items must be non-empty; the field still gets its warning.",
     {"certificate.organization_units": ["Shared Services", ""]},
     v=[V("certificate.organization_units[1]", "invalid_value")], w=[OU_W])

case("container_ok", "container with an id.", {"container": {"id": 1}})
case("container_id_missing", "container.id is required.", {"container": {}},
     v=[V("container.id", "required")])
case("container_id_0_out_of_range", "ids must be at least 1.", {"container.id": 0},
     v=[V("container.id", "out_of_range")])
case("container_id_string", "container.id must be an int.", {"container.id": "334455"},
     v=[V("container.id", "invalid_type")])
case("container_is_int", "container must be an object.", {"container": 334455},
     v=[V("container", "invalid_type")])

case("custom_fields_ok", "Two custom fields.",
     {"custom_fields": [{"metadata_id": 1, "value": "CC-1001"},
                        {"metadata_id": 27, "value": "web team"}]})
case("custom_fields_empty_ok", "An empty list is fine.", {"custom_fields": []})
case("custom_field_metadata_id_missing", "metadata_id is required.",
     {"custom_fields": [{"value": "CC-1001"}]},
     v=[V("custom_fields[0].metadata_id", "required")])
case("custom_field_value_missing", "value is required.",
     {"custom_fields": [{"metadata_id": 1}]}, v=[V("custom_fields[0].value", "required")])
case("custom_field_value_empty", "An empty required string is required.",
     {"custom_fields": [{"metadata_id": 1, "value": ""}]},
     v=[V("custom_fields[0].value", "required")])
case("custom_field_metadata_id_0_out_of_range", "metadata_id must be at least 1.",
     {"custom_fields": [{"metadata_id": 1, "value": "a"}, {"metadata_id": 0, "value": "b"}]},
     v=[V("custom_fields[1].metadata_id", "out_of_range")])
case("custom_field_value_number", "value must be a string.",
     {"custom_fields": [{"metadata_id": 1, "value": 1001}]},
     v=[V("custom_fields[0].value", "invalid_type")])
case("custom_fields_is_object", "custom_fields must be an array.",
     {"custom_fields": {"metadata_id": 1, "value": "a"}},
     v=[V("custom_fields", "invalid_type")])
case("custom_field_item_string", "Each custom field must be an object.",
     {"custom_fields": ["CC-1001"]}, v=[V("custom_fields[0]", "invalid_type")])


# ============================================================================================
vector_file("organization", "organization: existing id or new organization (complete, "
            "incomplete, conflicting), organization_contact, and contacts.")
# ============================================================================================

case("organization_id_ok", "An existing organization id (the base order).")
case("organization_id_0_out_of_range", "ids must be at least 1.", {"organization.id": 0},
     v=[V("organization.id", "out_of_range")])
case("organization_id_negative_out_of_range", "ids must be at least 1.",
     {"organization.id": -5}, v=[V("organization.id", "out_of_range")])
case("organization_id_float", "A float for an int id.", {"organization.id": 123456.0},
     v=[V("organization.id", "invalid_type")])
case("organization_empty_object", "Neither an id nor new-organization details.",
     {"organization": {}}, v=[V("organization.id", "required")])
case("organization_contacts_only", "Contacts alone do not identify an organization.",
     {"organization.id": DEL}, v=[V("organization.id", "required")])

case("new_organization_complete_ok", "A complete new organization with contacts.",
     {"organization": {**new_org(), "contacts": [dict(TECH_CONTACT)]}})
case("new_organization_minimal_ok", "A new organization with only the required keys.",
     {"organization": new_org(assumed_name=DEL, address2=DEL)})
case("new_organization_lowercase_country_ok", "country is two letters; 'us' qualifies.",
     {"organization": new_org(country="us")})
for key in NEW_ORG_REQUIRED:
    case(f"new_organization_missing_{key}", f"A new organization needs {key}.",
         {"organization": new_org(**{key: DEL})}, v=[V(f"organization.{key}", "required")])
case("new_organization_blank_name", "A blank required string is required.",
     {"organization": new_org(name="  ")}, v=[V("organization.name", "required")])
case("new_organization_incomplete",
     "Only a name: every other required key is reported.",
     {"organization": {"name": "Example Inc"}},
     v=[V(f"organization.{k}", "required") for k in NEW_ORG_REQUIRED if k != "name"])
case("new_organization_country_three_letters", "country must be two letters.",
     {"organization": new_org(country="USA")}, v=[V("organization.country", "invalid_value")])
case("new_organization_country_digits", "country must be two letters.",
     {"organization": new_org(country="U1")}, v=[V("organization.country", "invalid_value")])
case("new_organization_country_number", "country must be a string.",
     {"organization": new_org(country=840)}, v=[V("organization.country", "invalid_type")])
case("new_organization_telephone_number", "telephone must be a string.",
     {"organization": new_org(telephone=8017019600)},
     v=[V("organization.telephone", "invalid_type")])
for f in DETAILS:
    oc = {k: v for k, v in NEW_ORG["organization_contact"].items() if k != f}
    case(f"organization_contact_missing_{f}", f"organization_contact needs {f}.",
         {"organization": new_org(organization_contact=oc)},
         v=[V(f"organization.organization_contact.{f}", "required")])
case("organization_contact_invalid_email", "organization_contact.email must be valid.",
     {"organization": new_org(organization_contact={**NEW_ORG["organization_contact"],
                                                    "email": "chris.redfield"})},
     v=[V("organization.organization_contact.email", "invalid_email")])
case("organization_contact_is_string", "organization_contact must be an object.",
     {"organization": new_org(organization_contact="Chris Redfield")},
     v=[V("organization.organization_contact", "invalid_type")])

case("organization_id_and_name_conflict",
     "An id together with new-organization details: conflict at organization (only that).",
     {"organization.name": "Example Inc"}, v=[V("organization", "conflict")])
case("organization_id_and_full_new_organization_conflict",
     "An id together with a complete new organization.",
     {"organization": {"id": 123456, **new_org()}}, v=[V("organization", "conflict")])
case("organization_id_and_address2_conflict",
     "Any new-organization key conflicts with an id, optional ones too.",
     {"organization.address2": "Suite 500"}, v=[V("organization", "conflict")])

case("contacts_user_id_only_ok", "A contact with only contact_type and user_id.",
     {"organization.contacts": [dict(ORG_CONTACT)]})
case("contacts_details_only_ok", "A new contact with all five details.",
     {"organization.contacts": [dict(TECH_CONTACT)]})
case("contacts_user_id_and_some_details_ok",
     "With user_id, details are optional updates.",
     {"organization.contacts": [{**ORG_CONTACT, "telephone": "8017019601"}]})
case("contacts_omitted_ok", "contacts is optional.", {"organization.contacts": DEL})
case("contacts_empty_ok", "An empty contacts list.", {"organization.contacts": []})
for f in DETAILS:
    case(f"contact_missing_{f}", f"Without user_id, {f} is required.",
         {f"organization.contacts[1].{f}": DEL},
         v=[V(f"organization.contacts[1].{f}", "contact_details_required")])
case("contact_no_details",
     "Without user_id and without details: each of the five is reported.",
     {"organization.contacts[1]": {"contact_type": "technical_contact"}},
     v=[V(f"organization.contacts[1].{f}", "contact_details_required") for f in DETAILS])
case("contact_blank_detail", "A blank detail counts as missing.",
     {"organization.contacts[1].job_title": " "},
     v=[V("organization.contacts[1].job_title", "contact_details_required")])
case("contact_null_detail", "A null detail counts as missing.",
     {"organization.contacts[1].last_name": None},
     v=[V("organization.contacts[1].last_name", "contact_details_required")])
case("contact_invalid_email", "A new contact's email must be valid.",
     {"organization.contacts[1].email": "jill.valentine@"},
     v=[V("organization.contacts[1].email", "invalid_email")])
case("contact_with_user_id_invalid_email", "email when given must be valid, user_id or not.",
     {"organization.contacts[0].email": "chris at example.com"},
     v=[V("organization.contacts[0].email", "invalid_email")])
case("contact_user_id_0_out_of_range", "user_id must be at least 1.",
     {"organization.contacts[0].user_id": 0},
     v=[V("organization.contacts[0].user_id", "out_of_range")])
case("contact_user_id_string",
     "user_id must be an int (on a contact that has all five details anyway).",
     {"organization.contacts[1].user_id": "565612"},
     v=[V("organization.contacts[1].user_id", "invalid_type")])
case("contact_telephone_number", "Details are strings.",
     {"organization.contacts[1].telephone": 8017019600},
     v=[V("organization.contacts[1].telephone", "invalid_type")])
case("contacts_is_object", "contacts must be an array.",
     {"organization.contacts": dict(ORG_CONTACT)}, v=[V("organization.contacts", "invalid_type")])
case("contact_is_string", "Each contact must be an object.",
     {"organization.contacts[0]": "organization_contact"},
     v=[V("organization.contacts[0]", "invalid_type")])
case("new_organization_with_contact_missing_email",
     "Contact rules apply to a new organization's contacts too.",
     {"organization": {**new_org(), "contacts": [
         {k: v for k, v in TECH_CONTACT.items() if k != "email"}]}},
     v=[V("organization.contacts[0].email", "contact_details_required")])


# ============================================================================================
vector_file("products", "Per-product rules: every known product accepts the base order, an "
            "unknown product id gets the generic rules.")
# ============================================================================================

for p in [PRO, FLEX, BASIC, EV, EV_FLEX, CUSTOM]:
    case(f"base_order_{p}_ok", f"The base order is valid for {p}.", product=p)
case("unknown_product_other_id_ok", "Any unknown id is validated with the generic rules.",
     product="ssl_dv_geotrust_flex")
case("unknown_product_generic_rules_all_ok",
     "Generic rules: 3 years, 251 names, a wildcard and an ev_approver together are fine.",
     {"validity_years": 3,
      "certificate.dns_names": CSR_SANS + ["*.example.com"] + MANY[:246],
      "organization.contacts[2]": EV_APPROVER},
     product=CUSTOM)
case("unknown_product_common_rules_still_apply",
     "Generic rules still check everything else (signature_hash, names).",
     {"certificate.signature_hash": "sha1", **extra_name("bad_name.example.com")},
     product=CUSTOM,
     v=[V("certificate.signature_hash", "not_allowed"), V(DN4, "invalid_domain")])
case("ev_all_product_rules",
     "EV product: a wildcard name is not_allowed while ev_approver is fine.",
     {**extra_name("*.example.com"), "organization.contacts[2]": EV_APPROVER},
     product=EV, v=[V(DN4, "not_allowed")])
case("non_ev_all_product_rules",
     "Non-EV product: a wildcard name is fine while ev_approver is not_allowed.",
     {**extra_name("*.example.com"), "organization.contacts[2]": EV_APPROVER},
     product=FLEX, v=[V("organization.contacts[2].contact_type", "not_allowed")])


# ============================================================================================
vector_file("combined", "Several problems in one order: every violation and warning is "
            "reported, not just the first.")
# ============================================================================================

case("many_violations_all_reported",
     "Ten independent violations across the order, each reported at its own path.",
     {"certificate.signature_hash": "sha1",
      DN4: "SUB.EXAMPLE.COM",
      "certificate.server_platform.id": 0,
      "validity_years": 3,
      "auto_renew": 2,
      "locale": "xx",
      "renewed_thumbprint": "abc",
      "organization.contacts[1].email": "not-an-email",
      "container.id": 0,
      "custom_fields": [{"metadata_id": 1}],
      "colour": "blue"},
     v=[V("certificate.signature_hash", "not_allowed"),
        V(DN4, "duplicate_name"),
        V("certificate.server_platform.id", "out_of_range"),
        V("validity_years", "out_of_range"),
        V("auto_renew", "out_of_range"),
        V("locale", "not_allowed"),
        V("renewed_thumbprint", "invalid_thumbprint"),
        V("organization.contacts[1].email", "invalid_email"),
        V("container.id", "out_of_range"),
        V("custom_fields[0].value", "required"),
        V("colour", "unknown_field")])
case("certificate_all_wrong",
     "Every certificate field wrong at once.",
     {"certificate": {"common_name": "https://example.com", "dns_names": ["a_b.example.com"],
                      "csr": csr("garbage.pem"), "signature_hash": "sha1",
                      "server_platform": {"id": "2"}, "profile_option": 5,
                      "dns_name": []}},
     v=[V("certificate.common_name", "invalid_domain"),
        V("certificate.dns_names[0]", "invalid_domain"),
        V("certificate.csr", "invalid_csr"),
        V("certificate.signature_hash", "not_allowed"),
        V("certificate.server_platform.id", "invalid_type"),
        V("certificate.profile_option", "invalid_type"),
        V("certificate.dns_name", "unknown_field")])
case("violations_and_warnings_together",
     "Violations do not hide warnings: OU, overridden and CSR-name warnings alongside two "
     "violations.",
     {"certificate.csr": csr("other_names.pem"),
      "certificate.organization_units": ["IT"],
      "validity_days": 199,
      "payment_method": "cash",
      "organization.contacts[1].first_name": DEL},
     v=[V("payment_method", "not_allowed"),
        V("organization.contacts[1].first_name", "contact_details_required")],
     w=[CSR_W, OU_W, W("validity_years", "overridden")])
case("warnings_only_still_valid",
     "Only warnings: the order is valid.",
     {"certificate.organization_units": ["IT"],
      "certificate.dns_names": ["sub.example.com"],
      CED: "2027-06-30"},
     w=[OU_W, CSR_W, CSR_W, CSR_W, W("validity_years", "overridden")])
case("missing_everything_required",
     "Only unknown keys: all three required top-level findings plus each unknown key.",
     order={"certifcate": {}, "org": {"id": 1}},
     v=[V("certifcate", "unknown_field"), V("org", "unknown_field"),
        V("certificate", "required"), V("organization", "required"),
        V("validity_years", "required")])
case("organization_and_contacts_several",
     "Several organization findings: a new organization without city and with a bad country, "
     "and two faulty contacts.",
     {"organization": {**new_org(city=DEL, country="Utah"), "contacts": [
         {"contact_type": "ev_approver", "user_id": 0},
         {"contact_type": "technical_contact", "first_name": "Jill", "email": "jill@"}]}},
     v=[V("organization.city", "required"),
        V("organization.country", "invalid_value"),
        V("organization.contacts[0].contact_type", "not_allowed"),
        V("organization.contacts[0].user_id", "out_of_range"),
        V("organization.contacts[1].last_name", "contact_details_required"),
        V("organization.contacts[1].job_title", "contact_details_required"),
        V("organization.contacts[1].telephone", "contact_details_required"),
        V("organization.contacts[1].email", "invalid_email")])


# ============================================================================================
vector_file("seed", "The seed's two request payloads (tests/fixtures/seed) with a real CSR. "
            "rsa2048.pem names the union of both payloads' names, so two of its names are not "
            "in either payload; the seed's organization_units gives deprecated_field.")
# ============================================================================================

RSA = csr("rsa2048.pem")
case("seed_python_payload",
     "The Python/Go/Node payload (example2.com, example3.com) with rsa2048.pem: valid; "
     "warnings for OU and for the CSR's sub.example.com and app.example.com. This is "
     "examples/securesite-pro.json.",
     order=seed_payload("python", RSA), w=[OU_W, CSR_W, CSR_W])
case("seed_curl_payload_flex",
     "The curl payload (sub.example.com, app.example.com) for the product in its URL, "
     "ssl_securesite_flex: valid; warnings for OU and for example2.com and example3.com.",
     order=seed_payload("curl", RSA), product=FLEX, w=[OU_W, CSR_W, CSR_W])
case("seed_curl_payload_pro",
     "The curl payload for ssl_securesite_pro (the page's product).",
     order=seed_payload("curl", RSA), w=[OU_W, CSR_W, CSR_W])
case("seed_python_payload_p384",
     "The Python payload with the P-384 CSR (same names).",
     order=seed_payload("python", csr("p384.pem")), w=[OU_W, CSR_W, CSR_W])
case("seed_python_payload_without_ou",
     "Without organization_units the OU warning goes; the name warnings stay.",
     {"certificate.organization_units": DEL}, order=seed_payload("python", RSA),
     w=[CSR_W, CSR_W])
case("seed_python_payload_all_names",
     "With all five CSR names in the order only the OU warning is left.",
     {"certificate.dns_names": CSR_SANS}, order=seed_payload("python", RSA), w=[OU_W])
case("seed_python_payload_placeholder_csr",
     "The payload exactly as in the seed, with the literal \"<csr>\".",
     order=seed_payload("python", None),
     v=[V("certificate.csr", "invalid_csr")], w=[OU_W])
case("seed_curl_payload_placeholder_csr",
     "The curl payload exactly as in the seed, with the literal \"<csr>\".",
     order=seed_payload("curl", None), product=FLEX,
     v=[V("certificate.csr", "invalid_csr")], w=[OU_W])
case("seed_python_payload_ev",
     "The Python payload for ssl_ev_securesite_pro: nothing in it is EV-specific.",
     order=seed_payload("python", RSA), product=EV, w=[OU_W, CSR_W, CSR_W])
case("seed_python_payload_validity_3_years",
     "validity_years 3 in the seed payload is out of range for ssl_securesite_pro.",
     {"validity_years": 3}, order=seed_payload("python", RSA),
     v=[V("validity_years", "out_of_range")], w=[OU_W, CSR_W, CSR_W])
case("seed_python_payload_unknown_product_3_years",
     "The same for an unknown product (generic rules: 1-3 years) is valid.",
     {"validity_years": 3}, order=seed_payload("python", RSA), product=CUSTOM,
     w=[OU_W, CSR_W, CSR_W])


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

def _dump(obj, indent: int) -> str:
    """json.dumps(indent=2), except that a finding {"path": ..., "code": ...} stays on one
    line so expectations read as a list."""
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(obj, dict) and obj and list(obj) != ["path", "code"]:
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_dump(v, indent + 2)}"
                 for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and obj:
        items = [inner + _dump(v, indent + 2) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def render(obj) -> str:
    return _dump(obj, 0) + "\n"


def outputs() -> dict[Path, str]:
    out = {HERE / f"{name}.json": render(body) for name, body in FILES.items()}
    out[EXAMPLE] = render(seed_payload("python", RSA))
    return out


def main(argv: list[str]) -> int:
    names = [c["name"] for f in FILES.values() for c in f["cases"]]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        print("duplicate case names:", ", ".join(dupes), file=sys.stderr)
        return 1
    files = outputs()
    if "--check" in argv:
        stale = [p for p, text in files.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)} (run python3 tests/vectors/generate.py)",
                  file=sys.stderr)
        return 1 if stale else 0
    for p, text in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    for name, body in FILES.items():
        print(f"{name}.json: {len(body['cases'])} cases")
    print(f"total: {len(names)} cases; wrote {EXAMPLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
