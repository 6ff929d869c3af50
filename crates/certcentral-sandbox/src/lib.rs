//! # certcentral-sandbox
//!
//! An offline DigiCert CertCentral on loopback: a real HTTP server on `127.0.0.1` that answers
//! the parts of the Services API (`/services/v2`) this project calls, the way DigiCert does.
//! Orders are validated with the core's rules, approved (by hand or automatically), issued
//! after a configurable delay as **real** certificates (a sandbox root and intermediate sign a
//! leaf for the CSR's own public key), and downloaded as PEM or PKCS#7. DigiCert's rate limits
//! are enforced, and faults (latency, 5xx, dropped connections, broken bodies) can be injected
//! for resilience tests.
//!
//! ```no_run
//! use certcentral_sandbox::{Approval, Sandbox, SandboxConfig};
//!
//! let sandbox = Sandbox::start(SandboxConfig {
//!     approval: Approval::Auto,
//!     ..SandboxConfig::default()
//! })?;
//! println!("{} {}", sandbox.base_url(), sandbox.api_key());
//! // point a certcentral::Client at sandbox.base_url() ...
//! sandbox.shutdown();
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! ## Why `tiny_http`
//!
//! The server is built on [`tiny_http`]: it is blocking (no async runtime to start inside
//! test processes and FFI bindings), small, and it hands a request's raw response stream to
//! the handler ([`tiny_http::Request::into_writer`]). That raw access is what the fault
//! injection needs: answer nothing, send headers that promise more bytes than follow, or
//! close the connection after the order was created.
//!
//! The HTTP surface (endpoints, approval modes and the seed shape each gives, error codes,
//! id ranges, the `/__sandbox/` control API) is described in `docs/sandbox.md`.

#![warn(missing_docs)]

mod ca;
mod config;
mod der;
mod faults;
mod handlers;
mod http;
mod log;
mod pipeline;
mod products;
mod ratelimit;
mod server;
mod socket;
mod state;
mod timefmt;

pub use ca::{INTERMEDIATE_CN, ROOT_CN};
pub use config::{Approval, DEFAULT_API_KEY, SandboxConfig};
pub use faults::{Fault, FaultKind};
pub use log::{LoggedOrder, LoggedRequest, SandboxLog};
pub use products::{SANDBOX_PRODUCTS, is_known_product};
pub use server::{MAX_LOGGED_REQUESTS, Sandbox};
