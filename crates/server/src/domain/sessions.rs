//! Signing in and out, and sessions: a random bearer token given to the client once; the database
//! keeps only its SHA-256.

use crate::lang::spoken;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use contract::{ActivityKey, LoginRequest, LoginResponse, Me, Membership, OrgRole, Profile, SignInStep};
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::auth::password::Hasher;
use crate::client::ClientInfo;
use crate::db::{self, Pool, Tx};
use crate::domain::activity::{self, By, Change};
use crate::domain::throttle::{self, Secret, Subject};
use crate::domain::{people, settings, subscription, Actor};
use crate::error::{ApiError, ApiResult};

/// How long a session lasts from sign-in.
pub const LIFETIME: chrono::Duration = chrono::Duration::hours(12);

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Sign in with email and password, counted by the throttle before the password is checked.
pub async fn sign_in(
    pool: &Pool,
    hasher: &Hasher,
    client: &ClientInfo,
    request: &LoginRequest,
) -> ApiResult<LoginResponse> {
    if let Some((field, message)) = request.problem(spoken()) {
        return Err(ApiError::invalid(field, message));
    }
    let email = request.email.trim().to_lowercase();
    let found = people::credentials(pool, &email).await?;
    // A worker first: a sign-in the server is too busy to check is refused before it counts.
    let worker = hasher.reserve()?;
    let subject = Subject {
        secret: Secret::Password,
        account: &email,
        user_id: found.as_ref().map(|c| c.id),
        client: client.ip,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(("sign-in", "Anmeldung")))?;
    let found_id = found.as_ref().map(|c| c.id);
    let stored = found.as_ref().and_then(|c| c.password_hash.clone());
    let matched = worker.check(&request.password, stored).await?;
    let user = match found.filter(|_| matched) {
        Some(user) => user,
        None => {
            if let Some(user_id) = found_id {
                record_failure(pool, user_id, client).await?;
            }
            return Err(ApiError::new(
                axum::http::StatusCode::UNAUTHORIZED,
                "invalid_credentials",
                crate::say!(
                    "The email or password is not correct.",
                    "E-Mail-Adresse oder Passwort ist nicht korrekt."
                ),
            )
            .at("password"));
        }
    };
    if user.disabled {
        let mut tx = db::write(pool).await?;
        attempt.succeeded(&mut tx).await?;
        tx.commit().await?;
        return Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            "account_disabled",
            crate::say!(
                "This account has been disabled. Ask your organization's admin.",
                "Dieses Konto wurde deaktiviert. Wenden Sie sich an den Admin Ihrer Organisation."
            ),
        ));
    }
    // With two-factor sign-in the password opens a session that opens nothing until the code.
    let stage = if user.two_factor { Stage::TwoFactor } else { Stage::Full };
    let mut tx = db::write(pool).await?;
    attempt.succeeded(&mut tx).await?;
    let (token, expires_at) = open(&mut tx, user.id, stage).await?;
    if stage == Stage::Full {
        record_sign_in(&mut tx, user.id, client, None).await?;
    }
    tx.commit().await?;
    let me = me(pool, user.id).await?;
    Ok(LoginResponse {
        token,
        expires_at,
        next: next_step(stage, &me),
        me,
    })
}

/// What the new session still needs.
pub fn next_step(stage: Stage, me: &Me) -> SignInStep {
    match stage {
        Stage::TwoFactor => SignInStep::TwoFactor,
        Stage::Full if me.must_set_up_two_factor => SignInStep::SetUpTwoFactor,
        Stage::Full => SignInStep::Done,
    }
}

/// A completed sign-in in the person's organization's activity log (`extra`: what else happened,
/// a recovery code used).
async fn record_sign_in(
    tx: &mut Tx,
    user_id: i64,
    client: &ClientInfo,
    extra: Option<Change>,
) -> Result<(), sqlx::Error> {
    if let Some((org_id, role)) = membership(tx, user_id).await? {
        let actor = Actor {
            user_id,
            org_id,
            role,
            client: client.clone(),
        };
        activity::record(
            tx,
            org_id,
            By::Actor(&actor),
            Change::new(ActivityKey::SessionCreate).to(user_id),
        )
        .await?;
        if let Some(change) = extra {
            activity::record(tx, org_id, By::Actor(&actor), change).await?;
        }
    }
    Ok(())
}

