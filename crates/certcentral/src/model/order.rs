//! The order request body of `POST /order/certificate/{product}`, field for field as in
//! DigiCert's documentation. Absent optional fields are omitted on the wire, never `null`.

use serde::{Deserialize, Serialize};

/// A certificate order: the JSON body sent to `POST /order/certificate/{product}`.
///
/// Fields are serialized in the order of DigiCert's documented field table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// Certificate details (names, CSR, signature hash, ...). Required.
    pub certificate: Certificate,
    /// SHA-1 thumbprint of the primary certificate of the order being renewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewed_thumbprint: Option<String>,
    /// Validity of the certificate in years (1 or 2 for the Secure Site products).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_years: Option<u32>,
    /// Validity in days; overrides `validity_years`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_days: Option<u32>,
    /// Custom expiration date `yyyy-MM-dd`; overrides `validity_days` and `validity_years`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_expiration_date: Option<String>,
    /// Comments for the approver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    /// Automatic renewal: 0 (off, the default) or 1 (on). An integer on the wire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew: Option<u8>,
    /// Custom message for renewal notices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_renewal_message: Option<String>,
    /// Turn off renewal notification e-mails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_renewal_notifications: Option<bool>,
    /// Extra addresses that receive certificate notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_emails: Option<Vec<String>>,
    /// Language of DCV e-mails (a DigiCert locale code such as `en` or `zh_CN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Id of the order being renewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal_of_order_id: Option<u64>,
    /// `balance` (default), `card` or `profile`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    /// `email`, `dns-txt-token`, `dns-cname-token` or `http-token`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dcv_method: Option<String>,
    /// Skip the approval step (submit for validation at once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_approval: Option<bool>,
    /// Turn off CT logging for this certificate (if the account allows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_ct: Option<bool>,
    /// The organization: an existing one by id, or a new one. Required.
    pub organization: Organization,
    /// The container (division) to place the order in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<Container>,
    /// Account-specific custom fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Vec<CustomField>>,
}

/// The `certificate` object of an order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// The domain to secure. Required.
    pub common_name: String,
    /// Additional domains to secure (SANs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_names: Option<Vec<String>>,
    /// The PEM certificate signing request. Required.
    pub csr: String,
    /// `sha256`, `sha384` or `sha512`. Required.
    pub signature_hash: String,
    /// Departments using the certificate (left out of public TLS certificates since 2022).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_units: Option<Vec<String>>,
    /// Server platform (default `-1`, other).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_platform: Option<ServerPlatform>,
    /// Custom certificate profile name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_option: Option<String>,
}

/// `certificate.server_platform`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerPlatform {
    /// Server platform id (`-1` = other, `2` = Apache, `45` = nginx, ...).
    pub id: i64,
}

/// The `organization` object: an existing organization (`id`) or a new one (details).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Id of an existing organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// New organization: legal name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New organization: assumed name (DBA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumed_name: Option<String>,
    /// New organization: street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// New organization: second address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
    /// New organization: city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// New organization: state or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// New organization: postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    /// New organization: two-letter country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// New organization: telephone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// New organization: its organization contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_contact: Option<OrganizationContact>,
    /// Contacts for this order (the organization's defaults when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Vec<Contact>>,
}

/// A contact of the order (`organization.contacts[]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// `organization_contact`, `technical_contact` or `ev_approver` (EV products only).
    pub contact_type: String,
    /// An existing user or contact. Without it, all the details below are required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<u64>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Telephone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The organization contact of a new organization.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationContact {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Job title.
    pub job_title: String,
    /// Telephone.
    pub telephone: String,
    /// E-mail address.
    pub email: String,
}

/// `container`: where the order is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Container {
    /// Container id.
    pub id: u64,
}

/// An account-specific custom field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomField {
    /// The custom field's id.
    pub metadata_id: u64,
    /// Its value.
    pub value: String,
}

impl Order {
    /// Serializes the order to compact JSON, exactly what is sent on the wire.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an Order always serializes")
    }

    /// Serializes the order to a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("an Order always serializes")
    }

    /// All names of the order: the common name followed by the DNS names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.certificate.common_name.as_str()).chain(
            self.certificate
                .dns_names
                .iter()
                .flatten()
                .map(String::as_str),
        )
    }
}
