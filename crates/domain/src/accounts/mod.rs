//! A person's own account: name ([`profile`]), password ([`password`]), password reset by mail
//! ([`reset`]), and two-factor sign-in ([`two_factor`]: set up, verify, recovery codes, turn off).
//! Each change is recorded in the person's organization, and every check of a password or code is
//! throttled like a sign-in.

mod password;
mod profile;
mod reset;
pub mod tokens;
mod two_factor;

pub use password::change_password;
pub use profile::update_profile;
pub use reset::{confirm_reset, prune, request_reset};
pub use two_factor::{disable_two_factor, start_two_factor, verify_two_factor};

use common::mail::{self as letters, Links, MailKind, SecurityChange};
use common::password::Hasher;
use common::text::said;
use common::{DomainError, DomainResult, Kind, Person};
use contract::AccountView;

use crate::db::{self, Pool, Tx};
use crate::throttle::{self, Secret, Subject};

use crate::{outbox, people};

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
        profile: people::profile(row.id, row.email, row.firstname, row.lastname, row.two_factor),
        two_factor_enabled: row.two_factor,
        recovery_codes_left: row.recovery_codes_left,
        two_factor_required: row.required,
    })
}

pub(super) fn wrong_password() -> DomainError {
    DomainError::new(
        Kind::Unauthenticated,
        "invalid_credentials",
        said().not_current_password.to_owned(),
    )
}

/// Check the person's own password, throttled like a sign-in. `field` names the input.
pub(super) async fn check_own_password(
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

/// Mail the account that its security changed, in the change's transaction: if it was not them,
/// they hear of it even when someone else holds their session.
pub(super) async fn tell(tx: &mut Tx, links: &Links, user_id: i64, change: SecurityChange) -> DomainResult<()> {
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
