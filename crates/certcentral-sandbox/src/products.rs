//! The products the sandbox sells.

/// Products the sandbox knows besides [`certcentral::KNOWN_PRODUCTS`]: `(name_id, display
/// name, product type)`. Every id is a real CertCentral product id.
pub const SANDBOX_PRODUCTS: &[(&str, &str, &str)] = &[
    (
        "ssl_securesite_pro",
        "Secure Site Pro SSL",
        "ssl_certificate",
    ),
    ("ssl_securesite_flex", "Secure Site OV", "ssl_certificate"),
    ("ssl_basic", "Basic OV", "ssl_certificate"),
    (
        "ssl_ev_securesite_pro",
        "Secure Site Pro EV SSL",
        "ssl_certificate",
    ),
    (
        "ssl_ev_securesite_flex",
        "Secure Site EV",
        "ssl_certificate",
    ),
    (
        "ssl_dv_geotrust_flex",
        "GeoTrust DV SSL",
        "dv_ssl_certificate",
    ),
    (
        "ssl_dv_rapidssl",
        "RapidSSL Standard DV",
        "dv_ssl_certificate",
    ),
    ("ssl_plus", "Standard SSL", "ssl_certificate"),
    ("ssl_multi_domain", "Multi-Domain SSL", "ssl_certificate"),
    ("ssl_wildcard", "Wildcard SSL", "ssl_certificate"),
    ("ssl_ev_plus", "EV SSL Plus", "ssl_certificate"),
    ("private_ssl_plus", "Private SSL", "private_ssl_certificate"),
];

/// Whether `id` is a product the sandbox accepts orders for: one of the core's
/// [`certcentral::KNOWN_PRODUCTS`] or of [`SANDBOX_PRODUCTS`].
pub fn is_known_product(id: &str) -> bool {
    certcentral::KNOWN_PRODUCTS.iter().any(|(p, _)| *p == id)
        || SANDBOX_PRODUCTS.iter().any(|(p, _, _)| *p == id)
}

/// The display name and type of a known product.
pub(crate) fn describe(id: &str) -> (&str, &'static str) {
    SANDBOX_PRODUCTS
        .iter()
        .find(|(p, _, _)| *p == id)
        .map_or((id, "ssl_certificate"), |(_, name, kind)| (*name, *kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_core_and_extra_products() {
        for (p, _) in certcentral::KNOWN_PRODUCTS {
            assert!(is_known_product(p));
        }
        assert!(is_known_product("private_ssl_plus"));
        assert!(!is_known_product("ssl_nope"));
    }
}
