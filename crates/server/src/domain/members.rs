//! The organization's members: read one page at a time or whole, exported, and changed (role,
//! removal) under the rules of `contract::roles`, re-checked inside the change's transaction by
//! guarded statements, so no interleaving of changes leaves the organization without an owner or
//! admin (or, while subscribed, without an owner).

use std::collections::{BTreeMap, HashMap};

use contract::{check_removal, check_role_change, ActivityKey, Keepers, OrgRole, OrgUser, Party, Permission, Refusal};
use serde_json::json;

use crate::db::{self, Pool, Sql, Tx};
use crate::domain::activity::{self, before_after, By, Change};
use crate::domain::{authorize, current_role, like_pattern, people, Actor};
use crate::error::{ApiError, ApiResult};

/// The columns [`UserRow`] reads, from `org_members m JOIN users u`.
pub const USER_COLUMNS: &str = "u.id, u.email, u.firstname, u.lastname, u.avatar, m.org_role, u.sign_in_count, \
     u.created_at, u.last_sign_in_at, u.disabled, u.totp_enabled_at IS NOT NULL AS two_factor";

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub firstname: String,
    pub lastname: String,
    pub avatar: Option<String>,
    pub org_role: String,
    pub sign_in_count: i64,
    pub created_at: String,
    pub last_sign_in_at: Option<String>,
    #[sqlx(try_from = "crate::db::Flag")]
    pub disabled: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    pub two_factor: bool,
}

pub type SpaceRoles = BTreeMap<String, Vec<String>>;

#[derive(sqlx::FromRow)]
struct CollaborationRow {
    user_id: i64,
    space_id: i64,
    role: String,
}

/// Each user's collaborator roles on the organization's spaces; personal spaces stay private.
/// With `only` set, just for those users.
pub async fn roles_on_spaces(
    pool: &Pool,
    org_id: i64,
    only: Option<&[i64]>,
) -> Result<HashMap<i64, SpaceRoles>, sqlx::Error> {
    let mut query = Sql::new(
        "SELECT c.user_id, c.space_id, c.role FROM space_collaborators c JOIN spaces s ON s.id = c.space_id
         WHERE s.org_id = ",
    );
    query.bind(org_id);
    if let Some(ids) = only {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        query.push(" AND c.user_id IN ").bind_list(ids.iter().copied());
    }
    query.push(" ORDER BY c.space_id");
    let rows: Vec<CollaborationRow> = query.fetch_all(pool).await?;
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

pub fn to_org_user(row: UserRow, roles_on_spaces: SpaceRoles) -> Option<OrgUser> {
    let on_spaces = roles_on_spaces.keys().filter_map(|k| k.parse().ok()).collect();
    Some(OrgUser {
        id: row.id,
        userid: row.email.clone(),
        friendly_name: Some(people::display_name(&row.firstname, &row.lastname, &row.email)),
        firstname: Some(row.firstname),
        lastname: Some(row.lastname),
        email: row.email,
        avatar: row.avatar,
        org_role: OrgRole::parse(&row.org_role)?,
        sign_in_count: row.sign_in_count,
        created_at: row.created_at,
        last_sign_in_at: row.last_sign_in_at,
        disabled: row.disabled,
        two_factor: row.two_factor,
        on_spaces,
        roles_on_spaces,
    })
}

/// Rows in order with their collaborations attached.
async fn with_spaces(pool: &Pool, org_id: i64, rows: Vec<UserRow>) -> Result<Vec<OrgUser>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut roles = roles_on_spaces(pool, org_id, Some(&ids)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let spaces = roles.remove(&row.id).unwrap_or_default();
            to_org_user(row, spaces)
        })
        .collect())
}

/// One member of the organization, or None when the user is not in it.
pub async fn one(pool: &Pool, org_id: i64, user_id: i64) -> Result<Option<OrgUser>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND m.user_id = $2"
    ))
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    match row {
        Some(row) => Ok(with_spaces(pool, org_id, vec![row]).await?.pop()),
        None => Ok(None),
    }
}

/// Every member (or, for `only`, that one), ordered by id: what `orgs/me` lists.
pub async fn everyone(pool: &Pool, org_id: i64, only: Option<i64>) -> Result<Vec<OrgUser>, sqlx::Error> {
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM org_members m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 AND ($2 IS NULL OR u.id = $2) ORDER BY u.id"
    ))
    .bind(org_id)
    .bind(only)
    .fetch_all(pool)
    .await?;
    let only_ids = only.map(|id| vec![id]);
    let mut roles = roles_on_spaces(pool, org_id, only_ids.as_deref()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let spaces = roles.remove(&row.id).unwrap_or_default();
            to_org_user(row, spaces)
        })
        .collect())
}

pub async fn count(pool: &Pool, org_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM org_members WHERE org_id = $1")
        .bind(org_id)
        .fetch_one(pool)
        .await
}

/// How the users list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserSort {
    Name,
    Email,
    Role,
    SignIns,
    LastSignIn,
    Created,
}

