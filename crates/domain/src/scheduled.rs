//! Work that is done without a request: renewing subscriptions whose period ended, finishing
//! charges left half-done, telling organizations whose traffic crossed a usage alert threshold,
//! re-checking verified domains' DNS records,
//! and forgetting expired sessions, old throttle counters, reset and unlock links,
//! activities past their retention, old webhook deliveries and long-dead access tokens. One runner per database: whoever holds a lease (a row renewed
//! on every round) does the work; other instances wait for it to lapse. The server's scheduler
//! decides when.

use std::time::Duration;

use common::dns::TxtLookup;
use common::mail::Links;
use common::payments::PaymentGateway;
use common::scheduled::Round;
use common::DomainResult;

use crate::db::{self, Pool};
use crate::{
    accounts, activity, billing, idempotency, lockout, sessions, sso, sso_sign_in, subscription, throttle, undo, usage,
    webhooks,
};

/// Everything that is due now. Safe to run from several places at once: each step is guarded.
pub async fn run_due_work(
    pool: &Pool,
    gateway: &dyn PaymentGateway,
    links: &Links,
    dns: &dyn TxtLookup,
) -> DomainResult<Round> {
    db::refresh_statistics(pool).await?;
    Ok(Round {
        renewals: subscription::renew_due(pool, gateway).await?,
        charges_finished: billing::finish_stuck_charges(pool, gateway).await?,
        collected: subscription::collect_unpaid(pool, gateway, links).await?,
        usage_alerts: usage::check(pool, links).await?,
        domains_lost: sso::recheck(pool, dns, links).await?.lost,
        pruned: sessions::prune(pool).await?
            + throttle::prune(pool).await?
            + activity::prune(pool).await?
            + accounts::prune(pool).await?
            + lockout::prune(pool).await?
            + idempotency::prune(pool).await?
            + webhooks::prune(pool).await?
            + undo::prune(pool).await?
            + sso_sign_in::prune(pool).await?
            + accounts::tokens::prune(pool).await?,
    })
}

/// Take or keep the lease `name` for `ttl`; false while another holder has it.
pub async fn hold_lease(pool: &Pool, name: &str, holder: &str, ttl: Duration) -> DomainResult<bool> {
    let now = common::now();
    let until = now + chrono::Duration::from_std(ttl).unwrap_or_else(|_| chrono::Duration::minutes(5));
    let taken = sqlx::query!(
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at < $4",
        name,
        holder,
        until,
        now
    )
    .execute(pool)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

/// Give the lease `name` up, if `holder` has it: an instance that stops hands its work over at
/// once instead of making the next wait for the lease to lapse.
pub async fn release_lease(pool: &Pool, name: &str, holder: &str) -> DomainResult<()> {
    sqlx::query!("DELETE FROM leases WHERE name = $1 AND holder = $2", name, holder)
        .execute(pool)
        .await?;
    Ok(())
}
