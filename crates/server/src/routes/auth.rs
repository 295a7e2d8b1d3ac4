//! Sign-in, sign-out and who am I.

use axum::extract::State;
use axum::http::StatusCode;
use contract::{LoginRequest, LoginResponse, Me};

use crate::auth::Caller;
use crate::client::ClientInfo;
use crate::domain::sessions;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::AppState;

/// Sign in with email and password. Failed attempts slow down that account from that address,
/// and an address failing across accounts; 429 says when to try again.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "Wrong email or password", body = contract::ApiErrorBody),
        (status = 403, description = "Account disabled", body = contract::ApiErrorBody),
        (status = 422, description = "Empty or over-long email or password", body = contract::ApiErrorBody),
        (status = 429, description = "Too many failed attempts; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    client: ClientInfo,
    Json(request): Json<LoginRequest>,
) -> ApiResult<Json<LoginResponse>> {
    Ok(Json(
        sessions::sign_in(&state.pool, &state.hasher, &client, &request).await?,
    ))
}

/// Sign out: the session is revoked on the server, so the token is useless from now on.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204)))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    let actor = caller.member().ok();
    sessions::sign_out(&state.pool, &caller.token, actor.as_ref()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user and their organization membership.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me)))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Me>> {
    Ok(Json(sessions::me(&state.pool, caller.user_id).await?))
}
