//! Response bodies: lenient (unknown fields ignored, ids as number or string) and complete.

use serde::{Deserialize, Serialize};

use super::lenient;
use super::status::{OrderStatus, RequestStatus};

/// The 201 answer to `POST /order/certificate/{product}`: any of the five documented shapes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderResponse {
    /// The order id.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The requests created for the order (absent in the `{id, certificate_id}` shapes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<Request>,
    /// The certificate id, when the request was approved at once.
    #[serde(
        default,
        deserialize_with = "lenient::opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub certificate_id: Option<u64>,
    /// The new organization, when the order created one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<OrganizationRef>,
    /// The issued chain (leaf first), when the certificate was issued immediately.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificate_chain: Vec<ChainEntry>,
}

/// A request of an order: its id and status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// The request id (used to approve or reject).
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The request status.
    pub status: RequestStatus,
}

/// A reference to an organization by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationRef {
    /// The organization id.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
}

/// One certificate of an issued chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainEntry {
    /// The certificate's subject common name.
    pub subject_common_name: String,
    /// The certificate in PEM.
    pub pem: String,
}

/// `GET /order/certificate/{id}`: order info. Fields DigiCert adds over time are ignored; the
/// whole body stays available in [`OrderInfo::raw_json`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderInfo {
    /// The order id.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The order status (`needs_approval`, `pending`, `processing`, `issued`, ...).
    pub status: OrderStatus,
    /// The certificate of the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<OrderCertificate>,
    /// The order's organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<OrganizationSummary>,
    /// The product ordered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<ProductSummary>,
    /// The requests of the order.
    #[serde(default)]
    pub requests: Vec<Request>,
    /// When the order was created (as DigiCert formats it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    /// Validity in years, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_years: Option<u32>,
    /// The complete response body as received.
    #[serde(skip)]
    pub raw_json: String,
}

impl OrderInfo {
    /// The certificate id, once DigiCert has assigned one.
    pub fn certificate_id(&self) -> Option<u64> {
        self.certificate.as_ref().and_then(|c| c.id)
    }
}

/// The `certificate` object of order info.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrderCertificate {
    /// The certificate id.
    #[serde(
        default,
        deserialize_with = "lenient::opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<u64>,
    /// Common name.
    #[serde(default)]
    pub common_name: String,
    /// DNS names.
    #[serde(default)]
    pub dns_names: Vec<String>,
    /// Certificate serial number, once issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    /// Thumbprint, once issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbprint: Option<String>,
    /// Start of validity, once issued (`yyyy-MM-dd`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// End of validity, once issued (`yyyy-MM-dd`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_till: Option<String>,
    /// Signature hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_hash: Option<String>,
}

/// The organization of order info.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrganizationSummary {
    /// Organization id.
    #[serde(
        default,
        deserialize_with = "lenient::opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<u64>,
    /// Organization name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The product of order info.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProductSummary {
    /// Product id such as `ssl_securesite_pro`.
    #[serde(default)]
    pub name_id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One order of `GET /order/certificate` (list orders).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    /// The order id.
    #[serde(deserialize_with = "lenient::id")]
    pub id: u64,
    /// The order status.
    pub status: OrderStatus,
    /// The certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<OrderCertificate>,
    /// The product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<ProductSummary>,
    /// When the order was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
}

/// `GET /order/certificate`: a page of orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    /// The orders of this page.
    #[serde(default)]
    pub orders: Vec<OrderSummary>,
    /// Paging information.
    #[serde(default)]
    pub page: Page,
}

/// Paging information of a list response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Page {
    /// Total number of matching items.
    #[serde(default)]
    pub total: u64,
    /// Page size.
    #[serde(default)]
    pub limit: u64,
    /// Offset of this page.
    #[serde(default)]
    pub offset: u64,
}

/// `GET /certificate/{id}/chain`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IntermediateList {
    /// The intermediates (and root) above the certificate.
    #[serde(default)]
    pub intermediates: Vec<ChainEntry>,
}
