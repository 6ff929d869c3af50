//! Injected faults: what they are, and the queue that applies them to matching requests.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What a fault does to the request it hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Sleep `latency_ms`, then answer normally.
    Latency,
    /// Answer `status` (500, 502, 503 or 504) with a DigiCert error body; nothing is done.
    Status,
    /// Answer 429 `request_limit_exceeded`, with `Retry-After` when `retry_after` is set.
    RateLimit,
    /// Read the request, do nothing, close the connection without answering.
    DropBeforeResponse,
    /// Process the request fully (an order is created), then close without answering.
    DropAfterBody,
    /// Process the request, then answer its status with a body that is not valid JSON.
    MalformedJson,
    /// Process the request, then send headers whose `Content-Length` is larger than the
    /// bytes that follow, and close.
    TruncatedBody,
    /// Process the request, then answer with a valid JSON body of `size_mb` MiB.
    OversizedBody,
    /// Answer 502 with an HTML page, as a proxy in front of CertCentral would.
    HtmlError,
}

impl FaultKind {
    /// The kind's wire name (`drop_after_body`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Latency => "latency",
            Self::Status => "status",
            Self::RateLimit => "rate_limit",
            Self::DropBeforeResponse => "drop_before_response",
            Self::DropAfterBody => "drop_after_body",
            Self::MalformedJson => "malformed_json",
            Self::TruncatedBody => "truncated_body",
            Self::OversizedBody => "oversized_body",
            Self::HtmlError => "html_error",
        }
    }

    /// Whether the request is processed (and an order possibly created) before the fault
    /// mangles the answer.
    pub fn processes_request(self) -> bool {
        matches!(
            self,
            Self::Latency
                | Self::DropAfterBody
                | Self::MalformedJson
                | Self::TruncatedBody
                | Self::OversizedBody
        )
    }
}

/// A fault for the next `count` requests matching `path_prefix` and `method`.
///
/// The JSON form (for `POST /__sandbox/faults`) uses the same field names:
/// `{"kind": "status", "status": 503, "count": 2, "path_prefix": "/order/certificate",
/// "method": "POST"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// What the fault does.
    pub kind: FaultKind,
    /// How many matching requests it hits (default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// Only requests whose path after `/services/v2` starts with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_prefix: Option<String>,
    /// Only requests with this method (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Sleep this long before answering (any kind; `latency` defaults to 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    /// The status of a `status` fault: 500, 502, 503 or 504 (default 503).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// `Retry-After` seconds for `rate_limit` and `status` faults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// Body size of an `oversized_body` fault in MiB (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_mb: Option<u32>,
}

fn one() -> u32 {
    1
}

impl Fault {
    /// A fault of `kind` for the next request, on any path and method.
    pub fn new(kind: FaultKind) -> Self {
        Self {
            kind,
            count: 1,
            path_prefix: None,
            method: None,
            latency_ms: None,
            status: None,
            retry_after: None,
            size_mb: None,
        }
    }

    /// Hits the next `count` matching requests.
    pub fn count(mut self, count: u32) -> Self {
        self.count = count;
        self
    }

    /// Only requests whose path after `/services/v2` starts with `prefix`.
    pub fn path_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.path_prefix = Some(prefix.into());
        self
    }

    /// Only requests with this HTTP method.
    pub fn method(mut self, method: impl Into<String>) -> Self {
        self.method = Some(method.into());
        self
    }

    /// Sleeps this long before answering.
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency_ms = Some(latency.as_millis() as u64);
        self
    }

    /// The status of a `status` fault.
    pub fn status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// A `Retry-After` header, in seconds.
    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs);
        self
    }

    /// The body size of an `oversized_body` fault, in MiB.
    pub fn size_mb(mut self, mb: u32) -> Self {
        self.size_mb = Some(mb);
        self
    }

    /// Checks the fault's fields; the error says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if self.count == 0 {
            return Err("count must be at least 1".into());
        }
        if let Some(s) = self.status
            && !matches!(s, 500 | 502 | 503 | 504)
        {
            return Err(format!("status {s} is not one of 500, 502, 503, 504"));
        }
        if self.status.is_some() && self.kind != FaultKind::Status {
            return Err("status is only for faults of kind \"status\"".into());
        }
        if let Some(mb) = self.size_mb
            && !(1..=512).contains(&mb)
        {
            return Err("size_mb must be between 1 and 512".into());
        }
        if self.latency_ms.is_some_and(|ms| ms > 600_000) {
            return Err("latency_ms must be at most 600000".into());
        }
        Ok(())
    }

    /// The sleep before answering.
    pub(crate) fn delay(&self) -> Option<Duration> {
        match (self.latency_ms, self.kind) {
            (Some(ms), _) => Some(Duration::from_millis(ms)),
            (None, FaultKind::Latency) => Some(Duration::from_millis(1000)),
            (None, _) => None,
        }
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.path_prefix
            .as_deref()
            .is_none_or(|p| path.starts_with(p))
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
    }
}

/// Queued faults, applied in the order they were queued.
#[derive(Default)]
pub(crate) struct FaultQueue {
    queue: Mutex<VecDeque<Fault>>,
}

impl FaultQueue {
    /// Queues a fault.
    pub fn push(&self, fault: Fault) {
        self.lock().push_back(fault);
    }

    /// Removes every queued fault.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The queued faults.
    pub fn pending(&self) -> Vec<Fault> {
        self.lock().iter().cloned().collect()
    }

    /// The first fault matching the request, its count used up by one.
    pub fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut queue = self.lock();
        let i = queue.iter().position(|f| f.matches(method, path))?;
        let fault = &mut queue[i];
        fault.count -= 1;
        let hit = Fault {
            count: 1,
            ..fault.clone()
        };
        if fault.count == 0 {
            queue.remove(i);
        }
        Some(hit)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Fault>> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_matches_and_counts() {
        let q = FaultQueue::default();
        q.push(
            Fault::new(FaultKind::Status)
                .count(2)
                .method("POST")
                .path_prefix("/order"),
        );
        assert!(q.take("GET", "/order/certificate/1").is_none());
        assert!(q.take("post", "/order/certificate/x").is_some());
        assert!(q.take("POST", "/request/1").is_none());
        assert!(q.take("POST", "/order/certificate/x").is_some());
        assert!(q.take("POST", "/order/certificate/x").is_none());
    }

    #[test]
    fn json_form_and_checks() {
        let f: Fault = serde_json::from_str(r#"{"kind":"status","status":502}"#).unwrap();
        assert_eq!(f.count, 1);
        assert!(f.check().is_ok());
        assert!(Fault::new(FaultKind::Status).status(404).check().is_err());
        assert!(serde_json::from_str::<Fault>(r#"{"kind":"nope"}"#).is_err());
        assert_eq!(
            Fault::new(FaultKind::Latency).delay(),
            Some(Duration::from_secs(1))
        );
    }
}
