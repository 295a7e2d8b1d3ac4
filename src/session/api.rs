use contract::{LoginRequest, LoginResponse, Me, PasswordReset, PasswordResetRequest, TwoFactorCode};

use crate::api::{self, ApiError};

pub async fn login(request: &LoginRequest) -> Result<LoginResponse, ApiError> {
    api::Call::post("/auth/login").json(request).fetch().await
}

pub async fn logout() -> Result<(), ApiError> {
    api::Call::post("/auth/logout").send().await
}

pub async fn me() -> Result<Me, ApiError> {
    api::Call::get("/auth/me").fetch().await
}

/// The second step of a sign-in, with the session the password opened (and the mailed unlock
/// link's token, when codes were refused too often in a row).
pub async fn second_factor(pending_token: &str, code: TwoFactorCode) -> Result<LoginResponse, ApiError> {
    api::Call::post("/auth/two-factor")
        .token(pending_token)
        .json(&code)
        .fetch()
        .await
}

pub async fn request_reset(email: String) -> Result<(), ApiError> {
    api::Call::post("/auth/password-reset")
        .json(&PasswordResetRequest { email })
        .send()
        .await
}

pub async fn reset_password(token: String, password: String) -> Result<(), ApiError> {
    api::Call::post("/auth/password-reset/confirm")
        .json(&PasswordReset { token, password })
        .send()
        .await
}

/// When this session ends without a person's request.
pub async fn times() -> Result<contract::SessionTimes, ApiError> {
    api::Call::get("/me/session").fetch().await
}
