//! The sandbox's certificate authority: a root, an intermediate it signed, and leaves for the
//! CSR's own public key.

use std::net::IpAddr;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType, SerialNumber, SubjectPublicKeyInfo,
};
use time::{Duration, OffsetDateTime};
use x509_parser::prelude::FromDer;

/// Common name of the sandbox root.
pub const ROOT_CN: &str = "CertCentral Sandbox Root CA";
/// Common name of the sandbox intermediate that signs leaves.
pub const INTERMEDIATE_CN: &str = "CertCentral Sandbox Issuing CA 1";

/// A leaf certificate the authority signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedLeaf {
    /// DER encoding.
    pub der: Vec<u8>,
    /// PEM encoding.
    pub pem: String,
    /// Serial number, uppercase hex.
    pub serial_hex: String,
    /// SHA-1 of the DER, uppercase hex (DigiCert's `thumbprint`).
    pub thumbprint: String,
    /// Start of validity.
    pub not_before: OffsetDateTime,
    /// End of validity.
    pub not_after: OffsetDateTime,
}

/// The sandbox CA: created fresh (new keys) for each sandbox.
pub struct Authority {
    root_pem: String,
    root_der: Vec<u8>,
    intermediate_pem: String,
    intermediate_der: Vec<u8>,
    issuer: Issuer<'static, KeyPair>,
}

impl std::fmt::Debug for Authority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authority")
            .field("root", &ROOT_CN)
            .field("intermediate", &INTERMEDIATE_CN)
            .finish_non_exhaustive()
    }
}

fn name(cn: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "US");
    dn.push(DnType::OrganizationName, "CertCentral Sandbox");
    dn.push(DnType::CommonName, cn);
    dn
}

fn random_serial() -> SerialNumber {
    let mut bytes = [0u8; 16];
    fastrand::fill(&mut bytes);
    // Positive and without a leading zero byte, so it is 16 bytes in DER too.
    bytes[0] = (bytes[0] & 0x7f).max(0x10);
    SerialNumber::from_slice(&bytes)
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn ca_params(cn: &str, path_len: Option<u8>, years: i64) -> CertificateParams {
    let now = OffsetDateTime::now_utc();
    let mut p = CertificateParams::default();
    p.distinguished_name = name(cn);
    p.is_ca = IsCa::Ca(match path_len {
        Some(n) => BasicConstraints::Constrained(n),
        None => BasicConstraints::Unconstrained,
    });
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    p.not_before = now - Duration::days(1);
    p.not_after = now + Duration::days(365 * years);
    p.serial_number = Some(random_serial());
    p.use_authority_key_identifier_extension = path_len.is_some();
    p
}

/// The public key of a PEM CSR, as a SubjectPublicKeyInfo rcgen can certify.
fn csr_public_key(csr_pem: &str) -> Result<SubjectPublicKeyInfo, String> {
    let (_, pem) = x509_parser::pem::parse_x509_pem(csr_pem.trim().as_bytes())
        .map_err(|e| format!("the CSR is not PEM: {e}"))?;
    let (_, csr) =
        x509_parser::certification_request::X509CertificationRequest::from_der(&pem.contents)
            .map_err(|e| format!("the CSR does not parse: {e}"))?;
    let spki = csr.certification_request_info.subject_pki.raw;
    SubjectPublicKeyInfo::from_der(spki).map_err(|e| format!("unsupported CSR key: {e}"))
}

impl Authority {
    /// Creates a root CA and an intermediate signed by it, each with a fresh ECDSA P-256 key.
    pub fn new() -> Result<Self, rcgen::Error> {
        let root_key = KeyPair::generate()?;
        let root_params = ca_params(ROOT_CN, None, 20);
        let root = root_params.self_signed(&root_key)?;
        let root_issuer = Issuer::new(root_params, root_key);

        let inter_key = KeyPair::generate()?;
        let inter_params = ca_params(INTERMEDIATE_CN, Some(0), 10);
        let inter = inter_params.signed_by(&inter_key, &root_issuer)?;
        Ok(Self {
            root_pem: root.pem(),
            root_der: root.der().to_vec(),
            intermediate_pem: inter.pem(),
            intermediate_der: inter.der().to_vec(),
            issuer: Issuer::new(inter_params, inter_key),
        })
    }

    /// The root certificate in PEM.
    pub fn root_pem(&self) -> &str {
        &self.root_pem
    }

    /// The root certificate in DER.
    pub fn root_der(&self) -> &[u8] {
        &self.root_der
    }

    /// The intermediate certificate in PEM.
    pub fn intermediate_pem(&self) -> &str {
        &self.intermediate_pem
    }

    /// The intermediate certificate in DER.
    pub fn intermediate_der(&self) -> &[u8] {
        &self.intermediate_der
    }

    /// Signs a TLS server leaf: subject CN `common_name`, SANs `names` (DNS names, or IP
    /// addresses for private products), serverAuth, a random serial, valid from
    /// `not_before` to `not_after`. The public key is the CSR's own; without a usable CSR a
    /// fresh key is made (only when the sandbox does not validate orders).
    pub fn issue(
        &self,
        csr_pem: &str,
        common_name: &str,
        names: &[String],
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> Result<IssuedLeaf, String> {
        let mut p = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, common_name);
        p.distinguished_name = dn;
        p.subject_alt_names = names
            .iter()
            .map(|n| match n.parse::<IpAddr>() {
                Ok(ip) => Ok(SanType::IpAddress(ip)),
                Err(_) => n
                    .clone()
                    .try_into()
                    .map(SanType::DnsName)
                    .map_err(|e| format!("name {n:?}: {e}")),
            })
            .collect::<Result<_, _>>()?;
        p.is_ca = IsCa::ExplicitNoCa;
        p.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        p.not_before = not_before;
        p.not_after = not_after;
        p.serial_number = Some(random_serial());
        p.use_authority_key_identifier_extension = true;
        let cert = match csr_public_key(csr_pem) {
            Ok(spki) => p.signed_by(&spki, &self.issuer),
            Err(_) => {
                let key = KeyPair::generate().map_err(|e| e.to_string())?;
                p.signed_by(&key, &self.issuer)
            }
        }
        .map_err(|e| format!("signing failed: {e}"))?;
        let der = cert.der().to_vec();
        let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &der);
        let serial = p
            .serial_number
            .as_ref()
            .map(|s| hex_upper(&s.to_bytes()))
            .unwrap_or_default();
        Ok(IssuedLeaf {
            pem: cert.pem(),
            der,
            serial_hex: serial,
            thumbprint: hex_upper(digest.as_ref()),
            not_before,
            not_after,
        })
    }
}
