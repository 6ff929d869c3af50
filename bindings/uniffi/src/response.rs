//! Response bodies, statuses, chains and validation results, mirrored from the core.

use certcentral as core;

use crate::order::{to_i32, to_i64};

/// Status of a request (`requests[].status`). `Other` keeps a value this version does not know.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum RequestStatus {
    /// Waiting for approval.
    Pending,
    /// Submitted for validation (approval skipped).
    Submitted,
    /// Approved.
    Approved,
    /// Rejected.
    Rejected,
    /// A value this version does not know.
    Other {
        /// The value as received.
        value: String,
    },
}

/// Status of an order. `Other` keeps a value this version does not know.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum OrderStatus {
    /// Waiting for an administrator's approval.
    NeedsApproval,
    /// Approved; validation in progress.
    Pending,
    /// Being issued.
    Processing,
    /// Issued.
    Issued,
    /// Rejected by an approver.
    Rejected,
    /// Canceled.
    Canceled,
    /// Revoked.
    Revoked,
    /// Expired.
    Expired,
    /// Waiting for pickup.
    WaitingPickup,
    /// A reissue is pending.
    ReissuePending,
    /// A value this version does not know.
    Other {
        /// The value as received.
        value: String,
    },
}

/// The decision for `updateRequestStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum RequestDecision {
    /// Approve the request.
    Approved,
    /// Reject the request.
    Rejected,
}

impl From<core::RequestStatus> for RequestStatus {
    fn from(s: core::RequestStatus) -> Self {
        use core::RequestStatus as S;
        match s {
            S::Pending => Self::Pending,
            S::Submitted => Self::Submitted,
            S::Approved => Self::Approved,
            S::Rejected => Self::Rejected,
            S::Other(value) => Self::Other { value },
        }
    }
}

impl From<&RequestStatus> for core::RequestStatus {
    fn from(s: &RequestStatus) -> Self {
        match s {
            RequestStatus::Pending => Self::Pending,
            RequestStatus::Submitted => Self::Submitted,
            RequestStatus::Approved => Self::Approved,
            RequestStatus::Rejected => Self::Rejected,
            RequestStatus::Other { value } => Self::Other(value.clone()),
        }
    }
}

impl From<core::OrderStatus> for OrderStatus {
    fn from(s: core::OrderStatus) -> Self {
        use core::OrderStatus as S;
        match s {
            S::NeedsApproval => Self::NeedsApproval,
            S::Pending => Self::Pending,
            S::Processing => Self::Processing,
            S::Issued => Self::Issued,
            S::Rejected => Self::Rejected,
            S::Canceled => Self::Canceled,
            S::Revoked => Self::Revoked,
            S::Expired => Self::Expired,
            S::WaitingPickup => Self::WaitingPickup,
            S::ReissuePending => Self::ReissuePending,
            S::Other(value) => Self::Other { value },
        }
    }
}

impl From<&OrderStatus> for core::OrderStatus {
    fn from(s: &OrderStatus) -> Self {
        match s {
            OrderStatus::NeedsApproval => Self::NeedsApproval,
            OrderStatus::Pending => Self::Pending,
            OrderStatus::Processing => Self::Processing,
            OrderStatus::Issued => Self::Issued,
            OrderStatus::Rejected => Self::Rejected,
            OrderStatus::Canceled => Self::Canceled,
            OrderStatus::Revoked => Self::Revoked,
            OrderStatus::Expired => Self::Expired,
            OrderStatus::WaitingPickup => Self::WaitingPickup,
            OrderStatus::ReissuePending => Self::ReissuePending,
            OrderStatus::Other { value } => Self::Other(value.clone()),
        }
    }
}

#[uniffi::export]
impl OrderStatus {
    /// The value as DigiCert spells it (`needs_approval`, `issued`, ...).
    pub fn wire_value(&self) -> String {
        core::OrderStatus::from(self).as_str().to_owned()
    }

    /// True for the states `waitForIssuance` stops at: issued, rejected, canceled, revoked,
    /// expired.
    pub fn is_final(&self) -> bool {
        core::OrderStatus::from(self).is_final()
    }
}

#[uniffi::export]
impl RequestStatus {
    /// The value as DigiCert spells it (`pending`, `approved`, ...).
    pub fn wire_value(&self) -> String {
        core::RequestStatus::from(self).as_str().to_owned()
    }
}

impl From<RequestDecision> for core::RequestDecision {
    fn from(d: RequestDecision) -> Self {
        match d {
            RequestDecision::Approved => Self::Approved,
            RequestDecision::Rejected => Self::Rejected,
        }
    }
}

