//! The sandbox server: its shared state, worker threads, and lifecycle.

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use time::OffsetDateTime;

use crate::ca::Authority;
use crate::config::{Approval, SandboxConfig};
use crate::faults::{Fault, FaultQueue};
use crate::log::{LoggedOrder, LoggedRequest, SandboxLog};
use crate::ratelimit::RateLimiter;
use crate::state::State;

/// How many requests the log keeps (the oldest are dropped beyond that).
pub const MAX_LOGGED_REQUESTS: usize = 100_000;

/// What every worker shares.
pub(crate) struct Shared {
    pub api_keys: Vec<String>,
    pub issue_delay: Duration,
    pub validate: bool,
    pub rate_limits: Option<Vec<(u32, Duration)>>,
    pub limiter: Option<RateLimiter>,
    pub faults: FaultQueue,
    pub ca: Authority,
    pub addr: SocketAddr,
    approval: Mutex<Approval>,
    state: Mutex<State>,
    log: Mutex<SandboxLog>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    /// The account state, locked.
    pub fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// The current approval mode.
    pub fn approval(&self) -> Approval {
        *lock(&self.approval)
    }

    /// Switches the approval mode.
    pub fn set_approval(&self, mode: Approval) {
        *lock(&self.approval) = mode;
    }

    /// `http://127.0.0.1:PORT/services/v2`.
    pub fn base_url(&self) -> String {
        format!("http://{}/services/v2", self.addr)
    }

    /// Records a request (the log keeps the last [`MAX_LOGGED_REQUESTS`]).
    pub fn log_request(&self, entry: LoggedRequest) {
        let mut log = lock(&self.log);
        log.requests.push(entry);
        if log.requests.len() > MAX_LOGGED_REQUESTS + MAX_LOGGED_REQUESTS / 10 {
            let excess = log.requests.len() - MAX_LOGGED_REQUESTS;
            log.requests.drain(..excess);
        }
    }

    /// Records an order.
    pub fn log_order(&self, id: u64, product: &str, common_name: &str, at: OffsetDateTime) {
        lock(&self.log).orders.push(LoggedOrder {
            id,
            product: product.to_owned(),
            common_name: common_name.to_owned(),
            created_at: crate::timefmt::datetime(at),
        });
    }

    /// A copy of the log.
    pub fn log_snapshot(&self) -> SandboxLog {
        lock(&self.log).clone()
    }

    /// Forgets every order, request, certificate, fault, log entry and rate-limit count.
    pub fn reset(&self) {
        *lock(&self.state) = State::default();
        *lock(&self.log) = SandboxLog::default();
        self.faults.clear();
        if let Some(l) = &self.limiter {
            l.clear();
        }
    }
}

/// A running sandbox. Stops (and joins its threads) on [`Sandbox::shutdown`] or drop.
pub struct Sandbox {
    shared: Arc<Shared>,
    server: Arc<tiny_http::Server>,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
    base_url: String,
    api_key: String,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Binds `127.0.0.1:port` (0 = any free port), creates the CA, and starts the workers.
    pub fn start(config: SandboxConfig) -> io::Result<Self> {
        if config.api_keys.iter().all(|k| k.is_empty()) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the sandbox needs at least one non-empty API key",
            ));
        }
        let listener = listen(config.port)?;
        let addr = listener.local_addr()?;
        let ca = Authority::new().map_err(io::Error::other)?;
        let server =
            Arc::new(tiny_http::Server::from_listener(listener, None).map_err(io::Error::other)?);
        let shared = Arc::new(Shared {
            api_keys: config.api_keys.clone(),
            issue_delay: config.issue_delay,
            validate: config.validate,
            limiter: config.rate_limits.clone().map(RateLimiter::new),
            rate_limits: config.rate_limits,
            faults: FaultQueue::default(),
            ca,
            addr,
            approval: Mutex::new(config.approval),
            state: Mutex::new(State::default()),
            log: Mutex::new(SandboxLog::default()),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let mut workers = Vec::new();
        for i in 0..config.workers.max(1) {
            let (shared, server, stop) = (shared.clone(), server.clone(), stop.clone());
            let worker = std::thread::Builder::new()
                .name(format!("certcentral-sandbox-{i}"))
                .spawn(move || work(&shared, &server, &stop))?;
            workers.push(worker);
        }
        Ok(Self {
            base_url: shared.base_url(),
            api_key: config
                .api_keys
                .into_iter()
                .find(|k| !k.is_empty())
                .unwrap_or_default(),
            shared,
            server,
            stop,
            workers,
        })
    }

    /// `http://127.0.0.1:PORT/services/v2`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The first configured API key.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// `http://127.0.0.1:PORT/__sandbox`, the control API.
    pub fn control_url(&self) -> String {
        format!("http://{}/__sandbox", self.shared.addr)
    }

    /// The requests received and the orders created so far.
    pub fn log(&self) -> SandboxLog {
        self.shared.log_snapshot()
    }

    /// Queues a fault for the next matching requests. Invalid faults (see
    /// [`Fault::check`]) are refused.
    pub fn inject(&self, fault: Fault) -> Result<(), String> {
        fault.check()?;
        self.shared.faults.push(fault);
        Ok(())
    }

    /// Removes every queued fault.
    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }

    /// The current approval mode.
    pub fn approval(&self) -> Approval {
        self.shared.approval()
    }

    /// Switches the approval mode for orders submitted from now on.
    pub fn set_approval(&self, mode: Approval) {
        self.shared.set_approval(mode);
    }

    /// Forgets every order, fault, log entry and rate-limit count; ids start over.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// The sandbox root certificate (PEM), the trust anchor of every issued chain.
    pub fn root_pem(&self) -> &str {
        self.shared.ca.root_pem()
    }

    /// The sandbox intermediate certificate (PEM).
    pub fn intermediate_pem(&self) -> &str {
        self.shared.ca.intermediate_pem()
    }

    /// Stops the server and joins its threads.
    pub fn shutdown(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        if self.workers.is_empty() {
            return;
        }
        self.stop.store(true, Ordering::SeqCst);
        for _ in &self.workers {
            self.server.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
        crate::socket::shutdown_all(self.shared.addr);
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop_now();
    }
}

/// A worker: answers requests until told to stop.
/// A listener on 127.0.0.1 whose accepted connections have `TCP_NODELAY` set (Linux copies
/// it from the listening socket). tiny_http writes a response's head and body separately;
/// with Nagle's algorithm on, the body then waits for the client's delayed ACK (~40 ms).
fn listen(port: u16) -> io::Result<TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

fn work(shared: &Shared, server: &tiny_http::Server, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match server.recv_timeout(Duration::from_millis(250)) {
            Ok(Some(rq)) => {
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    crate::pipeline::handle(shared, rq);
                }));
                if outcome.is_err() {
                    // The request was answered 500 by tiny_http when it was dropped.
                    continue;
                }
            }
            Ok(None) => {}
            Err(_) => break,
        }
    }
}
