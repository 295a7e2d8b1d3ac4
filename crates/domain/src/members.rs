//! The organization's members: read one page at a time or whole, exported, and changed (role,
//! removal) under the rules of `contract::roles`, re-checked inside the change's transaction by
//! guarded statements, so no interleaving of changes leaves the organization without an owner or
//! admin (or, while subscribed, without an owner).

use contract::activity_params::{BeforeAfter, Removed, RoleChanged, UsersExported};
use contract::{ExportFormat, Params};
use std::collections::{BTreeMap, HashMap};

use common::filters::{like_pattern, UserFilter};
use common::{iso, Actor, DomainError, DomainResult, Timestamp};
use contract::UserSort;
use contract::{check_removal, check_role_change, ActivityKey, Keepers, OrgRole, OrgUser, Party, Permission, Refusal};

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::undo::{self, Restore};
use crate::{authorize, current_role, people};

/// A member as stored: `users u` joined with `org_members m`.
struct UserRow {
    id: i64,
    email: String,
    firstname: String,
    lastname: String,
    avatar: Option<String>,
    org_role: OrgRole,
    sign_in_count: i64,
    created_at: Timestamp,
    last_sign_in_at: Option<Timestamp>,
    disabled: bool,
    two_factor: bool,
}

/// The members `$tail` (conditions and order, bound from `$1`) picks, as [`UserRow`]s.
macro_rules! members {
    ($($tail:literal)+ $(, $arg:expr)*) => {
        sqlx::query_as!(
            UserRow,
            r#"SELECT u.id AS "id!", u.email, u.firstname, u.lastname, u.avatar, m.org_role AS "org_role: OrgRole",
                      u.sign_in_count, u.created_at AS "created_at: Timestamp",
                      u.last_sign_in_at AS "last_sign_in_at: Timestamp", u.disabled AS "disabled: bool",
                      u.totp_enabled_at IS NOT NULL AS "two_factor!: bool"
               FROM org_members m JOIN users u ON u.id = m.user_id "# $(+ $tail)+ $(, $arg)*
        )
    };
}

pub type SpaceRoles = BTreeMap<String, Vec<String>>;

/// Each user's collaborator roles on the organization's spaces; personal spaces stay private.
/// With `only` set, just for those users.
pub async fn roles_on_spaces(pool: &Pool, org_id: i64, only: Option<&[i64]>) -> DomainResult<HashMap<i64, SpaceRoles>> {
    if only.is_some_and(|ids| ids.is_empty()) {
        return Ok(HashMap::new());
    }
    #[cfg(sqlite)]
    let only = only.map(|ids| serde_json::to_string(ids).unwrap_or_default());
    #[cfg(sqlite)]
    let rows = sqlx::query!(
        "SELECT c.user_id, c.space_id, c.role FROM space_collaborators c JOIN spaces s ON s.id = c.space_id
         WHERE s.org_id = $1 AND ($2 IS NULL OR c.user_id IN (SELECT value FROM json_each($2)))
         ORDER BY c.space_id",
        org_id,
        only
    )
    .fetch_all(pool)
    .await?;
    #[cfg(postgres)]
    let rows = sqlx::query!(
        "SELECT c.user_id, c.space_id, c.role FROM space_collaborators c JOIN spaces s ON s.id = c.space_id
         WHERE s.org_id = $1 AND ($2::bigint[] IS NULL OR c.user_id = ANY($2))
         ORDER BY c.space_id",
        org_id,
        only
    )
    .fetch_all(pool)
    .await?;
    let mut roles: HashMap<i64, SpaceRoles> = HashMap::new();
    for row in rows {
        roles
            .entry(row.user_id)
            .or_default()
            .entry(row.space_id.to_string())
            .or_default()
            .push(row.role);
    }
    Ok(roles)
}

fn to_org_user(row: UserRow, roles_on_spaces: SpaceRoles) -> OrgUser {
    let on_spaces = roles_on_spaces.keys().filter_map(|k| k.parse().ok()).collect();
    OrgUser {
        id: row.id,
        userid: row.email.clone(),
        friendly_name: Some(people::display_name(&row.firstname, &row.lastname, &row.email)),
        firstname: Some(row.firstname),
        lastname: Some(row.lastname),
        email: row.email,
        avatar: row.avatar,
        org_role: row.org_role,
        sign_in_count: row.sign_in_count,
        created_at: iso(row.created_at),
        last_sign_in_at: row.last_sign_in_at.map(iso),
        disabled: row.disabled,
        two_factor: row.two_factor,
        on_spaces,
        roles_on_spaces,
    }
}

