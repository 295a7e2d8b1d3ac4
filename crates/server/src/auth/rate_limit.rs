//! Sign-in attempts are limited per email address and per client address, so neither one
//! account nor one client can guess passwords at speed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts allowed within the window before further attempts are refused.
pub const MAX_FAILURES: usize = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    /// `Some(wait)` when any of `keys` has used up its failures within the window.
    pub fn blocked(&self, keys: &[String], now: Instant) -> Option<Duration> {
        let mut failures = self.failures.lock().expect("limiter lock");
        keys.iter()
            .filter_map(|key| {
                let list = failures.get_mut(key)?;
                list.retain(|t| now.duration_since(*t) < WINDOW);
                (list.len() >= MAX_FAILURES).then(|| WINDOW - now.duration_since(list[0]))
            })
            .max()
    }

    pub fn record_failure(&self, keys: &[String], now: Instant) {
        let mut failures = self.failures.lock().expect("limiter lock");
        for key in keys {
            failures.entry(key.clone()).or_default().push(now);
        }
    }

    /// A successful sign-in clears the account's count (not the client's).
    pub fn clear(&self, key: &str) {
        self.failures.lock().expect("limiter lock").remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_and_forgets_after_the_window() {
        let limiter = LoginLimiter::default();
        let keys = vec!["email:a@b.test".to_string(), "ip:127.0.0.1".to_string()];
        let start = Instant::now();
        for _ in 0..MAX_FAILURES - 1 {
            limiter.record_failure(&keys, start);
        }
        assert_eq!(limiter.blocked(&keys, start), None);
        limiter.record_failure(&keys, start);
        assert!(limiter.blocked(&keys, start).is_some());
        // Another account from another client is not affected.
        assert_eq!(
            limiter.blocked(&["email:c@d.test".to_string(), "ip:10.0.0.9".to_string()], start),
            None
        );
        assert_eq!(limiter.blocked(&keys, start + WINDOW + Duration::from_secs(1)), None);
    }
}
