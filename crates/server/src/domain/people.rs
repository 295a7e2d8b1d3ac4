//! People's accounts, whatever organization they are in: names and credentials.

use crate::db::{Pool, Tx};

/// "First Last", or the email when no name is known.
pub fn display_name(first: &str, last: &str, email: &str) -> String {
    let name = format!("{} {}", first.trim(), last.trim()).trim().to_string();
    if name.is_empty() {
        email.to_string()
    } else {
        name
    }
}

#[derive(sqlx::FromRow)]
struct NameRow {
    firstname: String,
    lastname: String,
    email: String,
}

/// A person's display name, read inside a transaction.
pub async fn name_of(tx: &mut Tx, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<NameRow> = sqlx::query_as("SELECT firstname, lastname, email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|r| display_name(&r.firstname, &r.lastname, &r.email)))
}

/// What signing in checks.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: Option<String>,
    #[sqlx(try_from = "crate::db::Flag")]
    pub disabled: bool,
    /// Signs in with a second factor.
    #[sqlx(try_from = "crate::db::Flag")]
    pub two_factor: bool,
}

pub async fn credentials(pool: &Pool, email: &str) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, password_hash, disabled, totp_enabled_at IS NOT NULL AS two_factor FROM users WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(pool)
    .await
}
