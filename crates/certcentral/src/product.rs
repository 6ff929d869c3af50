//! Product ids and the rules each known product carries.

/// The rules of one product. Unknown product ids get [`ProductRules::generic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRules {
    /// The product id as given (a path segment such as `ssl_securesite_pro`).
    pub id: String,
    /// Whether this id is one this version knows.
    pub known: bool,
    /// Extended validation: no wildcards, `ev_approver` contacts allowed.
    pub ev: bool,
    /// Whether wildcard names (`*.example.com`) are allowed.
    pub wildcards: bool,
    /// Allowed `validity_years` values.
    pub validity_years: &'static [u32],
    /// Most `dns_names` an order may carry, if limited.
    pub max_dns_names: Option<usize>,
}

/// The products this version knows: `(id, ev)`.
pub const KNOWN_PRODUCTS: &[(&str, bool)] = &[
    ("ssl_securesite_pro", false),
    ("ssl_securesite_flex", false),
    ("ssl_basic", false),
    ("ssl_ev_securesite_pro", true),
    ("ssl_ev_securesite_flex", true),
];

impl ProductRules {
    /// The rules for a product id: a known product's own rules, or the generic ones. The id is
    /// kept exactly as given and never replaced by another product.
    pub fn for_product(id: &str) -> Self {
        match KNOWN_PRODUCTS.iter().find(|(p, _)| *p == id) {
            Some(&(_, ev)) => Self {
                id: id.to_owned(),
                known: true,
                ev,
                wildcards: !ev,
                validity_years: &[1, 2],
                max_dns_names: Some(250),
            },
            None => Self::generic(id),
        }
    }

    /// The generic rules for a product this version does not know: the server decides what
    /// is product-specific, so only what holds for every product is checked.
    pub fn generic(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            known: false,
            ev: false,
            wildcards: true,
            validity_years: &[1, 2, 3],
            max_dns_names: None,
        }
    }

    /// Whether `ev_approver` contacts are allowed (EV products, and unknown products).
    pub fn allows_ev_approver(&self) -> bool {
        self.ev || !self.known
    }
}

/// Checks that a product id can be used as a URL path segment: 1–64 characters of lowercase
/// ASCII letters, digits and `_`.
pub fn check_product_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{id:?} is not a product id (lowercase letters, digits and _ only, such as ssl_securesite_pro)"
        ))
    }
}