impl UserSort {
    pub fn parse(text: Option<&str>) -> ApiResult<UserSort> {
        Ok(match text.unwrap_or("name") {
            "name" => UserSort::Name,
            "email" => UserSort::Email,
            "role" => UserSort::Role,
            "sign_ins" => UserSort::SignIns,
            "last_sign_in" => UserSort::LastSignIn,
            "created" => UserSort::Created,
            _ => {
                return Err(ApiError::invalid(
                    "sort",
                    "Sort by name, email, role, sign_ins, last_sign_in or created.",
                ))
            }
        })
    }

    fn order_by(self) -> &'static str {
        match self {
            UserSort::Name => "lower(u.firstname || ' ' || u.lastname)",
            UserSort::Email => "lower(u.email)",
            UserSort::Role => "CASE m.org_role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END",
            UserSort::SignIns => "u.sign_in_count",
            UserSort::LastSignIn => "COALESCE(u.last_sign_in_at, '')",
            UserSort::Created => "u.created_at",
        }
    }
}

/// Which members a list or export holds, in what order.
#[derive(Clone, Debug)]
pub struct UserFilter {
    pub q: String,
    pub role: Option<OrgRole>,
    pub sort: UserSort,
    pub descending: bool,
}

impl UserFilter {
    pub fn parse(q: Option<&str>, role: Option<&str>, sort: Option<&str>, dir: Option<&str>) -> ApiResult<UserFilter> {
        let q = q.unwrap_or("").trim().to_string();
        if q.chars().count() > 200 {
            return Err(ApiError::invalid("q", "Search for at most 200 characters."));
        }
        let role = match role.filter(|r| !r.is_empty()) {
            None => None,
            Some(r) => Some(
                OrgRole::parse(r).ok_or_else(|| ApiError::invalid("role", "Role must be owner, admin or member."))?,
            ),
        };
        let descending = match dir {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(_) => return Err(ApiError::invalid("dir", "Direction must be asc or desc.")),
        };
        Ok(UserFilter {
            q,
            role,
            sort: UserSort::parse(sort)?,
            descending,
        })
    }
}

const MATCHING: &str = "m.org_id = $1 AND ($2 = '' OR lower(u.firstname || ' ' || u.lastname) LIKE $3 ESCAPE '\\' \
                        OR lower(u.email) LIKE $3 ESCAPE '\\') AND ($4 IS NULL OR m.org_role = $4)";

/// The members matching the filter, in its order, and how many match; `window` is (count,
/// offset), none for all.
pub async fn matching(
    pool: &Pool,
    org_id: i64,
    filter: &UserFilter,
    window: Option<(i64, i64)>,
) -> ApiResult<(i64, Vec<OrgUser>)> {
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM org_members m JOIN users u ON u.id = m.user_id WHERE {MATCHING}"
    ))
    .bind(org_id)
    .bind(&filter.q)
    .bind(like_pattern(&filter.q))
    .bind(filter.role.map(OrgRole::as_str))
    .fetch_one(pool)
    .await?;
    let dir = if filter.descending { "DESC" } else { "ASC" };
    // No window: every row (a limit no list reaches; both databases take it).
    let (count, offset) = window.unwrap_or((i64::MAX, 0));
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM org_members m JOIN users u ON u.id = m.user_id WHERE {MATCHING}
         ORDER BY {} {dir}, u.id {dir} LIMIT $5 OFFSET $6",
        filter.sort.order_by()
    ))
    .bind(org_id)
    .bind(&filter.q)
    .bind(like_pattern(&filter.q))
    .bind(filter.role.map(OrgRole::as_str))
    .bind(count)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    Ok((total, with_spaces(pool, org_id, rows).await?))
}

/// The matching members as CSV, recorded as an export.
pub async fn export_csv(pool: &Pool, actor: &Actor, filter: &UserFilter) -> ApiResult<String> {
    let (total, users) = matching(pool, actor.org_id, filter, None).await?;
    let mut out = String::from(
        "id,email,firstname,lastname,org_role,sign_in_count,last_sign_in_at,created_at,disabled,spaces\r\n",
    );
    for u in users {
        let cells = [
            u.id.to_string(),
            u.email,
            u.firstname.unwrap_or_default(),
            u.lastname.unwrap_or_default(),
            u.org_role.as_str().to_string(),
            u.sign_in_count.to_string(),
            u.last_sign_in_at.unwrap_or_default(),
            u.created_at,
            u.disabled.to_string(),
            u.on_spaces.len().to_string(),
            u.two_factor.to_string(),
        ];
        crate::csv::push_row(&mut out, &cells);
    }
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::SeeMembers).await?;
    let change = Change::new(ActivityKey::UsersExport).with(json!({
        "q": filter.q,
        "role": filter.role,
        "rows": total,
        "format": "csv",
    }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(out)
}

/// Who keeps the organization running now, read inside the change's transaction.
async fn keepers(tx: &mut Tx, org_id: i64) -> Result<Keepers, sqlx::Error> {
    let (managers, owners, db::Flag(subscribed)): (i64, i64, db::Flag) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM org_members WHERE org_id = $1 AND org_role IN ('owner', 'admin')),
                (SELECT COUNT(*) FROM org_members WHERE org_id = $1 AND org_role = 'owner'),
                EXISTS (SELECT 1 FROM subscriptions WHERE org_id = $1)",
    )
    .bind(org_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Keepers {
        managers: managers as usize,
        owners: owners as usize,
        subscribed,
    })
}