/// The 201 answer to a submit: any of the five documented shapes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OrderResponse {
    /// The order id.
    pub id: i64,
    /// The requests created for the order (empty in the `{id, certificate_id}` shapes).
    pub requests: Vec<Request>,
    /// The certificate id, when the request was approved at once.
    pub certificate_id: Option<i64>,
    /// The new organization, when the order created one.
    pub organization: Option<OrganizationRef>,
    /// The issued chain (leaf first), when the certificate was issued immediately.
    pub certificate_chain: Vec<ChainEntry>,
}

/// A request of an order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Request {
    /// The request id (used to approve or reject).
    pub id: i64,
    /// The request status.
    pub status: RequestStatus,
}

/// A reference to an organization by id.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OrganizationRef {
    /// The organization id.
    pub id: i64,
}

/// One certificate of an issued chain, as the submit answer carries it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChainEntry {
    /// The certificate's subject common name.
    pub subject_common_name: String,
    /// The certificate in PEM.
    pub pem: String,
}

/// Order info (`GET /order/certificate/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OrderInfo {
    /// The order id.
    pub id: i64,
    /// The order status.
    pub status: OrderStatus,
    /// The certificate of the order.
    pub certificate: Option<OrderCertificate>,
    /// The order's organization.
    pub organization: Option<OrganizationSummary>,
    /// The product ordered.
    pub product: Option<ProductSummary>,
    /// The requests of the order.
    pub requests: Vec<Request>,
    /// When the order was created (as DigiCert formats it).
    pub date_created: Option<String>,
    /// Validity in years, when given.
    pub validity_years: Option<i32>,
    /// The complete response body as received.
    pub raw_json: String,
}

/// The `certificate` object of order info.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OrderCertificate {
    /// The certificate id, once assigned.
    pub id: Option<i64>,
    /// Common name.
    pub common_name: String,
    /// DNS names.
    pub dns_names: Vec<String>,
    /// Serial number, once issued.
    pub serial_number: Option<String>,
    /// Thumbprint, once issued.
    pub thumbprint: Option<String>,
    /// Start of validity, once issued.
    pub valid_from: Option<String>,
    /// End of validity, once issued.
    pub valid_till: Option<String>,
    /// Signature hash.
    pub signature_hash: Option<String>,
}

/// The organization of order info.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OrganizationSummary {
    /// Organization id.
    pub id: Option<i64>,
    /// Organization name.
    pub name: Option<String>,
}

/// The product of order info.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProductSummary {
    /// Product id such as `ssl_securesite_pro`.
    pub name_id: String,
    /// Display name.
    pub name: Option<String>,
}

/// One order of a list (`findRecentOrders`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OrderSummary {
    /// The order id.
    pub id: i64,
    /// The order status.
    pub status: OrderStatus,
    /// The certificate.
    pub certificate: Option<OrderCertificate>,
    /// The product.
    pub product: Option<ProductSummary>,
    /// When the order was created.
    pub date_created: Option<String>,
}

/// A downloaded chain in order: leaf, intermediates (closest first), root.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CertificateChain {
    /// The end-entity certificate.
    pub leaf: ChainCertificate,
    /// Intermediates, from the one that signed the leaf upwards.
    pub intermediates: Vec<ChainCertificate>,
    /// The self-issued root, when the download included it.
    pub root: Option<ChainCertificate>,
}

/// One parsed certificate of a chain.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChainCertificate {
    /// The certificate in PEM.
    pub pem: String,
    /// Subject common name.
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
    /// Whether the certificate is a CA.
    pub is_ca: bool,
    /// Whether subject and issuer are the same name (a root).
    pub self_issued: bool,
}

/// A finding of the validator: a violation, or a warning.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Violation {
    /// JSON path from the order root (`certificate.dns_names[2]`; empty for the whole order).
    pub path: String,
    /// A stable code (`required`, `invalid_domain`, ...; see docs/validation.md).
    pub code: String,
    /// What is wrong, for people.
    pub message: String,
}

/// The result of validating an order that has no violation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Report {
    /// Findings DigiCert would accept but that are probably mistakes.
    pub warnings: Vec<Violation>,
}

/// The full verdict: `valid` iff there is no violation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Verdict {
    /// True when there is no violation.
    pub valid: bool,
    /// Every violation.
    pub violations: Vec<Violation>,
    /// Every warning.
    pub warnings: Vec<Violation>,
}

/// One item of an API error body (`{"errors": [{"code", "message"}]}`), with its code parsed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ApiErrorItem {
    /// The code as received (`not_found|order`, `required_param:certificate.csr`).
    pub code: String,
    /// The message.
    pub message: String,
    /// The code's base (`not_found`, `required_param`).
    pub category: String,
    /// The part after `|`, if any (`order`).
    pub subcode: Option<String>,
    /// The part after `:`, if any (`certificate.csr`).
    pub field: Option<String>,
}

fn requests(v: Vec<core::Request>) -> Vec<Request> {
    v.into_iter()
        .map(|r| Request {
            id: to_i64(r.id),
            status: r.status.into(),
        })
        .collect()
}

