//! Failures in a row of one account's sign-in factor, from whatever address (OWASP ASVS 5.0
//! §6.3.1, NIST SP 800-63B §5.2.2). The throttle's windows slow guessing down; this ends it. After
//! [`Factor::limit`] failures in a row, only an attempt that carries the token of a link mailed to
//! the account reaches the check. Only a success clears the count: waiting does not.
//!
//! An attempt is counted before its check, in its own committed write, so a burst of parallel
//! guesses reaches the check at most `limit` times in all.

use common::mail::{self as letters, Links, MailKind};
use common::session::Factor;
use common::text::said;
use common::tokens::{new_token, token_hash};
use common::{DomainError, DomainResult};

use crate::db::{self, Pool, Tx};
use crate::{outbox, people};

/// How long an unlock link works.
pub const LINK_MINUTES: i64 = 30;

/// Whether an attempt may reach its check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Counted; check it.
    Open,
    /// The factor waits for proof by mail, and the attempt brought none.
    Locked,
}

/// Whether `unlock` is a live unlock link of the person's for `factor`: the proof by mail that lets
/// their attempts through the lock, and past the account's share of the throttle, which a
/// stranger's guesses may have filled.
pub async fn proven(pool: &Pool, user_id: i64, factor: Factor, unlock: Option<&str>) -> DomainResult<bool> {
    let Some(token) = unlock.filter(|t| !t.trim().is_empty() && t.len() <= contract::MAX_CODE_CHARS) else {
        return Ok(false);
    };
    let (hash, now, kind) = (token_hash(token.trim()), common::now(), factor.as_str());
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM unlock_links
                          WHERE token_hash = $1 AND user_id = $2 AND factor = $3 AND used_at IS NULL AND expires_at > $4)
           AS "live!: bool""#,
        hash,
        user_id,
        kind,
        now
    )
    .fetch_one(pool)
    .await?)
}

/// Count an attempt at `factor` before its check, or refuse it when the factor is locked and the
/// attempt is not `proven` by mail.
pub async fn begin(pool: &Pool, user_id: i64, factor: Factor, proven: bool) -> DomainResult<Gate> {
    let below = if proven { i64::MAX } else { factor.limit() };
    let mut tx = db::write(pool).await?;
    let counted = match factor {
        Factor::Password => sqlx::query!(
            "UPDATE users SET password_failures = password_failures + 1 WHERE id = $1 AND password_failures < $2",
            user_id,
            below
        )
        .execute(&mut *tx)
        .await?
        .rows_affected(),
        Factor::Code => sqlx::query!(
            "UPDATE users SET code_failures = code_failures + 1 WHERE id = $1 AND code_failures < $2",
            user_id,
            below
        )
        .execute(&mut *tx)
        .await?
        .rows_affected(),
    };
    tx.commit().await?;
    Ok(if counted == 1 { Gate::Open } else { Gate::Locked })
}

/// The right answer: the count starts afresh and the factor's unlock links are spent. Written in
/// the transaction that acts on the success.
pub async fn succeeded(tx: &mut Tx, user_id: i64, factor: Factor) -> DomainResult<()> {
    match factor {
        Factor::Password => {
            sqlx::query!("UPDATE users SET password_failures = 0 WHERE id = $1", user_id)
                .execute(&mut **tx)
                .await?
        }
        Factor::Code => {
            sqlx::query!("UPDATE users SET code_failures = 0 WHERE id = $1", user_id)
                .execute(&mut **tx)
                .await?
        }
    };
    let (now, kind) = (common::now(), factor.as_str());
    sqlx::query!(
        "UPDATE unlock_links SET used_at = $1 WHERE user_id = $2 AND factor = $3 AND used_at IS NULL",
        now,
        user_id,
        kind
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A locked factor's refusal. Unless a live link is already on its way, a new one is mailed to the
/// account: at most one per link lifetime, however often the refusal comes.
pub async fn refuse(pool: &Pool, links: &Links, user_id: i64, factor: Factor) -> DomainResult<DomainError> {
    let email = people::email_of(pool, user_id).await?;
    let mut tx = db::write(pool).await?;
    let (now, kind) = (common::now(), factor.as_str());
    let pending = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM unlock_links
                          WHERE user_id = $1 AND factor = $2 AND used_at IS NULL AND expires_at > $3)
           AS "pending!: bool""#,
        user_id,
        kind,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    if !pending {
        let token = new_token();
        let (hash, expires_at) = (token_hash(&token), now + chrono::Duration::minutes(LINK_MINUTES));
        sqlx::query!(
            "INSERT INTO unlock_links (token_hash, user_id, factor, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            hash,
            user_id,
            kind,
            now,
            expires_at
        )
        .execute(&mut *tx)
        .await?;
        let (org, brand) = outbox::sender_of(&mut tx, user_id).await?;
        let link = links.branded(
            org.as_ref().map(|(_, slug)| slug.as_str()),
            "/",
            &format!("unlock={token}"),
        );
        let letter = letters::unlock(&brand, &email, &link, factor);
        outbox::enqueue(&mut tx, org.map(|(id, _)| id), MailKind::Unlock, Some(user_id), letter).await?;
    }
    tx.commit().await?;
    Ok(locked(factor))
}

fn locked(factor: Factor) -> DomainError {
    let (field, message) = match factor {
        Factor::Password => ("password", said().password_locked.to_owned()),
        Factor::Code => ("code", said().codes_locked.to_owned()),
    };
    DomainError::refused("proof_by_mail_needed", message).at(field)
}

/// Forget unlock links that ended more than a day ago.
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let cutoff = common::now() - chrono::Duration::days(1);
    Ok(sqlx::query!("DELETE FROM unlock_links WHERE expires_at < $1", cutoff)
        .execute(pool)
        .await?
        .rows_affected())
}
