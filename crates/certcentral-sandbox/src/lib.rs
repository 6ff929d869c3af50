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
//! ## Why hyper
//!
//! The server is built on [`hyper`] 1.x, the most widely used and maintained HTTP
//! implementation in Rust, on a [`tokio`] runtime that the sandbox starts on a thread of its
//! own: the API stays blocking, and callers (tests, the CLI, FFI bindings) need no runtime.
//!
//! - **A task per connection, no thread-pool race.** Every connection is served by its own
//!   task and every request runs in its own task (its synchronous handler on the runtime's
//!   blocking pool). The sandbox used to run on `tiny_http`, whose connection pool decided
//!   whether to start a thread from a count that was stale while a woken thread had not run
//!   yet: of two connections accepted back to back, the second could wait for seconds.
//! - **Control over the connection, which the faults need.** When the service fails, hyper
//!   closes the HTTP/1 connection without writing anything (`drop_before_response`,
//!   `drop_after_body`); when a response body fails after its first part, hyper closes the
//!   connection in the middle of the answer (`truncated_body`). No socket has to be found
//!   and shut down behind the server's back.
//! - **One write per answer**: head and body go out together, and `TCP_NODELAY` is set on
//!   every connection, so small answers on a reused connection never wait for a delayed ACK.
//!
//! [`Sandbox::shutdown`] (or drop) stops accepting, closes idle keep-alive connections,
//! stops the runtime and joins its threads.
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
mod state;
mod timefmt;

pub use ca::{INTERMEDIATE_CN, ROOT_CN};
pub use config::{Approval, DEFAULT_API_KEY, SandboxConfig};
pub use faults::{Fault, FaultKind};
pub use log::{LoggedOrder, LoggedRequest, SandboxLog};
pub use products::{SANDBOX_PRODUCTS, is_known_product};
pub use server::{MAX_LOGGED_REQUESTS, Sandbox};
