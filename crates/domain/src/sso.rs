//! SSO & Provisioning: the organization's SSO identifier and the domains it proves with a DNS TXT
//! record. "Verify" looks the record up (outside any transaction: DNS may be slow) and then marks
//! the domain verified in a guarded write, where a domain another organization verified first is
//! refused (one organization at a time; a unique index holds it too). The scheduler re-checks
//! verified domains daily ([`recheck`]) and takes the verification back from one whose record is
//! gone. What a lookup could not tell (the resolver down) changes nothing.

use chrono::Duration;
use common::dns::{TxtAnswer, TxtLookup};
use common::mail::{self as letters, Links, MailKind};
use common::tokens::new_token;
use common::{iso, spoken, Actor, DomainError, DomainResult, Kind, Timestamp};
use contract::text::sso as texts;
use contract::{
    challenge_name, default_role_problem, fill, identifier_problem, saml_acs_path, saml_metadata_path, sso_domain,
    ActivityKey, DomainStatus, NewSsoDomain, OidcConnection, OrgRole, Permission, SamlConnection, SamlServiceProvider,
    SsoChange, SsoDomain, SsoSettings, DOMAIN_CHALLENGE_PREFIX, MAX_SSO_DOMAINS, OIDC_CALLBACK_PATH, SCIM_PATH,
};

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::{authorize, outbox};

/// How long a verified domain goes between re-checks.
pub const RECHECK_EVERY: Duration = Duration::hours(24);
/// How many domains one scheduler round re-checks (the rest wait for the next round).
const RECHECKS_PER_ROUND: i64 = 200;

struct DomainRow {
    id: i64,
    domain: String,
    token: String,
    created_at: Timestamp,
    verified_at: Option<Timestamp>,
    checked_at: Option<Timestamp>,
    lost_at: Option<Timestamp>,
}

impl DomainRow {
    fn record_value(&self) -> String {
        format!("{DOMAIN_CHALLENGE_PREFIX}{}", self.token)
    }

    fn into_domain(self) -> SsoDomain {
        let status = match (self.verified_at, self.lost_at) {
            (Some(_), _) => DomainStatus::Verified,
            (None, Some(_)) => DomainStatus::Lost,
            (None, None) => DomainStatus::Pending,
        };
        SsoDomain {
            id: self.id,
            record_name: challenge_name(&self.domain),
            record_value: self.record_value(),
            domain: self.domain,
            status,
            created_at: iso(self.created_at),
            verified_at: self.verified_at.map(iso),
            checked_at: self.checked_at.map(iso),
            lost_at: self.lost_at.map(iso),
        }
    }
}

async fn domain_rows(pool: &Pool, org_id: i64, id: Option<i64>) -> DomainResult<Vec<DomainRow>> {
    Ok(sqlx::query_as!(
        DomainRow,
        r#"SELECT id AS "id!", domain, token, created_at AS "created_at: Timestamp",
                  verified_at AS "verified_at: Timestamp", checked_at AS "checked_at: Timestamp",
                  lost_at AS "lost_at: Timestamp"
           FROM sso_domains WHERE org_id = $1 AND id = COALESCE($2, id) ORDER BY domain"#,
        org_id,
        id
    )
    .fetch_all(pool)
    .await?)
}

async fn one(pool: &Pool, org_id: i64, id: i64) -> DomainResult<DomainRow> {
    domain_rows(pool, org_id, Some(id))
        .await?
        .pop()
        .ok_or_else(|| DomainError::not_found("Domain"))
}

