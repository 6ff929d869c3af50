//! The sandbox server: its shared state, the hyper server on a tokio runtime, and lifecycle.
//!
//! One thread (`certcentral-sandbox`) owns a multi-thread tokio runtime and runs the accept
//! loop on it. Every accepted connection is a task serving HTTP/1.1 with hyper; every
//! request is a task of its own, whose handler runs on the runtime's blocking pool.
//! [`Sandbox::shutdown`] (or drop) stops accepting, lets the connections finish the answer
//! they are writing (idle keep-alive connections close at once), stops the runtime and joins
//! the thread.

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use time::OffsetDateTime;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::ca::Authority;
use crate::config::{Approval, SandboxConfig};
use crate::faults::{Fault, FaultQueue};
use crate::http::{self, Answer, Reply};
use crate::log::{LoggedOrder, LoggedRequest, SandboxLog};
use crate::ratelimit::RateLimiter;
use crate::state::State;

/// How many requests the log keeps (the oldest are dropped beyond that).
pub const MAX_LOGGED_REQUESTS: usize = 100_000;

/// At shutdown, how long a connection may take to finish the answer it is writing.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// At shutdown, how long the runtime waits for handlers still running on its blocking pool.
const SHUTDOWN_BLOCKING_WAIT: Duration = Duration::from_secs(10);

/// What every connection and request task shares.
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
    stop: watch::Receiver<bool>,
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

    /// Resolves when the sandbox is stopping.
    pub async fn stopping(&self) {
        let mut stop = self.stop.clone();
        // An error means the sender is gone: stopping too.
        let _ = stop.wait_for(|stop| *stop).await;
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
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
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
    /// Binds `127.0.0.1:port` (0 = any free port), creates the CA, and starts the server: a
    /// thread running a tokio runtime with `config.workers` worker threads.
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
        let workers = config.workers.max(1);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .max_blocking_threads(workers)
            .thread_name("certcentral-sandbox-worker")
            .enable_all()
            .build()?;
        let listener = {
            let _context = runtime.enter();
            TcpListener::from_std(listener)?
        };
        let (stop, stopping) = watch::channel(false);
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
            stop: stopping,
        });
        let serving = shared.clone();
        let thread = std::thread::Builder::new()
            .name("certcentral-sandbox".into())
            .spawn(move || {
                runtime.block_on(serve(listener, serving));
                runtime.shutdown_timeout(SHUTDOWN_BLOCKING_WAIT);
            })?;
        Ok(Self {
            base_url: shared.base_url(),
            api_key: config
                .api_keys
                .into_iter()
                .find(|k| !k.is_empty())
                .unwrap_or_default(),
            shared,
            stop,
            thread: Some(thread),
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

    /// Stops the server and joins its threads: no new connection is accepted, idle
    /// keep-alive connections are closed, an answer being written gets up to a second to
    /// finish.
    pub fn shutdown(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        let Some(thread) = self.thread.take() else {
            return;
        };
        self.stop.send_replace(true);
        let _ = thread.join();
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop_now();
    }
}

/// A listener on 127.0.0.1 (`SO_REUSEADDR`, so that a fixed port can be bound again at once
/// after a sandbox on it stopped).
fn listen(port: u16) -> io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_nonblocking(true)?;
    socket.bind(&SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    socket.listen(1024)?;
    Ok(socket.into())
}

/// The accept loop: one task per connection until the sandbox stops; then the listener is
/// closed and the connections are waited for.
async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            () = shared.stopping() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(connection(stream, shared.clone()));
                }
                // Out of descriptors, or a connection reset before it was accepted: go on.
                Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
            },
            // Reap finished connections as they go.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    while connections.join_next().await.is_some() {}
}

/// Serves one connection (HTTP/1.1, keep-alive) until the client closes it, a fault drops
/// it, or the server stops.
async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    // hyper writes an answer's head and whole body in one write, but a streamed or truncated
    // body takes several: their last small segment must not wait for the client's delayed
    // ACK (~40 ms) behind Nagle's algorithm.
    let _ = stream.set_nodelay(true);
    let serving = shared.clone();
    let service = service_fn(move |rq| respond(serving.clone(), rq));
    let conn = http1::Builder::new()
        // `Content-Type`, `Content-Length`, as CertCentral and the old server wrote them.
        .title_case_headers(true)
        .serve_connection(TokioIo::new(stream), service);
    let mut conn = std::pin::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        () = shared.stopping() => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, conn).await;
}

/// One request, handled in a task of its own so that it runs to the end (an order is
/// created, the log written) even when the client goes away or hyper drops the connection.
/// A panic in it is answered 500.
async fn respond(shared: Arc<Shared>, rq: hyper::Request<hyper::body::Incoming>) -> Answer {
    match tokio::spawn(crate::pipeline::handle(shared, rq)).await {
        Ok(answer) => answer,
        Err(_) => http::send(Reply::error(
            500,
            "internal_server_error",
            "An internal server error occurred.",
        )),
    }
}
