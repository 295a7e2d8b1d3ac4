//! Sessions: a random bearer token given to the client once; the database keeps only its SHA-256.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

use crate::db;

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

/// Create a session and return its token and expiry.
pub async fn create(pool: &SqlitePool, user_id: i64) -> Result<(String, String), sqlx::Error> {
    let token = new_token();
    let expires_at = db::timestamp(chrono::Utc::now() + LIFETIME);
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(db::now())
        .bind(&expires_at)
        .execute(pool)
        .await?;
    Ok((token, expires_at))
}

/// The user of a live session: not revoked, not expired, user not disabled.
pub async fn user_of(pool: &SqlitePool, token: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.disabled = 0",
    )
    .bind(token_hash(token))
    .bind(db::now())
    .fetch_optional(pool)
    .await
}

pub async fn revoke(pool: &SqlitePool, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
        .bind(db::now())
        .bind(token_hash(token))
        .execute(pool)
        .await?;
    Ok(())
}
