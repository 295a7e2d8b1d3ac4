//! Signing in through the organization's OpenID Connect provider. The server speaks to the
//! provider (discovery, the code, the ID token's signature); this keeps what lies between:
//!
//! 1. [`connection_for`]: the organization "Sign in with SSO" goes to, by a verified domain of the
//!    address typed or by its SSO identifier.
//! 2. [`begin`]: the attempt, found again by its state (kept hashed) once, within ten minutes,
//!    with its nonce and its PKCE verifier (sealed).
//! 3. [`take_attempt`]: the provider sent the person back; the attempt is used up.
//! 4. [`finish`]: what the verified ID token says becomes a person of the organization: only an
//!    address the provider verified, at a domain the organization verified. Their account is
//!    found by the provider's subject, or linked by address on the first sign-in, or made; they
//!    join with the tab's default role. A one-time code for the app comes back.
//! 5. [`exchange`]: the app trades the code for a session, which meets the organization's
//!    two-factor rule.

use chrono::Duration;
use common::secrets::SecretKeys;
use common::session::Stage;
use common::sso::{Attempt, Connection, Identity, Provider};
use common::text::said;
use common::tokens::{new_token, token_hash};
use common::{iso, spoken, Actor, ClientInfo, DomainError, DomainResult};
use contract::text::sso as texts;
use contract::{email_at, fill, ActivityKey, LoginResponse, OidcChange, OrgRole, Permission, SignInStep, SsoFailure};

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::throttle::{self, Secret, Subject};
use crate::{authorize, people, sessions, sso};

const SECRET_PURPOSE: &str = "sso-client-secret";
const VERIFIER_PURPOSE: &str = "sso-pkce-verifier";
/// How long the identity provider may take to send the person back.
pub const ATTEMPT_LIFETIME: Duration = Duration::minutes(10);
/// How long the app has to trade the one-time code for a session.
pub const HANDOFF_LIFETIME: Duration = Duration::minutes(2);

/// Whether the secret kept already belongs to this same issuer and client (then a change need
/// not give it again).
async fn secret_kept(pool: &Pool, org_id: i64, change: &OidcChange) -> DomainResult<bool> {
    let (issuer, client_id) = (change.issuer.trim(), change.client_id.trim());
    let same = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM sso_connections
           WHERE org_id = $1 AND protocol = 'oidc' AND issuer = $2 AND client_id = $3"#,
        org_id,
        issuer,
        client_id
    )
    .fetch_one(pool)
    .await?;
    Ok(same > 0)
}

/// What is wrong with a provider before anyone asks it anything, at its field.
pub async fn check(pool: &Pool, actor: &Actor, change: &OidcChange) -> DomainResult<()> {
    let kept = secret_kept(pool, actor.org_id, change).await?;
    match change.problem(kept, spoken()) {
        Some((field, message)) => Err(DomainError::invalid(field, message)),
        None => Ok(()),
    }
}

/// Keep the provider (the server has read its discovery document). A secret not given keeps the
/// one kept.
pub async fn save(pool: &Pool, keys: &SecretKeys, actor: &Actor, change: &OidcChange) -> DomainResult<()> {
    check(pool, actor, change).await?;
    let (issuer, client_id, now) = (change.issuer.trim(), change.client_id.trim(), common::now());
    let sealed = change
        .client_secret
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|secret| keys.seal(SECRET_PURPOSE, secret));
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    sqlx::query!(
        "INSERT INTO sso_connections (org_id, protocol, issuer, client_id, client_secret, updated_at)
         VALUES ($1, 'oidc', $2, $3, COALESCE($4, ''), $5)
         ON CONFLICT (org_id) DO UPDATE SET protocol = 'oidc', issuer = excluded.issuer, client_id = excluded.client_id,
             client_secret = COALESCE($4, sso_connections.client_secret), updated_at = excluded.updated_at,
             sso_url = '', certificates = '', certificate_info = '[]'",
        actor.org_id,
        issuer,
        client_id,
        sealed,
        now
    )
    .execute(&mut *tx)
    .await?;
    let change = Change::new(ActivityKey::SsoUpdate).on(actor.org_id, format!("OpenID Connect: {issuer}"));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(())
}

/// Which protocol an organization's identity provider speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Oidc,
    Saml,
}

