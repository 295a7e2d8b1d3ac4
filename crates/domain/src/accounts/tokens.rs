//! Personal access tokens: made under one's Account with the current password, kept only as their
//! SHA-256, and read back on every request that carries one ([`grant_of`]). A token acts as its
//! person with the role they hold now, within its scopes; it stops at once when it is revoked,
//! expires, or its person is removed, disabled or holds a lesser role than when they made it.

use common::mail::{Links, SecurityChange};
use common::password::Hasher;
pub use common::session::TokenGrant;
use common::tokens::{new_token, token_hash};
use common::{iso, spoken, Actor, DomainError, DomainResult, Person, Timestamp};
use contract::activity_params::TokenMade;
use contract::{
    AccessTokenList, AccessTokenSummary, ActivityKey, CreatedAccessToken, NewAccessToken, OrgRole, Params, Permission,
    TokenScope, ACCESS_TOKEN_PREFIX,
};

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::{authorize, current_role, settings};

use super::{check_own_password, tell};

/// How often a token's "last used" is written: every request would make reads into writes.
const USED_EVERY: chrono::Duration = chrono::Duration::minutes(1);

fn label(name: &str, id: i64) -> String {
    format!("{name} #{id}")
}

/// Make a token for the person in their organization, proven by their current password; the
/// account is told by mail, as of every change to its security.
pub async fn create(
    pool: &Pool,
    hasher: &Hasher,
    links: &Links,
    person: &Person<'_>,
    request: &NewAccessToken,
) -> DomainResult<CreatedAccessToken> {
    let org = sqlx::query!(
        r#"SELECT org_id AS "org_id!", org_role AS "org_role: OrgRole" FROM org_members WHERE user_id = $1"#,
        person.user_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| DomainError::not_found("Organization"))?;
    let cap = settings::stored(pool, org.org_id).await?.access.max_token_days;
    if let Some((field, message)) = request.problem(cap, spoken()) {
        return Err(DomainError::invalid(field, message));
    }
    let attempt = check_own_password(pool, hasher, person, &request.password, "password").await?;
    let token = format!("{ACCESS_TOKEN_PREFIX}{}", new_token());
    let prefix: String = token.chars().take(ACCESS_TOKEN_PREFIX.len() + 4).collect();
    let now = common::now();
    let expires_at = request
        .expires_in_days
        .map(|days| now + chrono::Duration::days(days.into()));
    let (name, scopes, hash) = (
        request.name.trim(),
        TokenScope::join(&request.scopes),
        token_hash(&token),
    );
    let mut tx = db::write(pool).await?;
    attempt.succeeded(&mut tx).await?;
    // The role as it is now, inside the write: the token is made as it.
    let role = current_role(&mut tx, org.org_id, person.user_id)
        .await?
        .ok_or_else(|| DomainError::not_found("Organization"))?;
    let made_as = role.as_str();
    let id = sqlx::query_scalar!(
        r#"INSERT INTO access_tokens (user_id, org_id, made_as, name, token_hash, prefix, scopes, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id AS "id!""#,
        person.user_id,
        org.org_id,
        made_as,
        name,
        hash,
        prefix,
        scopes,
        now,
        expires_at
    )
    .fetch_one(&mut *tx)
    .await?;
    let actor = Actor {
        user_id: person.user_id,
        org_id: org.org_id,
        role,
        client: person.client.clone(),
    };
    let made = Change::new(ActivityKey::AccessTokenCreate)
        .on(id, name)
        .to(person.user_id)
        .with(Params::TokenMade(TokenMade {
            scopes: TokenScope::split(&scopes),
            expires_at: expires_at.map(iso),
        }));
    activity::record(&mut tx, org.org_id, By::Actor(&actor), made).await?;
    tell(&mut tx, links, person.user_id, SecurityChange::TokenMade).await?;
    tx.commit().await?;
    let summary = listed(pool, org.org_id, Some(person.user_id), Some(id))
        .await?
        .pop()
        .ok_or_else(|| DomainError::not_found("Token"))?;
    Ok(CreatedAccessToken { token, summary })
}

/// The person's live tokens.
pub async fn mine(pool: &Pool, actor: &Actor) -> DomainResult<AccessTokenList> {
    Ok(AccessTokenList {
        tokens: listed(pool, actor.org_id, Some(actor.user_id), None).await?,
    })
}

/// Every live token in the organization (Security & Access).
pub async fn of_organization(pool: &Pool, actor: &Actor) -> DomainResult<AccessTokenList> {
    Ok(AccessTokenList {
        tokens: listed(pool, actor.org_id, None, None).await?,
    })
}

