//! Personal access tokens: the person's own under `/api/v1/me/tokens` (Account → Access tokens),
//! and every token of the organization under `/api/v1/orgs/me/tokens` (Security & Access, owners
//! and admins). No token reaches these: making one asks for the current password.

use axum::extract::State;
use axum::http::StatusCode;
use common::Person;
use contract::{AccessTokenList, CreatedAccessToken, NewAccessToken, Permission};

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Path};
use crate::on_db;
use crate::AppState;

/// The person's live tokens, newest first: never the tokens themselves.
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = AccessTokenList),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn mine(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<AccessTokenList>> {
    let actor = caller.member()?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::accounts::tokens::mine(pool, &actor).await
    })?))
}

/// Generate a token: the answer holds it this once; the server keeps only its SHA-256. Needs the
/// current password, and an expiry within the organization's cap.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "account", security(("bearer" = [])),
    request_body = NewAccessToken,
    responses((status = 201, body = CreatedAccessToken),
        (status = 401, description = "The password is not the current one", body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 429, description = "Too many wrong passwords", body = contract::ApiErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<NewAccessToken>,
) -> ApiResult<(StatusCode, Json<CreatedAccessToken>)> {
    let person = Person {
        user_id: caller.user_id,
        client: &caller.client,
    };
    let created = on_db!(&state.db, |pool, domain| {
        domain::accounts::tokens::create(pool, &state.hasher, &state.links, &person, &request).await
    })?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revoke one of the person's tokens: it opens nothing from now on.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "account", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204), (status = 404, body = contract::ApiErrorBody)))]
pub async fn revoke_mine(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let actor = caller.member()?;
    on_db!(&state.db, |pool, domain| {
        domain::accounts::tokens::revoke(pool, &actor, id, domain::accounts::tokens::Whose::Own).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every live token in the organization, with whose it is (owners and admins).
#[utoipa::path(get, path = "/api/v1/orgs/me/tokens", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = AccessTokenList), (status = 403, body = contract::ApiErrorBody)))]
pub async fn of_organization(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<AccessTokenList>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::accounts::tokens::of_organization(pool, &actor).await
    })?))
}

/// Revoke anyone's token in the organization (owners and admins).
#[utoipa::path(delete, path = "/api/v1/orgs/me/tokens/{id}", tag = "settings", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn revoke_any(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::ManageSettings)?;
    on_db!(&state.db, |pool, domain| {
        domain::accounts::tokens::revoke(pool, &actor, id, domain::accounts::tokens::Whose::Anyones).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}