impl Protocol {
    fn as_str(self) -> &'static str {
        match self {
            Protocol::Oidc => "oidc",
            Protocol::Saml => "saml",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Protocol::Oidc => "OpenID Connect",
            Protocol::Saml => "SAML 2.0",
        }
    }
}

/// Stop signing in through the provider, if it speaks `protocol`; accounts stay, and sign in with
/// their passwords (or ask for one) again.
pub async fn remove(pool: &Pool, actor: &Actor, protocol: Protocol) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let kind = protocol.as_str();
    let issuer = sqlx::query_scalar!(
        "DELETE FROM sso_connections WHERE org_id = $1 AND protocol = $2 RETURNING issuer",
        actor.org_id,
        kind
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| DomainError::not_found("Identity provider"))?;
    let change = Change::new(ActivityKey::SsoUpdate).on(actor.org_id, format!("{} removed: {issuer}", protocol.name()));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(())
}

async fn connection_of(pool: &Pool, keys: &SecretKeys, org_id: i64) -> DomainResult<Option<Connection>> {
    let row = sqlx::query!(
        "SELECT issuer, client_id, client_secret FROM sso_connections WHERE org_id = $1 AND protocol = 'oidc'",
        org_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|r| {
        keys.open_text(SECRET_PURPOSE, &r.client_secret)
            .map(|client_secret| Connection {
                org_id,
                issuer: r.issuer,
                client_id: r.client_id,
                client_secret,
            })
    }))
}

/// The organization's identity provider, if it has one.
pub async fn provider_of(pool: &Pool, keys: &SecretKeys, org_id: i64) -> DomainResult<Option<Provider>> {
    Ok(match connection_of(pool, keys, org_id).await? {
        Some(connection) => Some(Provider::Oidc(connection)),
        None => crate::saml::idp_of(pool, org_id).await?.map(Provider::Saml),
    })
}

/// The provider "Sign in with SSO" goes to for what was typed: an address at a domain an
/// organization verified, or an organization's SSO identifier. The same refusal for an unknown
/// identifier, a domain nobody verified and an organization without a provider.
pub async fn provider_for(pool: &Pool, keys: &SecretKeys, typed: &str) -> DomainResult<Provider> {
    let typed = typed.trim().to_lowercase();
    let lang = spoken();
    if typed.is_empty() {
        return Err(DomainError::invalid(
            "email_or_identifier",
            texts(lang).enter_email_or_identifier,
        ));
    }
    let org_id = match typed.rsplit_once('@') {
        Some((_, domain)) => {
            sqlx::query_scalar!(
                "SELECT org_id FROM sso_domains WHERE domain = $1 AND verified_at IS NOT NULL",
                domain
            )
            .fetch_optional(pool)
            .await?
        }
        None => {
            sqlx::query_scalar!(r#"SELECT id AS "id!" FROM orgs WHERE sso_identifier = $1"#, typed)
                .fetch_optional(pool)
                .await?
        }
    };
    let found = match org_id {
        Some(org_id) => provider_of(pool, keys, org_id).await?,
        None => None,
    };
    found.ok_or_else(|| DomainError::invalid("email_or_identifier", fill(texts(lang).no_sso_here, &[&typed])))
}

/// Count a start of single sign-on from the client's address, or refuse it (each start makes
/// this server ask an identity provider for its discovery document).
pub async fn count_start(pool: &Pool, client: &ClientInfo) -> DomainResult<()> {
    let subject = Subject {
        secret: Secret::SsoStart,
        account: "",
        user_id: None,
        client: client.ip,
        proven: false,
    };
    // An attempt that is never given back: starts count whatever comes of them.
    let _counted = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(said().attempt_sign_in))?;
    Ok(())
}

/// Keep an attempt sent to the provider, found again by `state`; `tester`: who runs "Test
/// connection" with it (then it signs nobody in).
pub async fn begin(
    pool: &Pool,
    keys: &SecretKeys,
    org_id: i64,
    state: &str,
    nonce: &str,
    verifier: &str,
    tester: Option<i64>,
) -> DomainResult<()> {
    let sealed = keys.seal(VERIFIER_PURPOSE, verifier);
    keep_attempt(pool, org_id, state, nonce, &sealed, tester).await
}

