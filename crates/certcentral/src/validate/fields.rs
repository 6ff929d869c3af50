//! The order schema: which keys exist where, their types, and the rules of each field.

use serde_json::{Map, Value};

use super::csr::{CsrProblem, inspect_csr_cached};
use super::names::{NameProblem, check_dns_name, check_email, quoted};
use super::walker::{IntRange, Walker, index, join};
use super::{codes, parse_date};

const ORDER_KEYS: &[&str] = &[
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
];
const CERTIFICATE_KEYS: &[&str] = &[
    "common_name",
    "dns_names",
    "csr",
    "signature_hash",
    "organization_units",
    "server_platform",
    "profile_option",
];
const NEW_ORGANIZATION_KEYS: &[&str] = &[
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
];
const NEW_ORGANIZATION_REQUIRED: &[&str] = &[
    "name",
    "address",
    "city",
    "state",
    "zip",
    "country",
    "telephone",
    "organization_contact",
];
const CONTACT_DETAILS: &[&str] = &["first_name", "last_name", "job_title", "telephone", "email"];
const CONTACT_KEYS: &[&str] = &[
    "contact_type",
    "user_id",
    "first_name",
    "last_name",
    "job_title",
    "telephone",
    "email",
];
const CONTACT_TYPES: &[&str] = &["organization_contact", "technical_contact", "ev_approver"];
const SIGNATURE_HASHES: &[&str] = &["sha256", "sha384", "sha512"];
const PAYMENT_METHODS: &[&str] = &["balance", "card", "profile"];
const DCV_METHODS: &[&str] = &["email", "dns-txt-token", "dns-cname-token", "http-token"];
/// DigiCert's locale codes for DCV e-mails.
pub const LOCALES: &[&str] = &[
    "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pt", "zh_CN", "zh_TW",
];
const MAX_CUSTOM_DAYS: i64 = 825;

/// The whole order.
pub(crate) fn order(w: &mut Walker<'_>, v: &Value) {
    let Some(map) = w.object(v, "", ORDER_KEYS) else {
        return;
    };
    if let Some(cert) = w.require(map, "", "certificate") {
        certificate(w, cert);
    }
    validity(w, map);
    if let Some(t) = w.string(map, "", "renewed_thumbprint", false)
        && !w.shape_only
        && !(t.len() == 40 && t.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        w.violation(
            "renewed_thumbprint",
            codes::INVALID_THUMBPRINT,
            format!(
                "{} is not a SHA-1 thumbprint (40 hexadecimal digits)",
                quoted(t)
            ),
        );
    }
    w.string(map, "", "comments", false);
    w.integer(map, "", "auto_renew", false, IntRange::Between(0, 1));
    w.string(map, "", "custom_renewal_message", false);
    w.boolean(map, "", "disable_renewal_notifications");
    if let Some(emails) = w.array(map, "", "additional_emails") {
        for (i, e) in emails.iter().enumerate() {
            let p = index("additional_emails", i);
            if let Some(addr) = w.string_item(e, &p) {
                email(w, &p, addr);
            }
        }
    }
    w.one_of(map, "", "locale", false, LOCALES);
    w.integer(map, "", "renewal_of_order_id", false, IntRange::Id);
    w.one_of(map, "", "payment_method", false, PAYMENT_METHODS);
    w.one_of(map, "", "dcv_method", false, DCV_METHODS);
    w.boolean(map, "", "skip_approval");
    w.boolean(map, "", "disable_ct");
    if let Some(org) = w.require(map, "", "organization") {
        organization(w, org);
    }
    if let Some(c) = Walker::get(map, "container")
        && let Some(cm) = w.object(c, "container", &["id"])
    {
        w.integer(cm, "container", "id", true, IntRange::Id);
    }
    if let Some(fields) = w.array(map, "", "custom_fields") {
        for (i, f) in fields.iter().enumerate() {
            let p = index("custom_fields", i);
            if let Some(fm) = w.object(f, &p, &["metadata_id", "value"]) {
                w.integer(fm, &p, "metadata_id", true, IntRange::Id);
                w.string(fm, &p, "value", true);
            }
        }
    }
}

