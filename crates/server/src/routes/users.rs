//! The Users tab's endpoints: the members one page at a time, role changes and removal, each
//! checked against the permission rules in `contract::roles` on the server.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use contract::{
    check_removal, check_role_change, OrgRole, OrgUser, Party, Permission, Refusal, RoleChange, UsersPage, MAX_PER_PAGE,
};
use serde::Deserialize;

use crate::auth::{Caller, OrgCaller};
use crate::error::{ApiError, ApiResult};
use crate::routes::members::{self, UserRow, USER_COLUMNS};
use crate::AppState;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct UsersQuery {
    /// Part of a name or email address.
    pub q: Option<String>,
    /// `owner`, `admin` or `member`.
    pub role: Option<String>,
    /// `name` (default), `email`, `role`, `sign_ins`, `last_sign_in` or `created`.
    pub sort: Option<String>,
    /// `asc` (default) or `desc`.
    pub dir: Option<String>,
    /// From 1.
    pub page: Option<i64>,
    /// 1 to 200, default 50.
    pub per_page: Option<i64>,
}

fn order_by(sort: Option<&str>) -> ApiResult<&'static str> {
    Ok(match sort.unwrap_or("name") {
        "name" => "lower(u.firstname || ' ' || u.lastname)",
        "email" => "lower(u.email)",
        "role" => "CASE m.org_role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END",
        "sign_ins" => "u.sign_in_count",
        "last_sign_in" => "COALESCE(u.last_sign_in_at, '')",
        "created" => "u.created_at",
        _ => {
            return Err(ApiError::invalid(
                "sort",
                "Sort by name, email, role, sign_ins, last_sign_in or created.",
            ))
        }
    })
}

/// `%needle%` for LIKE, with LIKE's own wildcards taken literally.
fn like_pattern(q: &str) -> String {
    let escaped = q
        .trim()
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The organization's users matching the query, one page at a time. Members get 403: they never
/// receive the list of other members.
#[utoipa::path(get, path = "/api/v1/orgs/me/users", tag = "users", security(("bearer" = [])), params(UsersQuery),
    responses((status = 200, body = UsersPage), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody), (status = 422, body = contract::ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<UsersQuery>,
) -> ApiResult<Json<UsersPage>> {
    let org = caller.require(Permission::SeeMembers)?;
    let per_page = query.per_page.unwrap_or(50);
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(ApiError::invalid(
            "per_page",
            format!("Page size must be between 1 and {MAX_PER_PAGE}."),
        ));
    }
    let page = query.page.unwrap_or(1);
    if page < 1 {
        return Err(ApiError::invalid("page", "Pages start at 1."));
    }
    let (total, users) = matching(&state, org, &query, Some((per_page, (page - 1) * per_page))).await?;
    Ok(Json(UsersPage {
        users,
        total,
        page,
        per_page,
    }))
}

/// Every user matching the query as CSV, for a spreadsheet. Cells a spreadsheet would read as a
/// formula are prefixed with `'`.
#[utoipa::path(get, path = "/api/v1/orgs/me/users.csv", tag = "users", security(("bearer" = [])), params(UsersQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody), (status = 422, body = contract::ApiErrorBody)))]
pub async fn csv(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<UsersQuery>,
) -> ApiResult<impl IntoResponse> {
    let org = caller.require(Permission::SeeMembers)?;
    let (_, users) = matching(&state, org, &query, None).await?;
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
        ];
        out.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"users.csv\""),
        ],
        out,
    ))
}

fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The users matching the query, in its order, and how many match; `limit` is (count, offset).
async fn matching(
    state: &AppState,
    org: OrgCaller,
    query: &UsersQuery,
    limit: Option<(i64, i64)>,
) -> ApiResult<(i64, Vec<OrgUser>)> {
    let role = match query.role.as_deref().filter(|r| !r.is_empty()) {
        None => None,
        Some(r) => {
            Some(OrgRole::parse(r).ok_or_else(|| ApiError::invalid("role", "Role must be owner, admin or member."))?)
        }
    };
    let order = order_by(query.sort.as_deref())?;
    let descending = match query.dir.as_deref() {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(_) => return Err(ApiError::invalid("dir", "Direction must be asc or desc.")),
    };
    let q = query.q.clone().unwrap_or_default();
    let filter = "m.org_id = ?1 AND (?2 = '' OR lower(u.firstname || ' ' || u.lastname) LIKE ?3 ESCAPE '\\' \
                  OR lower(u.email) LIKE ?3 ESCAPE '\\') AND (?4 IS NULL OR m.org_role = ?4)";
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM org_members m JOIN users u ON u.id = m.user_id WHERE {filter}"
    ))
    .bind(org.org_id)
    .bind(q.trim())
    .bind(like_pattern(&q))
    .bind(role.map(OrgRole::as_str))
    .fetch_one(&state.pool)
    .await?;
    let dir = if descending { "DESC" } else { "ASC" };
    // SQLite reads a negative LIMIT as "no limit".
    let (count, offset) = limit.unwrap_or((-1, 0));
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM org_members m JOIN users u ON u.id = m.user_id WHERE {filter}
         ORDER BY {order} {dir}, u.id {dir} LIMIT ?5 OFFSET ?6"
    ))
    .bind(org.org_id)
    .bind(q.trim())
    .bind(like_pattern(&q))
    .bind(role.map(OrgRole::as_str))
    .bind(count)
    .bind(offset)
    .fetch_all(&state.pool)
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut roles = members::roles_on_spaces(&state.pool, org.org_id, Some(&ids)).await?;
    let users = rows
        .into_iter()
        .filter_map(|row| {
            let spaces = roles.remove(&row.id).unwrap_or_default();
            members::to_org_user(row, spaces)
        })
        .collect();
    Ok((total, users))
}

