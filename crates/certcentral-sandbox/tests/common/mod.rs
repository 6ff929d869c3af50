//! Helpers shared by the sandbox's integration tests: raw HTTP calls, orders, polling.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use certcentral_sandbox::{Approval, Sandbox, SandboxConfig};
use serde_json::{Value, json};

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The error codes of a DigiCert error body.
    pub fn codes(&self) -> Vec<String> {
        self.json()["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("no errors in {}", self.text()))
            .iter()
            .map(|e| e["code"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .new_agent()
}

/// One request; `Err` when the connection broke.
pub fn try_call(
    method: &str,
    url: &str,
    key: Option<&str>,
    body: Option<&[u8]>,
) -> Result<Answer, ureq::Error> {
    let agent = agent();
    let mut resp = match method {
        "GET" | "DELETE" => {
            let mut rb = if method == "GET" {
                agent.get(url)
            } else {
                agent.delete(url)
            };
            if let Some(k) = key {
                rb = rb.header("X-DC-DEVKEY", k);
            }
            rb.call()?
        }
        _ => {
            let mut rb = match method {
                "POST" => agent.post(url),
                "PUT" => agent.put(url),
                other => panic!("method {other}"),
            };
            rb = rb.header("Content-Type", "application/json");
            if let Some(k) = key {
                rb = rb.header("X-DC-DEVKEY", k);
            }
            match body {
                Some(b) => rb.send(b)?,
                None => rb.send_empty()?,
            }
        }
    };
    let status = resp.status().as_u16();
    let headers: Vec<(String, String)> = resp
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = resp.body_mut().with_config().limit(1 << 30).read_to_vec()?;
    Ok(Answer {
        status,
        content_type,
        headers,
        body,
    })
}

/// An API call with the sandbox's key.
pub fn api(sb: &Sandbox, method: &str, path: &str, body: Option<&Value>) -> Answer {
    let bytes = body.map(|b| b.to_string().into_bytes());
    try_call(
        method,
        &format!("{}{path}", sb.base_url()),
        Some(sb.api_key()),
        bytes.as_deref(),
    )
    .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// An API call with raw bytes.
pub fn api_raw(sb: &Sandbox, method: &str, path: &str, body: &[u8]) -> Answer {
    try_call(
        method,
        &format!("{}{path}", sb.base_url()),
        Some(sb.api_key()),
        Some(body),
    )
    .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// A control-API call.
pub fn control(sb: &Sandbox, method: &str, path: &str, body: Option<&Value>) -> Answer {
    let bytes = body.map(|b| b.to_string().into_bytes());
    try_call(
        method,
        &format!("{}{path}", sb.control_url()),
        None,
        bytes.as_deref(),
    )
    .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `examples/securesite-pro.json`.
pub fn example_order() -> Value {
    let text = std::fs::read_to_string(root().join("examples/securesite-pro.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The example order with another common name (the CSR keeps its names: only warnings).
pub fn order_for(common_name: &str) -> Value {
    let mut o = example_order();
    o["certificate"]["common_name"] = json!(common_name);
    o
}

/// A fixture under `tests/fixtures/`.
pub fn fixture(rel: &str) -> Value {
    let text = std::fs::read_to_string(root().join("tests/fixtures").join(rel)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A sandbox for tests: no rate limits, a short issue delay.
pub fn start(approval: Approval, issue_delay: Duration) -> Sandbox {
    Sandbox::start(SandboxConfig {
        approval,
        issue_delay,
        rate_limits: None,
        ..SandboxConfig::default()
    })
    .expect("sandbox starts")
}

/// Submits the example order; returns the 201 body.
pub fn submit(sb: &Sandbox, order: &Value) -> Value {
    let a = api(
        sb,
        "POST",
        "/order/certificate/ssl_securesite_pro",
        Some(order),
    );
    assert_eq!(a.status, 201, "{}", a.text());
    a.json()
}

/// Polls order info until `status`, for at most 10 s.
pub fn wait_for_status(sb: &Sandbox, order_id: u64, status: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let info = api(sb, "GET", &format!("/order/certificate/{order_id}"), None).json();
        if info["status"] == status {
            return info;
        }
        assert!(
            Instant::now() < deadline,
            "order {order_id} is still {} (want {status})",
            info["status"]
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The sorted keys of a JSON object.
pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

/// A fresh temporary directory (removed by the caller).
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "certcentral-sandbox-{}-{name}-{}",
        std::process::id(),
        fastrand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fastrand_suffix() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(Instant::now())
}

/// Splits a PEM bundle into its certificate blocks.
pub fn pem_blocks(pem: &str) -> Vec<String> {
    pem.split_inclusive("-----END CERTIFICATE-----\n")
        .filter(|b| b.contains("BEGIN CERTIFICATE"))
        .map(|b| b.trim_start().to_owned())
        .collect()
}

/// Runs openssl; panics with its output when it fails.
pub fn openssl(args: &[&str]) -> String {
    let out = std::process::Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl is installed");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "openssl {args:?} failed: {text}");
    text
}