/// `certificate`, including the CSR and its names against the order's names.
fn certificate(w: &mut Walker<'_>, v: &Value) {
    let path = "certificate";
    let Some(map) = w.object(v, path, CERTIFICATE_KEYS) else {
        return;
    };
    let mut names = Vec::new();
    if let Some(cn) = w.string(map, path, "common_name", true) {
        names.push(cn.to_owned());
        if !w.shape_only {
            let p = join(path, "common_name");
            if dns_name(w, &p, cn) && cn.len() > 64 {
                w.violation(
                    p,
                    codes::INVALID_DOMAIN,
                    format!(
                        "the common name is {} characters long; at most 64 are allowed",
                        cn.len()
                    ),
                );
            }
        }
    }
    if let Some(list) = w.array(map, path, "dns_names") {
        let base = join(path, "dns_names");
        let mut seen = std::collections::HashSet::new();
        for (i, item) in list.iter().enumerate() {
            let p = index(&base, i);
            let Some(name) = w.string_item(item, &p) else {
                continue;
            };
            names.push(name.to_owned());
            if w.shape_only || !dns_name(w, &p, name) {
                continue;
            }
            if !seen.insert(name.to_ascii_lowercase()) {
                w.violation(
                    p,
                    codes::DUPLICATE_NAME,
                    format!("{} is listed twice", quoted(name)),
                );
            }
        }
        if let Some(max) = w.rules.max_dns_names
            && list.len() > max
            && !w.shape_only
        {
            w.violation(
                base,
                codes::OUT_OF_RANGE,
                format!(
                    "{} names given; {} allows at most {max}",
                    list.len(),
                    w.rules.id
                ),
            );
        }
    }
    if let Some(csr) = w.string(map, path, "csr", true)
        && !w.shape_only
    {
        check_csr(w, csr, &names);
    }
    w.one_of(map, path, "signature_hash", true, SIGNATURE_HASHES);
    if let Some(units) = w.array(map, path, "organization_units") {
        for (i, u) in units.iter().enumerate() {
            let p = index(&join(path, "organization_units"), i);
            if let Some(s) = w.string_item(u, &p)
                && s.trim().is_empty()
                && !w.shape_only
            {
                w.violation(
                    p,
                    codes::INVALID_VALUE,
                    "an organization unit must not be blank",
                );
            }
        }
        w.warning(
            join(path, "organization_units"),
            codes::DEPRECATED_FIELD,
            "publicly trusted TLS certificates carry no organization unit since September 2022 \
             (CA/B Forum BR 7.1.4.2); DigiCert leaves it out",
        );
    }
    if let Some(sp) = Walker::get(map, "server_platform") {
        let p = join(path, "server_platform");
        if let Some(spm) = w.object(sp, &p, &["id"])
            && let Some(id) = w.integer(spm, &p, "id", true, IntRange::Between(-1, i64::MAX))
            && id == 0
            && !w.shape_only
        {
            w.violation(
                join(&p, "id"),
                codes::OUT_OF_RANGE,
                "0 is not a server platform id: use -1 (other) or a platform id",
            );
        }
    }
    if let Some(po) = w.string(map, path, "profile_option", false)
        && po.trim().is_empty()
        && !w.shape_only
    {
        w.violation(
            join(path, "profile_option"),
            codes::INVALID_VALUE,
            "profile_option must not be blank",
        );
    }
}

/// Checks a DNS name and reports it; true when the name is valid.
fn dns_name(w: &mut Walker<'_>, path: &str, name: &str) -> bool {
    match check_dns_name(name, w.rules.wildcards) {
        Ok(()) => true,
        Err(NameProblem::Invalid(m)) => {
            w.violation(path, codes::INVALID_DOMAIN, m);
            false
        }
        Err(NameProblem::WildcardNotAllowed) => {
            w.violation(
                path,
                codes::NOT_ALLOWED,
                format!(
                    "{} does not allow wildcard names such as {}",
                    w.rules.id,
                    quoted(name)
                ),
            );
            false
        }
    }
}

fn email(w: &mut Walker<'_>, path: &str, addr: &str) {
    if w.shape_only {
        return;
    }
    if let Err(m) = check_email(addr) {
        w.violation(path, codes::INVALID_EMAIL, m);
    }
}

fn check_csr(w: &mut Walker<'_>, pem: &str, order_names: &[String]) {
    let path = "certificate.csr";
    match inspect_csr_cached(pem) {
        Ok(info) => {
            for name in info.names() {
                if !order_names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                    w.warning(
                        path,
                        codes::CSR_NAME_NOT_IN_ORDER,
                        format!(
                            "the CSR asks for {}, which the order does not list; DigiCert \
                             issues for the order's names only",
                            quoted(&name)
                        ),
                    );
                }
            }
        }
        Err(CsrProblem::Invalid(m)) => w.violation(path, codes::INVALID_CSR, m),
        Err(CsrProblem::WeakKey(m)) => w.violation(path, codes::WEAK_KEY, m),
        Err(CsrProblem::UnsupportedKey(m)) => w.violation(path, codes::UNSUPPORTED_KEY, m),
    }
}