/// The tab's content (the route lets owners and admins through).
pub async fn settings(pool: &Pool, links: &Links, actor: &Actor) -> DomainResult<SsoSettings> {
    let org = sqlx::query!(
        r#"SELECT COALESCE(sso_identifier, slug) AS "identifier!", sso_default_role AS "default_role: OrgRole",
                  sso_required AS "require_sso!: bool"
           FROM orgs WHERE id = $1"#,
        actor.org_id
    )
    .fetch_one(pool)
    .await?;
    let provider = sqlx::query!(
        r#"SELECT protocol, issuer, client_id, updated_at AS "updated_at: Timestamp", sso_url, certificate_info
           FROM sso_connections WHERE org_id = $1"#,
        actor.org_id
    )
    .fetch_optional(pool)
    .await?;
    let updated_at = provider.as_ref().map(|p| iso(p.updated_at));
    let (oidc, saml) = match provider {
        Some(p) if p.protocol == "saml" => (
            None,
            Some(SamlConnection {
                entity_id: p.issuer,
                sso_url: p.sso_url,
                certificates: crate::saml::shown_certificates(&p.certificate_info),
                updated_at: updated_at.unwrap_or_default(),
            }),
        ),
        Some(p) => (
            Some(OidcConnection {
                issuer: p.issuer,
                client_id: p.client_id,
                updated_at: updated_at.unwrap_or_default(),
            }),
            None,
        ),
        None => (None, None),
    };
    let public_url = &links.public_url;
    let metadata_url = format!("{public_url}{}", saml_metadata_path(&org.identifier));
    Ok(SsoSettings {
        identifier: org.identifier.clone(),
        default_role: org.default_role,
        domains: domain_rows(pool, actor.org_id, None)
            .await?
            .into_iter()
            .map(DomainRow::into_domain)
            .collect(),
        oidc,
        redirect_uri: format!("{public_url}{OIDC_CALLBACK_PATH}"),
        saml,
        saml_service_provider: SamlServiceProvider {
            acs_url: format!("{public_url}{}", saml_acs_path(&org.identifier)),
            entity_id: metadata_url.clone(),
            metadata_url,
        },
        require_sso: org.require_sso,
        scim_url: format!("{}{SCIM_PATH}", links.public_url),
        scim_token: crate::scim::token(pool, actor.org_id).await?,
        scim_groups: crate::scim_groups::listed(pool, actor.org_id).await?,
    })
}

/// The domains of the organization that are verified now: the only ones whose addresses may come
/// in through single sign-on or provisioning.
pub async fn verified_domains(pool: &Pool, org_id: i64) -> DomainResult<Vec<String>> {
    Ok(sqlx::query_scalar!(
        "SELECT domain FROM sso_domains WHERE org_id = $1 AND verified_at IS NOT NULL ORDER BY domain",
        org_id
    )
    .fetch_all(pool)
    .await?)
}

