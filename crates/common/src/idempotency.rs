//! Idempotency keys. A client that sends a change with `Idempotency-Key` may send the same request
//! again (after a timeout, a dropped connection, a crashed instance) and it is applied once. The
//! server looks the key up first and replays a kept answer; otherwise it serves the request with
//! its [`Pending`] key in scope, and the request's first write transaction claims the key inside
//! itself ([`to_claim`]), so the claim commits with the change or not at all.

use crate::text::said;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

tokio::task_local! {
    static PENDING: Pending;
}

/// What a key holds.
#[derive(Clone, Debug)]
pub struct Kept {
    pub fingerprint: String,
    /// None while the first request runs, or when its answer was lost (the process ended after
    /// the change committed): the change was applied either way.
    pub status: Option<i64>,
    /// The JSON answer (empty for none); none when it was not JSON or too large to keep.
    pub body: Option<String>,
}

/// The refusal of a request whose key another request has used, and whose answer is not kept.
pub fn in_use() -> crate::DomainError {
    crate::DomainError::conflict("idempotency_key_in_use", said().idempotency_in_use.to_owned())
        .retry_after(std::time::Duration::from_secs(1))
}

/// The key of the request being served.
#[derive(Clone, Debug)]
pub struct Pending {
    pub scope: String,
    pub key: String,
    pub fingerprint: String,
    /// A write transaction of the request has tried to claim the key (only the first tries).
    asked: Arc<AtomicBool>,
    /// The claim went through: this request's change holds the key, so its answer is the key's.
    held: Arc<AtomicBool>,
}

impl Pending {
    pub fn new(scope: String, key: String, fingerprint: String) -> Pending {
        Pending {
            scope,
            key,
            fingerprint,
            asked: Arc::new(AtomicBool::new(false)),
            held: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Serve `request` with this key in scope.
    pub async fn serve<F: Future>(&self, request: F) -> F::Output {
        PENDING.scope(self.clone(), request).await
    }

    /// The claim went through (called by the transaction that made it).
    pub fn hold(&self) {
        self.held.store(true, Ordering::Release);
    }

    /// Whether a write transaction took the key (and so whether there is an answer to keep). A
    /// copy that found the key taken did not: its refusal must not replace the first one's answer.
    pub fn was_claimed(&self) -> bool {
        self.held.load(Ordering::Acquire)
    }
}

/// The key a write transaction claims: the request's, the first time one asks.
pub fn to_claim() -> Option<Pending> {
    PENDING
        .try_with(|pending| (!pending.asked.swap(true, Ordering::AcqRel)).then(|| pending.clone()))
        .ok()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn only_the_first_write_of_a_request_claims_its_key_and_none_outside_one() {
        assert!(to_claim().is_none());
        let pending = Pending::new("s".into(), "k".into(), "f".into());
        let (first, second) = pending
            .serve(async { (to_claim().is_some(), to_claim().is_some()) })
            .await;
        assert!(first && !second);
        // Asked is not held: only a claim that went through makes the answer the key's.
        assert!(!pending.was_claimed());
        pending.hold();
        assert!(pending.was_claimed());
    }
}
