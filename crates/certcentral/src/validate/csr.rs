//! CSR checks: PEM PKCS#10 that parses, a self-signature that verifies, an acceptable key, and
//! the names it asks for.

use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::oid_registry::{OID_EC_P256, OID_KEY_TYPE_EC_PUBLIC_KEY, OID_NIST_EC_P384};
use x509_parser::prelude::*;
use x509_parser::public_key::PublicKey;

/// The key of a CSR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsrKey {
    /// RSA with this modulus size in bits.
    Rsa {
        /// Modulus size.
        bits: usize,
    },
    /// EC on NIST P-256.
    EcP256,
    /// EC on NIST P-384.
    EcP384,
    /// Anything else, described.
    Other(String),
}

/// What a valid CSR says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrInfo {
    /// The subject common name, if any.
    pub common_name: Option<String>,
    /// The dNSName entries of a requested subjectAltName extension.
    pub dns_names: Vec<String>,
    /// The public key.
    pub key: CsrKey,
}

impl CsrInfo {
    /// The subject CN followed by the SAN names, without repeats (case-insensitive).
    pub fn names(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in self.common_name.iter().chain(self.dns_names.iter()) {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(n)) {
                out.push(n.clone());
            }
        }
        out
    }
}

/// A CSR problem, mapped to a violation code by the validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsrProblem {
    /// Not PEM PKCS#10, does not parse, or the signature does not verify.
    Invalid(String),
    /// RSA below 2048 bits.
    WeakKey(String),
    /// Neither RSA nor EC P-256 / P-384.
    UnsupportedKey(String),
}

/// Parses and checks a PEM CSR.
pub fn inspect_csr(pem_text: &str) -> Result<CsrInfo, CsrProblem> {
    let invalid = |m: &str| CsrProblem::Invalid(m.to_owned());
    let trimmed = pem_text.trim_start();
    if !(trimmed.starts_with("-----BEGIN CERTIFICATE REQUEST-----")
        || trimmed.starts_with("-----BEGIN NEW CERTIFICATE REQUEST-----"))
    {
        return Err(invalid(
            "the CSR must be PEM starting with -----BEGIN CERTIFICATE REQUEST-----",
        ));
    }
    let (_, pem) = parse_x509_pem(trimmed.as_bytes())
        .map_err(|e| CsrProblem::Invalid(format!("the CSR is not valid PEM: {e}")))?;
    let (rest, csr) = X509CertificationRequest::from_der(&pem.contents)
        .map_err(|e| CsrProblem::Invalid(format!("the CSR does not parse as PKCS#10: {e}")))?;
    if !rest.is_empty() {
        return Err(invalid(
            "the CSR has trailing data after the PKCS#10 structure",
        ));
    }
    let info = &csr.certification_request_info;
    let key = match info.subject_pki.parsed() {
        Ok(PublicKey::RSA(rsa)) => CsrKey::Rsa {
            bits: rsa.key_size(),
        },
        Ok(PublicKey::EC(_)) => {
            let curve = info
                .subject_pki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok());
            match curve {
                Some(c) if c == OID_EC_P256 => CsrKey::EcP256,
                Some(c) if c == OID_NIST_EC_P384 => CsrKey::EcP384,
                Some(c) => CsrKey::Other(format!("EC on curve {c}")),
                None => CsrKey::Other("EC without a named curve".into()),
            }
        }
        Ok(_) | Err(_) if info.subject_pki.algorithm.algorithm == OID_KEY_TYPE_EC_PUBLIC_KEY => {
            CsrKey::Other("an EC key that does not parse".into())
        }
        Ok(other) => CsrKey::Other(key_name(&other).into()),
        Err(_) => CsrKey::Other(format!(
            "a key of algorithm {}",
            info.subject_pki.algorithm.algorithm
        )),
    };
    match &key {
        CsrKey::Rsa { bits } if *bits < 2048 => {
            return Err(CsrProblem::WeakKey(format!(
                "the CSR's RSA key has {bits} bits; at least 2048 are required"
            )));
        }
        CsrKey::Other(what) => {
            return Err(CsrProblem::UnsupportedKey(format!(
                "the CSR has {what}; use RSA (2048 bits or more) or EC P-256 / P-384"
            )));
        }
        _ => {}
    }
    csr.verify_signature().map_err(|_| {
        invalid("the CSR's signature does not verify (the CSR was altered or damaged)")
    })?;
    let common_name = info
        .subject
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_owned);
    let mut dns_names = Vec::new();
    if let Some(exts) = csr.requested_extensions() {
        for ext in exts {
            if let ParsedExtension::SubjectAlternativeName(san) = ext {
                for n in &san.general_names {
                    if let GeneralName::DNSName(d) = n {
                        dns_names.push((*d).to_owned());
                    }
                }
            }
        }
    }
    Ok(CsrInfo {
        common_name,
        dns_names,
        key,
    })
}

/// Recent [`inspect_csr`] results by CSR text (most recent last). The check is a pure
/// function of the text, and an order is usually validated more than once (by `validate`, then
/// by `submit_order`; or the same CSR in a batch), so the parse and the signature verification
/// are done once per CSR.
static CSR_CACHE: std::sync::Mutex<Vec<CachedCsr>> = std::sync::Mutex::new(Vec::new());
/// A CSR text and what [`inspect_csr`] said of it.
type CachedCsr = (Box<str>, Result<CsrInfo, CsrProblem>);
const CSR_CACHE_ENTRIES: usize = 32;
const CSR_CACHE_MAX_LEN: usize = 16 * 1024;

/// [`inspect_csr`] through a small cache keyed by the whole CSR text.
pub(crate) fn inspect_csr_cached(pem_text: &str) -> Result<CsrInfo, CsrProblem> {
    let lock = || {
        CSR_CACHE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some((_, hit)) = lock().iter().find(|(k, _)| **k == *pem_text) {
        return hit.clone();
    }
    let result = inspect_csr(pem_text);
    if pem_text.len() <= CSR_CACHE_MAX_LEN {
        let mut cache = lock();
        if cache.len() >= CSR_CACHE_ENTRIES {
            let _evicted = cache.remove(0);
        }
        cache.push((pem_text.into(), result.clone()));
    }
    result
}

fn key_name(k: &PublicKey<'_>) -> &'static str {
    match k {
        PublicKey::DSA(_) => "a DSA key",
        PublicKey::GostR3410(_) | PublicKey::GostR3410_2012(_) => "a GOST key",
        PublicKey::Unknown(_) => "an unsupported key type (for example Ed25519)",
        _ => "an unsupported key type",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let path = format!(
            "{}/../../tests/fixtures/csr/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn the_cache_answers_exactly_what_the_check_answers() {
        for name in [
            "rsa2048.pem",
            "p256.pem",
            "rsa1024.pem",
            "bad_signature.pem",
            "garbage.pem",
        ] {
            let pem = fixture(name);
            let direct = inspect_csr(&pem);
            assert_eq!(inspect_csr_cached(&pem), direct, "{name}: first call");
            assert_eq!(inspect_csr_cached(&pem), direct, "{name}: cached call");
        }
    }

    #[test]
    fn the_cache_stays_bounded() {
        let pem = fixture("rsa2048.pem");
        for i in 0..(CSR_CACHE_ENTRIES * 2) {
            let _ = inspect_csr_cached(&format!("{pem}\n{i}"));
        }
        let cache = CSR_CACHE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        assert!(cache.len() <= CSR_CACHE_ENTRIES);
    }
}
