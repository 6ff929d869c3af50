//! The sandbox's in-memory account: orders, their requests and certificates, and the order
//! lifecycle (approval, issuance after the delay, rejection, cancellation).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use serde_json::Value;
use time::OffsetDateTime;

use crate::ca::{Authority, IssuedLeaf};
use crate::config::Approval;

/// First order id (as in the seed's examples).
pub(crate) const FIRST_ORDER_ID: u64 = 112_233;
/// First request id (as in the seed's examples).
pub(crate) const FIRST_REQUEST_ID: u64 = 113;
/// First certificate id.
pub(crate) const FIRST_CERTIFICATE_ID: u64 = 900_001;
/// First id of an organization created by an order.
pub(crate) const FIRST_ORGANIZATION_ID: u64 = 654_321;
/// Longest certificate validity the sandbox issues.
const MAX_VALIDITY_DAYS: i64 = 825;

/// Status of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RequestState {
    Pending,
    Submitted,
    Approved,
    Rejected,
}

impl RequestState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Submitted => "submitted",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
}

/// Where an order is in its lifecycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Waiting for the request's approval.
    NeedsApproval,
    /// Approved (or submitted with `skip_approval`); issued once the delay has passed.
    Validating {
        since: Instant,
    },
    Issued,
    Rejected,
    Canceled,
}

/// How long the certificate is to be valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Validity {
    Years(u32),
    Days(u32),
    Until(time::Date),
}

/// The request of an order.
#[derive(Debug, Clone)]
pub(crate) struct RequestRecord {
    pub id: u64,
    pub state: RequestState,
    pub date: OffsetDateTime,
    pub processor_comment: Option<String>,
}

/// One order.
#[derive(Debug, Clone)]
pub(crate) struct OrderRecord {
    pub id: u64,
    pub product: String,
    pub common_name: String,
    /// The common name followed by the order's DNS names, without repeats.
    pub names: Vec<String>,
    pub csr: String,
    pub signature_hash: String,
    pub server_platform: Option<i64>,
    pub organization_id: u64,
    pub container_id: Option<u64>,
    pub comments: Option<String>,
    pub validity: Validity,
    pub validity_years: Option<u32>,
    pub created: OffsetDateTime,
    pub request: RequestRecord,
    pub phase: Phase,
    pub certificate_id: Option<u64>,
    pub leaf: Option<IssuedLeaf>,
    pub note: Option<String>,
}

impl OrderRecord {
    /// DigiCert's order status right now.
    pub fn status(&self, delay: Duration) -> &'static str {
        match &self.phase {
            Phase::NeedsApproval => "needs_approval",
            Phase::Validating { since } if since.elapsed() < delay / 2 => "pending",
            Phase::Validating { .. } => "processing",
            Phase::Issued => "issued",
            Phase::Rejected => "rejected",
            Phase::Canceled => "canceled",
        }
    }
}

/// What a submit carries, read from the (validated) body.
#[derive(Debug, Clone)]
pub(crate) struct NewOrder {
    pub product: String,
    pub common_name: String,
    pub dns_names: Vec<String>,
    pub csr: String,
    pub signature_hash: String,
    pub server_platform: Option<i64>,
    pub organization_id: Option<u64>,
    pub container_id: Option<u64>,
    pub comments: Option<String>,
    pub validity: Validity,
    pub validity_years: Option<u32>,
    pub skip_approval: bool,
}

