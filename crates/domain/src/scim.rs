//! SCIM 2.0 provisioning: the organization's identity provider creates, changes, suspends and
//! removes its people with a bearer token the tab shows once. Every person it touches has an
//! address at a domain the organization verified (checked in the writing transaction), so a
//! provider can never bring in, or rename someone to, an address outside them. Owners stay the
//! console's: provisioning may rename them, never change their address, suspend or remove them,
//! which keeps a way in when the provider goes wrong.

use common::scim::{Profile, ProvisionedUser, UserFilter, UserQuery};
use common::text::said;
use common::tokens::{new_token, token_hash};
use common::{iso, spoken, Actor, DomainError, DomainResult, Timestamp};
use contract::text::scim as texts;
use contract::{email_at, fill, ActivityKey, NewScimToken, OrgRole, Permission, ScimToken};
use std::net::IpAddr;

use crate::activity::{self, By, Change};
use crate::db::{self, Db, Pool, Tx};
use crate::throttle::{self, Secret, Subject};
use crate::{authorize, sessions};

/// The longest name, userName, externalId or address type kept.
pub const MAX_TEXT_CHARS: usize = 255;

/// What the tab shows of the token: when it was made and last used.
pub async fn token(pool: &Pool, org_id: i64) -> DomainResult<Option<ScimToken>> {
    let row = sqlx::query!(
        r#"SELECT created_at AS "created_at: Timestamp", last_used_at AS "last_used_at: Timestamp"
           FROM scim_tokens WHERE org_id = $1"#,
        org_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|t| ScimToken {
        created_at: iso(t.created_at),
        last_used_at: t.last_used_at.map(iso),
    }))
}

/// Make the organization's token, replacing the one before (which stops working at once).
pub async fn generate_token(pool: &Pool, actor: &Actor) -> DomainResult<NewScimToken> {
    let (token, now) = (new_token(), common::now());
    let hash = token_hash(&token);
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    sqlx::query!(
        "INSERT INTO scim_tokens (org_id, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id) DO UPDATE SET token_hash = $2, created_by = $3, created_at = $4, last_used_at = NULL",
        actor.org_id,
        hash,
        actor.user_id,
        now
    )
    .execute(&mut *tx)
    .await?;
    let change = Change::new(ActivityKey::ScimTokenCreate).on(actor.org_id, "SCIM");
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(NewScimToken {
        token,
        created_at: iso(now),
    })
}

/// Revoke the token: provisioning stops until another is generated.
pub async fn revoke_token(pool: &Pool, actor: &Actor) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let gone = sqlx::query!("DELETE FROM scim_tokens WHERE org_id = $1", actor.org_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Err(DomainError::not_found("The SCIM token"));
    }
    let change = Change::new(ActivityKey::ScimTokenRevoke).on(actor.org_id, "SCIM");
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(())
}