/// Make someone a member of the organization with the role the tab gives people new to it, as
/// single sign-on and provisioning do; the role given is returned.
pub(crate) async fn join_with_default_role(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    now: Timestamp,
) -> DomainResult<OrgRole> {
    let role = sqlx::query_scalar!(
        r#"SELECT sso_default_role AS "role: OrgRole" FROM orgs WHERE id = $1"#,
        org_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let role_text = role.as_str();
    sqlx::query!(
        "INSERT INTO org_members (org_id, user_id, org_role, created_at) VALUES ($1, $2, $3, $4)",
        org_id,
        user_id,
        role_text,
        now
    )
    .execute(&mut **tx)
    .await?;
    Ok(role)
}

/// Change the SSO identifier and the default role. Another organization's identifier is refused
/// at `identifier`.
pub async fn change(pool: &Pool, links: &Links, actor: &Actor, request: &SsoChange) -> DomainResult<SsoSettings> {
    let identifier = request.identifier.trim();
    if let Some(message) = identifier_problem(identifier, spoken()) {
        return Err(DomainError::invalid("identifier", message));
    }
    if let Some(message) = default_role_problem(request.default_role, spoken()) {
        return Err(DomainError::invalid("default_role", message));
    }
    let role = request.default_role.as_str();
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let taken = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM orgs WHERE sso_identifier = $1 AND id <> $2"#,
        identifier,
        actor.org_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        let message = fill(texts(spoken()).identifier_taken, &[&identifier]);
        return Err(DomainError::conflict("identifier_taken", message).at("identifier"));
    }
    // Required only with a way in: a provider, and a domain verified now (checked in the same
    // transaction as the write, so a provider removed meanwhile is seen).
    if request.require_sso {
        let ready = sqlx::query_scalar!(
            r#"SELECT (EXISTS (SELECT 1 FROM sso_connections WHERE org_id = $1)
                       AND EXISTS (SELECT 1 FROM sso_domains WHERE org_id = $1 AND verified_at IS NOT NULL)) AS "ready!: bool""#,
            actor.org_id
        )
        .fetch_one(&mut *tx)
        .await?;
        if !ready {
            return Err(DomainError::invalid("require_sso", texts(spoken()).require_sso_needs));
        }
    }
    let required = request.require_sso;
    let changed = sqlx::query!(
        "UPDATE orgs SET sso_identifier = $1, sso_default_role = $3, sso_required = $4
         WHERE id = $2 AND (sso_identifier IS NULL OR sso_identifier <> $1 OR sso_default_role <> $3 OR sso_required <> $4)",
        identifier,
        actor.org_id,
        role,
        required
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed > 0 {
        let change = Change::new(ActivityKey::SsoUpdate).on(actor.org_id, identifier);
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    settings(pool, links, actor).await
}

/// List a domain; its TXT record is made here and shown until it is verified.
pub async fn add_domain(pool: &Pool, actor: &Actor, request: &NewSsoDomain) -> DomainResult<SsoDomain> {
    let domain = sso_domain(&request.domain, spoken()).map_err(|message| DomainError::invalid("domain", message))?;
    let (token, now) = (new_token(), common::now());
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let listed = sqlx::query!(
        r#"SELECT COUNT(*) AS "all!: i64", COUNT(CASE WHEN domain = $2 THEN 1 END) AS "same!: i64"
           FROM sso_domains WHERE org_id = $1"#,
        actor.org_id,
        domain
    )
    .fetch_one(&mut *tx)
    .await?;
    if listed.same > 0 {
        let message = fill(texts(spoken()).domain_listed, &[&domain]);
        return Err(DomainError::conflict("domain_listed", message).at("domain"));
    }
    if listed.all >= MAX_SSO_DOMAINS as i64 {
        let message = fill(texts(spoken()).too_many_domains, &[&MAX_SSO_DOMAINS]);
        return Err(DomainError::conflict("too_many_domains", message));
    }
    let id = sqlx::query_scalar!(
        r#"INSERT INTO sso_domains (org_id, domain, token, created_at) VALUES ($1, $2, $3, $4)
           RETURNING id AS "id!""#,
        actor.org_id,
        domain,
        token,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    recorded(tx, actor, ActivityKey::SsoDomainCreate, id, &domain).await?;
    Ok(one(pool, actor.org_id, id).await?.into_domain())
}

/// Look the domain's record up and, when it holds the value shown, mark the domain verified.
/// Verifying one already verified checks the record again.
pub async fn verify_domain(pool: &Pool, dns: &dyn TxtLookup, actor: &Actor, id: i64) -> DomainResult<SsoDomain> {
    let row = one(pool, actor.org_id, id).await?;
    let name = challenge_name(&row.domain);
    let expected = row.record_value();
    let lang = spoken();
    match dns.txt(&name).await {
        TxtAnswer::Failed(reason) => {
            let message = fill(texts(lang).dns_unreachable, &[&name, &reason]);
            return Err(DomainError::new(Kind::Unavailable, "dns_unavailable", message)
                .retry_after(std::time::Duration::from_secs(5)));
        }
        TxtAnswer::Records(records) if !records.iter().any(|r| r.trim() == expected) => {
            let message = if records.is_empty() {
                fill(texts(lang).record_missing, &[&name])
            } else {
                let shown: Vec<String> = records.iter().take(3).map(|r| format!("“{}”", cut(r, 80))).collect();
                fill(texts(lang).record_differs, &[&name, &shown.join(", ")])
            };
            return Err(DomainError::new(Kind::Invalid, "record_not_found", message).at("domain"));
        }
        TxtAnswer::Records(_) => {}
    }
    let now = common::now();
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let elsewhere = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM sso_domains WHERE domain = $1 AND org_id <> $2 AND verified_at IS NOT NULL"#,
        row.domain,
        actor.org_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if elsewhere > 0 {
        let message = fill(texts(lang).domain_taken, &[&row.domain]);
        return Err(DomainError::conflict("domain_taken", message).at("domain"));
    }
    // Guarded by the token read before the lookup: a domain removed (and listed again, with a new
    // record) meanwhile is not verified by the old record.
    let newly = sqlx::query!(
        "UPDATE sso_domains SET verified_at = COALESCE(verified_at, $1), checked_at = $1, lost_at = NULL
         WHERE id = $2 AND org_id = $3 AND token = $4",
        now,
        id,
        actor.org_id,
        row.token
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if newly == 0 {
        return Err(DomainError::not_found("Domain"));
    }
    if row.verified_at.is_none() {
        let change = Change::new(ActivityKey::SsoDomainVerify).on(id, row.domain.clone());
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    Ok(one(pool, actor.org_id, id).await?.into_domain())
}

/// Remove a domain: its addresses no longer come in through SSO or provisioning.
pub async fn remove_domain(pool: &Pool, actor: &Actor, id: i64) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let domain = sqlx::query_scalar!(
        "DELETE FROM sso_domains WHERE id = $1 AND org_id = $2 RETURNING domain",
        id,
        actor.org_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| DomainError::not_found("Domain"))?;
    recorded(tx, actor, ActivityKey::SsoDomainDestroy, id, &domain).await
}

async fn recorded(mut tx: Tx, actor: &Actor, key: ActivityKey, id: i64, domain: &str) -> DomainResult<()> {
    activity::record(&mut tx, actor.org_id, By::Actor(actor), Change::new(key).on(id, domain)).await?;
    tx.commit().await?;
    Ok(())
}

/// What one round of re-checks did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rechecked {
    /// Records still found.
    pub kept: usize,
    /// Records gone: those domains are no longer verified.
    pub lost: usize,
    /// Lookups the resolver could not answer; they are tried again next round.
    pub unknown: usize,
}

/// Re-check the verified domains last checked a day ago or more.
pub async fn recheck(pool: &Pool, dns: &dyn TxtLookup, links: &Links) -> DomainResult<Rechecked> {
    let due_before = common::now() - RECHECK_EVERY;
    let due = sqlx::query!(
        r#"SELECT id AS "id!", org_id, domain, token FROM sso_domains
           WHERE verified_at IS NOT NULL AND (checked_at IS NULL OR checked_at <= $1)
           ORDER BY checked_at LIMIT $2"#,
        due_before,
        RECHECKS_PER_ROUND
    )
    .fetch_all(pool)
    .await?;
    let mut round = Rechecked::default();
    for domain in due {
        let expected = format!("{DOMAIN_CHALLENGE_PREFIX}{}", domain.token);
        let found = match dns.txt(&challenge_name(&domain.domain)).await {
            TxtAnswer::Failed(reason) => {
                tracing::warn!(domain = %domain.domain, %reason, "a verified domain's record could not be looked up; it is tried again next round");
                round.unknown += 1;
                continue;
            }
            TxtAnswer::Records(records) => records.iter().any(|r| r.trim() == expected),
        };
        let now = common::now();
        let mut tx = db::write(pool).await?;
        // Guarded: a domain removed, or verified again, meanwhile is left as it is now.
        let (lost_at, lost) = (now, !found);
        let changed = sqlx::query!(
            "UPDATE sso_domains SET checked_at = $1,
                 verified_at = CASE WHEN $4 THEN NULL ELSE verified_at END,
                 lost_at = CASE WHEN $4 THEN $5 ELSE lost_at END
             WHERE id = $2 AND token = $3 AND verified_at IS NOT NULL",
            now,
            domain.id,
            domain.token,
            lost,
            lost_at
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed > 0 && !found {
            let change = Change::new(ActivityKey::SsoDomainLost).on(domain.id, domain.domain.clone());
            activity::record(&mut tx, domain.org_id, By::Server, change).await?;
            let name = challenge_name(&domain.domain);
            outbox::tell_managers(
                &mut tx,
                links,
                domain.org_id,
                MailKind::DomainLost,
                "/settings/sso",
                |brand, to, link| letters::domain_lost(brand, to, &domain.domain, &name, link),
            )
            .await?;
            round.lost += 1;
        } else if changed > 0 {
            round.kept += 1;
        }
        tx.commit().await?;
    }
    Ok(round)
}

/// At most `chars` characters of a record someone else published.
fn cut(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
