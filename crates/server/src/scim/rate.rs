//! How many SCIM requests an organization's token may make: at most [`PER_MINUTE`] a minute on
//! each server instance, then 429 with `Retry-After` until its minute is over.
//!
//! Counted in memory, not in the database: a provider's sync is a burst of hundreds of requests,
//! and a write for each would queue behind every other write (the token's last use is noted at
//! most once a minute for the same reason). Behind a load balancer the organization gets this
//! many per instance; each instance still holds its own share.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Requests an organization's provider may make in a minute, per instance: Okta's and Entra ID's
/// own pacing stays well below it; a runaway or stolen token does not.
pub const PER_MINUTE: u32 = 1200;
const MINUTE: Duration = Duration::from_secs(60);
/// Past this many organizations counted, minutes that are over are forgotten.
const FORGET_ABOVE: usize = 10_000;

#[derive(Default)]
pub struct ScimRate {
    minutes: Mutex<HashMap<i64, (Instant, u32)>>,
}

impl ScimRate {
    /// Count a request of the organization's provider, or say how long until it may make one.
    pub fn take(&self, org_id: i64) -> Result<(), Duration> {
        self.take_at(org_id, Instant::now())
    }

    fn take_at(&self, org_id: i64, now: Instant) -> Result<(), Duration> {
        let mut minutes = self.minutes.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if minutes.len() > FORGET_ABOVE {
            minutes.retain(|_, (started, _)| now.duration_since(*started) < MINUTE);
        }
        let (started, count) = minutes.entry(org_id).or_insert((now, 0));
        if now.duration_since(*started) >= MINUTE {
            (*started, *count) = (now, 0);
        }
        if *count >= PER_MINUTE {
            return Err(MINUTE.saturating_sub(now.duration_since(*started)));
        }
        *count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minute_holds_its_share_and_the_next_starts_afresh() {
        let rate = ScimRate::default();
        let start = Instant::now();
        for _ in 0..PER_MINUTE {
            assert_eq!(rate.take_at(7, start), Ok(()));
        }
        let wait = rate.take_at(7, start + Duration::from_secs(20)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(40));
        assert_eq!(rate.take_at(8, start), Ok(()), "another organization counts apart");
        assert_eq!(rate.take_at(7, start + MINUTE), Ok(()));
    }
}