/// The organization a SCIM token provisions. A wrong token is counted against the client's
/// address, and an address that sent too many is refused before its token is even looked at.
pub async fn provisioner(pool: &Pool, token: &str, client: IpAddr) -> DomainResult<i64> {
    let hash = token_hash(token.trim());
    let org_id = sqlx::query_scalar!(
        r#"SELECT org_id AS "org_id!" FROM scim_tokens WHERE token_hash = $1"#,
        hash
    )
    .fetch_optional(pool)
    .await?;
    let Some(org_id) = org_id else {
        let subject = Subject {
            secret: Secret::ScimToken,
            account: "",
            user_id: None,
            client,
            proven: false,
        };
        // Counted and dropped: the attempt stays in the address's counter.
        let _counted = throttle::begin(pool, subject)
            .await?
            .map_err(|throttled| throttled.into_error(said().attempt_sign_in))?;
        return Err(DomainError::unauthorized());
    };
    // Its last use is noted at most once a minute, so a provider's burst of requests does not
    // queue a write for each.
    let now = common::now();
    let a_minute_ago = now - chrono::Duration::minutes(1);
    let mut tx = db::write_rows(pool).await?;
    sqlx::query!(
        "UPDATE scim_tokens SET last_used_at = $1
         WHERE token_hash = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
        now,
        hash,
        a_minute_ago
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(org_id)
}

struct Row {
    id: i64,
    user_name: String,
    external_id: Option<String>,
    firstname: String,
    lastname: String,
    email: String,
    email_type: Option<String>,
    email_primary: bool,
    disabled: bool,
    role: OrgRole,
    created: Timestamp,
    last_modified: Timestamp,
}

impl Row {
    fn into_user(self) -> ProvisionedUser {
        ProvisionedUser {
            id: self.id,
            profile: Profile {
                user_name: self.user_name,
                external_id: self.external_id,
                given_name: self.firstname,
                family_name: self.lastname,
                email: self.email,
                email_type: self.email_type,
                email_primary: self.email_primary,
                active: !self.disabled,
            },
            created: self.created,
            last_modified: self.last_modified,
        }
    }
}

/// The filter as the query's optional parameters.
struct Wanted {
    user_name: Option<String>,
    external_id: Option<String>,
    email: Option<String>,
    id: Option<i64>,
}

impl Wanted {
    fn of(filter: Option<&UserFilter>) -> Wanted {
        let mut wanted = Wanted {
            user_name: None,
            external_id: None,
            email: None,
            id: None,
        };
        match filter {
            Some(UserFilter::UserName(name)) => wanted.user_name = Some(name.to_lowercase()),
            Some(UserFilter::ExternalId(id)) => wanted.external_id = Some(id.clone()),
            Some(UserFilter::Email(email)) => wanted.email = Some(email.to_lowercase()),
            Some(UserFilter::Id(id)) => wanted.id = Some(*id),
            None => {}
        }
        wanted
    }
}

/// One page of the organization's people, and how many match in all.
pub async fn users(pool: &Pool, org_id: i64, query: &UserQuery) -> DomainResult<(i64, Vec<ProvisionedUser>)> {
    let w = Wanted::of(query.filter.as_ref());
    let total = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64"
           FROM org_members m JOIN users u ON u.id = m.user_id
           LEFT JOIN scim_users s ON s.user_id = u.id AND s.org_id = m.org_id
           WHERE m.org_id = $1
             AND (COALESCE(s.user_name_key, lower(u.email)) = $2 OR $2 IS NULL)
             AND (s.external_id = $3 OR $3 IS NULL)
             AND (u.email = $4 OR $4 IS NULL)
             AND (u.id = $5 OR $5 IS NULL)"#,
        org_id,
        w.user_name,
        w.external_id,
        w.email,
        w.id
    )
    .fetch_one(pool)
    .await?;
    let (limit, offset) = (query.count.max(0), (query.start_index - 1).max(0));
    let rows = rows(pool, org_id, &w, limit, offset).await?;
    Ok((total, rows.into_iter().map(Row::into_user).collect()))
}

/// The people `w` asks for, in the order of their ids.
async fn rows<'c, E>(executor: E, org_id: i64, w: &Wanted, limit: i64, offset: i64) -> DomainResult<Vec<Row>>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    Ok(sqlx::query_as!(
        Row,
        r#"SELECT u.id AS "id!", COALESCE(s.user_name, u.email) AS "user_name!: String", s.external_id AS "external_id?",
                  u.firstname, u.lastname, u.email, s.email_type AS "email_type?",
                  COALESCE(s.email_primary, TRUE) AS "email_primary!: bool", u.disabled AS "disabled!: bool",
                  m.org_role AS "role: OrgRole", m.created_at AS "created: Timestamp",
                  COALESCE(s.updated_at, m.created_at) AS "last_modified!: Timestamp"
           FROM org_members m JOIN users u ON u.id = m.user_id
           LEFT JOIN scim_users s ON s.user_id = u.id AND s.org_id = m.org_id
           WHERE m.org_id = $1
             AND (COALESCE(s.user_name_key, lower(u.email)) = $2 OR $2 IS NULL)
             AND (s.external_id = $3 OR $3 IS NULL)
             AND (u.email = $4 OR $4 IS NULL)
             AND (u.id = $5 OR $5 IS NULL)
           ORDER BY u.id LIMIT $6 OFFSET $7"#,
        org_id,
        w.user_name,
        w.external_id,
        w.email,
        w.id,
        limit,
        offset
    )
    .fetch_all(executor)
    .await?)
}

async fn row(tx: &mut Tx, org_id: i64, id: i64) -> DomainResult<Row> {
    let w = Wanted::of(Some(&UserFilter::Id(id)));
    rows(&mut **tx, org_id, &w, 1, 0)
        .await?
        .pop()
        .ok_or_else(|| DomainError::not_found("The user"))
}

/// One person of the organization.
pub async fn user(pool: &Pool, org_id: i64, id: i64) -> DomainResult<ProvisionedUser> {
    let mut tx = pool.begin().await?;
    Ok(row(&mut tx, org_id, id).await?.into_user())
}

/// What is wrong with a profile whatever the organization: its lengths, and an address.
fn well_formed(profile: &Profile) -> DomainResult<()> {
    let lang = spoken();
    if profile.user_name.trim().is_empty() {
        return Err(DomainError::invalid("userName", texts(lang).enter_user_name));
    }
    if !profile.email.contains('@') {
        return Err(DomainError::invalid("emails", texts(lang).enter_email));
    }
    let fields = [
        ("userName", Some(&profile.user_name)),
        ("externalId", profile.external_id.as_ref()),
        ("name.givenName", Some(&profile.given_name)),
        ("name.familyName", Some(&profile.family_name)),
        ("emails", Some(&profile.email)),
        ("emails.type", profile.email_type.as_ref()),
    ];
    for (field, value) in fields {
        if value.is_some_and(|v| v.chars().count() > MAX_TEXT_CHARS) {
            let message = fill(texts(lang).too_long, &[&field, &MAX_TEXT_CHARS]);
            return Err(DomainError::invalid(field, message));
        }
    }
    Ok(())
}

