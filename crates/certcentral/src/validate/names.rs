//! DNS names and e-mail addresses as publicly trusted TLS certificates allow them.

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NameProblem {
    /// Not a valid name; the message says why.
    Invalid(String),
    /// A well-formed wildcard on a product that does not allow wildcards.
    WildcardNotAllowed,
}

/// A value quoted for a message, cut to 80 characters so that a huge input cannot make a
/// huge report.
pub(crate) fn quoted(value: &str) -> String {
    const MAX: usize = 80;
    match value.char_indices().nth(MAX) {
        None => format!("{value:?}"),
        Some((cut, _)) => format!(
            "{:?}… ({} characters)",
            &value[..cut],
            value.chars().count()
        ),
    }
}

/// [`quoted`] computed only when a message is actually formatted: the happy path of a
/// check allocates nothing.
pub(crate) struct Quoted<'a>(pub &'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&quoted(self.0))
    }
}

/// Checks one DNS name. `allow_wildcard` permits `*` as the whole leftmost label.
pub(crate) fn check_dns_name(name: &str, allow_wildcard: bool) -> Result<(), NameProblem> {
    let invalid = |m: String| Err(NameProblem::Invalid(m));
    let q = Quoted(name);
    if name.is_empty() {
        return invalid("the name is empty".into());
    }
    if name.contains("://") {
        return invalid(format!(
            "{q} must be a bare host name, without a scheme such as https://"
        ));
    }
    if name.chars().any(char::is_whitespace) {
        return invalid(format!("{q} contains whitespace"));
    }
    if name.contains('/') {
        return invalid(format!("{q} must not contain a path"));
    }
    if name.contains(':') {
        return invalid(if name.parse::<std::net::Ipv6Addr>().is_ok() {
            format!("{q} is an IP address; IP addresses are not allowed")
        } else {
            format!("{q} must not contain a port")
        });
    }
    if !name.is_ascii() {
        return invalid(match idna::domain_to_ascii(name) {
            Ok(ascii) => format!(
                "{q} is an internationalized name: send its ASCII (punycode) form {}",
                quoted(&ascii)
            ),
            Err(_) => format!("{q} is not a valid internationalized domain name"),
        });
    }
    if name.ends_with('.') {
        return invalid(format!("{q} must not end with a dot"));
    }
    if name.len() > 253 {
        return invalid(format!(
            "{q} is {} characters long; at most 253 are allowed",
            name.len()
        ));
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 2 {
        return invalid(format!(
            "{q} has a single label; a public domain name such as example.com is needed"
        ));
    }
    let mut wildcard = false;
    for (i, label) in labels.iter().enumerate() {
        if *label == "*" && i == 0 {
            wildcard = true;
            continue;
        }
        check_label(name, label)?;
    }
    let last = labels[labels.len() - 1];
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return invalid(format!(
            "{q} looks like an IP address; IP addresses are not allowed"
        ));
    }
    if wildcard {
        if labels.len() < 3 {
            return invalid(format!(
                "{q}: a wildcard needs at least two labels after it (*.example.com)"
            ));
        }
        if !allow_wildcard {
            return Err(NameProblem::WildcardNotAllowed);
        }
    }
    Ok(())
}

fn check_label(name: &str, label: &str) -> Result<(), NameProblem> {
    let invalid = |m: String| Err(NameProblem::Invalid(m));
    let (q, ql) = (Quoted(name), Quoted(label));
    if label.is_empty() {
        return invalid(format!("{q} has an empty label"));
    }
    if label.contains('*') {
        return invalid(format!(
            "{q}: a wildcard must be the whole leftmost label (*.example.com)"
        ));
    }
    if label.len() > 63 {
        return invalid(format!(
            "{q}: the label {ql} is {} characters long; at most 63 are allowed",
            label.len()
        ));
    }
    if label.contains('_') {
        return invalid(format!(
            "{q}: underscores are not allowed in certificate names"
        ));
    }
    if let Some(bad) = label
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return invalid(format!("{q}: the character {bad:?} is not allowed"));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return invalid(format!(
            "{q}: the label {ql} must not start or end with a hyphen"
        ));
    }
    if label.len() >= 4 && label[..4].eq_ignore_ascii_case("xn--") {
        let decoded = idna::punycode::decode_to_string(&label[4..].to_ascii_lowercase());
        let valid = decoded.is_some_and(|u| {
            !u.is_empty() && idna::domain_to_ascii(&u).is_ok_and(|a| a.eq_ignore_ascii_case(label))
        });
        if !valid {
            return invalid(format!("{q}: the label {ql} is not valid punycode"));
        }
    }
    Ok(())
}

