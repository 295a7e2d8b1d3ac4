//! People's accounts, whatever organization they are in: names and credentials.

use common::DomainResult;
use contract::Profile;

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

/// A person as their own account and sign-in show them.
pub fn profile(id: i64, email: String, firstname: String, lastname: String, two_factor: bool) -> Profile {
    Profile {
        friendly_name: display_name(&firstname, &lastname, &email),
        id,
        email,
        firstname,
        lastname,
        two_factor,
    }
}

/// A person's display name, read inside a transaction.
pub async fn name_of(tx: &mut Tx, user_id: i64) -> DomainResult<Option<String>> {
    let row = sqlx::query!("SELECT firstname, lastname, email FROM users WHERE id = $1", user_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|r| display_name(&r.firstname, &r.lastname, &r.email)))
}

/// What signing in checks.
pub struct Credentials {
    pub id: i64,
    pub password_hash: Option<String>,
    pub disabled: bool,
    /// Signs in with a second factor.
    pub two_factor: bool,
}

pub async fn credentials(pool: &Pool, email: &str) -> DomainResult<Option<Credentials>> {
    Ok(sqlx::query_as!(
        Credentials,
        r#"SELECT id AS "id!", password_hash, disabled AS "disabled: bool", totp_enabled_at IS NOT NULL AS "two_factor!: bool"
           FROM users WHERE email = $1"#,
        email
    )
    .fetch_optional(pool)
    .await?)
}

/// A person's email address.
/// What a person's new password must not lean on: their address and names.
pub async fn password_must_avoid(pool: &Pool, user_id: i64) -> DomainResult<Vec<String>> {
    let row = sqlx::query!("SELECT email, firstname, lastname FROM users WHERE id = $1", user_id)
        .fetch_one(pool)
        .await?;
    Ok(vec![row.email, row.firstname, row.lastname])
}

pub async fn email_of(pool: &Pool, user_id: i64) -> DomainResult<String> {
    Ok(sqlx::query_scalar!("SELECT email FROM users WHERE id = $1", user_id)
        .fetch_one(pool)
        .await?)
}
