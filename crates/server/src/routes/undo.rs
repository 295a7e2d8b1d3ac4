//! Undo: the caller's destructive actions of the last ten seconds, and taking one back.

use axum::extract::State;
use axum::http::StatusCode;
use contract::{Permission, UndoWindows};

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Path};
use crate::on_db;
use crate::AppState;

/// The caller's removals, revocations and detaches that can still be undone, newest first, each
/// with the seconds left. A page reloaded within the window finds its notice here.
#[utoipa::path(get, path = "/api/v1/orgs/me/undo", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = UndoWindows), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<UndoWindows>> {
    let actor = caller.require(Permission::OpenOrgArea)?;
    let windows = on_db!(&state.db, |pool, domain| {
        domain::undo::open_windows(pool, &actor).await
    })?;
    Ok(Json(UndoWindows { windows }))
}

/// Put back exactly what the action took away (roles, collaborations, the space, the pending
/// invitation without a new mail). Only its author, only within its ten seconds, only once.
#[utoipa::path(post, path = "/api/v1/orgs/me/undo/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The undo window's id")),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "No such action of the caller", body = contract::ApiErrorBody),
        (status = 409, description = "Too late, undone already, or it changed meanwhile", body = contract::ApiErrorBody)))]
pub async fn undo(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::OpenOrgArea)?;
    on_db!(&state.db, |pool, domain| { domain::undo::undo(pool, &actor, id).await })?;
    Ok(StatusCode::NO_CONTENT)
}
