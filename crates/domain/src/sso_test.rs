//! "Test connection": what the identity provider sent back for a sign-in an owner or admin
//! started from the tab. Nobody is signed in or changed by it; what came back is kept ten minutes
//! for the one who tested, found by a one-time code the return hands their window.

use chrono::Duration;
use common::sso::Identity;
use common::tokens::{new_token, token_hash};
use common::{iso, Actor, DomainError, DomainResult};
use contract::{email_at, Permission, SsoTestResult};

use crate::db::Pool;
use crate::{authorize, db, sso};

/// How long the one who tested can read what came back.
const KEPT_FOR: Duration = Duration::minutes(10);

/// What a test saw: who the provider vouched for, or why its answer was not believed.
pub async fn outcome(
    pool: &Pool,
    org_id: i64,
    protocol: &str,
    issuer: &str,
    seen: Result<&Identity, &str>,
) -> DomainResult<SsoTestResult> {
    let verified = sso::verified_domains(pool, org_id).await?;
    let verified: Vec<&str> = verified.iter().map(String::as_str).collect();
    let tested_at = iso(common::now());
    let named = |text: &str| Some(text.to_owned()).filter(|t| !t.trim().is_empty());
    Ok(match seen {
        Ok(identity) => SsoTestResult {
            protocol: protocol.into(),
            issuer: issuer.into(),
            problem: None,
            subject: named(&identity.subject),
            email: named(&identity.email),
            email_verified: identity.email_verified,
            given_name: named(&identity.given_name),
            family_name: named(&identity.family_name),
            groups: identity.groups.clone(),
            domain_verified: email_at(&identity.email.trim().to_lowercase(), &verified),
            tested_at,
        },
        Err(problem) => SsoTestResult {
            protocol: protocol.into(),
            issuer: issuer.into(),
            problem: Some(problem.into()),
            subject: None,
            email: None,
            email_verified: false,
            given_name: None,
            family_name: None,
            groups: Vec::new(),
            domain_verified: false,
            tested_at,
        },
    })
}

/// Keep what a test saw for `tester`; the code their window reads it with comes back.
pub async fn record(pool: &Pool, org_id: i64, tester: i64, result: &SsoTestResult) -> DomainResult<String> {
    let code = new_token();
    let (hash, expires_at) = (token_hash(&code), common::now() + KEPT_FOR);
    let kept = serde_json::to_string(result).map_err(|_| DomainError::internal())?;
    sqlx::query!(
        "INSERT INTO sso_tests (code_hash, org_id, tester_id, result, expires_at) VALUES ($1, $2, $3, $4, $5)",
        hash,
        org_id,
        tester,
        kept,
        expires_at
    )
    .execute(pool)
    .await?;
    Ok(code)
}

/// What the test `code` saw, for the one who ran it, while it is kept (404 otherwise: another
/// person's test is nobody else's to read).
pub async fn result(pool: &Pool, actor: &Actor, code: &str) -> DomainResult<SsoTestResult> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let (hash, now) = (token_hash(code.trim()), common::now());
    let kept = sqlx::query_scalar!(
        "SELECT result FROM sso_tests WHERE code_hash = $1 AND org_id = $2 AND tester_id = $3 AND expires_at > $4",
        hash,
        actor.org_id,
        actor.user_id,
        now
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| DomainError::not_found("Test"))?;
    tx.commit().await?;
    serde_json::from_str(&kept).map_err(|_| DomainError::internal())
}

/// Forget tests past their time.
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let now = common::now();
    Ok(sqlx::query!("DELETE FROM sso_tests WHERE expires_at <= $1", now)
        .execute(pool)
        .await?
        .rows_affected())
}
