//! Closing one client connection from a handler.
//!
//! `tiny_http` gives a handler the raw response stream but keeps the socket; a keep-alive
//! connection would stay open after a fault that answers nothing, and the client would wait
//! for its timeout. To make such faults look like a real dropped connection, the server-side
//! socket of the connection (found by its local and peer address) is shut down, which makes
//! the client read end-of-stream at once and ends `tiny_http`'s reader for it.

use std::net::SocketAddr;

/// Shuts down (both directions) the server-side socket of the connection `local` ← `peer`.
/// Returns whether it was found. Unix only; elsewhere it returns false and the connection
/// stays open until the client gives up.
pub(crate) fn shutdown_connection(local: SocketAddr, peer: SocketAddr) -> bool {
    imp::shutdown_connection(local, peer)
}

/// Shuts down every accepted connection of the server listening on `local` (at shutdown, so
/// that `tiny_http`'s connection threads end even while clients keep idle connections open).
pub(crate) fn shutdown_all(local: SocketAddr) {
    imp::shutdown_all(local)
}

#[cfg(unix)]
mod imp {
    use std::mem::ManuallyDrop;
    use std::net::{Shutdown, SocketAddr, TcpStream};
    use std::os::fd::{FromRawFd, RawFd};

    /// Candidate descriptors: those listed in `/proc/self/fd`, or the first 4096.
    fn descriptors() -> Vec<RawFd> {
        match std::fs::read_dir("/proc/self/fd") {
            Ok(dir) => dir
                .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect(),
            Err(_) => (0..4096).collect(),
        }
    }

    pub(super) fn shutdown_connection(local: SocketAddr, peer: SocketAddr) -> bool {
        for fd in descriptors() {
            // SAFETY: the stream is never dropped (ManuallyDrop), so the descriptor is never
            // closed here; it is only queried with getsockname/getpeername, which fail
            // harmlessly on descriptors that are not sockets, and shut down only when it is
            // exactly the connection asked for (a unique local/peer address pair).
            let stream = ManuallyDrop::new(unsafe { TcpStream::from_raw_fd(fd) });
            if stream.local_addr().ok() == Some(local) && stream.peer_addr().ok() == Some(peer) {
                let _ = stream.shutdown(Shutdown::Both);
                return true;
            }
        }
        false
    }

    pub(super) fn shutdown_all(local: SocketAddr) {
        for fd in descriptors() {
            // SAFETY: as above; only accepted connections (local address = the server's, with
            // a peer) are shut down, never the listener or any other descriptor.
            let stream = ManuallyDrop::new(unsafe { TcpStream::from_raw_fd(fd) });
            if stream.local_addr().ok() == Some(local) && stream.peer_addr().is_ok() {
                let _ = stream.shutdown(Shutdown::Both);
            }
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use std::net::SocketAddr;

    pub(super) fn shutdown_connection(_local: SocketAddr, _peer: SocketAddr) -> bool {
        false
    }

    pub(super) fn shutdown_all(_local: SocketAddr) {}
}