/// The target's current role, or 404 when they are not in the caller's organization (another
/// organization's users are indistinguishable from users who do not exist).
async fn target(state: &AppState, org: OrgCaller, user_id: i64) -> ApiResult<Party> {
    let role: Option<String> = sqlx::query_scalar("SELECT org_role FROM org_members WHERE org_id = ? AND user_id = ?")
        .bind(org.org_id)
        .bind(user_id)
        .fetch_optional(&state.pool)
        .await?;
    let role = role
        .as_deref()
        .and_then(OrgRole::parse)
        .ok_or_else(|| ApiError::not_found("The user"))?;
    Ok(Party { user_id, role })
}

async fn managers(state: &AppState, org_id: i64) -> ApiResult<usize> {
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM org_members WHERE org_id = ? AND org_role IN ('owner', 'admin')")
            .bind(org_id)
            .fetch_one(&state.pool)
            .await?;
    Ok(count as usize)
}

/// Give a user another organization role. Only owners assign or take away ownership; nobody
/// changes their own role; the organization keeps an owner or admin.
#[utoipa::path(patch, path = "/api/v1/orgs/me/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")), request_body = RoleChange,
    responses((status = 200, body = OrgUser), (status = 401, body = contract::ApiErrorBody),
        (status = 403, description = "Role not allowed, or ownership", body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody),
        (status = 409, description = "Own role, or the last owner or admin", body = contract::ApiErrorBody)))]
pub async fn change_role(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<i64>,
    Json(change): Json<RoleChange>,
) -> ApiResult<Json<OrgUser>> {
    let org = caller.require(Permission::InviteUsers)?;
    let target = target(&state, org, user_id).await?;
    let actor = Party {
        user_id: org.user_id,
        role: org.role,
    };
    check_role_change(actor, target, change.org_role, managers(&state, org.org_id).await?)?;
    // Guarded in the statement itself, so two concurrent demotions cannot leave nobody in charge.
    let changed = sqlx::query(
        "UPDATE org_members SET org_role = ?1 WHERE org_id = ?2 AND user_id = ?3
         AND (?1 IN ('owner', 'admin') OR org_role = 'member'
              OR (SELECT COUNT(*) FROM org_members WHERE org_id = ?2 AND org_role IN ('owner', 'admin') AND user_id <> ?3) >= 1)",
    )
    .bind(change.org_role.as_str())
    .bind(org.org_id)
    .bind(user_id)
    .execute(&state.pool)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(Refusal::LastManager.into());
    }
    let user = members::one(&state.pool, org.org_id, user_id)
        .await?
        .ok_or_else(|| ApiError::not_found("The user"))?;
    Ok(Json(user))
}

/// Remove a user from the organization. Their spaces and collaborations are left as they are.
#[utoipa::path(delete, path = "/api/v1/orgs/me/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses((status = 204), (status = 401, body = contract::ApiErrorBody), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody), (status = 409, body = contract::ApiErrorBody)))]
pub async fn remove(State(state): State<AppState>, caller: Caller, Path(user_id): Path<i64>) -> ApiResult<StatusCode> {
    let org = caller.require(Permission::InviteUsers)?;
    let target = target(&state, org, user_id).await?;
    let actor = Party {
        user_id: org.user_id,
        role: org.role,
    };
    check_removal(actor, target, managers(&state, org.org_id).await?)?;
    let removed = sqlx::query(
        "DELETE FROM org_members WHERE org_id = ?1 AND user_id = ?2
         AND (org_role = 'member'
              OR (SELECT COUNT(*) FROM org_members WHERE org_id = ?1 AND org_role IN ('owner', 'admin') AND user_id <> ?2) >= 1)",
    )
    .bind(org.org_id)
    .bind(user_id)
    .execute(&state.pool)
    .await?
    .rows_affected();
    if removed == 0 {
        return Err(Refusal::LastManager.into());
    }
    // Their sessions no longer carry organization rights: membership is read on every request.
    Ok(StatusCode::NO_CONTENT)
}
