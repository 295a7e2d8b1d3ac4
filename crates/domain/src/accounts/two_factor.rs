//! Two-factor sign-in for the person's own account: set up with a QR code, verified by a code,
//! recovery codes shown once, and turned off with the password.

use common::mail::{Links, SecurityChange};
use common::password::Hasher;
use common::secrets::SecretKeys;
use common::text::said;
use common::{totp, DomainError, DomainResult, Kind, Person};
use contract::{ActivityKey, QrCode, RecoveryCodes, TwoFactorSetup, RECOVERY_CODES};

use crate::activity::Change;
use crate::db::{self, Pool};
use crate::throttle::{self, Secret, Subject};
use crate::two_factor::{self, new_recovery_codes};
use crate::{people, sessions};

use super::{check_own_password, tell, wrong_password};

/// A QR code of `text`, as modules for the app to draw.
fn qr(text: &str) -> DomainResult<QrCode> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|_| DomainError::internal())?;
    let modules = code
        .to_colors()
        .into_iter()
        .map(|c| if c == qrcode::Color::Dark { '1' } else { '0' })
        .collect();
    Ok(QrCode {
        size: code.width() as u32,
        modules,
    })
}

/// Start setting up two-factor sign-in, proven by the current password: a new secret, kept aside
/// until a code proves the authenticator app has it.
pub async fn start_two_factor(
    pool: &Pool,
    hasher: &Hasher,
    keys: &SecretKeys,
    person: &Person<'_>,
    password: &str,
) -> DomainResult<TwoFactorSetup> {
    if password.chars().count() > contract::MAX_PASSWORD_CHARS {
        return Err(wrong_password().at("password"));
    }
    let attempt = check_own_password(pool, hasher, person, password, "password").await?;
    let secret = totp::new_secret();
    let mut tx = db::write(pool).await?;
    attempt.succeeded(&mut tx).await?;
    let account = sqlx::query!(
        r#"SELECT email, totp_enabled_at IS NOT NULL AS "enabled!: bool" FROM users WHERE id = $1"#,
        person.user_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if account.enabled {
        return Err(DomainError::conflict(
            "two_factor_on",
            said().two_factor_already_on.to_owned(),
        ));
    }
    let sealed = keys.seal(two_factor::SEED, &secret);
    sqlx::query!(
        "UPDATE users SET totp_pending_secret = $1 WHERE id = $2",
        sealed,
        person.user_id
    )
    .execute(&mut *tx)
    .await?;
    let issuer = sqlx::query_scalar!(
        "SELECT o.name FROM org_members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = $1",
        person.user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .unwrap_or_else(|| contract::PRODUCT_NAME.to_string());
    tx.commit().await?;
    let otpauth_uri = totp::otpauth_uri(&issuer, &account.email, &secret);
    Ok(TwoFactorSetup {
        qr: qr(&otpauth_uri)?,
        secret,
        otpauth_uri,
    })
}

fn wrong_code() -> DomainError {
    DomainError::new(Kind::Unauthenticated, "invalid_code", said().wrong_code.to_owned()).at("code")
}

async fn begin_code_attempt(pool: &Pool, person: &Person<'_>) -> DomainResult<throttle::Attempt> {
    let email = people::email_of(pool, person.user_id).await?;
    let subject = Subject {
        secret: Secret::SecondFactor,
        account: &email,
        user_id: Some(person.user_id),
        client: person.client.ip,
        proven: false,
    };
    throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(said().attempt_code))
}

/// Finish the set-up with a code from the app: two-factor sign-in is on, and the recovery codes
/// are shown this once.
pub async fn verify_two_factor(
    pool: &Pool,
    hasher: &Hasher,
    keys: &SecretKeys,
    links: &Links,
    person: &Person<'_>,
    code: &str,
) -> DomainResult<RecoveryCodes> {
    let pending = sqlx::query_scalar!("SELECT totp_pending_secret FROM users WHERE id = $1", person.user_id)
        .fetch_one(pool)
        .await?;
    let pending = pending.ok_or_else(|| {
        DomainError::conflict(
            "no_setup",
            "Start the set-up first: choose \"Set up two-factor sign-in\".",
        )
    })?;
    let attempt = begin_code_attempt(pool, person).await?;
    let seed = two_factor::open_seed(keys, &pending)?;
    let step = totp::matching_step(&seed, code, totp::now_step()).ok_or_else(wrong_code)?;
    let codes = new_recovery_codes(hasher, RECOVERY_CODES).await?;
    let mut tx = db::write(pool).await?;
    let (now, step) = (common::now(), step as i64);
    let enabled = sqlx::query!(
        "UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = $1,
             totp_last_step = $2 WHERE id = $3 AND totp_pending_secret = $4 AND totp_enabled_at IS NULL",
        now,
        step,
        person.user_id,
        pending
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if enabled == 0 {
        return Err(DomainError::conflict("no_setup", said().set_up_changed.to_owned()));
    }
    attempt.succeeded(&mut tx).await?;
    sqlx::query!("DELETE FROM recovery_codes WHERE user_id = $1", person.user_id)
        .execute(&mut *tx)
        .await?;
    for (_, hash) in &codes {
        sqlx::query!(
            "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)",
            person.user_id,
            hash
        )
        .execute(&mut *tx)
        .await?;
    }
    sessions::record_own(&mut tx, person, Change::new(ActivityKey::TwoFactorEnable)).await?;
    tell(&mut tx, links, person.user_id, SecurityChange::TwoFactorOn).await?;
    tx.commit().await?;
    Ok(RecoveryCodes {
        codes: codes.into_iter().map(|(code, _)| code).collect(),
    })
}

/// Turn two-factor sign-in off: the password and a code (or a recovery code) prove it is the
/// person. An organization that requires it keeps asking them to set it up again.
pub async fn disable_two_factor(
    pool: &Pool,
    hasher: &Hasher,
    keys: &SecretKeys,
    links: &Links,
    person: &Person<'_>,
    password: &str,
    code: &str,
) -> DomainResult<()> {
    if code.trim().is_empty() || code.chars().count() > 64 {
        return Err(wrong_code());
    }
    let password_attempt = check_own_password(pool, hasher, person, password, "password").await?;
    let code_attempt = begin_code_attempt(pool, person).await?;
    let matched = two_factor::find_code(pool, hasher, keys, person.user_id, code)
        .await?
        .ok_or_else(wrong_code)?;
    let mut tx = db::write(pool).await?;
    if !two_factor::spend(&mut tx, person.user_id, &matched).await? {
        tx.rollback().await?;
        return Err(wrong_code());
    }
    password_attempt.succeeded(&mut tx).await?;
    code_attempt.succeeded(&mut tx).await?;
    sqlx::query!(
        "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = 0
         WHERE id = $1",
        person.user_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("DELETE FROM recovery_codes WHERE user_id = $1", person.user_id)
        .execute(&mut *tx)
        .await?;
    sessions::record_own(&mut tx, person, Change::new(ActivityKey::TwoFactorDisable)).await?;
    tell(&mut tx, links, person.user_id, SecurityChange::TwoFactorOff).await?;
    tx.commit().await?;
    Ok(())
}
