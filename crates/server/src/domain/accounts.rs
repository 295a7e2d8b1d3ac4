//! A person's own account: name, password, password reset by mail, and two-factor sign-in (set up,
//! verify, recovery codes, turn off). Each change is recorded in the person's organization, and
//! every check of a password or code is throttled like a sign-in.

use crate::lang::spoken;
use contract::{
    new_password_problem, AccountView, ActivityKey, PasswordChange, Profile, ProfileUpdate, QrCode, RecoveryCodes,
    TwoFactorSetup, RECOVERY_CODES, RESET_LINK_MINUTES,
};
use rand::RngCore;
use serde_json::json;

use crate::auth::password::Hasher;
use crate::client::ClientInfo;
use crate::db::{self, Pool, Tx};
use crate::domain::activity::{self, By, Change};
use crate::domain::mail::{self, Links, MailBrand, MailKind};
use crate::domain::sessions::{self, token_hash};
use crate::domain::throttle::{self, Secret, Subject};
use crate::domain::{people, totp, Actor};
use crate::error::{ApiError, ApiResult};

/// The person acting on their own account, and from where.
pub struct Person<'a> {
    pub user_id: i64,
    pub client: &'a ClientInfo,
}

/// Record `change` in the person's organization, if they are in one.
async fn record(tx: &mut Tx, person: &Person<'_>, change: Change) -> Result<(), sqlx::Error> {
    let membership: Option<(i64, String)> =
        sqlx::query_as("SELECT org_id, org_role FROM org_members WHERE user_id = $1")
            .bind(person.user_id)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some((org_id, role)) = membership {
        let actor = Actor {
            user_id: person.user_id,
            org_id,
            role: contract::OrgRole::parse(&role).unwrap_or(contract::OrgRole::Member),
            client: person.client.clone(),
        };
        activity::record(tx, org_id, By::Actor(&actor), change.to(person.user_id)).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    email: String,
    firstname: String,
    lastname: String,
    #[sqlx(try_from = "crate::db::Flag")]
    two_factor: bool,
    recovery_codes_left: i64,
    #[sqlx(try_from = "crate::db::Flag")]
    required: bool,
}

pub async fn view(pool: &Pool, user_id: i64) -> Result<AccountView, sqlx::Error> {
    let row: AccountRow = sqlx::query_as(&format!(
        "SELECT u.id, u.email, u.firstname, u.lastname, u.totp_enabled_at IS NOT NULL AS two_factor,
                (SELECT COUNT(*) FROM recovery_codes r WHERE r.user_id = u.id AND r.used_at IS NULL) AS recovery_codes_left,
                EXISTS (SELECT 1 FROM org_members m JOIN orgs o ON o.id = m.org_id
                        WHERE m.user_id = u.id AND {}) AS required
         FROM users u WHERE u.id = $1",
        db::Backend::of(pool).json_is_true("o.settings", &["access", "require_two_factor"])
    ))
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    Ok(AccountView {
        profile: Profile {
            friendly_name: people::display_name(&row.firstname, &row.lastname, &row.email),
            id: row.id,
            email: row.email,
            firstname: row.firstname,
            lastname: row.lastname,
            two_factor: row.two_factor,
        },
        two_factor_enabled: row.two_factor,
        recovery_codes_left: row.recovery_codes_left,
        two_factor_required: row.required,
    })
}

pub async fn update_profile(pool: &Pool, person: &Person<'_>, update: &ProfileUpdate) -> ApiResult<AccountView> {
    let update = update
        .validated(spoken())
        .map_err(|(field, message)| ApiError::invalid(field, message))?;
    let mut tx = db::write(pool).await?;
    let before = people::name_of(&mut tx, person.user_id).await?;
    sqlx::query("UPDATE users SET firstname = $1, lastname = $2 WHERE id = $3")
        .bind(&update.firstname)
        .bind(&update.lastname)
        .bind(person.user_id)
        .execute(&mut *tx)
        .await?;
    let after = people::name_of(&mut tx, person.user_id).await?;
    if before != after {
        let change = Change::new(ActivityKey::AccountUpdate)
            .on(person.user_id, after.clone().unwrap_or_default())
            .with(json!({ "name": { "before": before, "after": after } }));
        record(&mut tx, person, change).await?;
    }
    tx.commit().await?;
    Ok(view(pool, person.user_id).await?)
}

async fn email_of(pool: &Pool, user_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(pool)
        .await
}

fn wrong_password() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::UNAUTHORIZED,
        "invalid_credentials",
        crate::say!(
            "This is not your current password.",
            "Das ist nicht Ihr aktuelles Passwort."
        ),
    )
}

