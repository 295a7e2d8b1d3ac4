//! The kept idempotency keys (`common::idempotency`): claimed inside a change's transaction, their
//! answers kept for a day to replay.

use chrono::Duration;
use common::idempotency::{in_use, Kept, Pending};
use common::{DomainResult, Timestamp};

use crate::{Pool, Tx};

/// How long a key and its answer are kept.
const KEPT_FOR_HOURS: i64 = 24;

/// Claim the request's key inside the change's own transaction. Another request holding it now
/// has committed its change with it (the write lock orders them): this one must not apply again.
pub async fn claim(tx: &mut Tx, pending: &Pending) -> DomainResult<()> {
    let now = common::now();
    let claimed = sqlx::query!(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scope, key) DO NOTHING",
        pending.scope,
        pending.key,
        pending.fingerprint,
        now
    )
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Err(in_use());
    }
    pending.hold();
    Ok(())
}

pub async fn kept(pool: &Pool, scope: &str, key: &str) -> DomainResult<Option<Kept>> {
    Ok(sqlx::query_as!(
        Kept,
        r#"SELECT fingerprint, status AS "status?: i64", body FROM idempotency_keys WHERE scope = $1 AND key = $2"#,
        scope,
        key
    )
    .fetch_optional(pool)
    .await?)
}

/// Keep the answer of the request that claimed the key.
pub async fn keep_answer(pool: &Pool, pending: &Pending, status: i64, body: Option<&str>) -> DomainResult<()> {
    sqlx::query!(
        "UPDATE idempotency_keys SET status = $3, body = $4 WHERE scope = $1 AND key = $2",
        pending.scope,
        pending.key,
        status,
        body
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Forget keys older than a day.
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let before: Timestamp = common::now() - Duration::hours(KEPT_FOR_HOURS);
    Ok(
        sqlx::query!("DELETE FROM idempotency_keys WHERE created_at < $1", before)
            .execute(pool)
            .await?
            .rows_affected(),
    )
}