/// The target's role, or 404 when they are not in the organization (another organization's
/// users are indistinguishable from users who do not exist).
async fn target(tx: &mut Tx, org_id: i64, user_id: i64) -> ApiResult<Party> {
    let role = current_role(tx, org_id, user_id)
        .await?
        .ok_or_else(|| ApiError::not_found("The user"))?;
    Ok(Party { user_id, role })
}

/// The conditions every role change and removal re-checks in its own statement (bound as ?1 the
/// organization, ?2 the target, ?3 the actor, ?4 whether the actor must be an owner, ?5 the new
/// role or NULL for a removal): the actor still holds a role that may do it, and what the
/// organization must keep is kept.
const STILL_ALLOWED: &str = "
    EXISTS (SELECT 1 FROM org_members a WHERE a.org_id = $1 AND a.user_id = $3
            AND (a.org_role = 'owner' OR (a.org_role = 'admin' AND $4 = 0)))
    AND (org_role = 'member' OR $5 IN ('owner', 'admin')
         OR (SELECT COUNT(*) FROM org_members k WHERE k.org_id = $1 AND k.org_role IN ('owner', 'admin') AND k.user_id <> $2) >= 1)
    AND (org_role <> 'owner' OR $5 = 'owner'
         OR NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.org_id = $1)
         OR (SELECT COUNT(*) FROM org_members k WHERE k.org_id = $1 AND k.org_role = 'owner' AND k.user_id <> $2) >= 1)";

/// Give a member another role.
pub async fn change_role(pool: &Pool, actor: &Actor, user_id: i64, new_role: OrgRole) -> ApiResult<OrgUser> {
    let mut tx = db::write(pool).await?;
    let actor_role = authorize(&mut tx, actor, Permission::InviteUsers).await?;
    let target = target(&mut tx, actor.org_id, user_id).await?;
    let me = Party {
        user_id: actor.user_id,
        role: actor_role,
    };
    check_role_change(me, target, new_role, keepers(&mut tx, actor.org_id).await?)?;
    let needs_owner = target.role == OrgRole::Owner || new_role == OrgRole::Owner;
    let changed = sqlx::query(&format!(
        "UPDATE org_members SET org_role = $5 WHERE org_id = $1 AND user_id = $2 AND org_role = $6 AND {STILL_ALLOWED}"
    ))
    .bind(actor.org_id)
    .bind(user_id)
    .bind(actor.user_id)
    .bind(i64::from(needs_owner))
    .bind(new_role.as_str())
    .bind(target.role.as_str())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(Refusal::LastManager.into());
    }
    if target.role != new_role {
        let name = people::name_of(&mut tx, user_id).await?.unwrap_or_default();
        let change = Change::new(ActivityKey::OrgUserUpdate)
            .on(user_id, name)
            .to(user_id)
            .with(json!({ "org_role": before_after(target.role, new_role) }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    one(pool, actor.org_id, user_id)
        .await?
        .ok_or_else(|| ApiError::not_found("The user"))
}

/// Remove someone from the organization and from the organization's spaces. Their account, their
/// own spaces and their personal collaborations stay.
pub async fn remove(pool: &Pool, actor: &Actor, user_id: i64) -> ApiResult<()> {
    let mut tx = db::write(pool).await?;
    let actor_role = authorize(&mut tx, actor, Permission::InviteUsers).await?;
    let target = target(&mut tx, actor.org_id, user_id).await?;
    let me = Party {
        user_id: actor.user_id,
        role: actor_role,
    };
    check_removal(me, target, keepers(&mut tx, actor.org_id).await?)?;
    let name = people::name_of(&mut tx, user_id).await?.unwrap_or_default();
    let removed = sqlx::query(&format!(
        "DELETE FROM org_members WHERE org_id = $1 AND user_id = $2 AND org_role = $6 AND {STILL_ALLOWED}"
    ))
    .bind(actor.org_id)
    .bind(user_id)
    .bind(actor.user_id)
    .bind(i64::from(target.role == OrgRole::Owner))
    .bind(Option::<&str>::None)
    .bind(target.role.as_str())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        return Err(Refusal::LastManager.into());
    }
    let spaces_left = sqlx::query(
        "DELETE FROM space_collaborators WHERE user_id = $1
         AND space_id IN (SELECT id FROM spaces WHERE org_id = $2)",
    )
    .bind(user_id)
    .bind(actor.org_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let change = Change::new(ActivityKey::OrgUserDestroy)
        .on(user_id, name)
        .to(user_id)
        .with(json!({ "org_role": target.role, "spaces_left": spaces_left }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(())
}