fn chain_entries(v: Vec<core::ChainEntry>) -> Vec<ChainEntry> {
    v.into_iter()
        .map(|e| ChainEntry {
            subject_common_name: e.subject_common_name,
            pem: e.pem,
        })
        .collect()
}

impl From<core::OrderResponse> for OrderResponse {
    fn from(r: core::OrderResponse) -> Self {
        let core::OrderResponse {
            id,
            requests: reqs,
            certificate_id,
            organization,
            certificate_chain,
        } = r;
        Self {
            id: to_i64(id),
            requests: requests(reqs),
            certificate_id: certificate_id.map(to_i64),
            organization: organization.map(|o| OrganizationRef { id: to_i64(o.id) }),
            certificate_chain: chain_entries(certificate_chain),
        }
    }
}

impl From<core::OrderCertificate> for OrderCertificate {
    fn from(c: core::OrderCertificate) -> Self {
        let core::OrderCertificate {
            id,
            common_name,
            dns_names,
            serial_number,
            thumbprint,
            valid_from,
            valid_till,
            signature_hash,
        } = c;
        Self {
            id: id.map(to_i64),
            common_name,
            dns_names,
            serial_number,
            thumbprint,
            valid_from,
            valid_till,
            signature_hash,
        }
    }
}

impl From<core::ProductSummary> for ProductSummary {
    fn from(p: core::ProductSummary) -> Self {
        Self {
            name_id: p.name_id,
            name: p.name,
        }
    }
}

impl From<core::OrderInfo> for OrderInfo {
    fn from(i: core::OrderInfo) -> Self {
        let core::OrderInfo {
            id,
            status,
            certificate,
            organization,
            product,
            requests: reqs,
            date_created,
            validity_years,
            raw_json,
        } = i;
        Self {
            id: to_i64(id),
            status: status.into(),
            certificate: certificate.map(Into::into),
            organization: organization.map(|o| OrganizationSummary {
                id: o.id.map(to_i64),
                name: o.name,
            }),
            product: product.map(Into::into),
            requests: requests(reqs),
            date_created,
            validity_years: validity_years.map(to_i32),
            raw_json,
        }
    }
}

impl From<core::OrderSummary> for OrderSummary {
    fn from(s: core::OrderSummary) -> Self {
        let core::OrderSummary {
            id,
            status,
            certificate,
            product,
            date_created,
        } = s;
        Self {
            id: to_i64(id),
            status: status.into(),
            certificate: certificate.map(Into::into),
            product: product.map(Into::into),
            date_created,
        }
    }
}

impl From<core::ChainCertificate> for ChainCertificate {
    fn from(c: core::ChainCertificate) -> Self {
        Self {
            pem: c.pem,
            subject_common_name: c.subject_common_name,
            issuer_common_name: c.issuer_common_name,
            serial_hex: c.serial_hex,
            not_before: c.not_before,
            not_after: c.not_after,
            dns_names: c.dns_names,
            is_ca: c.is_ca,
            self_issued: c.self_issued,
        }
    }
}

impl From<core::CertificateChain> for CertificateChain {
    fn from(c: core::CertificateChain) -> Self {
        Self {
            leaf: c.leaf.into(),
            intermediates: c.intermediates.into_iter().map(Into::into).collect(),
            root: c.root.map(Into::into),
        }
    }
}

impl From<core::Violation> for Violation {
    fn from(v: core::Violation) -> Self {
        Self {
            path: v.path,
            code: v.code,
            message: v.message,
        }
    }
}

impl From<&Violation> for core::Violation {
    fn from(v: &Violation) -> Self {
        Self {
            path: v.path.clone(),
            code: v.code.clone(),
            message: v.message.clone(),
        }
    }
}

pub(crate) fn violations(v: Vec<core::Violation>) -> Vec<Violation> {
    v.into_iter().map(Into::into).collect()
}

impl From<core::Report> for Report {
    fn from(r: core::Report) -> Self {
        Self {
            warnings: violations(r.warnings),
        }
    }
}

impl From<core::Verdict> for Verdict {
    fn from(v: core::Verdict) -> Self {
        Self {
            valid: v.valid,
            violations: violations(v.violations),
            warnings: violations(v.warnings),
        }
    }
}

impl From<core::ApiErrorItem> for ApiErrorItem {
    fn from(e: core::ApiErrorItem) -> Self {
        let core::ApiErrorItem {
            code,
            message,
            category,
            subcode,
            field,
        } = e;
        Self {
            code,
            message,
            category,
            subcode,
            field,
        }
    }
}

impl From<&ApiErrorItem> for core::ApiErrorItem {
    fn from(e: &ApiErrorItem) -> Self {
        Self {
            code: e.code.clone(),
            message: e.message.clone(),
            category: e.category.clone(),
            subcode: e.subcode.clone(),
            field: e.field.clone(),
        }
    }
}
