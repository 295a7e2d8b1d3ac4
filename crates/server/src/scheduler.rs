//! Work the server does on its own, never from a request: renewing subscriptions whose period
//! ended, finishing charges left half-done, and forgetting expired sessions, old throttle counters
//! and activities past their retention. One runner per database: whoever holds the `scheduler`
//! lease (a row renewed on every round) does the work; other instances wait for it to lapse.

use std::sync::Arc;
use std::time::Duration;

use crate::db::{self, Pool};
use crate::domain::{accounts, activity, billing, sessions, subscription, throttle};
use crate::payments::PaymentGateway;

/// What one round did, for the log and the tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub renewals: usize,
    pub charges_finished: usize,
    pub pruned: u64,
}

/// Everything that is due now. Safe to run from several places at once: each step is guarded.
pub async fn run_due_work(pool: &Pool, gateway: &dyn PaymentGateway) -> Result<Round, sqlx::Error> {
    db::refresh_statistics(pool).await?;
    Ok(Round {
        renewals: subscription::renew_due(pool, gateway).await?,
        charges_finished: billing::finish_stuck_charges(pool, gateway).await?,
        pruned: sessions::prune(pool).await?
            + throttle::prune(pool).await?
            + activity::prune(pool).await?
            + accounts::prune(pool).await?,
    })
}

/// Take or keep the lease for `ttl`; false while another instance holds it.
pub async fn hold_lease(pool: &Pool, name: &str, holder: &str, ttl: Duration) -> Result<bool, sqlx::Error> {
    let now = chrono::Utc::now();
    let until = now + chrono::Duration::from_std(ttl).unwrap_or_else(|_| chrono::Duration::minutes(5));
    let taken = sqlx::query(
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at < $4",
    )
    .bind(name)
    .bind(holder)
    .bind(db::timestamp(until))
    .bind(db::timestamp(now))
    .execute(pool)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

/// Run the due work now and then every `every`, while this instance holds the lease.
pub fn spawn(pool: Pool, gateway: Arc<dyn PaymentGateway>, every: Duration) -> tokio::task::JoinHandle<()> {
    let holder = crate::domain::sessions::new_token();
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match hold_lease(&pool, "scheduler", &holder, every * 3).await {
                Ok(true) => match run_due_work(&pool, gateway.as_ref()).await {
                    Ok(round) if round != Round::default() => tracing::info!(?round, "scheduled work done"),
                    Ok(_) => {}
                    Err(err) => tracing::error!(error = %err, "scheduled work failed; it is tried again next round"),
                },
                Ok(false) => {}
                Err(err) => tracing::error!(error = %err, "cannot take the scheduler lease"),
            }
        }
    })
}
