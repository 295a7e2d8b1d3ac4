//! A new password, proven by the current one.

use common::mail::{Links, SecurityChange};
use common::password::Hasher;
use common::{DomainError, DomainResult, Person};
use contract::activity_params::PasswordChanged;
use contract::Params;
use contract::{ActivityKey, PasswordChange};

use crate::activity::Change;
use crate::db::{self, Pool, Tx};
use crate::{people, sessions};

use super::{check_own_password, tell, wrong_password};

/// A new password, proven by the current one. Every other session of the account ends.
pub async fn change_password(
    pool: &Pool,
    hasher: &Hasher,
    links: &Links,
    person: &Person<'_>,
    token: &str,
    change: &PasswordChange,
) -> DomainResult<()> {
    let avoid = people::password_must_avoid(pool, person.user_id).await?;
    let avoid: Vec<&str> = avoid.iter().map(String::as_str).collect();
    if let Some(message) = common::strength::new_password_refusal(&change.new_password, &avoid) {
        return Err(DomainError::invalid("new_password", message));
    }
    if change.current_password.chars().count() > contract::MAX_PASSWORD_CHARS {
        return Err(wrong_password().at("current_password"));
    }
    let attempt = check_own_password(pool, hasher, person, &change.current_password, "current_password").await?;
    let phc = hasher.reserve()?.hash(&change.new_password).await?;
    let mut tx = db::write(pool).await?;
    attempt.succeeded(&mut tx).await?;
    set_password(&mut tx, person.user_id, &phc).await?;
    let ended = sessions::revoke_others(&mut tx, person.user_id, Some(token)).await?;
    sessions::record_own(
        &mut tx,
        person,
        Change::new(ActivityKey::PasswordChange).with(Params::PasswordChanged(PasswordChanged {
            other_sessions_ended: ended as i64,
        })),
    )
    .await?;
    tell(&mut tx, links, person.user_id, SecurityChange::PasswordChanged).await?;
    tx.commit().await?;
    Ok(())
}

/// A new password (an argon2id PHC string), and every reset link still out spent: a link mailed
/// before the change must not undo it.
pub(super) async fn set_password(tx: &mut Tx, user_id: i64, phc: &str) -> DomainResult<()> {
    sqlx::query!("UPDATE users SET password_hash = $1 WHERE id = $2", phc, user_id)
        .execute(&mut **tx)
        .await?;
    let now = common::now();
    sqlx::query!(
        "UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
        now,
        user_id
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}
