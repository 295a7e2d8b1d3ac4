//! An instance's life: serving until told to stop (SIGTERM), then draining: no new connection is
//! taken, `/api/v1/health` answers 503 so a load balancer moves away, open event streams end with
//! a reconnect hint, and the requests in flight finish.

use std::future::Future;

use tokio::sync::watch;

#[derive(Debug)]
pub struct Lifecycle {
    draining: watch::Sender<bool>,
}

impl Default for Lifecycle {
    fn default() -> Self {
        Lifecycle {
            draining: watch::Sender::new(false),
        }
    }
}

impl Lifecycle {
    /// Start draining (once; later calls change nothing).
    pub fn drain(&self) {
        self.draining.send_replace(true);
    }

    pub fn is_draining(&self) -> bool {
        *self.draining.borrow()
    }

    /// Ready once draining has begun (at once if it already has).
    pub fn draining(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut seen = self.draining.subscribe();
        async move {
            // An error means the lifecycle itself is gone: nothing is left to serve either.
            let _ = seen.wait_for(|draining| *draining).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn draining_is_heard_by_those_waiting_and_those_who_ask_later() {
        let lifecycle = Lifecycle::default();
        let waiting = tokio::spawn(lifecycle.draining());
        assert!(!lifecycle.is_draining());
        lifecycle.drain();
        waiting.await.unwrap();
        assert!(lifecycle.is_draining());
        tokio::time::timeout(std::time::Duration::from_secs(1), lifecycle.draining())
            .await
            .expect("already draining: ready at once");
    }
}
