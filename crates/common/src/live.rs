//! Live changes on one instance: what an open event stream sends, step by step, and the hub that
//! wakes each organization's streams with its own changes and keeps their numbers bounded.

use crate::text::{fill, said};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use contract::ChangeEvent;
use tokio::sync::watch;

use crate::{DomainError, Kind};

/// What a stream waits on: the newest activity id of its own organization this instance has seen.
pub type Newest = watch::Receiver<i64>;

pub enum Step {
    /// First, the id the stream starts after (the client's `Last-Event-ID` from now on).
    Ready(i64),
    Change(ChangeEvent),
}

/// At most this many open streams per person, and per organization, on one instance.
pub const STREAMS_PER_PERSON: usize = 10;
pub const STREAMS_PER_ORG: usize = 200;

/// This instance's open streams and what wakes them: one watch per organization that has a
/// stream, so a change wakes only the streams of its own organization.
#[derive(Default)]
pub struct Changes {
    inner: std::sync::Mutex<Hub>,
}

#[derive(Default)]
struct Hub {
    orgs: HashMap<i64, watch::Sender<i64>>,
    per_person: HashMap<i64, usize>,
    per_org: HashMap<i64, usize>,
}

/// Too many streams are open already for the person or the organization.
#[derive(Debug, PartialEq, Eq)]
pub enum TooMany {
    Person,
    Organization,
}

/// A stream's place among the open ones, given back when it ends.
pub struct Place {
    changes: Arc<Changes>,
    user_id: i64,
    org_id: i64,
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut guard = self.changes.hub();
        let hub = &mut *guard;
        for (count, key) in [(&mut hub.per_person, self.user_id), (&mut hub.per_org, self.org_id)] {
            if let Some(n) = count.get_mut(&key) {
                *n -= 1;
                if *n == 0 {
                    count.remove(&key);
                }
            }
        }
        if !hub.per_org.contains_key(&self.org_id) {
            hub.orgs.remove(&self.org_id);
        }
    }
}

impl Changes {
    fn hub(&self) -> std::sync::MutexGuard<'_, Hub> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A place for one more stream of `user_id` in `org_id`, and what wakes it; 429 beyond the
    /// limits, with a `Retry-After` by which a stream of theirs may have ended.
    pub fn open(self: &Arc<Self>, user_id: i64, org_id: i64) -> Result<(Place, Newest), DomainError> {
        let mut hub = self.hub();
        if hub.per_person.get(&user_id).copied().unwrap_or(0) >= STREAMS_PER_PERSON {
            return Err(too_many(TooMany::Person));
        }
        if hub.per_org.get(&org_id).copied().unwrap_or(0) >= STREAMS_PER_ORG {
            return Err(too_many(TooMany::Organization));
        }
        *hub.per_person.entry(user_id).or_default() += 1;
        *hub.per_org.entry(org_id).or_default() += 1;
        let receiver = hub
            .orgs
            .entry(org_id)
            .or_insert_with(|| watch::channel(0).0)
            .subscribe();
        let place = Place {
            changes: self.clone(),
            user_id,
            org_id,
        };
        Ok((place, receiver))
    }

    /// `org_id` has changes up to `id`: its streams wake, no others.
    pub fn raise(&self, org_id: i64, id: i64) {
        if let Some(sender) = self.hub().orgs.get(&org_id) {
            sender.send_if_modified(|seen| {
                let newer = id > *seen;
                *seen = (*seen).max(id);
                newer
            });
        }
    }

    /// How many streams are open here (for tests and the health check).
    pub fn open_streams(&self) -> usize {
        self.hub().per_org.values().sum()
    }
}

fn too_many(which: TooMany) -> DomainError {
    let message = match which {
        TooMany::Person => fill(said().too_many_streams_person, &[&STREAMS_PER_PERSON]),
        TooMany::Organization => fill(said().too_many_streams_org, &[&STREAMS_PER_ORG]),
    };
    DomainError::new(Kind::Throttled, "too_many_streams", message).retry_after(Duration::from_secs(30))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_wakes_only_its_own_organizations_streams() {
        let changes = Arc::new(Changes::default());
        let (_a_place, mut a) = changes.open(1, 10).unwrap();
        let (_b_place, b) = changes.open(2, 20).unwrap();
        changes.raise(10, 5);
        assert!(a.has_changed().unwrap());
        assert!(
            !b.has_changed().unwrap(),
            "another organization's change does not wake it"
        );
        assert_eq!(*a.borrow_and_update(), 5);
        changes.raise(10, 4);
        assert!(!a.has_changed().unwrap(), "an older id wakes nobody");
        changes.raise(30, 9);
        assert!(!b.has_changed().unwrap());
    }

    #[test]
    fn places_are_bounded_per_person_and_organization_and_given_back() {
        let changes = Arc::new(Changes::default());
        let mine: Vec<_> = (0..STREAMS_PER_PERSON).map(|_| changes.open(1, 10).unwrap()).collect();
        assert_eq!(changes.open(1, 10).err().unwrap().code, "too_many_streams");
        let others: Vec<_> = (2..(STREAMS_PER_ORG as i64 - STREAMS_PER_PERSON as i64 + 2))
            .map(|user| changes.open(user, 10).unwrap())
            .collect();
        assert_eq!(changes.open(999, 10).err().unwrap().code, "too_many_streams");
        assert!(changes.open(999, 11).is_ok(), "another organization is not full");
        drop(mine);
        drop(others);
        assert_eq!(changes.open_streams(), 0);
        assert!(
            changes.hub().orgs.is_empty(),
            "an organization without streams is forgotten"
        );
    }
}
