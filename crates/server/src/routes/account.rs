//! `/api/v1/me/...`: the signed-in person's own account: name, password and two-factor sign-in.
//! These answer also while the organization waits for the person to set up two-factor sign-in.

use axum::extract::State;
use axum::http::StatusCode;
use contract::{
    AccountView, PasswordChange, ProfileUpdate, RecoveryCodes, TwoFactorCode, TwoFactorDisable, TwoFactorSetup,
    TwoFactorStart,
};

use crate::caller::AccountCaller;
use common::Person;

use crate::error::ApiResult;
use crate::extract::Json;
use crate::on_db;
use crate::AppState;

#[utoipa::path(get, path = "/api/v1/me/account", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = AccountView)))]
pub async fn get(State(state): State<AppState>, AccountCaller(caller): AccountCaller) -> ApiResult<Json<AccountView>> {
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::accounts::view(pool, caller.user_id).await
    })?))
}

#[utoipa::path(patch, path = "/api/v1/me/account", tag = "account", security(("bearer" = [])),
    request_body = ProfileUpdate,
    responses((status = 200, body = AccountView),
        (status = 422, description = "A name is too long or both are empty", body = contract::ApiErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    AccountCaller(caller): AccountCaller,
    Json(update): Json<ProfileUpdate>,
) -> ApiResult<Json<AccountView>> {
    let person = Person {
        user_id: caller.user_id,
        client: &caller.client,
    };
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::accounts::update_profile(pool, &person, &update).await
    })?))
}

/// A new password, proven by the current one; every other session of the account ends.
#[utoipa::path(put, path = "/api/v1/me/password", tag = "account", security(("bearer" = [])),
    request_body = PasswordChange,
    responses((status = 204),
        (status = 401, description = "The current password is wrong", body = contract::ApiErrorBody),
        (status = 422, description = "The new password is too short or too long", body = contract::ApiErrorBody),
        (status = 429, description = "Too many wrong passwords; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    AccountCaller(caller): AccountCaller,
    Json(change): Json<PasswordChange>,
) -> ApiResult<StatusCode> {
    let person = Person {
        user_id: caller.user_id,
        client: &caller.client,
    };
    on_db!(&state.db, |pool, domain| {
        domain::accounts::change_password(pool, &state.hasher, &state.links, &person, &caller.token, &change).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new secret for an authenticator app, as text and as a QR code, proven by the current password.
#[utoipa::path(post, path = "/api/v1/me/two-factor/setup", tag = "account", security(("bearer" = [])),
    request_body = TwoFactorStart,
    responses((status = 200, body = TwoFactorSetup),
        (status = 401, description = "The password is wrong", body = contract::ApiErrorBody),
        (status = 409, description = "Two-factor sign-in is already on", body = contract::ApiErrorBody),
        (status = 429, description = "Too many wrong passwords; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn start_two_factor(
    State(state): State<AppState>,
    AccountCaller(caller): AccountCaller,
    Json(request): Json<TwoFactorStart>,
) -> ApiResult<Json<TwoFactorSetup>> {
    let person = Person {
        user_id: caller.user_id,
        client: &caller.client,
    };
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::accounts::start_two_factor(pool, &state.hasher, &state.secret_keys, &person, &request.password).await
    })?))
}

/// Confirm the set-up with a code from the app; answers the recovery codes, shown this once.
#[utoipa::path(post, path = "/api/v1/me/two-factor/verify", tag = "account", security(("bearer" = [])),
    request_body = TwoFactorCode,
    responses((status = 200, body = RecoveryCodes),
        (status = 401, description = "The code is not right", body = contract::ApiErrorBody),
        (status = 409, description = "No set-up started", body = contract::ApiErrorBody),
        (status = 429, description = "Too many wrong codes; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn verify_two_factor(
    State(state): State<AppState>,
    AccountCaller(caller): AccountCaller,
    Json(request): Json<TwoFactorCode>,
) -> ApiResult<Json<RecoveryCodes>> {
    let person = Person {
        user_id: caller.user_id,
        client: &caller.client,
    };
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::accounts::verify_two_factor(
            pool,
            &state.hasher,
            &state.secret_keys,
            &state.links,
            &person,
            &request.code,
        )
        .await
    })?))
}

/// Turn two-factor sign-in off, with the password and a code.
#[utoipa::path(delete, path = "/api/v1/me/two-factor", tag = "account", security(("bearer" = [])),
    request_body = TwoFactorDisable,
    responses((status = 204),
        (status = 401, description = "The password or the code is wrong", body = contract::ApiErrorBody),
        (status = 429, description = "Too many wrong tries; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn disable_two_factor(
    State(state): State<AppState>,
    AccountCaller(caller): AccountCaller,
    Json(request): Json<TwoFactorDisable>,
) -> ApiResult<StatusCode> {
    let person = Person {
        user_id: caller.user_id,
        client: &caller.client,
    };
    on_db!(&state.db, |pool, domain| {
        domain::accounts::disable_two_factor(
            pool,
            &state.hasher,
            &state.secret_keys,
            &state.links,
            &person,
            &request.password,
            &request.code,
        )
        .await
    })?;
    Ok(StatusCode::NO_CONTENT)
}