/// Refuse an address outside the domains the organization has verified now.
async fn at_verified_domain(tx: &mut Tx, org_id: i64, email: &str) -> DomainResult<()> {
    let domains = sqlx::query_scalar!(
        "SELECT domain FROM sso_domains WHERE org_id = $1 AND verified_at IS NOT NULL",
        org_id
    )
    .fetch_all(&mut **tx)
    .await?;
    let domains: Vec<&str> = domains.iter().map(String::as_str).collect();
    if email_at(email, &domains) {
        return Ok(());
    }
    let message = fill(texts(spoken()).outside_domains, &[&email]);
    Err(DomainError::invalid("emails", message))
}

/// Refuse a userName someone else in the organization has (in any case).
async fn user_name_free(tx: &mut Tx, org_id: i64, user_name: &str, except: Option<i64>) -> DomainResult<()> {
    let wanted = user_name.to_lowercase();
    let taken = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64"
           FROM org_members m JOIN users u ON u.id = m.user_id
           LEFT JOIN scim_users s ON s.user_id = u.id AND s.org_id = m.org_id
           WHERE m.org_id = $1 AND COALESCE(s.user_name_key, lower(u.email)) = $2 AND (u.id <> $3 OR $3 IS NULL)"#,
        org_id,
        wanted,
        except
    )
    .fetch_one(&mut **tx)
    .await?;
    if taken > 0 {
        let message = fill(texts(spoken()).user_name_taken, &[&user_name]);
        return Err(DomainError::conflict("uniqueness", message).at("userName"));
    }
    Ok(())
}

