//! The wire model: the order request and every response body the client reads.

mod chain;
mod lenient;
mod order;
mod response;
mod status;

pub use chain::{CertificateChain, ChainCertificate, parse_pem_certificates};
pub use order::{
    Certificate, Contact, Container, CustomField, Order, Organization, OrganizationContact,
    ServerPlatform,
};
pub use response::{
    ChainEntry, IntermediateList, OrderCertificate, OrderInfo, OrderList, OrderResponse,
    OrderSummary, OrganizationRef, OrganizationSummary, Page, ProductSummary, Request,
};
pub use status::{OrderStatus, RequestDecision, RequestStatus};
