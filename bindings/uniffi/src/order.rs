//! The order request, mirrored field for field from `certcentral::Order`.
//!
//! Integers are `i32` / `i64` (Java has no unsigned types). A mirrored order reaches the core
//! as JSON (`serde::Serialize` below), so a negative or out-of-range number is reported by the
//! core's validator at its path (`out_of_range` at `validity_years`) instead of failing a cast
//! here. `None` serializes as `null`, which the core treats as absent and never sends.

use serde::Serialize;

use certcentral as core;

/// A certificate order: the JSON body of `POST /order/certificate/{product}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, uniffi::Record)]
pub struct Order {
    /// Certificate details (names, CSR, signature hash, ...). Required.
    pub certificate: Certificate,
    /// The organization: an existing one by `id`, or a new one. Required.
    pub organization: Organization,
    /// Validity in years (1 or 2 for the Secure Site products).
    #[uniffi(default = None)]
    pub validity_years: Option<i32>,
    /// Validity in days; overrides `validity_years`.
    #[uniffi(default = None)]
    pub validity_days: Option<i32>,
    /// Custom expiration date `yyyy-MM-dd`; overrides `validity_days` and `validity_years`.
    #[uniffi(default = None)]
    pub custom_expiration_date: Option<String>,
    /// SHA-1 thumbprint of the primary certificate of the order being renewed.
    #[uniffi(default = None)]
    pub renewed_thumbprint: Option<String>,
    /// Comments for the approver.
    #[uniffi(default = None)]
    pub comments: Option<String>,
    /// Automatic renewal: 0 (off) or 1 (on).
    #[uniffi(default = None)]
    pub auto_renew: Option<i32>,
    /// Custom message for renewal notices.
    #[uniffi(default = None)]
    pub custom_renewal_message: Option<String>,
    /// Turn off renewal notification e-mails.
    #[uniffi(default = None)]
    pub disable_renewal_notifications: Option<bool>,
    /// Extra addresses that receive certificate notifications.
    #[uniffi(default = None)]
    pub additional_emails: Option<Vec<String>>,
    /// Language of DCV e-mails (`en`, `zh_CN`, ...).
    #[uniffi(default = None)]
    pub locale: Option<String>,
    /// Id of the order being renewed.
    #[uniffi(default = None)]
    pub renewal_of_order_id: Option<i64>,
    /// `balance` (default), `card` or `profile`.
    #[uniffi(default = None)]
    pub payment_method: Option<String>,
    /// `email`, `dns-txt-token`, `dns-cname-token` or `http-token`.
    #[uniffi(default = None)]
    pub dcv_method: Option<String>,
    /// Skip the approval step.
    #[uniffi(default = None)]
    pub skip_approval: Option<bool>,
    /// Turn off CT logging (if the account allows it).
    #[uniffi(default = None)]
    pub disable_ct: Option<bool>,
    /// The container (division) to place the order in.
    #[uniffi(default = None)]
    pub container: Option<Container>,
    /// Account-specific custom fields.
    #[uniffi(default = None)]
    pub custom_fields: Option<Vec<CustomField>>,
}

/// The `certificate` object of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, uniffi::Record)]
pub struct Certificate {
    /// The domain to secure. Required.
    pub common_name: String,
    /// The PEM certificate signing request. Required.
    pub csr: String,
    /// `sha256`, `sha384` or `sha512`. Required.
    pub signature_hash: String,
    /// Additional domains (SANs).
    #[uniffi(default = None)]
    pub dns_names: Option<Vec<String>>,
    /// Departments (left out of public TLS certificates since 2022: a `deprecated_field` warning).
    #[uniffi(default = None)]
    pub organization_units: Option<Vec<String>>,
    /// Server platform.
    #[uniffi(default = None)]
    pub server_platform: Option<ServerPlatform>,
    /// Custom certificate profile name.
    #[uniffi(default = None)]
    pub profile_option: Option<String>,
}

/// `certificate.server_platform`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, uniffi::Record)]
pub struct ServerPlatform {
    /// `-1` = other, `2` = Apache, `45` = nginx, ...
    pub id: i64,
}

/// The `organization` object: an existing organization (`id`) or a new one (details).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, uniffi::Record)]
pub struct Organization {
    /// Id of an existing organization.
    #[uniffi(default = None)]
    pub id: Option<i64>,
    /// New organization: legal name.
    #[uniffi(default = None)]
    pub name: Option<String>,
    /// New organization: assumed name (DBA).
    #[uniffi(default = None)]
    pub assumed_name: Option<String>,
    /// New organization: street address.
    #[uniffi(default = None)]
    pub address: Option<String>,
    /// New organization: second address line.
    #[uniffi(default = None)]
    pub address2: Option<String>,
    /// New organization: city.
    #[uniffi(default = None)]
    pub city: Option<String>,
    /// New organization: state or province.
    #[uniffi(default = None)]
    pub state: Option<String>,
    /// New organization: postal code.
    #[uniffi(default = None)]
    pub zip: Option<String>,
    /// New organization: two-letter country code.
    #[uniffi(default = None)]
    pub country: Option<String>,
    /// New organization: telephone.
    #[uniffi(default = None)]
    pub telephone: Option<String>,
    /// New organization: its organization contact.
    #[uniffi(default = None)]
    pub organization_contact: Option<OrganizationContact>,
    /// Contacts for this order.
    #[uniffi(default = None)]
    pub contacts: Option<Vec<Contact>>,
}

