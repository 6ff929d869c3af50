//! Client-side rate limiting over rolling windows, shared by every thread of one client.
//!
//! DigiCert counts requests per key over rolling windows (100 per 5 s, 1000 per 3 min). A token
//! bucket with the same average would let twice the limit through one window after an idle
//! period, so this limiter keeps the send times of the last `limit` requests of each window
//! and admits a request only when every window has room: exact, and at most 1000 timestamps.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use super::config::RateLimitPolicy;

/// A blocking rolling-window limiter.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    windows: Vec<(usize, Duration)>,
    state: Mutex<Vec<VecDeque<Instant>>>,
    wake: Condvar,
}

impl RateLimiter {
    pub fn new(policy: &RateLimitPolicy) -> Option<Self> {
        if !policy.enabled || policy.windows.is_empty() {
            return None;
        }
        let windows: Vec<(usize, Duration)> = policy
            .windows
            .iter()
            .map(|(n, d)| ((*n).max(1) as usize, *d + policy.margin))
            .collect();
        Some(Self {
            state: Mutex::new(vec![VecDeque::new(); windows.len()]),
            windows,
            wake: Condvar::new(),
        })
    }

    /// Blocks until a request may be sent, then records it. Returns false (recording nothing)
    /// when that would take past `deadline`.
    pub fn acquire(&self, deadline: Instant) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let now = Instant::now();
            let mut wait = Duration::ZERO;
            for ((limit, window), sent) in self.windows.iter().zip(state.iter_mut()) {
                while sent
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= *window)
                {
                    sent.pop_front();
                }
                if sent.len() >= *limit {
                    let oldest = sent[sent.len() - limit];
                    wait = wait.max(*window - now.duration_since(oldest));
                }
            }
            if wait.is_zero() {
                for sent in state.iter_mut() {
                    sent.push_back(now);
                }
                return true;
            }
            if now + wait > deadline {
                return false;
            }
            state = self
                .wake
                .wait_timeout(state, wait)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(n: u32, ms: u64) -> RateLimiter {
        RateLimiter::new(&RateLimitPolicy {
            enabled: true,
            windows: vec![(n, Duration::from_millis(ms))],
            margin: Duration::ZERO,
        })
        .unwrap()
    }

    #[test]
    fn admits_up_to_the_limit_then_waits_for_the_window() {
        let l = limiter(3, 200);
        let start = Instant::now();
        let far = start + Duration::from_secs(5);
        for _ in 0..3 {
            assert!(l.acquire(far));
        }
        assert!(l.acquire(far));
        assert!(start.elapsed() >= Duration::from_millis(200));
    }

    #[test]
    fn refuses_when_the_deadline_is_too_close() {
        let l = limiter(1, 10_000);
        assert!(l.acquire(Instant::now() + Duration::from_secs(1)));
        assert!(!l.acquire(Instant::now() + Duration::from_millis(50)));
    }

    #[test]
    fn disabled_policy_builds_no_limiter() {
        assert!(RateLimiter::new(&RateLimitPolicy::disabled()).is_none());
    }
}