impl NewOrder {
    /// Reads an order body. Missing or mistyped fields get neutral defaults (only reachable
    /// when the sandbox does not validate).
    pub fn from_json(product: &str, body: &Value) -> Self {
        let cert = &body["certificate"];
        let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
        let custom_date = body["custom_expiration_date"]
            .as_str()
            .and_then(certcentral::validate::parse_date);
        let days = body["validity_days"]
            .as_u64()
            .and_then(|d| u32::try_from(d).ok());
        let years = body["validity_years"]
            .as_u64()
            .and_then(|y| u32::try_from(y).ok());
        let validity = match (custom_date, days, years) {
            (Some(d), _, _) => Validity::Until(d),
            (None, Some(d), _) => Validity::Days(d),
            (None, None, Some(y)) => Validity::Years(y),
            (None, None, None) => Validity::Years(1),
        };
        Self {
            product: product.to_owned(),
            common_name: text(&cert["common_name"]),
            dns_names: cert["dns_names"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            csr: text(&cert["csr"]),
            signature_hash: cert["signature_hash"]
                .as_str()
                .unwrap_or("sha256")
                .to_owned(),
            server_platform: cert["server_platform"]["id"].as_i64(),
            organization_id: body["organization"]["id"].as_u64(),
            container_id: body["container"]["id"].as_u64(),
            comments: body["comments"].as_str().map(str::to_owned),
            validity,
            validity_years: years,
            skip_approval: body["skip_approval"].as_bool().unwrap_or(false),
        }
    }
}

/// What a submit created, for the 201 answer.
#[derive(Debug, Clone)]
pub(crate) struct Created {
    pub order_id: u64,
    pub request_id: u64,
    pub request_state: RequestState,
    pub certificate_id: Option<u64>,
    pub new_organization_id: Option<u64>,
    pub issued: bool,
}

/// Why a request or order cannot change status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    NoSuchRequest,
    NoSuchOrder,
    AlreadyDecided(RequestState),
    OrderClosed(&'static str),
}

/// Names without case-insensitive repeats, first spelling kept.
fn unique_names(common_name: &str, dns_names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in std::iter::once(common_name).chain(dns_names.iter().map(String::as_str)) {
        if !n.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(n)) {
            out.push(n.to_owned());
        }
    }
    out
}

/// The in-memory account.
#[derive(Debug)]
pub(crate) struct State {
    next_order: u64,
    next_request: u64,
    next_certificate: u64,
    next_organization: u64,
    pub orders: BTreeMap<u64, OrderRecord>,
    requests: HashMap<u64, u64>,
    certificates: HashMap<u64, u64>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            next_order: FIRST_ORDER_ID,
            next_request: FIRST_REQUEST_ID,
            next_certificate: FIRST_CERTIFICATE_ID,
            next_organization: FIRST_ORGANIZATION_ID,
            orders: BTreeMap::new(),
            requests: HashMap::new(),
            certificates: HashMap::new(),
        }
    }
}

impl State {
    fn take_id(counter: &mut u64) -> u64 {
        let id = *counter;
        *counter += 1;
        id
    }

    /// Creates an order; how far it gets at once depends on the approval mode.
    pub fn create(
        &mut self,
        new: NewOrder,
        mode: Approval,
        now: OffsetDateTime,
        ca: &Authority,
    ) -> Created {
        let id = Self::take_id(&mut self.next_order);
        let request_id = Self::take_id(&mut self.next_request);
        let new_organization_id = match new.organization_id {
            Some(_) => None,
            None => Some(Self::take_id(&mut self.next_organization)),
        };
        let (request_state, phase) = match (mode, new.skip_approval) {
            (Approval::Manual, false) => (RequestState::Pending, Phase::NeedsApproval),
            (_, true) => (
                RequestState::Submitted,
                Phase::Validating {
                    since: Instant::now(),
                },
            ),
            (_, false) => (
                RequestState::Approved,
                Phase::Validating {
                    since: Instant::now(),
                },
            ),
        };
        let mut order = OrderRecord {
            id,
            names: unique_names(&new.common_name, &new.dns_names),
            product: new.product,
            common_name: new.common_name,
            csr: new.csr,
            signature_hash: new.signature_hash,
            server_platform: new.server_platform,
            organization_id: new.organization_id.or(new_organization_id).unwrap_or(0),
            container_id: new.container_id,
            comments: new.comments,
            validity: new.validity,
            validity_years: new.validity_years,
            created: now,
            request: RequestRecord {
                id: request_id,
                state: request_state,
                date: now,
                processor_comment: None,
            },
            phase,
            certificate_id: None,
            leaf: None,
            note: None,
        };
        if order.phase != Phase::NeedsApproval {
            order.certificate_id = Some(self.assign_certificate(id));
        }
        let issued = mode == Approval::Immediate && issue(&mut order, ca);
        let created = Created {
            order_id: id,
            request_id,
            request_state,
            certificate_id: order.certificate_id,
            new_organization_id,
            issued,
        };
        self.requests.insert(request_id, id);
        self.orders.insert(id, order);
        created
    }

    fn assign_certificate(&mut self, order_id: u64) -> u64 {
        let cert = Self::take_id(&mut self.next_certificate);
        self.certificates.insert(cert, order_id);
        cert
    }

    /// Issues every order whose delay has passed.
    pub fn refresh(&mut self, delay: Duration, ca: &Authority) {
        for order in self.orders.values_mut() {
            if let Phase::Validating { since } = order.phase
                && since.elapsed() >= delay
            {
                issue(order, ca);
            }
        }
    }