/// Check the person's own password, throttled like a sign-in. `field` names the input.
async fn check_own_password(
    pool: &Pool,
    hasher: &Hasher,
    person: &Person<'_>,
    password: &str,
    field: &str,
) -> ApiResult<throttle::Attempt> {
    let email = email_of(pool, person.user_id).await?;
    let stored: Option<String> = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(person.user_id)
        .fetch_one(pool)
        .await?;
    let worker = hasher.reserve()?;
    let subject = Subject {
        secret: Secret::Password,
        account: &email,
        user_id: Some(person.user_id),
        client: person.client.ip,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(("password", "Passwort")))?;
    if !worker.check(password, stored).await? {
        return Err(wrong_password().at(field));
    }
    Ok(attempt)
}

/// A new password, proven by the current one. Every other session of the account ends.
pub async fn change_password(
    pool: &Pool,
    hasher: &Hasher,
    person: &Person<'_>,
    token: &str,
    change: &PasswordChange,
) -> ApiResult<()> {
    if let Some(message) = new_password_problem(&change.new_password, spoken()) {
        return Err(ApiError::invalid("new_password", message));
    }
    if change.current_password.chars().count() > contract::MAX_PASSWORD_CHARS {
        return Err(wrong_password().at("current_password"));
    }
    let attempt = check_own_password(pool, hasher, person, &change.current_password, "current_password").await?;
    let phc = hasher.reserve()?.hash(&change.new_password).await?;
    let mut tx = db::write(pool).await?;
    attempt.succeeded(&mut tx).await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(phc)
        .bind(person.user_id)
        .execute(&mut *tx)
        .await?;
    let ended = sessions::revoke_others(&mut tx, person.user_id, Some(token)).await?;
    record(
        &mut tx,
        person,
        Change::new(ActivityKey::PasswordChange).with(json!({ "other_sessions_ended": ended })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// "Forgot password?": a single-use link for 30 minutes to the address, if it has an account.
/// The answer never says whether it has; requests are throttled per address and account.
pub async fn request_reset(pool: &Pool, links: &Links, client: &ClientInfo, email: &str) -> ApiResult<()> {
    let email = email.trim().to_lowercase();
    if email.is_empty() || email.chars().count() > contract::MAX_EMAIL_CHARS || !contract::is_valid_email(&email) {
        return Err(ApiError::invalid(
            "email",
            crate::say!(
                "Enter the email address of your account.",
                "Geben Sie die E-Mail-Adresse Ihres Kontos ein."
            ),
        ));
    }
    let user = people::credentials(pool, &email).await?;
    let subject = Subject {
        secret: Secret::ResetRequest,
        account: &email,
        user_id: user.as_ref().map(|u| u.id),
        client: client.ip,
    };
    // Every request stays counted: asking again and again is what is limited.
    let _attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(("password reset", "Passwort zurücksetzen")))?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        return Ok(());
    };
    let token = sessions::new_token();
    let mut tx = db::write(pool).await?;
    sqlx::query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(user.id)
        .bind(db::now())
        .bind(db::timestamp(
            chrono::Utc::now() + chrono::Duration::minutes(RESET_LINK_MINUTES),
        ))
        .execute(&mut *tx)
        .await?;
    let org: Option<(i64, String)> =
        sqlx::query_as("SELECT o.id, o.slug FROM org_members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = $1")
            .bind(user.id)
            .fetch_optional(&mut *tx)
            .await?;
    let brand = match &org {
        Some((org_id, _)) => mail::brand_of(&mut tx, *org_id).await?,
        None => MailBrand::product(),
    };
    let link = links.branded(
        org.as_ref().map(|(_, slug)| slug.as_str()),
        "/reset-password",
        &format!("token={token}"),
    );
    let letter = mail::password_reset(&brand, &email, &link);
    mail::enqueue(&mut tx, org.map(|(id, _)| id), MailKind::PasswordReset, user.id, letter).await?;
    tx.commit().await?;
    Ok(())
}

fn dead_link() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::NOT_FOUND,
        "invalid_token",
        "This link has expired or was used already. Ask for a new one under \"Forgot password?\".",
    )
    .at("token")
}