/// `validity_years`, `validity_days`, `custom_expiration_date` and their precedence.
fn validity(w: &mut Walker<'_>, map: &Map<String, Value>) {
    let has = |k: &str| Walker::get(map, k).is_some();
    let (years, days, custom) = (
        has("validity_years"),
        has("validity_days"),
        has("custom_expiration_date"),
    );
    if !(years || days || custom || w.shape_only) {
        w.violation(
            "validity_years",
            codes::REQUIRED,
            "give validity_years, validity_days or custom_expiration_date",
        );
    }
    let allowed = w.rules.validity_years;
    w.integer(map, "", "validity_years", false, IntRange::OneOf(allowed));
    w.integer(
        map,
        "",
        "validity_days",
        false,
        IntRange::Between(1, MAX_CUSTOM_DAYS),
    );
    if let Some(s) = w.string(map, "", "custom_expiration_date", false)
        && !w.shape_only
    {
        match parse_date(s) {
            None => w.violation(
                "custom_expiration_date",
                codes::INVALID_DATE,
                format!(
                    "{} is not a calendar date in the form yyyy-MM-dd",
                    quoted(s)
                ),
            ),
            Some(d) => {
                let ahead = (d - w.today).whole_days();
                if !(1..=MAX_CUSTOM_DAYS).contains(&ahead) {
                    w.violation(
                        "custom_expiration_date",
                        codes::DATE_OUT_OF_RANGE,
                        format!(
                            "{s} is {ahead} day(s) from {}; it must be in the future and at most {MAX_CUSTOM_DAYS} days ahead",
                            w.today
                        ),
                    );
                }
            }
        }
    }
    if custom {
        for k in ["validity_days", "validity_years"] {
            if has(k) {
                w.warning(
                    k,
                    codes::OVERRIDDEN,
                    format!("{k} is ignored: custom_expiration_date takes precedence"),
                );
            }
        }
    } else if days && years {
        w.warning(
            "validity_years",
            codes::OVERRIDDEN,
            "validity_years is ignored: validity_days takes precedence",
        );
    }
}

fn organization(w: &mut Walker<'_>, v: &Value) {
    let path = "organization";
    let mut allowed = vec!["id", "contacts"];
    allowed.extend_from_slice(NEW_ORGANIZATION_KEYS);
    let Some(map) = w.object(v, path, &allowed) else {
        return;
    };
    let has_id = Walker::get(map, "id").is_some();
    let has_new = NEW_ORGANIZATION_KEYS
        .iter()
        .any(|k| Walker::get(map, k).is_some());
    if !w.shape_only {
        if has_id && has_new {
            w.violation(
                path,
                codes::CONFLICT,
                "give either organization.id (an existing organization) or a new organization's details, not both",
            );
        } else if !has_id && !has_new {
            w.violation(
                join(path, "id"),
                codes::REQUIRED,
                "organization.id is required (or a new organization's details)",
            );
        }
    }
    w.integer(map, path, "id", false, IntRange::Id);
    if has_new {
        let require = !has_id;
        for key in NEW_ORGANIZATION_KEYS {
            if *key == "organization_contact" {
                continue;
            }
            let required = require && NEW_ORGANIZATION_REQUIRED.contains(key);
            if let Some(s) = w.string(map, path, key, required && !w.shape_only)
                && *key == "country"
                && !w.shape_only
                && !(s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
            {
                w.violation(
                    join(path, "country"),
                    codes::INVALID_VALUE,
                    format!(
                        "{} is not a two-letter country code (such as US)",
                        quoted(s)
                    ),
                );
            }
        }
        let oc = if require && !w.shape_only {
            w.require(map, path, "organization_contact")
        } else {
            Walker::get(map, "organization_contact")
        };
        if let Some(oc) = oc {
            let p = join(path, "organization_contact");
            if let Some(ocm) = w.object(oc, &p, CONTACT_DETAILS) {
                for key in CONTACT_DETAILS {
                    if let Some(s) = w.string(ocm, &p, key, true)
                        && *key == "email"
                    {
                        email(w, &join(&p, key), s);
                    }
                }
            }
        }
    }
    if let Some(contacts) = w.array(map, path, "contacts") {
        for (i, c) in contacts.iter().enumerate() {
            contact(w, &index(&join(path, "contacts"), i), c);
        }
    }
}

fn contact(w: &mut Walker<'_>, path: &str, v: &Value) {
    let Some(map) = w.object(v, path, CONTACT_KEYS) else {
        return;
    };
    if let Some(t) = w.one_of(map, path, "contact_type", true, CONTACT_TYPES)
        && t == "ev_approver"
        && !w.rules.allows_ev_approver()
    {
        w.violation(
            join(path, "contact_type"),
            codes::NOT_ALLOWED,
            format!(
                "ev_approver contacts are for EV products only, not {}",
                w.rules.id
            ),
        );
    }
    let has_user = Walker::get(map, "user_id").is_some();
    w.integer(map, path, "user_id", false, IntRange::Id);
    for key in CONTACT_DETAILS {
        let p = join(path, key);
        let wrong_type = Walker::get(map, key).is_some_and(|v| !v.is_string());
        let value = w
            .string(map, path, key, false)
            .filter(|s| !s.trim().is_empty());
        if let Some(s) = value {
            if *key == "email" {
                email(w, &p, s);
            }
        } else if !wrong_type && !has_user && !w.shape_only {
            w.violation(
                p,
                codes::CONTACT_DETAILS_REQUIRED,
                format!("{key} is required for a contact without user_id"),
            );
        }
    }
}
