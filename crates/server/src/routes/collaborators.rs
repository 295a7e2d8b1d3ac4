//! A connected space's collaborators. Owners and admins add any user of the organization to any
//! of its spaces, at no charge and without a per-space limit.

use axum::extract::State;
use axum::http::StatusCode;
use contract::{CollaboratorRole, Permission, SpaceDetail};

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Path};
use crate::on_db;
use crate::AppState;

/// Add an organization user to the space, or change their collaborator role there.
#[utoipa::path(put, path = "/api/v1/orgs/me/spaces/{id}/collaborators/{user_id}", tag = "spaces", security(("bearer" = []), ("access_token" = ["spaces"])),
    params(("id" = i64, Path, description = "Space id"), ("user_id" = i64, Path, description = "User id")),
    request_body = CollaboratorRole,
    responses((status = 200, body = SpaceDetail), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "No such space or user in the organization", body = contract::ApiErrorBody),
        (status = 422, description = "Unknown collaborator role", body = contract::ApiErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Path((space_id, user_id)): Path<(i64, i64)>,
    Json(body): Json<CollaboratorRole>,
) -> ApiResult<Json<SpaceDetail>> {
    let actor = caller.require(Permission::ManageCollaborators)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::spaces::put_collaborator(pool, &actor, space_id, user_id, &body.role).await
    })?))
}

/// Take a collaborator off the space. Their organization membership stays.
#[utoipa::path(delete, path = "/api/v1/orgs/me/spaces/{id}/collaborators/{user_id}", tag = "spaces", security(("bearer" = []), ("access_token" = ["spaces"])),
    params(("id" = i64, Path, description = "Space id"), ("user_id" = i64, Path, description = "User id")),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    Path((space_id, user_id)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::ManageCollaborators)?;
    on_db!(&state.db, |pool, domain| {
        domain::spaces::remove_collaborator(pool, &actor, space_id, user_id).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}