/// Keep an attempt of either protocol for ten minutes, found again by `state` (kept hashed):
/// OpenID Connect's nonce and sealed PKCE verifier, or SAML's request ID and no verifier.
pub(crate) async fn keep_attempt(
    pool: &Pool,
    org_id: i64,
    state: &str,
    nonce: &str,
    sealed_verifier: &str,
    tester: Option<i64>,
) -> DomainResult<()> {
    let (hash, now) = (token_hash(state), common::now());
    let expires_at = now + ATTEMPT_LIFETIME;
    sqlx::query!(
        "INSERT INTO sso_logins (state_hash, org_id, nonce, pkce_verifier, created_at, expires_at, tester_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        hash,
        org_id,
        nonce,
        sealed_verifier,
        now,
        expires_at,
        tester
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The attempt `state` names, used up; none when unknown, used or expired.
pub async fn take_attempt(pool: &Pool, keys: &SecretKeys, state: &str) -> DomainResult<Option<Attempt>> {
    let (hash, now) = (token_hash(state), common::now());
    let row = sqlx::query!(
        r#"DELETE FROM sso_logins WHERE state_hash = $1 AND expires_at > $2
           RETURNING org_id AS "org_id!", nonce AS "nonce!", pkce_verifier AS "pkce_verifier!", tester_id"#,
        hash,
        now
    )
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let (Some(connection), Some(verifier)) = (
        connection_of(pool, keys, row.org_id).await?,
        keys.open_text(VERIFIER_PURPOSE, &row.pkce_verifier),
    ) else {
        return Ok(None);
    };
    Ok(Some(Attempt {
        connection,
        nonce: row.nonce,
        verifier,
        tester: row.tester_id,
    }))
}

/// Bring the person the provider vouched for into the organization, and answer the one-time code
/// the app trades for their session; or why not.
pub async fn finish(
    pool: &Pool,
    org_id: i64,
    client: &ClientInfo,
    identity: &Identity,
) -> DomainResult<Result<String, SsoFailure>> {
    let email = identity.email.trim().to_lowercase();
    if !identity.email_verified {
        return Ok(Err(SsoFailure::UnverifiedEmail));
    }
    let verified = sso::verified_domains(pool, org_id).await?;
    let verified: Vec<&str> = verified.iter().map(String::as_str).collect();
    if !email_at(&email, &verified) {
        return Ok(Err(SsoFailure::DomainNotVerified));
    }
    let now = common::now();
    let mut tx = db::write(pool).await?;
    let linked = sqlx::query_scalar!(
        "SELECT user_id FROM sso_identities WHERE org_id = $1 AND issuer = $2 AND subject = $3",
        org_id,
        identity.issuer,
        identity.subject
    )
    .fetch_optional(&mut *tx)
    .await?;
    let user_id = match linked {
        Some(user_id) => user_id,
        None => {
            let existing = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM users WHERE email = $1"#, email)
                .fetch_optional(&mut *tx)
                .await?;
            let user_id = match existing {
                Some(id) => id,
                // No password: this account signs in through the provider (or sets one by reset).
                None => {
                    sqlx::query_scalar!(
                        r#"INSERT INTO users (email, firstname, lastname, created_at) VALUES ($1, $2, $3, $4)
                           RETURNING id AS "id!""#,
                        email,
                        identity.given_name,
                        identity.family_name,
                        now
                    )
                    .fetch_one(&mut *tx)
                    .await?
                }
            };
            sqlx::query!(
                "INSERT INTO sso_identities (org_id, issuer, subject, user_id, created_at) VALUES ($1, $2, $3, $4, $5)",
                org_id,
                identity.issuer,
                identity.subject,
                user_id,
                now
            )
            .execute(&mut *tx)
            .await?;
            user_id
        }
    };
    let disabled = sqlx::query_scalar!(
        r#"SELECT disabled AS "disabled!: bool" FROM users WHERE id = $1"#,
        user_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if disabled {
        return Ok(Err(SsoFailure::Disabled));
    }
    match sessions::membership(&mut tx, user_id).await? {
        Some((other, _)) if other != org_id => return Ok(Err(SsoFailure::OtherOrganization)),
        Some(_) => {}
        None => {
            let role = crate::sso::join_with_default_role(&mut tx, org_id, user_id, now).await?;
            let actor = Actor {
                user_id,
                org_id,
                role,
                client: client.clone(),
            };
            let name = people::name_of(&mut tx, user_id)
                .await?
                .unwrap_or_else(|| email.clone());
            let joined = Change::new(ActivityKey::OrgUserSsoJoin).on(user_id, name).to(user_id);
            activity::record(&mut tx, org_id, By::Actor(&actor), joined).await?;
        }
    }
    let code = new_token();
    let (hash, expires_at) = (token_hash(&code), now + HANDOFF_LIFETIME);
    sqlx::query!(
        "INSERT INTO sso_handoffs (code_hash, user_id, expires_at) VALUES ($1, $2, $3)",
        hash,
        user_id,
        expires_at
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(code))
}

/// Trade the one-time code for a session, which counts as having met the organization's
/// two-factor rule.
pub async fn exchange(pool: &Pool, client: &ClientInfo, handoff: &str) -> DomainResult<LoginResponse> {
    let (hash, now) = (token_hash(handoff.trim()), common::now());
    let subject = Subject {
        secret: Secret::SsoHandoff,
        account: "",
        user_id: None,
        client: client.ip,
        proven: false,
    };
    let attempt = throttle::begin(pool, subject)
        .await?
        .map_err(|throttled| throttled.into_error(said().attempt_sign_in))?;
    let mut tx = db::write(pool).await?;
    let user_id = sqlx::query_scalar!(
        r#"DELETE FROM sso_handoffs WHERE code_hash = $1 AND expires_at > $2 RETURNING user_id AS "user_id!""#,
        hash,
        now
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| DomainError::invalid("handoff", SsoFailure::Expired.describe_in(spoken())))?;
    attempt.succeeded(&mut tx).await?;
    let (token, expires_at) = sessions::open(&mut tx, user_id, Stage::Full, client).await?;
    let token_hash = token_hash(&token);
    sqlx::query!("UPDATE sessions SET via_sso = TRUE WHERE token_hash = $1", token_hash)
        .execute(&mut *tx)
        .await?;
    sessions::record_sign_in(&mut tx, user_id, client, None).await?;
    tx.commit().await?;
    let mut me = sessions::me(pool, user_id).await?;
    me.must_set_up_two_factor = false;
    Ok(LoginResponse {
        token,
        expires_at: iso(expires_at),
        next: SignInStep::Done,
        me,
    })
}

/// Whether the person's password is refused because their organization requires single sign-on:
/// it does, it has a provider, their address is at one of its verified domains, and they are not
/// an owner (owners keep their password, a way in when the provider fails).
pub async fn password_refused(tx: &mut Tx, user_id: i64) -> DomainResult<bool> {
    let row = sqlx::query!(
        r#"SELECT u.email, m.org_id, m.org_role AS "org_role: OrgRole", o.sso_required AS "required!: bool",
                  EXISTS (SELECT 1 FROM sso_connections c WHERE c.org_id = m.org_id) AS "has_provider!: bool"
           FROM users u JOIN org_members m ON m.user_id = u.id JOIN orgs o ON o.id = m.org_id
           WHERE u.id = $1"#,
        user_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row.filter(|r| r.required && r.has_provider && r.org_role != OrgRole::Owner) else {
        return Ok(false);
    };
    let domains = sqlx::query_scalar!(
        "SELECT domain FROM sso_domains WHERE org_id = $1 AND verified_at IS NOT NULL",
        row.org_id
    )
    .fetch_all(&mut **tx)
    .await?;
    let domains: Vec<&str> = domains.iter().map(String::as_str).collect();
    Ok(email_at(&row.email, &domains))
}

/// The refusal of a password where single sign-on is required.
pub fn sso_required() -> DomainError {
    DomainError::refused("sso_required", texts(spoken()).sso_required)
}

/// Whether the session behind `token` was opened by single sign-on.
pub async fn by_sso(pool: &Pool, token: &str) -> DomainResult<bool> {
    let hash = token_hash(token);
    Ok(sqlx::query_scalar!(
        r#"SELECT via_sso AS "via_sso!: bool" FROM sessions WHERE token_hash = $1"#,
        hash
    )
    .fetch_optional(pool)
    .await?
    .unwrap_or(false))
}

/// Forget attempts and codes past their time.
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let now = common::now();
    let assertions = crate::saml::prune(pool).await? + crate::sso_test::prune(pool).await?;
    let attempts = sqlx::query!("DELETE FROM sso_logins WHERE expires_at <= $1", now)
        .execute(pool)
        .await?
        .rows_affected();
    let handoffs = sqlx::query!("DELETE FROM sso_handoffs WHERE expires_at <= $1", now)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(attempts + handoffs + assertions)
}
