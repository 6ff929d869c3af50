//! DigiCert's rate limits: rolling windows per API key.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Rolling-window limits per API key. Only accepted requests are counted.
pub(crate) struct RateLimiter {
    windows: Vec<(u32, Duration)>,
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// A limiter for `(requests, window)` pairs that must all hold.
    pub fn new(windows: Vec<(u32, Duration)>) -> Self {
        Self {
            windows,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Records a request for `key` and returns true, or returns false (recording nothing)
    /// when a window is full.
    pub fn admit(&self, key: &str) -> bool {
        let now = Instant::now();
        let longest = self
            .windows
            .iter()
            .map(|(_, w)| *w)
            .max()
            .unwrap_or_default();
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        let queue = hits.entry(key.to_owned()).or_default();
        while queue
            .front()
            .is_some_and(|t| now.duration_since(*t) >= longest)
        {
            queue.pop_front();
        }
        let full = self.windows.iter().any(|(limit, window)| {
            let in_window = queue
                .iter()
                .rev()
                .take_while(|t| now.duration_since(**t) < *window)
                .count();
            in_window >= *limit as usize
        });
        if !full {
            queue.push_back(now);
        }
        !full
    }

    /// Forgets every recorded request.
    pub fn clear(&self) {
        self.hits.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_key_and_window() {
        let l = RateLimiter::new(vec![(2, Duration::from_millis(200))]);
        assert!(l.admit("a"));
        assert!(l.admit("a"));
        assert!(!l.admit("a"));
        assert!(l.admit("b"));
        std::thread::sleep(Duration::from_millis(250));
        assert!(l.admit("a"));
    }
}
