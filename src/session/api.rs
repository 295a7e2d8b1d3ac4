use contract::{LoginRequest, LoginResponse, Me, PasswordReset, PasswordResetRequest, TwoFactorCode};

use crate::api::{self, ApiError};

pub async fn login(request: &LoginRequest) -> Result<LoginResponse, ApiError> {
    api::post("/auth/login", request).await
}

pub async fn logout() -> Result<(), ApiError> {
    api::post_empty("/auth/logout").await
}

pub async fn me() -> Result<Me, ApiError> {
    api::get("/auth/me").await
}

/// The second step of a sign-in, with the session the password opened (and the mailed unlock
/// link's token, when codes were refused too often in a row).
pub async fn second_factor(pending_token: &str, code: TwoFactorCode) -> Result<LoginResponse, ApiError> {
    api::post_as(pending_token, "/auth/two-factor", &code).await
}

pub async fn request_reset(email: String) -> Result<(), ApiError> {
    api::post_no_answer("/auth/password-reset", &PasswordResetRequest { email }).await
}

pub async fn reset_password(token: String, password: String) -> Result<(), ApiError> {
    api::post_no_answer("/auth/password-reset/confirm", &PasswordReset { token, password }).await
}

/// When this session ends without a person's request.
pub async fn times() -> Result<contract::SessionTimes, ApiError> {
    api::get("/me/session").await
}