/// Rows in order with their collaborations attached.
async fn with_spaces(pool: &Pool, org_id: i64, rows: Vec<UserRow>, all: bool) -> DomainResult<Vec<OrgUser>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut roles = roles_on_spaces(pool, org_id, (!all).then_some(&ids[..])).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let spaces = roles.remove(&row.id).unwrap_or_default();
            to_org_user(row, spaces)
        })
        .collect())
}

/// One member of the organization, or None when the user is not in it.
pub async fn one(pool: &Pool, org_id: i64, user_id: i64) -> DomainResult<Option<OrgUser>> {
    Ok(everyone(pool, org_id, Some(user_id)).await?.pop())
}

/// Every member (or, for `only`, that one), ordered by id: what `orgs/me` lists.
pub async fn everyone(pool: &Pool, org_id: i64, only: Option<i64>) -> DomainResult<Vec<OrgUser>> {
    let rows = members!(
        "WHERE m.org_id = $1 AND (u.id = $2 OR $2 IS NULL) ORDER BY u.id",
        org_id,
        only
    )
    .fetch_all(pool)
    .await?;
    Ok(with_spaces(pool, org_id, rows, only.is_none()).await?)
}

pub async fn count(pool: &Pool, org_id: i64) -> DomainResult<i64> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM org_members WHERE org_id = $1"#,
        org_id
    )
    .fetch_one(pool)
    .await?)
}

