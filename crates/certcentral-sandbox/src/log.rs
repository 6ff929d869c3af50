//! What the sandbox saw: requests received and orders created.

use serde::{Deserialize, Serialize};

/// One API request received (under `/services/v2`; the `/__sandbox/` control API is not
/// logged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedRequest {
    /// HTTP method.
    pub method: String,
    /// Path after `/services/v2`, without the query.
    pub path: String,
    /// The query string, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The status answered; `None` when the connection was closed without an answer.
    pub status: Option<u16>,
    /// The injected fault that hit this request, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<String>,
}

/// One order created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedOrder {
    /// Order id.
    pub id: u64,
    /// Product id.
    pub product: String,
    /// The order's common name.
    pub common_name: String,
    /// When it was created (`yyyy-MM-ddTHH:mm:ss+00:00`).
    pub created_at: String,
}

/// The sandbox log (`GET /__sandbox/log`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SandboxLog {
    /// Requests in the order received.
    pub requests: Vec<LoggedRequest>,
    /// Orders in the order created.
    pub orders: Vec<LoggedOrder>,
}