/// The second step of signing in: an authentication code (each code works once) or a recovery
/// code (each works once), throttled like passwords. The session then opens.
pub async fn second_factor(
    pool: &Pool,
    client: &ClientInfo,
    session: &SessionUser,
    code: &str,
    token: &str,
) -> ApiResult<LoginResponse> {
    if code.trim().is_empty() || code.chars().count() > 64 {
        return Err(ApiError::invalid(
            "code",
            crate::say!(
                "Enter the 6-digit code from your authenticator app, or a recovery code.",
                "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Wiederherstellungscode ein."
            ),
        ));
    }
    let email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(session.user_id)
        .fetch_one(pool)
        .await?;
    let subject = Subject {
        secret: Secret::SecondFactor,
        account: &email,
        user_id: Some(session.user_id),
        client: client.ip,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(("code", "Code")))?;
    let mut tx = db::write(pool).await?;
    let Some(used) = crate::domain::accounts::use_second_factor(&mut tx, session.user_id, code).await? else {
        tx.rollback().await?;
        return Err(ApiError::new(
            axum::http::StatusCode::UNAUTHORIZED,
            "invalid_code",
            crate::say!(
                "This code is not right, or it was used already. Codes change every 30 seconds.",
                "Dieser Code stimmt nicht oder wurde schon benutzt. Codes wechseln alle 30 Sekunden."
            ),
        )
        .at("code"));
    };
    attempt.succeeded(&mut tx).await?;
    let opened = sqlx::query("UPDATE sessions SET stage = 'full' WHERE token_hash = $1 AND stage = 'two_factor'")
        .bind(token_hash(token))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if opened == 0 {
        return Err(ApiError::unauthorized());
    }
    let extra = (used == crate::domain::accounts::SecondFactor::RecoveryCode)
        .then(|| Change::new(ActivityKey::RecoveryCodeUse).to(session.user_id));
    record_sign_in(&mut tx, session.user_id, client, extra).await?;
    tx.commit().await?;
    let me = me(pool, session.user_id).await?;
    let expires_at: String = sqlx::query_scalar("SELECT expires_at FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .fetch_one(pool)
        .await?;
    Ok(LoginResponse {
        token: token.to_string(),
        expires_at,
        next: next_step(Stage::Full, &me),
        me,
    })
}

/// A wrong password for a person in an organization is in that organization's activity log.
async fn record_failure(pool: &Pool, user_id: i64, client: &ClientInfo) -> Result<(), sqlx::Error> {
    let mut tx = db::write(pool).await?;
    if let Some((org_id, _)) = membership(&mut tx, user_id).await? {
        let change = Change::new(ActivityKey::SessionFail)
            .to(user_id)
            .with(json!({ "reason": "wrong_password" }));
        activity::record(&mut tx, org_id, By::Client(client), change).await?;
    }
    tx.commit().await
}

async fn membership(tx: &mut Tx, user_id: i64) -> Result<Option<(i64, OrgRole)>, sqlx::Error> {
    let row: Option<(i64, String)> = sqlx::query_as("SELECT org_id, org_role FROM org_members WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.and_then(|(org_id, role)| OrgRole::parse(&role).map(|r| (org_id, r))))
}

/// How far a session has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Signed in.
    Full,
    /// The password was right; the second factor is still owed, and the session opens nothing.
    TwoFactor,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Full => "full",
            Stage::TwoFactor => "two_factor",
        }
    }
}

/// Count the sign-in and open a session, inside the transaction that signs the person in
/// (sign-in, or accepting an invitation). Returns the token and its expiry.
pub async fn open(tx: &mut Tx, user_id: i64, stage: Stage) -> Result<(String, String), sqlx::Error> {
    sqlx::query("UPDATE users SET sign_in_count = sign_in_count + 1, last_sign_in_at = $1 WHERE id = $2")
        .bind(db::now())
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    let token = new_token();
    let expires_at = db::timestamp(chrono::Utc::now() + LIFETIME);
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, stage) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(db::now())
    .bind(&expires_at)
    .bind(stage.as_str())
    .execute(&mut **tx)
    .await?;
    Ok((token, expires_at))
}

