//! `--generate-key`: a fresh ECDSA P-256 key and a CSR for the order's names.

use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair};
use serde_json::Value;

use crate::exit::{Code, Failure};

/// A new key and its CSR, both PEM.
pub struct Generated {
    /// The PKCS#8 private key.
    pub key_pem: String,
    /// The PKCS#10 request.
    pub csr_pem: String,
}

/// The order's names: `certificate.common_name` then `certificate.dns_names`, without
/// repeats (case-insensitive).
pub fn order_names(order: &Value) -> Vec<String> {
    let cert = &order["certificate"];
    let mut names: Vec<String> = Vec::new();
    let all = std::iter::once(&cert["common_name"])
        .chain(cert["dns_names"].as_array().into_iter().flatten())
        .filter_map(Value::as_str);
    for n in all {
        if !n.is_empty() && !names.iter().any(|m| m.eq_ignore_ascii_case(n)) {
            names.push(n.to_owned());
        }
    }
    names
}

/// Makes an ECDSA P-256 key and a CSR with subject CN = the first name and every name as a
/// DNS subject alternative name.
pub fn generate(names: &[String]) -> Result<Generated, Failure> {
    let Some(common_name) = names.first() else {
        return Err(Failure::new(
            Code::Invalid,
            "--generate-key needs certificate.common_name in the order",
        ));
    };
    let fail = |e: rcgen::Error| Failure::new(Code::Invalid, format!("cannot make a CSR: {e}"));
    let key = KeyPair::generate().map_err(fail)?;
    let mut params = CertificateParams::new(names.to_vec()).map_err(fail)?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, common_name.as_str());
    params.distinguished_name = dn;
    let csr = params.serialize_request(&key).map_err(fail)?;
    Ok(Generated {
        key_pem: key.serialize_pem(),
        csr_pem: csr.pem().map_err(fail)?,
    })
}
