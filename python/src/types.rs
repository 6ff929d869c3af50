//! Frozen result classes: thin views over the core's response and report types.
//!
//! Every class keeps the core value it wraps; attributes convert on access, `to_dict()` is the
//! core's serde form, equality is the core's `PartialEq`, and `from_dict()` parses with the
//! core's (lenient) deserializers, which also makes the objects picklable.

use std::hash::{Hash, Hasher};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};

use crate::convert;

/// PEM blocks longer than this, and any string longer than `REPR_MAX`, are shortened in
/// `repr()` (CSRs, certificates, raw bodies); messages stay whole.
const REPR_PEM_MAX: usize = 60;
const REPR_MAX: usize = 300;

fn short_repr(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        let text = s.to_cow()?;
        let chars = text.chars().count();
        if chars > REPR_MAX || (chars > REPR_PEM_MAX && text.starts_with("-----BEGIN")) {
            let head: String = text.chars().take(40).collect();
            let head = PyString::new(value.py(), &head).repr()?;
            return Ok(format!("{head}...({chars} chars)"));
        }
    }
    Ok(value.repr()?.to_cow()?.into_owned())
}

/// `Name(field=value, ...)` from the object's own attributes.
fn repr(obj: &Bound<'_, PyAny>, name: &str, fields: &[&str]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(fields.len());
    for field in fields {
        let value = obj.getattr(*field)?;
        parts.push(format!("{field}={}", short_repr(&value)?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

macro_rules! result_class {
    (
        $(#[$meta:meta])*
        $name:ident($core:ty) repr [$($field:literal),* $(,)?]
        { $($body:tt)* }
    ) => {
        $(#[$meta])*
        #[pyclass(frozen, eq, hash, module = "certcentral")]
        #[derive(Clone, PartialEq)]
        pub struct $name {
            pub inner: $core,
        }

        impl From<$core> for $name {
            fn from(inner: $core) -> Self {
                Self { inner }
            }
        }

        impl Hash for $name {
            fn hash<H: Hasher>(&self, state: &mut H) {
                serde_json::to_string(&self.inner).unwrap_or_default().hash(state);
            }
        }

        #[pymethods]
        impl $name {
            /// The object as plain data (dicts, lists, str, int, bool, None), in the API's
            /// JSON shape; absent optional fields are left out.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                convert::to_py(py, &self.inner)
            }

            /// Builds the object from a dict shaped like the API's JSON (or `to_dict()`).
            #[classmethod]
            fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let value = convert::to_value(data)?;
                serde_json::from_value::<$core>(value)
                    .map(Self::from)
                    .map_err(|e| {
                        PyValueError::new_err(format!(
                            "not a valid {}: {e}",
                            stringify!($name)
                        ))
                    })
            }

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                repr(slf.as_any(), stringify!($name), &[$($field),*])
            }

            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
                let data = slf.get().to_dict(slf.py())?;
                Ok((slf.get_type().getattr("from_dict")?, (data,)))
            }

            $($body)*
        }
    };
}

fn list<T: Clone, U: From<T>>(items: &[T]) -> Vec<U> {
    items.iter().cloned().map(U::from).collect()
}

result_class! {
    /// One validation finding: a violation (in `ValidationError.violations`) or a warning
    /// (in `Report.warnings`).
    Violation(certcentral::Violation) repr ["path", "code", "message"] {
        /// JSON path from the order root, such as `certificate.dns_names[2]` (`""`: the order).
        #[getter]
        fn path(&self) -> &str {
            &self.inner.path
        }
        /// A stable code such as `invalid_domain` (see `certcentral.VIOLATION_CODES`).
        #[getter]
        fn code(&self) -> &str {
            &self.inner.code
        }
        /// What is wrong, for people.
        #[getter]
        fn message(&self) -> &str {
            &self.inner.message
        }
    }
}

result_class! {
    /// The result of validating an order that has no violation.
    Report(certcentral::Report) repr ["warnings"] {
        /// Findings DigiCert would accept but that are probably mistakes.
        #[getter]
        fn warnings(&self) -> Vec<Violation> {
            list(&self.inner.warnings)
        }
    }
}

result_class! {
    /// The full verdict of `certcentral.check()`: every violation and every warning.
    Verdict(certcentral::Verdict) repr ["valid", "violations", "warnings"] {
        /// True when there is no violation.
        #[getter]
        fn valid(&self) -> bool {
            self.inner.valid
        }
        /// Every violation.
        #[getter]
        fn violations(&self) -> Vec<Violation> {
            list(&self.inner.violations)
        }
        /// Every warning.
        #[getter]
        fn warnings(&self) -> Vec<Violation> {
            list(&self.inner.warnings)
        }
        fn __bool__(&self) -> bool {
            self.inner.valid
        }
    }
}

result_class! {
    /// One item of an API error body, with its code parsed: `not_found|order` has category
    /// `not_found` and subcode `order`; `required_param:certificate.csr` has category
    /// `required_param` and field `certificate.csr`.
    ApiErrorItem(certcentral::ApiErrorItem) repr ["code", "message"] {
        /// The code as received.
        #[getter]
        fn code(&self) -> &str {
            &self.inner.code
        }
        /// The message.
        #[getter]
        fn message(&self) -> &str {
            &self.inner.message
        }
        /// The code's base (`not_found`, `required_param`, `access_denied`, ...).
        #[getter]
        fn category(&self) -> &str {
            &self.inner.category
        }
        /// The part after `|`, if any.
        #[getter]
        fn subcode(&self) -> Option<&str> {
            self.inner.subcode.as_deref()
        }
        /// The part after `:`, if any.
        #[getter]
        fn field(&self) -> Option<&str> {
            self.inner.field.as_deref()
        }
    }
}

result_class! {
    /// A request of an order: its id (to approve or reject it) and status.
    Request(certcentral::Request) repr ["id", "status"] {
        /// The request id.
        #[getter]
        fn id(&self) -> u64 {
            self.inner.id
        }
        /// `pending`, `submitted`, `approved`, `rejected`, or a value DigiCert adds later
        /// (see `certcentral.RequestStatus`).
        #[getter]
        fn status(&self) -> &str {
            self.inner.status.as_str()
        }
    }
}

result_class! {
    /// An organization by id (the one an order created).
    OrganizationRef(certcentral::OrganizationRef) repr ["id"] {
        /// The organization id.
        #[getter]
        fn id(&self) -> u64 {
            self.inner.id
        }
    }
}

result_class! {
    /// One certificate of the chain returned with an immediately issued order.
    ChainEntry(certcentral::ChainEntry) repr ["subject_common_name", "pem"] {
        /// The certificate's subject common name.
        #[getter]
        fn subject_common_name(&self) -> &str {
            &self.inner.subject_common_name
        }
        /// The certificate in PEM.
        #[getter]
        fn pem(&self) -> &str {
            &self.inner.pem
        }
    }
}

result_class! {
    /// The answer to a submitted order: any of the five documented shapes. Absent parts are
    /// `None` or empty lists.
    OrderResponse(certcentral::OrderResponse)
        repr ["id", "requests", "certificate_id", "organization", "certificate_chain"]
    {
        /// The order id.
        #[getter]
        fn id(&self) -> u64 {
            self.inner.id
        }
        /// The requests created for the order (empty in the `{id, certificate_id}` shapes).
        #[getter]
        fn requests(&self) -> Vec<Request> {
            list(&self.inner.requests)
        }
        /// The certificate id, when the request was approved at once.
        #[getter]
        fn certificate_id(&self) -> Option<u64> {
            self.inner.certificate_id
        }
        /// The new organization, when the order created one.
        #[getter]
        fn organization(&self) -> Option<OrganizationRef> {
            self.inner.organization.map(OrganizationRef::from)
        }
        /// The issued chain (leaf first), when the certificate was issued immediately.
        #[getter]
        fn certificate_chain(&self) -> Vec<ChainEntry> {
            list(&self.inner.certificate_chain)
        }
    }
}

result_class! {
    /// The certificate of an order (order info, order lists).
    OrderCertificate(certcentral::OrderCertificate)
        repr ["id", "common_name", "dns_names", "serial_number", "valid_till"]
    {
        /// The certificate id, once assigned.
        #[getter]
        fn id(&self) -> Option<u64> {
            self.inner.id
        }
        /// Common name.
        #[getter]
        fn common_name(&self) -> &str {
            &self.inner.common_name
        }
        /// DNS names.
        #[getter]
        fn dns_names(&self) -> Vec<String> {
            self.inner.dns_names.clone()
        }
        /// Serial number, once issued.
        #[getter]
        fn serial_number(&self) -> Option<&str> {
            self.inner.serial_number.as_deref()
        }
        /// Thumbprint, once issued.
        #[getter]
        fn thumbprint(&self) -> Option<&str> {
            self.inner.thumbprint.as_deref()
        }
        /// Start of validity (`yyyy-MM-dd`), once issued.
        #[getter]
        fn valid_from(&self) -> Option<&str> {
            self.inner.valid_from.as_deref()
        }
        /// End of validity (`yyyy-MM-dd`), once issued.
        #[getter]
        fn valid_till(&self) -> Option<&str> {
            self.inner.valid_till.as_deref()
        }
        /// Signature hash.
        #[getter]
        fn signature_hash(&self) -> Option<&str> {
            self.inner.signature_hash.as_deref()
        }
    }
}

result_class! {
    /// The organization of an order.
    OrganizationSummary(certcentral::OrganizationSummary) repr ["id", "name"] {
        /// Organization id.
        #[getter]
        fn id(&self) -> Option<u64> {
            self.inner.id
        }
        /// Organization name.
        #[getter]
        fn name(&self) -> Option<&str> {
            self.inner.name.as_deref()
        }
    }
}

result_class! {
    /// The product of an order.
    ProductSummary(certcentral::ProductSummary) repr ["name_id", "name"] {
        /// Product id such as `ssl_securesite_pro`.
        #[getter]
        fn name_id(&self) -> &str {
            &self.inner.name_id
        }
        /// Display name.
        #[getter]
        fn name(&self) -> Option<&str> {
            self.inner.name.as_deref()
        }
    }
}

result_class! {
    /// Order info (`GET /order/certificate/{id}`). Fields DigiCert adds later are in
    /// `raw_json`.
    OrderInfo(certcentral::OrderInfo)
        repr ["id", "status", "certificate_id", "requests", "date_created"]
    {
        /// The order id.
        #[getter]
        fn id(&self) -> u64 {
            self.inner.id
        }
        /// `needs_approval`, `pending`, `processing`, `issued`, `rejected`, `canceled`,
        /// `revoked`, `expired`, ... (see `certcentral.OrderStatus`).
        #[getter]
        fn status(&self) -> &str {
            self.inner.status.as_str()
        }
        /// True for the states `wait_for_issuance` stops at: issued, rejected, canceled,
        /// revoked, expired.
        #[getter]
        fn is_final(&self) -> bool {
            self.inner.status.is_final()
        }
        /// The certificate id, once DigiCert has assigned one.
        #[getter]
        fn certificate_id(&self) -> Option<u64> {
            self.inner.certificate_id()
        }
        /// The certificate of the order.
        #[getter]
        fn certificate(&self) -> Option<OrderCertificate> {
            self.inner.certificate.clone().map(OrderCertificate::from)
        }
        /// The order's organization.
        #[getter]
        fn organization(&self) -> Option<OrganizationSummary> {
            self.inner.organization.clone().map(OrganizationSummary::from)
        }
        /// The product ordered.
        #[getter]
        fn product(&self) -> Option<ProductSummary> {
            self.inner.product.clone().map(ProductSummary::from)
        }
        /// The requests of the order.
        #[getter]
        fn requests(&self) -> Vec<Request> {
            list(&self.inner.requests)
        }
        /// When the order was created, as DigiCert formats it.
        #[getter]
        fn date_created(&self) -> Option<&str> {
            self.inner.date_created.as_deref()
        }
        /// Validity in years, when given.
        #[getter]
        fn validity_years(&self) -> Option<u32> {
            self.inner.validity_years
        }
        /// The complete response body as received (`""` for an object made by `from_dict`).
        #[getter]
        fn raw_json(&self) -> &str {
            &self.inner.raw_json
        }
    }
}

result_class! {
    /// One order of a list (`list_orders`, `find_recent_orders`).
    OrderSummary(certcentral::OrderSummary)
        repr ["id", "status", "certificate", "date_created"]
    {
        /// The order id.
        #[getter]
        fn id(&self) -> u64 {
            self.inner.id
        }
        /// The order status (see `certcentral.OrderStatus`).
        #[getter]
        fn status(&self) -> &str {
            self.inner.status.as_str()
        }
        /// The certificate.
        #[getter]
        fn certificate(&self) -> Option<OrderCertificate> {
            self.inner.certificate.clone().map(OrderCertificate::from)
        }
        /// The product.
        #[getter]
        fn product(&self) -> Option<ProductSummary> {
            self.inner.product.clone().map(ProductSummary::from)
        }
        /// When the order was created, as DigiCert formats it.
        #[getter]
        fn date_created(&self) -> Option<&str> {
            self.inner.date_created.as_deref()
        }
    }
}

result_class! {
    /// Paging information of a list.
    Page(certcentral::Page) repr ["total", "limit", "offset"] {
        /// Total number of matching items.
        #[getter]
        fn total(&self) -> u64 {
            self.inner.total
        }
        /// Page size.
        #[getter]
        fn limit(&self) -> u64 {
            self.inner.limit
        }
        /// Offset of this page.
        #[getter]
        fn offset(&self) -> u64 {
            self.inner.offset
        }
    }
}

result_class! {
    /// A page of orders (`list_orders`).
    OrderList(certcentral::OrderList) repr ["orders", "page"] {
        /// The orders of this page.
        #[getter]
        fn orders(&self) -> Vec<OrderSummary> {
            list(&self.inner.orders)
        }
        /// Paging information.
        #[getter]
        fn page(&self) -> Page {
            Page::from(self.inner.page)
        }
    }
}

result_class! {
    /// One parsed certificate of a downloaded chain.
    ChainCertificate(certcentral::ChainCertificate)
        repr ["subject_common_name", "issuer_common_name", "serial_hex", "not_after"]
    {
        /// The certificate in PEM (one block, newline-terminated).
        #[getter]
        fn pem(&self) -> &str {
            &self.inner.pem
        }
        /// Subject common name (`""` when the subject has none).
        #[getter]
        fn subject_common_name(&self) -> &str {
            &self.inner.subject_common_name
        }
        /// Issuer common name.
        #[getter]
        fn issuer_common_name(&self) -> &str {
            &self.inner.issuer_common_name
        }
        /// Serial number, lowercase hex.
        #[getter]
        fn serial_hex(&self) -> &str {
            &self.inner.serial_hex
        }
        /// Start of validity, RFC 3339.
        #[getter]
        fn not_before(&self) -> &str {
            &self.inner.not_before
        }
        /// End of validity, RFC 3339.
        #[getter]
        fn not_after(&self) -> &str {
            &self.inner.not_after
        }
        /// DNS names of the subject alternative name extension.
        #[getter]
        fn dns_names(&self) -> Vec<String> {
            self.inner.dns_names.clone()
        }
        /// Whether the certificate is a CA.
        #[getter]
        fn is_ca(&self) -> bool {
            self.inner.is_ca
        }
        /// Whether subject and issuer are the same name (a root).
        #[getter]
        fn self_issued(&self) -> bool {
            self.inner.self_issued
        }
    }
}

result_class! {
    /// A downloaded certificate chain in order: the leaf, its intermediates (closest first)
    /// and the root when the download included one. Iterating yields them in that order.
    CertificateChain(certcentral::CertificateChain) repr ["leaf", "intermediates", "root"] {
        /// The end-entity certificate.
        #[getter]
        fn leaf(&self) -> ChainCertificate {
            ChainCertificate::from(self.inner.leaf.clone())
        }
        /// Intermediates, from the one that signed the leaf upwards.
        #[getter]
        fn intermediates(&self) -> Vec<ChainCertificate> {
            list(&self.inner.intermediates)
        }
        /// The self-issued root, when present.
        #[getter]
        fn root(&self) -> Option<ChainCertificate> {
            self.inner.root.clone().map(ChainCertificate::from)
        }
        /// The whole chain as one PEM bundle: leaf, intermediates, root.
        #[getter]
        fn pem(&self) -> String {
            self.inner.to_pem()
        }
        /// The certificates in order: leaf, intermediates, root.
        fn certificates(&self) -> Vec<ChainCertificate> {
            self.inner.iter().cloned().map(ChainCertificate::from).collect()
        }
        fn __len__(&self) -> usize {
            self.inner.iter().count()
        }
        fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            let items = self.certificates().into_pyobject(py)?;
            Ok(items.try_iter()?.into_any().unbind())
        }
    }
}
