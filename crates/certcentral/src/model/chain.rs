//! A downloaded certificate chain (`pem_all`), parsed and put in order: leaf, intermediates,
//! root.

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use x509_parser::prelude::*;

/// One parsed certificate of a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainCertificate {
    /// The certificate in PEM (one `BEGIN CERTIFICATE` block, newline-terminated).
    pub pem: String,
    /// Subject common name (empty when the subject has none).
    pub subject_common_name: String,
    /// Issuer common name.
    pub issuer_common_name: String,
    /// Serial number, lowercase hex.
    pub serial_hex: String,
    /// Start of validity, RFC 3339.
    pub not_before: String,
    /// End of validity, RFC 3339.
    pub not_after: String,
    /// DNS names of the subject alternative name extension.
    pub dns_names: Vec<String>,
    /// Whether the certificate is a CA (basic constraints).
    pub is_ca: bool,
    /// Whether subject and issuer are the same name (a root).
    pub self_issued: bool,
    #[serde(skip)]
    subject_raw: Vec<u8>,
    #[serde(skip)]
    issuer_raw: Vec<u8>,
}

/// A certificate chain in order: the end-entity certificate, its intermediates (closest
/// first) and the root when the download included one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateChain {
    /// The end-entity certificate.
    pub leaf: ChainCertificate,
    /// Intermediates, from the one that signed the leaf upwards.
    pub intermediates: Vec<ChainCertificate>,
    /// The self-issued root, when present.
    pub root: Option<ChainCertificate>,
}

impl CertificateChain {
    /// Parses a PEM bundle (any order) into an ordered chain.
    ///
    /// Fails when the bundle holds no certificate, a block that does not parse, or
    /// certificates that do not form one chain.
    pub fn from_pem(pem: &str) -> Result<Self, String> {
        let certs = parse_pem_certificates(pem)?;
        if certs.is_empty() {
            return Err("no certificate found in the PEM bundle".into());
        }
        // The leaf is the certificate that issued no other certificate of the bundle.
        let issues_another = |c: &ChainCertificate| {
            certs
                .iter()
                .any(|o| !std::ptr::eq(o, c) && o.issuer_raw == c.subject_raw && !o.self_issued)
        };
        let leaves: Vec<&ChainCertificate> = certs.iter().filter(|c| !issues_another(c)).collect();
        let leaf = match leaves.as_slice() {
            [one] => (*one).clone(),
            [] => return Err("the bundle has no end-entity certificate".into()),
            _ => {
                return Err(format!(
                    "the bundle holds {} unrelated chains",
                    leaves.len()
                ));
            }
        };
        let mut intermediates = Vec::new();
        let mut root = None;
        let mut current = leaf.clone();
        let mut used = 1;
        while !current.self_issued {
            let Some(parent) = certs
                .iter()
                .find(|c| c.subject_raw == current.issuer_raw && c.pem != current.pem)
            else {
                break;
            };
            used += 1;
            if parent.self_issued {
                root = Some(parent.clone());
                break;
            }
            if used > certs.len() {
                return Err("the bundle's issuer links form a loop".into());
            }
            intermediates.push(parent.clone());
            current = parent.clone();
        }
        if used != certs.len() {
            return Err(format!(
                "{} certificate(s) of the bundle are not part of the leaf's chain",
                certs.len() - used
            ));
        }
        Ok(Self {
            leaf,
            intermediates,
            root,
        })
    }

    /// The chain as one PEM bundle: leaf, intermediates, root.
    pub fn to_pem(&self) -> String {
        self.iter().map(|c| c.pem.as_str()).collect()
    }

    /// The certificates in order: leaf, intermediates, root.
    pub fn iter(&self) -> impl Iterator<Item = &ChainCertificate> {
        std::iter::once(&self.leaf)
            .chain(self.intermediates.iter())
            .chain(self.root.iter())
    }
}

/// Parses every `CERTIFICATE` block of a PEM text, in the order given.
pub fn parse_pem_certificates(text: &str) -> Result<Vec<ChainCertificate>, String> {
    let mut out = Vec::new();
    for (i, pem) in Pem::iter_from_buffer(text.as_bytes()).enumerate() {
        let pem = pem.map_err(|e| format!("PEM block {i}: {e}"))?;
        if pem.label != "CERTIFICATE" {
            continue;
        }
        let (_, cert) = X509Certificate::from_der(&pem.contents)
            .map_err(|e| format!("certificate {i} does not parse: {e}"))?;
        out.push(describe(&cert, &pem.contents)?);
    }
    Ok(out)
}

fn common_name(name: &X509Name<'_>) -> String {
    name.iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn rfc3339(t: &ASN1Time) -> String {
    t.to_datetime()
        .format(&::time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn describe(cert: &X509Certificate<'_>, der: &[u8]) -> Result<ChainCertificate, String> {
    let dns_names = cert
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .filter_map(|n| match n {
                    GeneralName::DNSName(d) => Some((*d).to_owned()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let is_ca = cert
        .basic_constraints()
        .ok()
        .flatten()
        .is_some_and(|bc| bc.value.ca);
    Ok(ChainCertificate {
        pem: to_pem_block(der),
        subject_common_name: common_name(cert.subject()),
        issuer_common_name: common_name(cert.issuer()),
        serial_hex: cert.tbs_certificate.raw_serial_as_string().replace(':', ""),
        not_before: rfc3339(&cert.validity().not_before),
        not_after: rfc3339(&cert.validity().not_after),
        dns_names,
        is_ca,
        self_issued: cert.subject().as_raw() == cert.issuer().as_raw(),
        subject_raw: cert.subject().as_raw().to_vec(),
        issuer_raw: cert.issuer().as_raw().to_vec(),
    })
}

/// Encodes DER as one PEM `CERTIFICATE` block with 64-column lines.
fn to_pem_block(der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut s = String::with_capacity(b64.len() + b64.len() / 64 + 60);
    s.push_str("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        s.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        s.push('\n');
    }
    s.push_str("-----END CERTIFICATE-----\n");
    s
}