/// Checks an e-mail address: one `@`, a printable ASCII local part without spaces, and a
/// valid DNS name as its domain.
pub(crate) fn check_email(addr: &str) -> Result<(), String> {
    let qa = Quoted(addr);
    let Some((local, domain)) = addr.split_once('@') else {
        return Err(format!("{qa} is not an e-mail address (no @)"));
    };
    if local.is_empty() || domain.contains('@') {
        return Err(format!("{qa} is not an e-mail address"));
    }
    if local.len() > 64 {
        return Err(format!(
            "{qa}: the part before @ is longer than 64 characters"
        ));
    }
    if !local.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!(
            "{qa}: the part before @ must be printable ASCII without spaces"
        ));
    }
    check_dns_name(domain, false)
        .map_err(|_| format!("{qa}: {} is not a valid domain", quoted(domain)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_names() {
        for n in [
            "example.com",
            "a.b.example.co.uk",
            "Sub.Example.COM",
            "xn--bcher-kva.example",
            "a-b.example",
        ] {
            assert_eq!(check_dns_name(n, false), Ok(()), "{n}");
        }
    }

    #[test]
    fn refuses_bad_names() {
        for n in [
            "",
            "localhost",
            "https://example.com",
            "example.com:443",
            "example.com/path",
            "exa mple.com",
            "_acme.example.com",
            "-a.example.com",
            "a-.example.com",
            "example.com.",
            "192.168.0.1",
            "::1",
            "a..example.com",
            "bücher.example",
            "xn--zz-.example",
            "a*.example.com",
            "*.*.example.com",
            "*.com",
        ] {
            assert!(
                matches!(check_dns_name(n, true), Err(NameProblem::Invalid(_))),
                "{n}"
            );
        }
    }

    #[test]
    fn punycode_hint_names_the_ascii_form() {
        let Err(NameProblem::Invalid(m)) = check_dns_name("bücher.example", false) else {
            panic!()
        };
        assert!(m.contains("xn--bcher-kva.example"), "{m}");
    }

    #[test]
    fn lengths() {
        let l63 = "a".repeat(63);
        assert!(check_dns_name(&format!("{l63}.example.com"), false).is_ok());
        assert!(check_dns_name(&format!("a{l63}.example.com"), false).is_err());
        let long = format!("{l63}.{l63}.{l63}.{}.com", "a".repeat(57));
        assert_eq!(long.len(), 253);
        assert!(check_dns_name(&long, false).is_ok());
        assert!(check_dns_name(&format!("a{long}"), false).is_err());
    }

    #[test]
    fn messages_quote_huge_values_briefly() {
        let huge = "a".repeat(10_000_000);
        let Err(NameProblem::Invalid(m)) = check_dns_name(&huge, false) else {
            panic!()
        };
        assert!(m.len() < 300, "{} bytes", m.len());
        assert!(m.contains("10000000 characters"), "{m}");
        assert_eq!(
            quoted("é".repeat(100).as_str())
                .chars()
                .filter(|c| *c == 'é')
                .count(),
            80
        );
    }

    #[test]
    fn wildcards() {
        assert_eq!(check_dns_name("*.example.com", true), Ok(()));
        assert_eq!(
            check_dns_name("*.example.com", false),
            Err(NameProblem::WildcardNotAllowed)
        );
    }

    #[test]
    fn emails() {
        assert!(check_email("jill.valentine@digicert.com").is_ok());
        for bad in [
            "jill",
            "@digicert.com",
            "a@b@c.com",
            "a b@c.com",
            "a@localhost",
            "a@",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
