//! Signing in and out, and sessions: a random bearer token given to the client once; the database
//! keeps only its SHA-256.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use contract::{ActivityKey, LoginRequest, LoginResponse, Me, Membership, OrgRole, Profile};
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
    if let Some((field, message)) = request.problem() {
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
        .map_err(|throttled| throttled.into_error("sign-in"))?;
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
                "The email or password is not correct.",
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
            "This account has been disabled. Ask your organization's admin.",
        ));
    }
    let mut tx = db::write(pool).await?;
    attempt.succeeded(&mut tx).await?;
    let (token, expires_at) = open(&mut tx, user.id).await?;
    if let Some((org_id, role)) = membership(&mut tx, user.id).await? {
        let actor = Actor {
            user_id: user.id,
            org_id,
            role,
            client: client.clone(),
        };
        activity::record(
            &mut tx,
            org_id,
            By::Actor(&actor),
            Change::new(ActivityKey::SessionCreate).to(user.id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(LoginResponse {
        token,
        expires_at,
        me: me(pool, user.id).await?,
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
    let row: Option<(i64, String)> = sqlx::query_as("SELECT org_id, org_role FROM org_members WHERE user_id = ?")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.and_then(|(org_id, role)| OrgRole::parse(&role).map(|r| (org_id, r))))
}

/// Count the sign-in and open a session, inside the transaction that signs the person in
/// (sign-in, or accepting an invitation). Returns the token and its expiry.
pub async fn open(tx: &mut Tx, user_id: i64) -> Result<(String, String), sqlx::Error> {
    sqlx::query("UPDATE users SET sign_in_count = sign_in_count + 1, last_sign_in_at = ? WHERE id = ?")
        .bind(db::now())
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    let token = new_token();
    let expires_at = db::timestamp(chrono::Utc::now() + LIFETIME);
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(db::now())
        .bind(&expires_at)
        .execute(&mut **tx)
        .await?;
    Ok((token, expires_at))
}

/// The person behind a live session (not revoked, not expired, account not disabled), with their
/// organization and role if they have one.
#[derive(sqlx::FromRow)]
pub struct SessionUser {
    pub user_id: i64,
    pub org_id: Option<i64>,
    pub org_role: Option<String>,
}

pub async fn user_of(pool: &Pool, token: &str) -> Result<Option<SessionUser>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.user_id, m.org_id, m.org_role FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN org_members m ON m.user_id = s.user_id
         WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.disabled = 0",
    )
    .bind(token_hash(token))
    .bind(db::now())
    .fetch_optional(pool)
    .await
}

/// Sign out: the session is revoked, so the token is useless from now on.
pub async fn sign_out(pool: &Pool, token: &str, actor: Option<&Actor>) -> ApiResult<()> {
    let mut tx = db::write(pool).await?;
    let revoked = sqlx::query("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
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
        sqlx::query("DELETE FROM sessions WHERE expires_at < ?1 OR (revoked_at IS NOT NULL AND revoked_at < ?1)")
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
    org_id: Option<i64>,
    org_name: Option<String>,
    org_slug: Option<String>,
    org_role: Option<String>,
}

/// The signed-in person and their place in their organization.
pub async fn me(pool: &Pool, user_id: i64) -> Result<Me, sqlx::Error> {
    let row: MeRow = sqlx::query_as(
        "SELECT u.id, u.email, u.firstname, u.lastname, o.id AS org_id, o.name AS org_name, o.slug AS org_slug, m.org_role
         FROM users u LEFT JOIN org_members m ON m.user_id = u.id LEFT JOIN orgs o ON o.id = m.org_id
         WHERE u.id = ?",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    let org = match (
        row.org_id,
        row.org_name,
        row.org_slug,
        row.org_role.as_deref().and_then(OrgRole::parse),
    ) {
        (Some(id), Some(name), Some(slug), Some(org_role)) => {
            let access = settings::stored(pool, id).await?.access;
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
        },
        org,
    })
}