/// A contact of the order (`organization.contacts[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, uniffi::Record)]
pub struct Contact {
    /// `organization_contact`, `technical_contact` or `ev_approver`.
    pub contact_type: String,
    /// An existing user; without it every detail below is required.
    #[uniffi(default = None)]
    pub user_id: Option<i64>,
    /// First name.
    #[uniffi(default = None)]
    pub first_name: Option<String>,
    /// Last name.
    #[uniffi(default = None)]
    pub last_name: Option<String>,
    /// Job title.
    #[uniffi(default = None)]
    pub job_title: Option<String>,
    /// Telephone.
    #[uniffi(default = None)]
    pub telephone: Option<String>,
    /// E-mail address.
    #[uniffi(default = None)]
    pub email: Option<String>,
}

/// The organization contact of a new organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, uniffi::Record)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, uniffi::Record)]
pub struct Container {
    /// Container id.
    pub id: i64,
}

/// An account-specific custom field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, uniffi::Record)]
pub struct CustomField {
    /// The custom field's id.
    pub metadata_id: i64,
    /// Its value.
    pub value: String,
}

impl Order {
    /// The order as the JSON value the core validates (`null` = absent).
    pub(crate) fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a mirrored order always serializes")
    }
}

/// `u64` → `i64` for ids read from JSON (DigiCert ids are far below `i64::MAX`; saturates).
pub(crate) fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// `u32` → `i32` (saturates).
pub(crate) fn to_i32(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

impl From<core::Order> for Order {
    fn from(o: core::Order) -> Self {
        // Exhaustive: a field added to the core does not compile here until it is mirrored.
        let core::Order {
            certificate,
            renewed_thumbprint,
            validity_years,
            validity_days,
            custom_expiration_date,
            comments,
            auto_renew,
            custom_renewal_message,
            disable_renewal_notifications,
            additional_emails,
            locale,
            renewal_of_order_id,
            payment_method,
            dcv_method,
            skip_approval,
            disable_ct,
            organization,
            container,
            custom_fields,
        } = o;
        Self {
            certificate: certificate.into(),
            organization: organization.into(),
            validity_years: validity_years.map(to_i32),
            validity_days: validity_days.map(to_i32),
            custom_expiration_date,
            renewed_thumbprint,
            comments,
            auto_renew: auto_renew.map(i32::from),
            custom_renewal_message,
            disable_renewal_notifications,
            additional_emails,
            locale,
            renewal_of_order_id: renewal_of_order_id.map(to_i64),
            payment_method,
            dcv_method,
            skip_approval,
            disable_ct,
            container: container.map(|c| Container { id: to_i64(c.id) }),
            custom_fields: custom_fields.map(|v| {
                v.into_iter()
                    .map(|f| CustomField {
                        metadata_id: to_i64(f.metadata_id),
                        value: f.value,
                    })
                    .collect()
            }),
        }
    }
}

impl From<core::Certificate> for Certificate {
    fn from(c: core::Certificate) -> Self {
        let core::Certificate {
            common_name,
            dns_names,
            csr,
            signature_hash,
            organization_units,
            server_platform,
            profile_option,
        } = c;
        Self {
            common_name,
            csr,
            signature_hash,
            dns_names,
            organization_units,
            server_platform: server_platform.map(|p| ServerPlatform { id: p.id }),
            profile_option,
        }
    }
}

impl From<core::Organization> for Organization {
    fn from(o: core::Organization) -> Self {
        let core::Organization {
            id,
            name,
            assumed_name,
            address,
            address2,
            city,
            state,
            zip,
            country,
            telephone,
            organization_contact,
            contacts,
        } = o;
        Self {
            id: id.map(to_i64),
            name,
            assumed_name,
            address,
            address2,
            city,
            state,
            zip,
            country,
            telephone,
            organization_contact: organization_contact.map(Into::into),
            contacts: contacts.map(|v| v.into_iter().map(Into::into).collect()),
        }
    }
}

impl From<core::OrganizationContact> for OrganizationContact {
    fn from(c: core::OrganizationContact) -> Self {
        let core::OrganizationContact {
            first_name,
            last_name,
            job_title,
            telephone,
            email,
        } = c;
        Self {
            first_name,
            last_name,
            job_title,
            telephone,
            email,
        }
    }
}

impl From<core::Contact> for Contact {
    fn from(c: core::Contact) -> Self {
        let core::Contact {
            contact_type,
            user_id,
            first_name,
            last_name,
            job_title,
            telephone,
            email,
        } = c;
        Self {
            contact_type,
            user_id: user_id.map(to_i64),
            first_name,
            last_name,
            job_title,
            telephone,
            email,
        }
    }
}