/// Set a new password with a reset link's token: it works once, and every session of the account
/// ends (the person then signs in with the new password).
pub async fn confirm_reset(
    pool: &Pool,
    hasher: &Hasher,
    client: &ClientInfo,
    token: &str,
    password: &str,
) -> ApiResult<()> {
    if token.trim().is_empty() || token.chars().count() > contract::MAX_CODE_CHARS {
        return Err(dead_link());
    }
    if let Some(message) = new_password_problem(password, spoken()) {
        return Err(ApiError::invalid("password", message));
    }
    let hash = token_hash(token.trim());
    let owner: Option<(i64, String)> = sqlx::query_as(
        "SELECT u.id, u.email FROM password_resets r JOIN users u ON u.id = r.user_id
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2",
    )
    .bind(&hash)
    .bind(db::now())
    .fetch_optional(pool)
    .await?;
    let worker = hasher.reserve()?;
    let subject = Subject {
        secret: Secret::ResetToken,
        account: owner.as_ref().map(|(_, email)| email.as_str()).unwrap_or(""),
        user_id: owner.as_ref().map(|(id, _)| *id),
        client: client.ip,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(("password reset", "Passwort zurücksetzen")))?;
    let Some((user_id, _)) = owner else {
        return Err(dead_link());
    };
    let phc = worker.hash(password).await?;
    let mut tx = db::write(pool).await?;
    let claimed = sqlx::query(
        "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(db::now())
    .bind(&hash)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Err(dead_link());
    }
    attempt.succeeded(&mut tx).await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(phc)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let ended = sessions::revoke_others(&mut tx, user_id, None).await?;
    let person = Person { user_id, client };
    record(
        &mut tx,
        &person,
        Change::new(ActivityKey::PasswordReset).with(json!({ "sessions_ended": ended })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A QR code of `text`, as modules for the app to draw.
fn qr(text: &str) -> ApiResult<QrCode> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|_| ApiError::internal())?;
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

/// Start setting up two-factor sign-in: a new secret, kept aside until a code proves the
/// authenticator app has it.
pub async fn start_two_factor(pool: &Pool, person: &Person<'_>) -> ApiResult<TwoFactorSetup> {
    let secret = totp::new_secret();
    let mut tx = db::write(pool).await?;
    let (email, db::Flag(enabled)): (String, db::Flag) =
        sqlx::query_as("SELECT email, totp_enabled_at IS NOT NULL FROM users WHERE id = $1")
            .bind(person.user_id)
            .fetch_one(&mut *tx)
            .await?;
    if enabled {
        return Err(ApiError::conflict(
            "two_factor_on",
            crate::say!(
                "Two-factor sign-in is already on. Turn it off first to set up another app.",
                "Die Zwei-Faktor-Anmeldung ist schon an. Schalten Sie sie erst aus, um eine andere App einzurichten."
            ),
        ));
    }
    sqlx::query("UPDATE users SET totp_pending_secret = $1 WHERE id = $2")
        .bind(&secret)
        .bind(person.user_id)
        .execute(&mut *tx)
        .await?;
    let issuer = match sqlx::query_scalar::<_, String>(
        "SELECT o.name FROM org_members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = $1",
    )
    .bind(person.user_id)
    .fetch_optional(&mut *tx)
    .await?
    {
        Some(org) => org,
        None => contract::PRODUCT_NAME.to_string(),
    };
    tx.commit().await?;
    let otpauth_uri = totp::otpauth_uri(&issuer, &email, &secret);
    Ok(TwoFactorSetup {
        qr: qr(&otpauth_uri)?,
        secret,
        otpauth_uri,
    })
}

fn wrong_code() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::UNAUTHORIZED,
        "invalid_code",
        crate::say!(
            "This code is not right, or it was used already. Codes change every 30 seconds.",
            "Dieser Code stimmt nicht oder wurde schon benutzt. Codes wechseln alle 30 Sekunden."
        ),
    )
    .at("code")
}

async fn begin_code_attempt(pool: &Pool, person: &Person<'_>) -> ApiResult<throttle::Attempt> {
    let email = email_of(pool, person.user_id).await?;
    let subject = Subject {
        secret: Secret::SecondFactor,
        account: &email,
        user_id: Some(person.user_id),
        client: person.client.ip,
    };
    throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(("code", "Code")))
}

/// A recovery code: `xxxx-xxxx-xxxx` from 60 random bits.
fn new_recovery_code() -> String {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let text = totp::base32_encode(&bytes).to_lowercase();
    format!("{}-{}-{}", &text[..4], &text[4..8], &text[8..12])
}

fn recovery_hash(code: &str) -> String {
    let normalized: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    token_hash(&normalized)
}

