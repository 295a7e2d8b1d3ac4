//! Signing in (with a second factor when the account has one), out, who am I, and resetting a
//! forgotten password by mail.

use axum::extract::State;
use axum::http::StatusCode;
use contract::{
    LoginRequest, LoginResponse, Me, PasswordCheck, PasswordJudgement, PasswordReset, PasswordResetRequest,
    TwoFactorCode,
};

use common::ClientInfo;

use crate::caller::{AccountCaller, AnySession, PendingSession};
use crate::error::ApiResult;
use crate::extract::Json;
use crate::on_db;
use crate::AppState;

/// Sign in with email and password. Failed attempts slow down that account from that address,
/// and an address failing across accounts; 429 says when to try again. With two-factor sign-in
/// on, the session opens nothing until `POST /auth/two-factor` (`next` says so).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "Wrong email or password", body = contract::ApiErrorBody),
        (status = 403, description = "Account disabled, or the password was refused 100 times in a row and the mailed link's token (`unlock`) is missing", body = contract::ApiErrorBody),
        (status = 422, description = "Empty or over-long email or password", body = contract::ApiErrorBody),
        (status = 429, description = "Too many failed attempts; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    client: ClientInfo,
    Json(request): Json<LoginRequest>,
) -> ApiResult<Json<LoginResponse>> {
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::sessions::sign_in(pool, &state.hasher, &state.links, &client, &request).await
    })?))
}

/// The second step of signing in: the code from the authenticator app, or a recovery code. The
/// pending session ends and the answer carries a new token.
#[utoipa::path(post, path = "/api/v1/auth/two-factor", tag = "auth", security(("bearer" = [])),
    request_body = TwoFactorCode,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "Wrong or used code, or no session", body = contract::ApiErrorBody),
        (status = 403, description = "Codes were refused 10 times in a row and the mailed link's token (`unlock`) is missing", body = contract::ApiErrorBody),
        (status = 409, description = "The session owes no code", body = contract::ApiErrorBody),
        (status = 429, description = "Too many wrong codes; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn two_factor(
    State(state): State<AppState>,
    pending: PendingSession,
    Json(request): Json<TwoFactorCode>,
) -> ApiResult<Json<LoginResponse>> {
    let response = on_db!(&state.db, |pool, domain| {
        domain::sessions::second_factor(
            pool,
            &state.hasher,
            &state.secret_keys,
            &state.links,
            &pending.client,
            &pending.session,
            &request,
            &pending.token,
        )
        .await
    })?;
    Ok(Json(response))
}

/// Sign out: the session is revoked on the server, so the token is useless from now on.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204)))]
pub async fn logout(State(state): State<AppState>, AnySession(caller): AnySession) -> ApiResult<StatusCode> {
    let actor = caller.member().ok();
    on_db!(&state.db, |pool, domain| {
        domain::sessions::sign_out(pool, &caller.token, actor.as_ref()).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user and their organization membership.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me)))]
pub async fn me(State(state): State<AppState>, AccountCaller(caller): AccountCaller) -> ApiResult<Json<Me>> {
    Ok(Json(on_db!(&state.db, |pool, domain| {
        let mut me = domain::sessions::me(pool, caller.user_id).await?;
        // A session single sign-on opened meets the organization's two-factor rule.
        if me.must_set_up_two_factor && domain::sso_sign_in::by_sso(pool, &caller.token).await? {
            me.must_set_up_two_factor = false;
        }
        Ok::<_, common::DomainError>(me)
    })?))
}

/// The judgement a new password would get (too short, too long, too easy to guess), asked by the
/// app as the person types; the same judgement every write of a new password makes.
#[utoipa::path(post, path = "/api/v1/auth/password-check", tag = "auth", request_body = PasswordCheck,
    responses(
        (status = 200, body = PasswordJudgement),
        (status = 422, description = "More than 5 entries in `about`, or one over 200 characters", body = contract::ApiErrorBody)))]
pub async fn check_password(Json(request): Json<PasswordCheck>) -> ApiResult<Json<PasswordJudgement>> {
    if request.about.len() > 5 || request.about.iter().any(|s| s.chars().count() > 200) {
        return Err(common::DomainError::invalid("about", "At most 5 entries of at most 200 characters.").into());
    }
    let about: Vec<&str> = request.about.iter().map(String::as_str).collect();
    let message = common::strength::new_password_refusal(&request.password, &about);
    Ok(Json(PasswordJudgement {
        acceptable: message.is_none(),
        message,
    }))
}

/// "Forgot password?": a link by mail, valid 30 minutes, if the address has an account. The
/// answer is the same either way.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a link is on its way"),
        (status = 422, description = "Not an email address", body = contract::ApiErrorBody),
        (status = 429, description = "Asked too often; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn request_reset(
    State(state): State<AppState>,
    client: ClientInfo,
    Json(request): Json<PasswordResetRequest>,
) -> ApiResult<StatusCode> {
    on_db!(&state.db, |pool, domain| {
        domain::accounts::request_reset(pool, &state.links, &client, &request.email).await
    })?;
    state.mailer.wake();
    Ok(StatusCode::ACCEPTED)
}

/// A new password with the token from the link. Every session of the account ends.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "auth", request_body = PasswordReset,
    responses(
        (status = 204, description = "The new password is set; sign in with it"),
        (status = 404, description = "The link expired or was used", body = contract::ApiErrorBody),
        (status = 422, description = "The new password is too short or too long", body = contract::ApiErrorBody),
        (status = 429, description = "Too many tries; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn confirm_reset(
    State(state): State<AppState>,
    client: ClientInfo,
    Json(request): Json<PasswordReset>,
) -> ApiResult<StatusCode> {
    on_db!(&state.db, |pool, domain| {
        domain::accounts::confirm_reset(
            pool,
            &state.hasher,
            &state.links,
            &client,
            &request.token,
            &request.password,
        )
        .await
    })?;
    Ok(StatusCode::NO_CONTENT)
}
