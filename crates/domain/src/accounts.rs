//! A person's own account: name, password, password reset by mail, and two-factor sign-in (set up,
//! verify, recovery codes, turn off). Each change is recorded in the person's organization, and
//! every check of a password or code is throttled like a sign-in.

use common::mail::{self as letters, Links, MailBrand, MailKind, SecurityChange};
use common::password::Hasher;
use common::secrets::SecretKeys;
use common::session::Factor;
use common::text::said;
use common::tokens::{new_token, token_hash};
use common::{spoken, totp, ClientInfo, DomainError, DomainResult, Kind, Person};
use contract::activity_params::{BeforeAfter, NameChanged, PasswordChanged, PasswordReset};
use contract::Params;
use contract::{
    AccountView, ActivityKey, PasswordChange, Profile, ProfileUpdate, QrCode, RecoveryCodes, TwoFactorSetup,
    RECOVERY_CODES, RESET_LINK_MINUTES,
};

use crate::activity::Change;
use crate::db::{self, Pool, Tx};
use crate::throttle::{self, Secret, Subject};
use crate::two_factor::{self, new_recovery_codes};
use crate::{lockout, outbox, people, sessions};

pub async fn view(pool: &Pool, user_id: i64) -> DomainResult<AccountView> {
    let row = db::with_two_factor_required!(query!(
        r#"SELECT u.id AS "id!", u.email, u.firstname, u.lastname, u.totp_enabled_at IS NOT NULL AS "two_factor!: bool",
                  (SELECT COUNT(*) FROM recovery_codes r WHERE r.user_id = u.id AND r.used_at IS NULL)
                      AS "recovery_codes_left!: i64",
                  EXISTS (SELECT 1 FROM org_members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = u.id AND "#,
        r#") AS "required!: bool"
           FROM users u WHERE u.id = $1"#,
        user_id
    ))
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

pub async fn update_profile(pool: &Pool, person: &Person<'_>, update: &ProfileUpdate) -> DomainResult<AccountView> {
    let update = update
        .validated(spoken())
        .map_err(|(field, message)| DomainError::invalid(field, message))?;
    let mut tx = db::write(pool).await?;
    let before = people::name_of(&mut tx, person.user_id).await?;
    sqlx::query!(
        "UPDATE users SET firstname = $1, lastname = $2 WHERE id = $3",
        update.firstname,
        update.lastname,
        person.user_id
    )
    .execute(&mut *tx)
    .await?;
    let after = people::name_of(&mut tx, person.user_id).await?;
    if before != after {
        let change = Change::new(ActivityKey::AccountUpdate)
            .on(person.user_id, after.clone().unwrap_or_default())
            .with(Params::NameChanged(NameChanged {
                name: BeforeAfter::new(before, after),
            }));
        sessions::record_own(&mut tx, person, change).await?;
    }
    tx.commit().await?;
    Ok(view(pool, person.user_id).await?)
}

fn wrong_password() -> DomainError {
    DomainError::new(
        Kind::Unauthenticated,
        "invalid_credentials",
        said().not_current_password.to_owned(),
    )
}

/// Check the person's own password, throttled like a sign-in. `field` names the input.
async fn check_own_password(
    pool: &Pool,
    hasher: &Hasher,
    person: &Person<'_>,
    password: &str,
    field: &str,
) -> DomainResult<throttle::Attempt> {
    let email = people::email_of(pool, person.user_id).await?;
    let stored = sqlx::query_scalar!("SELECT password_hash FROM users WHERE id = $1", person.user_id)
        .fetch_one(pool)
        .await?;
    let worker = hasher.reserve()?;
    let subject = Subject {
        secret: Secret::Password,
        account: &email,
        user_id: Some(person.user_id),
        client: person.client.ip,
        proven: false,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(said().attempt_password))?;
    if !worker.check(password, stored).await? {
        return Err(wrong_password().at(field));
    }
    Ok(attempt)
}

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
    DomainError::new(
        Kind::NotFound,
        "invalid_token",
        "This link has expired or was used already. Ask for a new one under \"Forgot password?\".",
    )
    .at("token")
}

/// A new password (an argon2id PHC string), and every reset link still out spent: a link mailed
/// before the change must not undo it.
async fn set_password(tx: &mut Tx, user_id: i64, phc: &str) -> DomainResult<()> {
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

/// Mail the account that its security changed, in the change's transaction: if it was not them,
/// they hear of it even when someone else holds their session.
async fn tell(tx: &mut Tx, links: &Links, user_id: i64, change: SecurityChange) -> DomainResult<()> {
    let email = sqlx::query_scalar!("SELECT email FROM users WHERE id = $1", user_id)
        .fetch_one(&mut **tx)
        .await?;
    let (org, brand) = outbox::sender_of(tx, user_id).await?;
    let link = links.page(org.as_ref().map(|(_, slug)| slug.as_str()), "/account");
    let letter = letters::security_notice(&brand, &email, change, &link);
    outbox::enqueue(
        tx,
        org.map(|(id, _)| id),
        MailKind::SecurityNotice,
        Some(user_id),
        letter,
    )
    .await
}

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