    /// The order a request belongs to.
    pub fn order_of_request(&self, request_id: u64) -> Option<&OrderRecord> {
        self.orders.get(self.requests.get(&request_id)?)
    }

    /// The order a certificate belongs to.
    pub fn order_of_certificate(&self, certificate_id: u64) -> Option<&OrderRecord> {
        self.orders.get(self.certificates.get(&certificate_id)?)
    }

    /// Approves or rejects a pending request.
    pub fn decide(
        &mut self,
        request_id: u64,
        approve: bool,
        comment: Option<String>,
        mode: Approval,
        ca: &Authority,
    ) -> Result<(), Refusal> {
        let order_id = *self
            .requests
            .get(&request_id)
            .ok_or(Refusal::NoSuchRequest)?;
        let order = self.orders.get(&order_id).ok_or(Refusal::NoSuchRequest)?;
        if order.request.state != RequestState::Pending {
            return Err(Refusal::AlreadyDecided(order.request.state));
        }
        if order.phase == Phase::Canceled {
            return Err(Refusal::OrderClosed("canceled"));
        }
        let certificate_id = approve.then(|| self.assign_certificate(order_id));
        let order = self
            .orders
            .get_mut(&order_id)
            .ok_or(Refusal::NoSuchRequest)?;
        order.request.processor_comment = comment;
        if approve {
            order.request.state = RequestState::Approved;
            order.certificate_id = certificate_id;
            order.phase = Phase::Validating {
                since: Instant::now(),
            };
            if mode == Approval::Immediate {
                issue(order, ca);
            }
        } else {
            order.request.state = RequestState::Rejected;
            order.phase = Phase::Rejected;
        }
        Ok(())
    }

    /// Cancels an order that is not issued, rejected or canceled yet.
    pub fn cancel(&mut self, order_id: u64, note: Option<String>) -> Result<(), Refusal> {
        let order = self.orders.get_mut(&order_id).ok_or(Refusal::NoSuchOrder)?;
        match order.phase {
            Phase::Issued => Err(Refusal::OrderClosed("issued")),
            Phase::Rejected => Err(Refusal::OrderClosed("rejected")),
            Phase::Canceled => Err(Refusal::OrderClosed("canceled")),
            Phase::NeedsApproval | Phase::Validating { .. } => {
                order.phase = Phase::Canceled;
                order.note = note;
                Ok(())
            }
        }
    }
}

/// The certificate's end of validity, from the order's validity fields, capped at 825 days.
fn not_after(validity: Validity, now: OffsetDateTime) -> OffsetDateTime {
    let cap = now + time::Duration::days(MAX_VALIDITY_DAYS);
    let days = |n: i64| now + time::Duration::days(n.clamp(1, MAX_VALIDITY_DAYS));
    let wanted = match validity {
        Validity::Until(d) => crate::timefmt::end_of_day(d),
        Validity::Days(d) => days(i64::from(d)),
        Validity::Years(y) => days(365 * i64::from(y)),
    };
    wanted.clamp(now + time::Duration::days(1), cap)
}

/// Signs the order's certificate and marks it issued; a failure rejects the order.
fn issue(order: &mut OrderRecord, ca: &Authority) -> bool {
    let now = OffsetDateTime::now_utc();
    let from = now - time::Duration::minutes(5);
    match ca.issue(
        &order.csr,
        &order.common_name,
        &order.names,
        from,
        not_after(order.validity, now),
    ) {
        Ok(leaf) => {
            order.leaf = Some(leaf);
            order.phase = Phase::Issued;
            true
        }
        Err(e) => {
            order.phase = Phase::Rejected;
            order.note = Some(format!("the sandbox could not issue the certificate: {e}"));
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_cn_first() {
        let names = unique_names(
            "example.com",
            &["www.example.com".into(), "EXAMPLE.com".into()],
        );
        assert_eq!(names, vec!["example.com", "www.example.com"]);
    }

    #[test]
    fn validity_is_capped() {
        let now = OffsetDateTime::now_utc();
        let end = not_after(Validity::Years(3), now);
        assert_eq!((end - now).whole_days(), MAX_VALIDITY_DAYS);
        let end = not_after(Validity::Days(30), now);
        assert_eq!((end - now).whole_days(), 30);
        let end = not_after(Validity::Days(u32::MAX), now);
        assert_eq!((end - now).whole_days(), MAX_VALIDITY_DAYS);
        let end = not_after(Validity::Years(u32::MAX), now);
        assert_eq!((end - now).whole_days(), MAX_VALIDITY_DAYS);
    }
}
