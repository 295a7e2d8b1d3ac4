//! `/api/v1/me/sessions`: the signed-in person's own sessions, to see where they are signed in and
//! end any session but the one asking (which signs out instead).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use common::{DomainError, Person};
use contract::{SessionList, SessionTimes, SessionsEnded};

use crate::caller::AccountCaller;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::on_db;
use crate::AppState;

/// The person's live sessions, the most recently active first, the one asking marked `current`.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = SessionList)))]
pub async fn list(State(state): State<AppState>, AccountCaller(caller): AccountCaller) -> ApiResult<Json<SessionList>> {
    let sessions = on_db!(&state.db, |pool, domain| {
        domain::sessions::list(pool, caller.user_id, &caller.token, state.idle_timeout).await
    })?;
    Ok(Json(SessionList { sessions }))
}

/// When the session asking ends: at its 12 hours, or earlier without a person's request. The app
/// asks with `X-Background: 1`, so asking does not count as activity.
#[utoipa::path(get, path = "/api/v1/me/session", tag = "account", security(("bearer" = [])),
    params(("X-Background" = Option<String>, Header, description = "`1`: the request is not a person's, and does not count as activity")),
    responses((status = 200, body = SessionTimes)))]
pub async fn times(
    State(state): State<AppState>,
    AccountCaller(caller): AccountCaller,
) -> ApiResult<Json<SessionTimes>> {
    let times = on_db!(&state.db, |pool, domain| {
        domain::sessions::times(pool, &caller.token, state.idle_timeout).await
    })?;
    Ok(Json(times.ok_or_else(DomainError::unauthorized)?))
}

/// End one of the person's other sessions: its token opens nothing from now on.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "account", security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's `id` from the list")),
    responses((status = 204),
        (status = 404, description = "No live session of this person's other than the one asking has this id", body = contract::ApiErrorBody)))]
pub async fn end(
    State(state): State<AppState>,
    AccountCaller(caller): AccountCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    if id.is_empty() || id.len() > 64 {
        return Err(DomainError::not_found("The session").into());
    }
    let person = Person {
        user_id: caller.user_id,
        client: &caller.client,
    };
    on_db!(&state.db, |pool, domain| {
        domain::sessions::end(pool, &person, &caller.token, &id).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// "Sign out other sessions": every live session of the person but the one asking.
#[utoipa::path(post, path = "/api/v1/me/sessions/sign-out-others", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = SessionsEnded)))]
pub async fn end_others(
    State(state): State<AppState>,
    AccountCaller(caller): AccountCaller,
) -> ApiResult<Json<SessionsEnded>> {
    let person = Person {
        user_id: caller.user_id,
        client: &caller.client,
    };
    let ended = on_db!(&state.db, |pool, domain| {
        domain::sessions::end_others(pool, &person, &caller.token).await
    })?;
    Ok(Json(SessionsEnded { ended }))
}