/// Live tokens of the organization, of one person, or one token; newest first.
async fn listed(
    pool: &Pool,
    org_id: i64,
    user_id: Option<i64>,
    id: Option<i64>,
) -> DomainResult<Vec<AccessTokenSummary>> {
    let now = common::now();
    let rows = sqlx::query!(
        r#"SELECT t.id AS "id!", t.name, t.prefix, t.scopes, t.user_id,
                  COALESCE(NULLIF(TRIM(u.firstname || ' ' || u.lastname), ''), u.email) AS "owner_name!: String",
                  t.created_at AS "created_at: Timestamp", t.expires_at AS "expires_at: Timestamp",
                  t.last_used_at AS "last_used_at: Timestamp", t.last_used_ip
           FROM access_tokens t JOIN users u ON u.id = t.user_id
           WHERE t.org_id = $1 AND t.user_id = COALESCE($2, t.user_id) AND t.id = COALESCE($3, t.id)
             AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $4)
           ORDER BY t.id DESC"#,
        org_id,
        user_id,
        id,
        now
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AccessTokenSummary {
            id: r.id,
            name: r.name,
            prefix: r.prefix,
            scopes: TokenScope::split(&r.scopes),
            owner_id: r.user_id,
            owner_name: r.owner_name,
            created_at: iso(r.created_at),
            expires_at: r.expires_at.map(iso),
            last_used_at: r.last_used_at.map(iso),
            last_used_ip: r.last_used_ip,
        })
        .collect())
}

/// Whose tokens a revocation may touch.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// The actor's own (Account).
    Own,
    /// Anyone's in the organization (Security & Access; needs the settings permission).
    Anyones,
}

/// Revoke a live token; recorded. 404 for a token that is not live or not the actor's to revoke.
pub async fn revoke(pool: &Pool, actor: &Actor, id: i64, whose: Whose) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    let only_user = match whose {
        Whose::Own => {
            current_role(&mut tx, actor.org_id, actor.user_id)
                .await?
                .ok_or_else(|| DomainError::not_found("Organization"))?;
            Some(actor.user_id)
        }
        Whose::Anyones => {
            authorize(&mut tx, actor, Permission::ManageSettings).await?;
            None
        }
    };
    let now = common::now();
    let revoked = sqlx::query!(
        r#"UPDATE access_tokens SET revoked_at = $1
           WHERE id = $2 AND org_id = $3 AND user_id = COALESCE($4, user_id) AND revoked_at IS NULL
           RETURNING name, user_id"#,
        now,
        id,
        actor.org_id,
        only_user
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| DomainError::not_found("Token"))?;
    let change = Change::new(ActivityKey::AccessTokenRevoke)
        .on(id, revoked.name)
        .to(revoked.user_id);
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(())
}

/// The grant of a live token, or None: revoked, expired, unknown, its person disabled, out of the
/// organization, holding a lesser role than when they made it, or owing the two-factor set-up
/// their organization requires. Its last use is noted (at most once a minute, or from a new
/// address).
pub async fn grant_of(pool: &Pool, token: &str, ip: &str) -> DomainResult<Option<TokenGrant>> {
    let (hash, now) = (token_hash(token), common::now());
    let row = db::with_two_factor_required!(query!(
        r#"SELECT t.id AS "id!", t.name, t.user_id, t.org_id, t.scopes, t.made_as AS "made_as: OrgRole",
                  m.org_role AS "org_role: OrgRole", t.last_used_at AS "last_used_at: Timestamp", t.last_used_ip,
                  ("#,
        r#" AND u.totp_enabled_at IS NULL) AS "must_set_up_two_factor!: bool"
           FROM access_tokens t
           JOIN users u ON u.id = t.user_id
           JOIN org_members m ON m.user_id = t.user_id AND m.org_id = t.org_id
           JOIN orgs o ON o.id = t.org_id
           WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
             AND NOT u.disabled"#,
        hash,
        now
    ))
    .fetch_optional(pool)
    .await?;
    // `OrgRole` orders Owner before Admin before Member: a greater role is a lesser one.
    let Some(row) = row.filter(|r| r.org_role <= r.made_as && !r.must_set_up_two_factor) else {
        return Ok(None);
    };
    let stale = row.last_used_at.is_none_or(|at| at < now - USED_EVERY);
    if stale || row.last_used_ip.as_deref() != Some(ip) {
        sqlx::query!(
            "UPDATE access_tokens SET last_used_at = $1, last_used_ip = $2 WHERE id = $3",
            now,
            ip,
            row.id
        )
        .execute(pool)
        .await?;
    }
    Ok(Some(TokenGrant {
        token_id: row.id,
        label: label(&row.name, row.id),
        user_id: row.user_id,
        org_id: row.org_id,
        role: row.org_role,
        scopes: TokenScope::split(&row.scopes),
    }))
}

/// End the person's tokens in the organization, in the change's transaction (removal).
pub async fn revoke_all_of(tx: &mut Tx, org_id: i64, user_id: i64) -> DomainResult<u64> {
    let now = common::now();
    Ok(sqlx::query!(
        "UPDATE access_tokens SET revoked_at = $1 WHERE org_id = $2 AND user_id = $3 AND revoked_at IS NULL",
        now,
        org_id,
        user_id
    )
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// Forget tokens revoked or expired more than 90 days ago (scheduled work); their activities keep
/// their names.
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let before = common::now() - chrono::Duration::days(90);
    Ok(sqlx::query!(
        "DELETE FROM access_tokens WHERE revoked_at < $1 OR expires_at < $1",
        before
    )
    .execute(pool)
    .await?
    .rows_affected())
}
