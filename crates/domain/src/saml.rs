//! SAML 2.0 sign-in: what is kept between the server's XML work (which reads metadata, checks
//! certificates and verifies signatures with xmlsec1) and the person joining.
//!
//! - [`save`]: the identity provider the tab set, replacing any OpenID Connect provider.
//! - [`idp_by_identifier`]: the provider behind our entity ID and ACS URL, which carry the
//!   organization's SSO identifier.
//! - [`begin`] and [`take_request`]: a sign-in we started (SP-initiated) is found again by the
//!   `RelayState` we sent (kept hashed, ten minutes, once) and gives back the ID of our
//!   `AuthnRequest`, which the answer's `InResponseTo` must name.
//! - [`take_assertion`]: an assertion signs someone in once; posted again it is a replay.
//!
//! Who the verified assertion names then joins as with OpenID Connect
//! ([`crate::sso_sign_in::finish`]).

use common::sso::{SamlAssertion, SamlIdp, SamlRequest};
use common::tokens::token_hash;
use common::{Actor, DomainResult, Timestamp};
use contract::{ActivityKey, Permission, SamlCertificate};

use crate::activity::{self, By, Change};
use crate::authorize;
use crate::db::{self, Pool};

/// The identity provider as the server read and checked it.
pub struct CheckedIdp<'a> {
    pub entity_id: &'a str,
    pub sso_url: &'a str,
    /// Base64 DER, each parsed as an X.509 certificate.
    pub certificates: &'a [String],
    pub shown: &'a [SamlCertificate],
}

/// Keep the organization's SAML identity provider. An OpenID Connect provider it had is replaced
/// (one provider per organization); people linked to either stay linked by their subject.
pub async fn save(pool: &Pool, actor: &Actor, idp: &CheckedIdp<'_>) -> DomainResult<()> {
    let certificates = idp.certificates.join("\n");
    let info = serde_json::to_string(idp.shown).unwrap_or_else(|_| "[]".into());
    let now = common::now();
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    sqlx::query!(
        "INSERT INTO sso_connections (org_id, protocol, issuer, client_id, client_secret, updated_at, sso_url,
                                      certificates, certificate_info)
         VALUES ($1, 'saml', $2, '', '', $3, $4, $5, $6)
         ON CONFLICT (org_id) DO UPDATE SET protocol = 'saml', issuer = excluded.issuer, client_id = '',
             client_secret = '', updated_at = excluded.updated_at, sso_url = excluded.sso_url,
             certificates = excluded.certificates, certificate_info = excluded.certificate_info",
        actor.org_id,
        idp.entity_id,
        now,
        idp.sso_url,
        certificates,
        info
    )
    .execute(&mut *tx)
    .await?;
    let change = Change::new(ActivityKey::SsoUpdate).on(actor.org_id, format!("SAML 2.0: {}", idp.entity_id));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(())
}

/// What the tab shows of the certificates kept.
pub(crate) fn shown_certificates(info: &str) -> Vec<SamlCertificate> {
    serde_json::from_str(info).unwrap_or_default()
}

/// The SAML identity provider of the organization whose SSO identifier is `identifier`.
pub async fn idp_by_identifier(pool: &Pool, identifier: &str) -> DomainResult<Option<SamlIdp>> {
    let row = sqlx::query!(
        r#"SELECT c.org_id AS "org_id!", c.issuer, c.sso_url, c.certificates
           FROM sso_connections c JOIN orgs o ON o.id = c.org_id
           WHERE c.protocol = 'saml' AND o.sso_identifier = $1"#,
        identifier
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| SamlIdp {
        org_id: r.org_id,
        identifier: identifier.to_owned(),
        entity_id: r.issuer,
        sso_url: r.sso_url,
        certificates: r.certificates.lines().map(str::to_owned).collect(),
    }))
}

/// The organization whose SSO identifier is `identifier`.
pub async fn organization(pool: &Pool, identifier: &str) -> DomainResult<Option<i64>> {
    Ok(
        sqlx::query_scalar!(r#"SELECT id AS "id!" FROM orgs WHERE sso_identifier = $1"#, identifier)
            .fetch_optional(pool)
            .await?,
    )
}

/// The SAML identity provider of an organization, by its id.
pub async fn idp_of(pool: &Pool, org_id: i64) -> DomainResult<Option<SamlIdp>> {
    let identifier = sqlx::query_scalar!(
        r#"SELECT COALESCE(sso_identifier, slug) AS "identifier!" FROM orgs WHERE id = $1"#,
        org_id
    )
    .fetch_optional(pool)
    .await?;
    match identifier {
        Some(identifier) => idp_by_identifier(pool, &identifier).await,
        None => Ok(None),
    }
}

/// Keep a sign-in we send to the identity provider: found again by `relay_state`, it gives back
/// `request_id`; `tester`: who runs "Test connection" with it (then it signs nobody in).
pub async fn begin(
    pool: &Pool,
    org_id: i64,
    relay_state: &str,
    request_id: &str,
    tester: Option<i64>,
) -> DomainResult<()> {
    crate::sso_sign_in::keep_attempt(pool, org_id, relay_state, request_id, "", tester).await
}

/// The request `relay_state` names for this organization, used up; none when unknown, used,
/// expired or another organization's.
pub async fn take_request(pool: &Pool, org_id: i64, relay_state: &str) -> DomainResult<Option<SamlRequest>> {
    let (hash, now) = (token_hash(relay_state), common::now());
    let row = sqlx::query!(
        r#"DELETE FROM sso_logins WHERE state_hash = $1 AND org_id = $2 AND expires_at > $3
           RETURNING nonce AS "nonce!", tester_id"#,
        hash,
        org_id,
        now
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| SamlRequest {
        id: r.nonce,
        tester: r.tester_id,
    }))
}

/// Take a verified assertion once: false when it was taken before (a replay), which holds for
/// two posts at once too (the key decides).
pub async fn take_assertion(pool: &Pool, org_id: i64, assertion: &SamlAssertion) -> DomainResult<bool> {
    let until: Timestamp = assertion.usable_until;
    let taken = sqlx::query!(
        "INSERT INTO saml_assertions (org_id, assertion_id, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (org_id, assertion_id) DO NOTHING",
        org_id,
        assertion.assertion_id,
        until
    )
    .execute(pool)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

/// Forget assertions that could no longer be replayed.
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let now = common::now();
    Ok(sqlx::query!("DELETE FROM saml_assertions WHERE expires_at <= $1", now)
        .execute(pool)
        .await?
        .rows_affected())
}
