//! Reading the organization's members: the one place that turns database rows into `OrgUser`s,
//! for `orgs/me` and the users endpoints alike.

use std::collections::{BTreeMap, HashMap};

use contract::{OrgRole, OrgUser};
use sqlx::SqlitePool;

use crate::routes::auth::display_name;

/// The columns [`UserRow`] reads, from `org_members m JOIN users u`.
pub const USER_COLUMNS: &str = "u.id, u.email, u.firstname, u.lastname, u.avatar, m.org_role, u.sign_in_count, \
     u.created_at, u.last_sign_in_at, u.disabled";

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
    pub disabled: bool,
}

pub type SpaceRoles = BTreeMap<String, Vec<String>>;

/// Each user's collaborator roles on the organization's spaces; personal spaces stay private.
/// With `only` set, just for those users.
pub async fn roles_on_spaces(
    pool: &SqlitePool,
    org_id: i64,
    only: Option<&[i64]>,
) -> Result<HashMap<i64, SpaceRoles>, sqlx::Error> {
    let mut sql = String::from(
        "SELECT c.user_id, c.space_id, c.role FROM space_collaborators c JOIN spaces s ON s.id = c.space_id
         WHERE s.org_id = ?",
    );
    if let Some(ids) = only {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        sql.push_str(&format!(" AND c.user_id IN ({})", vec!["?"; ids.len()].join(", ")));
    }
    sql.push_str(" ORDER BY c.space_id");
    let mut query = sqlx::query_as::<_, (i64, i64, String)>(&sql).bind(org_id);
    for id in only.unwrap_or(&[]) {
        query = query.bind(id);
    }
    let mut roles: HashMap<i64, SpaceRoles> = HashMap::new();
    for (user_id, space_id, role) in query.fetch_all(pool).await? {
        roles
            .entry(user_id)
            .or_default()
            .entry(space_id.to_string())
            .or_default()
            .push(role);
    }
    Ok(roles)
}

pub fn to_org_user(row: UserRow, roles_on_spaces: SpaceRoles) -> Option<OrgUser> {
    let on_spaces = roles_on_spaces.keys().filter_map(|k| k.parse().ok()).collect();
    Some(OrgUser {
        id: row.id,
        userid: row.email.clone(),
        friendly_name: Some(display_name(&row.firstname, &row.lastname, &row.email)),
        firstname: Some(row.firstname),
        lastname: Some(row.lastname),
        email: row.email,
        avatar: row.avatar,
        org_role: OrgRole::parse(&row.org_role)?,
        sign_in_count: row.sign_in_count,
        created_at: row.created_at,
        last_sign_in_at: row.last_sign_in_at,
        disabled: row.disabled,
        on_spaces,
        roles_on_spaces,
    })
}

/// One member of the organization, or None when the user is not in it.
pub async fn one(pool: &SqlitePool, org_id: i64, user_id: i64) -> Result<Option<OrgUser>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? AND m.user_id = ?"
    ))
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut roles = roles_on_spaces(pool, org_id, Some(&[user_id])).await?;
    Ok(to_org_user(row, roles.remove(&user_id).unwrap_or_default()))
}
