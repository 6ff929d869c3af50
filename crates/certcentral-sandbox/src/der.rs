//! A tiny DER writer, enough for a certs-only PKCS#7 bundle (`p7b`).

/// `id-signedData` 1.2.840.113549.1.7.2
const OID_SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
/// `id-data` 1.2.840.113549.1.7.1
const OID_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];

/// One DER element: tag, definite length, content.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// A degenerate PKCS#7 `SignedData` (RFC 2315) carrying `certs` (DER) and no signature: the
/// format DigiCert serves as `p7b`.
pub(crate) fn pkcs7_certs_only(certs: &[&[u8]]) -> Vec<u8> {
    let version = tlv(0x02, &[0x01]);
    let digest_algorithms = tlv(0x31, &[]);
    let content_info = tlv(0x30, &tlv(0x06, OID_DATA));
    let certificates = tlv(0xa0, &certs.concat());
    let signer_infos = tlv(0x31, &[]);
    let signed_data = tlv(
        0x30,
        &[
            version,
            digest_algorithms,
            content_info,
            certificates,
            signer_infos,
        ]
        .concat(),
    );
    tlv(
        0x30,
        &[tlv(0x06, OID_SIGNED_DATA), tlv(0xa0, &signed_data)].concat(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(tlv(0x04, &[1, 2]), vec![0x04, 2, 1, 2]);
        let long = tlv(0x04, &[0; 200]);
        assert_eq!(&long[..3], &[0x04, 0x81, 200]);
        let longer = tlv(0x04, &[0; 300]);
        assert_eq!(&longer[..4], &[0x04, 0x82, 0x01, 0x2c]);
    }

    #[test]
    fn empty_bundle_is_well_formed() {
        let p7 = pkcs7_certs_only(&[]);
        assert_eq!(p7[0], 0x30);
        assert_eq!(p7.len(), 2 + p7[1] as usize);
    }
}