/// Finish the set-up with a code from the app: two-factor sign-in is on, and the recovery codes
/// are shown this once.
pub async fn verify_two_factor(pool: &Pool, person: &Person<'_>, code: &str) -> ApiResult<RecoveryCodes> {
    let pending: Option<String> = sqlx::query_scalar("SELECT totp_pending_secret FROM users WHERE id = $1")
        .bind(person.user_id)
        .fetch_one(pool)
        .await?;
    let pending = pending.ok_or_else(|| {
        ApiError::conflict(
            "no_setup",
            "Start the set-up first: choose \"Set up two-factor sign-in\".",
        )
    })?;
    let attempt = begin_code_attempt(pool, person).await?;
    let step = totp::matching_step(&pending, code, totp::now_step()).ok_or_else(wrong_code)?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    let mut tx = db::write(pool).await?;
    let enabled = sqlx::query(
        "UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = $1,
             totp_last_step = $2 WHERE id = $3 AND totp_pending_secret = $4 AND totp_enabled_at IS NULL",
    )
    .bind(db::now())
    .bind(step as i64)
    .bind(person.user_id)
    .bind(&pending)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if enabled == 0 {
        return Err(ApiError::conflict(
            "no_setup",
            crate::say!(
                "The set-up changed meanwhile. Start it again.",
                "Die Einrichtung hat sich inzwischen geändert. Beginnen Sie sie erneut."
            ),
        ));
    }
    attempt.succeeded(&mut tx).await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(person.user_id)
        .execute(&mut *tx)
        .await?;
    for code in &codes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(person.user_id)
            .bind(recovery_hash(code))
            .execute(&mut *tx)
            .await?;
    }
    record(&mut tx, person, Change::new(ActivityKey::TwoFactorEnable)).await?;
    tx.commit().await?;
    Ok(RecoveryCodes { codes })
}

/// Which second factor a code was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondFactor {
    AuthenticatorCode,
    RecoveryCode,
}

/// Use an authentication code (each time step once: a code seen before is refused) or a recovery
/// code (each once), inside the caller's transaction. None when it does not fit.
pub async fn use_second_factor(tx: &mut Tx, user_id: i64, code: &str) -> Result<Option<SecondFactor>, sqlx::Error> {
    if contract::is_totp_code(code) {
        let secret: Option<String> = sqlx::query_scalar("SELECT totp_secret FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut **tx)
            .await?;
        let Some(step) = secret.and_then(|s| totp::matching_step(&s, code, totp::now_step())) else {
            return Ok(None);
        };
        let fresh = sqlx::query("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $3")
            .bind(step as i64)
            .bind(user_id)
            .bind(step as i64)
            .execute(&mut **tx)
            .await?
            .rows_affected();
        return Ok((fresh == 1).then_some(SecondFactor::AuthenticatorCode));
    }
    let used =
        sqlx::query("UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL")
            .bind(db::now())
            .bind(user_id)
            .bind(recovery_hash(code))
            .execute(&mut **tx)
            .await?
            .rows_affected();
    Ok((used == 1).then_some(SecondFactor::RecoveryCode))
}

/// Turn two-factor sign-in off: the password and a code (or a recovery code) prove it is the
/// person. An organization that requires it keeps asking them to set it up again.
pub async fn disable_two_factor(
    pool: &Pool,
    hasher: &Hasher,
    person: &Person<'_>,
    password: &str,
    code: &str,
) -> ApiResult<()> {
    if code.trim().is_empty() || code.chars().count() > 64 {
        return Err(wrong_code());
    }
    let password_attempt = check_own_password(pool, hasher, person, password, "password").await?;
    let code_attempt = begin_code_attempt(pool, person).await?;
    let mut tx = db::write(pool).await?;
    if use_second_factor(&mut tx, person.user_id, code).await?.is_none() {
        tx.rollback().await?;
        return Err(wrong_code());
    }
    password_attempt.succeeded(&mut tx).await?;
    code_attempt.succeeded(&mut tx).await?;
    sqlx::query(
        "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = 0
         WHERE id = $1",
    )
    .bind(person.user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(person.user_id)
        .execute(&mut *tx)
        .await?;
    record(&mut tx, person, Change::new(ActivityKey::TwoFactorDisable)).await?;
    tx.commit().await?;
    Ok(())
}

/// Forget reset links that ended more than a day ago.
pub async fn prune(pool: &Pool) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
        .bind(db::timestamp(chrono::Utc::now() - chrono::Duration::days(1)))
        .execute(pool)
        .await?
        .rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_long_random_and_compared_loosely() {
        let a = new_recovery_code();
        assert_eq!(a.len(), 14);
        assert_ne!(a, new_recovery_code());
        assert_eq!(recovery_hash(&a), recovery_hash(&a.to_uppercase().replace('-', " ")));
    }
}