async fn keep_names(tx: &mut Tx, org_id: i64, user_id: i64, profile: &Profile, now: Timestamp) -> DomainResult<()> {
    let key = profile.user_name.to_lowercase();
    sqlx::query!(
        "INSERT INTO scim_users (user_id, org_id, user_name, user_name_key, external_id, email_type, email_primary, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (user_id) DO UPDATE SET org_id = $2, user_name = $3, user_name_key = $4, external_id = $5,
             email_type = $6, email_primary = $7, updated_at = $8",
        user_id,
        org_id,
        profile.user_name,
        key,
        profile.external_id,
        profile.email_type,
        profile.email_primary,
        now
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Bring a person into the organization: a new account without a password (they sign in with
/// SSO, or set one by reset), or the account of that address when it belongs to no organization.
/// They join with the tab's default role.
pub async fn create(pool: &Pool, org_id: i64, profile: &Profile) -> DomainResult<ProvisionedUser> {
    well_formed(profile)?;
    let lang = spoken();
    let email = profile.email.trim().to_lowercase();
    let now = common::now();
    let mut tx = db::write(pool).await?;
    at_verified_domain(&mut tx, org_id, &email).await?;
    user_name_free(&mut tx, org_id, &profile.user_name, None).await?;
    let existing = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM users WHERE email = $1"#, email)
        .fetch_optional(&mut *tx)
        .await?;
    let disabled = !profile.active;
    let user_id = match existing {
        Some(user_id) => {
            match sessions::membership(&mut tx, user_id).await? {
                Some((other, _)) if other != org_id => {
                    let message = fill(texts(lang).other_organization, &[&email]);
                    return Err(DomainError::conflict("uniqueness", message).at("emails"));
                }
                Some(_) => {
                    let message = fill(texts(lang).email_taken, &[&email]);
                    return Err(DomainError::conflict("uniqueness", message).at("emails"));
                }
                None => {}
            }
            sqlx::query!(
                "UPDATE users SET firstname = $1, lastname = $2, disabled = $3 WHERE id = $4",
                profile.given_name,
                profile.family_name,
                disabled,
                user_id
            )
            .execute(&mut *tx)
            .await?;
            user_id
        }
        None => {
            sqlx::query_scalar!(
                r#"INSERT INTO users (email, firstname, lastname, created_at, disabled) VALUES ($1, $2, $3, $4, $5)
                   RETURNING id AS "id!""#,
                email,
                profile.given_name,
                profile.family_name,
                now,
                disabled
            )
            .fetch_one(&mut *tx)
            .await?
        }
    };
    crate::sso::join_with_default_role(&mut tx, org_id, user_id, now).await?;
    keep_names(&mut tx, org_id, user_id, profile, now).await?;
    let name = shown_name(profile, &email);
    let joined = Change::new(ActivityKey::OrgUserScimJoin).on(user_id, name).to(user_id);
    activity::record(&mut tx, org_id, By::Server, joined).await?;
    let created = row(&mut tx, org_id, user_id).await?.into_user();
    tx.commit().await?;
    Ok(created)
}

fn shown_name(profile: &Profile, email: &str) -> String {
    crate::people::display_name(&profile.given_name, &profile.family_name, email)
}

/// Change a person to what `change` makes of their profile as it is now (a replace sends the
/// whole of it; a PATCH applies its operations), in one transaction, so two changes at once
/// each see the other's result.
pub async fn update(
    pool: &Pool,
    org_id: i64,
    id: i64,
    change: impl FnOnce(Profile) -> DomainResult<Profile>,
) -> DomainResult<ProvisionedUser> {
    let lang = spoken();
    let mut tx = db::write(pool).await?;
    let before = row(&mut tx, org_id, id).await?;
    let is_owner = before.role == OrgRole::Owner;
    let before = before.into_user();
    let mut after = change(before.profile.clone())?;
    after.email = after.email.trim().to_lowercase();
    well_formed(&after)?;
    if after == before.profile {
        return Ok(before);
    }
    let moves = after.email != before.profile.email;
    if is_owner && (moves || !after.active) {
        return Err(DomainError::refused("mutability", texts(lang).owner_kept));
    }
    if moves {
        at_verified_domain(&mut tx, org_id, &after.email).await?;
        let elsewhere = sqlx::query_scalar!(
            r#"SELECT COUNT(*) AS "n!: i64" FROM users WHERE email = $1 AND id <> $2"#,
            after.email,
            id
        )
        .fetch_one(&mut *tx)
        .await?;
        if elsewhere > 0 {
            let message = fill(texts(lang).email_taken, &[&after.email]);
            return Err(DomainError::conflict("uniqueness", message).at("emails"));
        }
    }
    if !after.user_name.eq_ignore_ascii_case(&before.profile.user_name) {
        user_name_free(&mut tx, org_id, &after.user_name, Some(id)).await?;
    }
    let now = common::now();
    let disabled = !after.active;
    sqlx::query!(
        "UPDATE users SET email = $1, firstname = $2, lastname = $3, disabled = $4 WHERE id = $5",
        after.email,
        after.given_name,
        after.family_name,
        disabled,
        id
    )
    .execute(&mut *tx)
    .await?;
    keep_names(&mut tx, org_id, id, &after, now).await?;
    if before.profile.active != after.active {
        let key = if after.active {
            ActivityKey::OrgUserScimReactivate
        } else {
            sign_out_everywhere(&mut tx, org_id, id, now).await?;
            ActivityKey::OrgUserScimSuspend
        };
        let change = Change::new(key).on(id, shown_name(&after, &after.email)).to(id);
        activity::record(&mut tx, org_id, By::Server, change).await?;
    }
    let updated = row(&mut tx, org_id, id).await?.into_user();
    tx.commit().await?;
    Ok(updated)
}

/// End the person's sessions and their tokens in the organization.
async fn sign_out_everywhere(tx: &mut Tx, org_id: i64, user_id: i64, now: Timestamp) -> DomainResult<()> {
    sqlx::query!(
        "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        now,
        user_id
    )
    .execute(&mut **tx)
    .await?;
    crate::accounts::tokens::revoke_all_of(tx, org_id, user_id).await?;
    Ok(())
}

/// Remove a person from the organization and its spaces, and sign them out. Their account and
/// their own spaces stay, as when an admin removes someone.
pub async fn remove(pool: &Pool, org_id: i64, id: i64) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    let target = row(&mut tx, org_id, id).await?;
    if target.role == OrgRole::Owner {
        return Err(DomainError::refused("mutability", texts(spoken()).owner_kept));
    }
    let now = common::now();
    sqlx::query!(
        "DELETE FROM space_collaborators WHERE user_id = $1 AND space_id IN (SELECT id FROM spaces WHERE org_id = $2)",
        id,
        org_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("DELETE FROM scim_users WHERE user_id = $1", id)
        .execute(&mut *tx)
        .await?;
    crate::scim_groups::leave_all(&mut tx, org_id, id).await?;
    sqlx::query!("DELETE FROM org_members WHERE org_id = $1 AND user_id = $2", org_id, id)
        .execute(&mut *tx)
        .await?;
    sign_out_everywhere(&mut tx, org_id, id, now).await?;
    let name = crate::people::display_name(&target.firstname, &target.lastname, &target.email);
    let change = Change::new(ActivityKey::OrgUserScimRemove).on(id, name).to(id);
    activity::record(&mut tx, org_id, By::Server, change).await?;
    tx.commit().await?;
    Ok(())
}