/// End every session of the account but `keep` (a new password, a reset).
pub async fn revoke_others(tx: &mut Tx, user_id: i64, keep: Option<&str>) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $3",
    )
    .bind(db::now())
    .bind(user_id)
    .bind(keep.map(token_hash))
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// The person behind a live session (not revoked, not expired, account not disabled), with their
/// organization and role if they have one, and what the session may do.
#[derive(sqlx::FromRow)]
pub struct SessionUser {
    pub user_id: i64,
    pub org_id: Option<i64>,
    pub org_role: Option<String>,
    /// `full` or `two_factor` (a code is still owed).
    pub stage: String,
    /// The organization requires two-factor sign-in and this person has not set it up.
    #[sqlx(try_from = "crate::db::Flag")]
    pub must_set_up_two_factor: bool,
}

pub async fn user_of(pool: &Pool, token: &str) -> Result<Option<SessionUser>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT s.user_id, m.org_id, m.org_role, s.stage,
                ({} AND u.totp_enabled_at IS NULL) AS must_set_up_two_factor
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN org_members m ON m.user_id = s.user_id
         LEFT JOIN orgs o ON o.id = m.org_id
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled = 0",
        db::Backend::of(pool).json_is_true("o.settings", &["access", "require_two_factor"])
    ))
    .bind(token_hash(token))
    .bind(db::now())
    .fetch_optional(pool)
    .await
}

/// Sign out: the session is revoked, so the token is useless from now on.
pub async fn sign_out(pool: &Pool, token: &str, actor: Option<&Actor>) -> ApiResult<()> {
    let mut tx = db::write(pool).await?;
    let revoked = sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL")
        .bind(db::now())
        .bind(token_hash(token))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if let (1, Some(actor)) = (revoked, actor) {
        let change = Change::new(ActivityKey::SessionDestroy).to(actor.user_id);
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Forget sessions that ended more than a day ago.
pub async fn prune(pool: &Pool) -> Result<u64, sqlx::Error> {
    let cutoff = db::timestamp(chrono::Utc::now() - chrono::Duration::days(1));
    Ok(
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1 OR (revoked_at IS NOT NULL AND revoked_at < $1)")
            .bind(cutoff)
            .execute(pool)
            .await?
            .rows_affected(),
    )
}

#[derive(sqlx::FromRow)]
struct MeRow {
    id: i64,
    email: String,
    firstname: String,
    lastname: String,
    #[sqlx(try_from = "crate::db::Flag")]
    two_factor: bool,
    org_id: Option<i64>,
    org_name: Option<String>,
    org_slug: Option<String>,
    org_role: Option<String>,
}

/// The signed-in person and their place in their organization.
pub async fn me(pool: &Pool, user_id: i64) -> Result<Me, sqlx::Error> {
    let row: MeRow = sqlx::query_as(
        "SELECT u.id, u.email, u.firstname, u.lastname, u.totp_enabled_at IS NOT NULL AS two_factor,
                o.id AS org_id, o.name AS org_name, o.slug AS org_slug, m.org_role
         FROM users u LEFT JOIN org_members m ON m.user_id = u.id LEFT JOIN orgs o ON o.id = m.org_id
         WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    let mut must_set_up_two_factor = false;
    let org = match (
        row.org_id,
        row.org_name,
        row.org_slug,
        row.org_role.as_deref().and_then(OrgRole::parse),
    ) {
        (Some(id), Some(name), Some(slug), Some(org_role)) => {
            let access = settings::stored(pool, id).await?.access;
            must_set_up_two_factor = access.require_two_factor && !row.two_factor;
            Some(Membership {
                id,
                name,
                slug,
                org_role,
                can_add_spaces: contract::may_add_spaces(org_role, &access),
                billing_open: contract::allows(org_role, contract::Permission::ManageSubscription)
                    && subscription::billing_open(pool, id).await?,
            })
        }
        _ => None,
    };
    Ok(Me {
        user: Profile {
            friendly_name: people::display_name(&row.firstname, &row.lastname, &row.email),
            id: row.id,
            email: row.email,
            firstname: row.firstname,
            lastname: row.lastname,
            two_factor: row.two_factor,
        },
        org,
        must_set_up_two_factor,
    })
}
