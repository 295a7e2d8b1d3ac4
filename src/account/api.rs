use contract::{
    AccountView, PasswordChange, ProfileUpdate, RecoveryCodes, SessionList, SessionsEnded, TwoFactorCode,
    TwoFactorDisable, TwoFactorSetup, TwoFactorStart,
};

use crate::api::{self, ApiError};

pub async fn account() -> Result<AccountView, ApiError> {
    api::get("/me/account").await
}

pub async fn rename(update: ProfileUpdate) -> Result<AccountView, ApiError> {
    api::patch("/me/account", &update).await
}

pub async fn change_password(change: PasswordChange) -> Result<(), ApiError> {
    api::put_no_answer("/me/password", &change).await
}

pub async fn sessions() -> Result<SessionList, ApiError> {
    api::get("/me/sessions").await
}

pub async fn end_session(id: String) -> Result<(), ApiError> {
    api::delete(&format!("/me/sessions/{id}")).await
}

pub async fn end_other_sessions() -> Result<SessionsEnded, ApiError> {
    api::post("/me/sessions/sign-out-others", &()).await
}

pub async fn start_two_factor(password: String) -> Result<TwoFactorSetup, ApiError> {
    api::post("/me/two-factor/setup", &TwoFactorStart { password }).await
}

pub async fn verify_two_factor(code: String) -> Result<RecoveryCodes, ApiError> {
    api::post("/me/two-factor/verify", &TwoFactorCode { code, unlock: None }).await
}

pub async fn disable_two_factor(password: String, code: String) -> Result<(), ApiError> {
    api::delete_with("/me/two-factor", &TwoFactorDisable { password, code }).await
}
