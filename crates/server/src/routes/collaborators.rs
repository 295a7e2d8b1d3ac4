//! A connected space's collaborators. Owners and admins add any user of the organization to any
//! of its spaces, at no charge and without a per-space limit; collaborator roles never change
//! organization roles, nor the other way round.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use contract::{Collaborator, CollaboratorRole, OrgRole, Permission, SpaceDetail, COLLABORATOR_ROLES};
use sqlx::SqlitePool;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::routes::auth::display_name;
use crate::AppState;

async fn detail(pool: &SqlitePool, org_id: i64, space_id: i64) -> ApiResult<SpaceDetail> {
    let space = crate::routes::spaces::list(pool, org_id, None, None)
        .await?
        .into_iter()
        .find(|s| s.id == space_id)
        .ok_or_else(|| ApiError::not_found("The space"))?;
    let rows: Vec<(i64, String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT u.id, u.email, u.firstname, u.lastname, c.role, m.org_role
         FROM space_collaborators c JOIN users u ON u.id = c.user_id
         LEFT JOIN org_members m ON m.user_id = u.id AND m.org_id = ?
         WHERE c.space_id = ? ORDER BY lower(u.firstname || ' ' || u.lastname), u.id",
    )
    .bind(org_id)
    .bind(space_id)
    .fetch_all(pool)
    .await?;
    let collaborators = rows
        .into_iter()
        .map(|(user_id, email, first, last, role, org_role)| Collaborator {
            user_id,
            friendly_name: display_name(&first, &last, &email),
            email,
            role,
            org_role: org_role.as_deref().and_then(OrgRole::parse),
        })
        .collect();
    Ok(SpaceDetail { space, collaborators })
}

/// A space of the caller's organization and its collaborators.
#[utoipa::path(get, path = "/api/v1/orgs/me/spaces/{id}", tag = "spaces", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Space id")),
    responses((status = 200, body = SpaceDetail), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn space(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<Json<SpaceDetail>> {
    let org = caller.require(Permission::OpenOrgArea)?;
    Ok(Json(detail(&state.pool, org.org_id, id).await?))
}

/// Add an organization user to the space, or change their collaborator role there.
#[utoipa::path(put, path = "/api/v1/orgs/me/spaces/{id}/collaborators/{user_id}", tag = "spaces", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Space id"), ("user_id" = i64, Path, description = "User id")),
    request_body = CollaboratorRole,
    responses((status = 200, body = SpaceDetail), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "No such space or user in the organization", body = contract::ApiErrorBody),
        (status = 422, description = "Unknown collaborator role", body = contract::ApiErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Path((space_id, user_id)): Path<(i64, i64)>,
    Json(body): Json<CollaboratorRole>,
) -> ApiResult<Json<SpaceDetail>> {
    let org = caller.require(Permission::ManageCollaborators)?;
    if !COLLABORATOR_ROLES.contains(&body.role.as_str()) {
        return Err(ApiError::invalid(
            "role",
            "The collaborator role must be admin, editor or viewer.",
        ));
    }
    detail(&state.pool, org.org_id, space_id).await?;
    let in_org: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM org_members WHERE org_id = ? AND user_id = ?)")
        .bind(org.org_id)
        .bind(user_id)
        .fetch_one(&state.pool)
        .await?;
    if !in_org {
        return Err(ApiError::not_found("The user").at("user_id"));
    }
    sqlx::query(
        "INSERT INTO space_collaborators (space_id, user_id, role) VALUES (?, ?, ?)
         ON CONFLICT (space_id, user_id) DO UPDATE SET role = excluded.role",
    )
    .bind(space_id)
    .bind(user_id)
    .bind(&body.role)
    .execute(&state.pool)
    .await?;
    Ok(Json(detail(&state.pool, org.org_id, space_id).await?))
}

/// Take a collaborator off the space. Their organization membership stays.
#[utoipa::path(delete, path = "/api/v1/orgs/me/spaces/{id}/collaborators/{user_id}", tag = "spaces", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Space id"), ("user_id" = i64, Path, description = "User id")),
    responses((status = 204), (status = 401, body = contract::ApiErrorBody), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    Path((space_id, user_id)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    let org = caller.require(Permission::ManageCollaborators)?;
    detail(&state.pool, org.org_id, space_id).await?;
    let removed = sqlx::query("DELETE FROM space_collaborators WHERE space_id = ? AND user_id = ?")
        .bind(space_id)
        .bind(user_id)
        .execute(&state.pool)
        .await?
        .rows_affected();
    if removed == 0 {
        return Err(ApiError::not_found("The collaborator"));
    }
    Ok(StatusCode::NO_CONTENT)
}