/// The members matching a [`UserFilter`] (bound as `$1` organization, `$2` search, `$3` its LIKE
/// pattern, `$4` role, `$7` its trigram phrase), ordered by `$order`, then `$tail`.
///
/// SQLite reads the search's candidates from the trigram index `users_search` when the search
/// has three letters or more (`$7`), and every member otherwise; the LIKE keeps its meaning
/// exact. PostgreSQL's trigram indexes serve the LIKE itself, and it has no `$7`.
#[cfg(sqlite)]
macro_rules! matching_members {
    ($order:literal, $org:expr, $q:expr, $pattern:expr, $role:expr, $limit:expr, $offset:expr, $phrase:expr) => {
        members!(
            r"WHERE m.org_id = $1
                AND u.id IN (SELECT rowid FROM users_search WHERE $7 IS NOT NULL AND users_search MATCH $7
                             UNION ALL SELECT user_id FROM org_members WHERE $7 IS NULL AND org_id = $1)
                AND ($2 = '' OR lower(u.firstname || ' ' || u.lastname) LIKE $3 ESCAPE '\'
                     OR lower(u.email) LIKE $3 ESCAPE '\') AND (m.org_role = $4 OR $4 IS NULL)
              ORDER BY " $order " LIMIT $5 OFFSET $6",
            $org, $q, $pattern, $role, $limit, $offset, $phrase
        )
    };
}
#[cfg(postgres)]
macro_rules! matching_members {
    ($order:literal, $org:expr, $q:expr, $pattern:expr, $role:expr, $limit:expr, $offset:expr, $phrase:expr) => {{
        let _no_phrase_here = &$phrase;
        members!(
            r"WHERE m.org_id = $1 AND ($2 = '' OR lower(u.firstname || ' ' || u.lastname) LIKE $3 ESCAPE '\'
                   OR lower(u.email) LIKE $3 ESCAPE '\') AND (m.org_role = $4 OR $4 IS NULL)
              ORDER BY " $order " LIMIT $5 OFFSET $6",
            $org, $q, $pattern, $role, $limit, $offset
        )
    }};
}

/// The FTS5 query of the trigram index for a search: the search as one phrase (a substring of
/// the name or address), or none below three letters, which trigrams cannot find.
fn trigram_phrase(q: &str) -> Option<String> {
    let q = q.trim();
    (q.chars().count() >= 3).then(|| format!("\"{}\"", q.replace('"', "\"\"")))
}

/// The members matching the filter, in its order, and how many match; `window` is (count,
/// offset), none for all.
pub async fn matching(
    pool: &Pool,
    org_id: i64,
    filter: &UserFilter,
    window: Option<(i64, i64)>,
) -> DomainResult<(i64, Vec<OrgUser>)> {
    let pattern = like_pattern(&filter.q);
    let role = filter.role.map(OrgRole::as_str);
    let phrase = trigram_phrase(&filter.q);
    // One read transaction, so the count and the rows see the same moment. On PostgreSQL each
    // search is also planned with its own values: the plan made once for any value, which it
    // switches a prepared statement to after five runs, cannot tell an empty search from a real
    // one and scans every account instead of reading the trigram indexes (11 ms against 0.5 ms
    // at 10,000 users).
    let mut tx = pool.begin().await?;
    #[cfg(postgres)]
    sqlx::query!("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")
        .fetch_one(&mut *tx)
        .await?;
    #[cfg(sqlite)]
    let total = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM org_members m JOIN users u ON u.id = m.user_id
           WHERE m.org_id = $1
             AND u.id IN (SELECT rowid FROM users_search WHERE $5 IS NOT NULL AND users_search MATCH $5
                          UNION ALL SELECT user_id FROM org_members WHERE $5 IS NULL AND org_id = $1)
             AND ($2 = '' OR lower(u.firstname || ' ' || u.lastname) LIKE $3 ESCAPE '\'
                  OR lower(u.email) LIKE $3 ESCAPE '\') AND (m.org_role = $4 OR $4 IS NULL)"#,
        org_id,
        filter.q,
        pattern,
        role,
        phrase
    )
    .fetch_one(&mut *tx)
    .await?;
    #[cfg(postgres)]
    let total = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM org_members m JOIN users u ON u.id = m.user_id
           WHERE m.org_id = $1 AND ($2 = '' OR lower(u.firstname || ' ' || u.lastname) LIKE $3 ESCAPE '\'
                 OR lower(u.email) LIKE $3 ESCAPE '\') AND (m.org_role = $4 OR $4 IS NULL)"#,
        org_id,
        filter.q,
        pattern,
        role
    )
    .fetch_one(&mut *tx)
    .await?;
    // No window: every row (a limit no list reaches; both databases take it).
    let (limit, offset) = window.unwrap_or((i64::MAX, 0));
    // Each order is its own query (the macros check each written out); the id breaks ties.
    macro_rules! ordered {
        ($order:literal) => {
            matching_members!($order, org_id, filter.q, pattern, role, limit, offset, phrase)
                .fetch_all(&mut *tx)
                .await?
        };
    }
    let rows = match (filter.sort, filter.descending) {
        (UserSort::Name, false) => ordered!("lower(u.firstname || ' ' || u.lastname) ASC, u.id ASC"),
        (UserSort::Name, true) => ordered!("lower(u.firstname || ' ' || u.lastname) DESC, u.id DESC"),
        (UserSort::Email, false) => ordered!("lower(u.email) ASC, u.id ASC"),
        (UserSort::Email, true) => ordered!("lower(u.email) DESC, u.id DESC"),
        (UserSort::Role, false) => {
            ordered!("CASE m.org_role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END ASC, u.id ASC")
        }
        (UserSort::Role, true) => {
            ordered!("CASE m.org_role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END DESC, u.id DESC")
        }
        (UserSort::SignIns, false) => ordered!("u.sign_in_count ASC, u.id ASC"),
        (UserSort::SignIns, true) => ordered!("u.sign_in_count DESC, u.id DESC"),
        (UserSort::LastSignIn, false) => ordered!("u.last_sign_in_at ASC NULLS FIRST, u.id ASC"),
        (UserSort::LastSignIn, true) => ordered!("u.last_sign_in_at DESC NULLS LAST, u.id DESC"),
        (UserSort::Created, false) => ordered!("u.created_at ASC, u.id ASC"),
        (UserSort::Created, true) => ordered!("u.created_at DESC, u.id DESC"),
    };
    tx.commit().await?;
    Ok((total, with_spaces(pool, org_id, rows, false).await?))
}

/// The columns of the users export, each with how a member fills it: the header and every row
/// come from this one list, so they cannot disagree.
pub const CSV_COLUMNS: &[(&str, fn(&OrgUser) -> String)] = &[
    ("id", |u| u.id.to_string()),
    ("email", |u| u.email.clone()),
    ("firstname", |u| u.firstname.clone().unwrap_or_default()),
    ("lastname", |u| u.lastname.clone().unwrap_or_default()),
    ("org_role", |u| u.org_role.as_str().to_string()),
    ("sign_in_count", |u| u.sign_in_count.to_string()),
    ("last_sign_in_at", |u| u.last_sign_in_at.clone().unwrap_or_default()),
    ("created_at", |u| u.created_at.clone()),
    ("disabled", |u| u.disabled.to_string()),
    ("two_factor", |u| u.two_factor.to_string()),
    ("spaces", |u| u.on_spaces.len().to_string()),
];

/// The matching members as CSV, recorded as an export.
pub async fn export_csv(pool: &Pool, actor: &Actor, filter: &UserFilter) -> DomainResult<String> {
    let (total, users) = matching(pool, actor.org_id, filter, None).await?;
    let mut out = String::new();
    let header: Vec<String> = CSV_COLUMNS.iter().map(|(name, _)| name.to_string()).collect();
    common::csv::push_row(&mut out, &header);
    for user in &users {
        let cells: Vec<String> = CSV_COLUMNS.iter().map(|(_, cell)| cell(user)).collect();
        common::csv::push_row(&mut out, &cells);
    }
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::SeeMembers).await?;
    let change = Change::new(ActivityKey::UsersExport).with(Params::UsersExported(UsersExported {
        q: filter.q.clone(),
        role: filter.role,
        rows: total as i64,
        format: ExportFormat::Csv,
    }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(out)
}

/// Who keeps the organization running now, read inside the change's transaction.
async fn keepers(tx: &mut Tx, org_id: i64) -> DomainResult<Keepers> {
    let row = sqlx::query!(
        r#"SELECT (SELECT COUNT(*) FROM org_members WHERE org_id = $1 AND org_role IN ('owner', 'admin')) AS "managers!: i64",
                  (SELECT COUNT(*) FROM org_members WHERE org_id = $1 AND org_role = 'owner') AS "owners!: i64",
                  EXISTS (SELECT 1 FROM subscriptions WHERE org_id = $1) AS "subscribed!: bool""#,
        org_id
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(Keepers {
        managers: row.managers as usize,
        owners: row.owners as usize,
        subscribed: row.subscribed,
    })
}

/// The target's role, or 404 when they are not in the organization (another organization's
/// users are indistinguishable from users who do not exist).
async fn target(tx: &mut Tx, org_id: i64, user_id: i64) -> DomainResult<Party> {
    let role = current_role(tx, org_id, user_id)
        .await?
        .ok_or_else(|| DomainError::not_found("The user"))?;
    Ok(Party { user_id, role })
}

/// `$statement` on the target's membership, guarded by what every role change and removal
/// re-checks in its own statement (bound as `$1` the organization, `$2` the target, `$3` the
/// actor, `$4` whether the actor must be an owner, `$5` the new role or NULL for a removal, `$6`
/// the target's role as read): the actor still holds a role that may do it, the target's role is
/// still the one the rules were checked for, and what the organization must keep is kept.
macro_rules! still_allowed {
    ($statement:literal, $($arg:expr),*) => {
        sqlx::query!(
            $statement + " WHERE org_id = $1 AND user_id = $2 AND org_role = $6
                AND EXISTS (SELECT 1 FROM org_members a WHERE a.org_id = $1 AND a.user_id = $3
                            AND (a.org_role = 'owner' OR (a.org_role = 'admin' AND NOT $4)))
                AND (org_role = 'member' OR $5 IN ('owner', 'admin')
                     OR (SELECT COUNT(*) FROM org_members k
                         WHERE k.org_id = $1 AND k.org_role IN ('owner', 'admin') AND k.user_id <> $2) >= 1)
                AND (org_role <> 'owner' OR $5 = 'owner'
                     OR NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.org_id = $1)
                     OR (SELECT COUNT(*) FROM org_members k
                         WHERE k.org_id = $1 AND k.org_role = 'owner' AND k.user_id <> $2) >= 1)",
            $($arg),*
        )
    };
}

/// Give a member another role.
pub async fn change_role(pool: &Pool, actor: &Actor, user_id: i64, new_role: OrgRole) -> DomainResult<OrgUser> {
    let mut tx = db::write(pool).await?;
    let actor_role = authorize(&mut tx, actor, Permission::InviteUsers).await?;
    let target = target(&mut tx, actor.org_id, user_id).await?;
    let me = Party {
        user_id: actor.user_id,
        role: actor_role,
    };
    check_role_change(me, target, new_role, keepers(&mut tx, actor.org_id).await?)?;
    let needs_owner = target.role == OrgRole::Owner || new_role == OrgRole::Owner;
    let (new, old) = (Some(new_role.as_str()), target.role.as_str());
    let changed = still_allowed!(
        "UPDATE org_members SET org_role = $5",
        actor.org_id,
        user_id,
        actor.user_id,
        needs_owner,
        new,
        old
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(Refusal::LastManager.into());
    }
    // A lesser role ends the person's tokens: the role they were made with is gone, and getting
    // it back later must not bring them back.
    if new_role > target.role {
        crate::accounts::tokens::revoke_all_of(&mut tx, actor.org_id, user_id).await?;
    }
    if target.role != new_role {
        let name = people::name_of(&mut tx, user_id).await?.unwrap_or_default();
        let change = Change::new(ActivityKey::OrgUserUpdate)
            .on(user_id, name)
            .to(user_id)
            .with(Params::RoleChanged(RoleChanged {
                org_role: BeforeAfter::new(target.role, new_role),
            }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    one(pool, actor.org_id, user_id)
        .await?
        .ok_or_else(|| DomainError::not_found("The user"))
}

/// Remove someone from the organization and from the organization's spaces. Their account, their
/// own spaces and their personal collaborations stay.
pub async fn remove(pool: &Pool, actor: &Actor, user_id: i64) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    let actor_role = authorize(&mut tx, actor, Permission::InviteUsers).await?;
    let target = target(&mut tx, actor.org_id, user_id).await?;
    let me = Party {
        user_id: actor.user_id,
        role: actor_role,
    };
    check_removal(me, target, keepers(&mut tx, actor.org_id).await?)?;
    let name = people::name_of(&mut tx, user_id).await?.unwrap_or_default();
    // What an undo would put back: when they joined, and their roles on the organization's spaces.
    let joined_at = sqlx::query_scalar!(
        r#"SELECT created_at AS "created_at: Timestamp" FROM org_members WHERE org_id = $1 AND user_id = $2"#,
        actor.org_id,
        user_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let collaborations = sqlx::query!(
        r#"SELECT c.space_id AS "space_id!", c.role FROM space_collaborators c JOIN spaces s ON s.id = c.space_id
           WHERE c.user_id = $1 AND s.org_id = $2 ORDER BY c.space_id"#,
        user_id,
        actor.org_id
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|c| (c.space_id, c.role))
    .collect();
    let (needs_owner, new, old) = (target.role == OrgRole::Owner, None::<&str>, target.role.as_str());
    let removed = still_allowed!(
        "DELETE FROM org_members",
        actor.org_id,
        user_id,
        actor.user_id,
        needs_owner,
        new,
        old
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        return Err(Refusal::LastManager.into());
    }
    crate::accounts::tokens::revoke_all_of(&mut tx, actor.org_id, user_id).await?;
    crate::scim_groups::leave_all(&mut tx, actor.org_id, user_id).await?;
    let spaces_left = sqlx::query!(
        "DELETE FROM space_collaborators WHERE user_id = $1 AND space_id IN (SELECT id FROM spaces WHERE org_id = $2)",
        user_id,
        actor.org_id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let change = Change::new(ActivityKey::OrgUserDestroy)
        .on(user_id, name.clone())
        .to(user_id)
        .with(Params::Removed(Removed {
            org_role: target.role,
            spaces_left: spaces_left as i64,
        }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    let restore = Restore::Member {
        user_id,
        org_role: target.role,
        joined_at,
        collaborations,
    };
    undo::open(&mut tx, actor, &name, restore).await?;
    tx.commit().await?;
    Ok(())
}
