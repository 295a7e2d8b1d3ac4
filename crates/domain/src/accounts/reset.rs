//! A password reset by a link mailed to the account, which works once for a while.

use common::mail::{self as letters, Links, MailBrand, MailKind, SecurityChange};
use common::password::Hasher;
use common::session::Factor;
use common::text::said;
use common::tokens::{new_token, token_hash};
use common::{ClientInfo, DomainError, DomainResult, Kind, Person};
use contract::activity_params::PasswordReset;
use contract::Params;
use contract::{ActivityKey, RESET_LINK_MINUTES};

use crate::activity::Change;
use crate::db::{self, Pool};
use crate::throttle::{self, Secret, Subject};
use crate::{lockout, outbox, people, sessions};

use super::password::set_password;
use super::tell;

/// "Forgot password?": a single-use link for 30 minutes to the address, if it has an account.
/// The answer never says whether it has; requests are throttled per address and account.
pub async fn request_reset(pool: &Pool, links: &Links, client: &ClientInfo, email: &str) -> DomainResult<()> {
    let email = email.trim().to_lowercase();
    if email.is_empty() || email.chars().count() > contract::MAX_EMAIL_CHARS || !contract::is_valid_email(&email) {
        return Err(DomainError::invalid("email", said().enter_account_email.to_owned()));
    }
    let user = people::credentials(pool, &email).await?;
    let subject = Subject {
        secret: Secret::ResetRequest,
        account: &email,
        user_id: user.as_ref().map(|u| u.id),
        client: client.ip,
        proven: false,
    };
    // Every request stays counted: asking again and again is what is limited.
    let _attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(said().attempt_reset))?;
    let mut tx = db::write(pool).await?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        // The same answer and the same kind of work: a mail, queued in a write transaction.
        let link = links.page(None, "/sign-in");
        let letter = letters::no_account(&MailBrand::product(), &email, &link);
        outbox::enqueue(&mut tx, None, MailKind::NoAccount, None, letter).await?;
        tx.commit().await?;
        return Ok(());
    };
    if crate::sso_sign_in::password_refused(&mut tx, user.id).await? {
        // No password to reset: the way in instead, sent as a reset would be.
        let (org, brand) = outbox::sender_of(&mut tx, user.id).await?;
        let link = links.page(org.as_ref().map(|(_, slug)| slug.as_str()), "/sign-in/sso");
        let letter = letters::sso_only(&brand, &email, &link);
        outbox::enqueue(
            &mut tx,
            org.map(|(id, _)| id),
            MailKind::SsoRequired,
            Some(user.id),
            letter,
        )
        .await?;
        tx.commit().await?;
        return Ok(());
    }
    let token = new_token();
    let (hash, now) = (token_hash(&token), common::now());
    let expires_at = now + chrono::Duration::minutes(RESET_LINK_MINUTES);
    sqlx::query!(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        hash,
        user.id,
        now,
        expires_at
    )
    .execute(&mut *tx)
    .await?;
    let (org, brand) = outbox::sender_of(&mut tx, user.id).await?;
    let link = links.branded(
        org.as_ref().map(|(_, slug)| slug.as_str()),
        "/reset-password",
        &format!("token={token}"),
    );
    let letter = letters::password_reset(&brand, &email, &link);
    outbox::enqueue(
        &mut tx,
        org.map(|(id, _)| id),
        MailKind::PasswordReset,
        Some(user.id),
        letter,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn dead_link() -> DomainError {
    DomainError::new(Kind::NotFound, "invalid_token", said().dead_link.to_owned()).at("token")
}

/// Set a new password with a reset link's token: it works once, and every session of the account
/// ends (the person then signs in with the new password).
pub async fn confirm_reset(
    pool: &Pool,
    hasher: &Hasher,
    links: &Links,
    client: &ClientInfo,
    token: &str,
    password: &str,
) -> DomainResult<()> {
    if token.trim().is_empty() || token.chars().count() > contract::MAX_CODE_CHARS {
        return Err(dead_link());
    }
    // Judged before the link is looked at, without the person's names: a weak password must not
    // tell whether a link is good.
    if let Some(message) = common::strength::new_password_refusal(password, &[]) {
        return Err(DomainError::invalid("password", message));
    }
    let (hash, now) = (token_hash(token.trim()), common::now());
    let owner = sqlx::query!(
        r#"SELECT u.id AS "id!", u.email FROM password_resets r JOIN users u ON u.id = r.user_id
           WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2"#,
        hash,
        now
    )
    .fetch_optional(pool)
    .await?
    .map(|owner| (owner.id, owner.email));
    let worker = hasher.reserve()?;
    let subject = Subject {
        secret: Secret::ResetToken,
        account: owner.as_ref().map(|(_, email)| email.as_str()).unwrap_or(""),
        user_id: owner.as_ref().map(|(id, _)| *id),
        client: client.ip,
        proven: false,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(said().attempt_reset))?;
    let Some((user_id, _)) = owner else {
        return Err(dead_link());
    };
    let phc = worker.hash(password).await?;
    let mut tx = db::write(pool).await?;
    let now = common::now();
    let claimed = sqlx::query!(
        "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
        now,
        hash
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Err(dead_link());
    }
    // A link sent before the organization required single sign-on sets no password now.
    if crate::sso_sign_in::password_refused(&mut tx, user_id).await? {
        return Err(crate::sso_sign_in::sso_required());
    }
    attempt.succeeded(&mut tx).await?;
    set_password(&mut tx, user_id, &phc).await?;
    // The link came to the account's mailbox: proof enough for a password refused too often.
    lockout::succeeded(&mut tx, user_id, Factor::Password).await?;
    let ended = sessions::revoke_others(&mut tx, user_id, None).await?;
    let person = Person { user_id, client };
    sessions::record_own(
        &mut tx,
        &person,
        Change::new(ActivityKey::PasswordReset).with(Params::PasswordReset(PasswordReset {
            sessions_ended: ended as i64,
        })),
    )
    .await?;
    tell(&mut tx, links, user_id, SecurityChange::PasswordReset).await?;
    tx.commit().await?;
    Ok(())
}

/// Forget reset links that ended more than a day ago.
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let cutoff = common::now() - chrono::Duration::days(1);
    Ok(
        sqlx::query!("DELETE FROM password_resets WHERE expires_at < $1", cutoff)
            .execute(pool)
            .await?
            .rows_affected(),
    )
}
