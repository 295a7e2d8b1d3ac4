use contract::{
    AccountView, PasswordChange, ProfileUpdate, RecoveryCodes, SessionList, SessionsEnded, TwoFactorCode,
    TwoFactorDisable, TwoFactorSetup, TwoFactorStart,
};

use crate::api::{self, ApiError};

pub async fn account() -> Result<AccountView, ApiError> {
    api::Call::get("/me/account").fetch().await
}

pub async fn rename(update: ProfileUpdate) -> Result<AccountView, ApiError> {
    api::Call::patch("/me/account").json(&update).fetch().await
}

pub async fn change_password(change: PasswordChange) -> Result<(), ApiError> {
    api::Call::put("/me/password").json(&change).send().await
}

pub async fn sessions() -> Result<SessionList, ApiError> {
    api::Call::get("/me/sessions").fetch().await
}

pub async fn end_session(id: String) -> Result<(), ApiError> {
    api::Call::delete(&format!("/me/sessions/{id}")).send().await
}

pub async fn end_other_sessions() -> Result<SessionsEnded, ApiError> {
    api::Call::post("/me/sessions/sign-out-others").json(&()).fetch().await
}

pub async fn start_two_factor(password: String) -> Result<TwoFactorSetup, ApiError> {
    api::Call::post("/me/two-factor/setup")
        .json(&TwoFactorStart { password })
        .fetch()
        .await
}

pub async fn verify_two_factor(code: String) -> Result<RecoveryCodes, ApiError> {
    api::Call::post("/me/two-factor/verify")
        .json(&TwoFactorCode { code, unlock: None })
        .fetch()
        .await
}

pub async fn disable_two_factor(password: String, code: String) -> Result<(), ApiError> {
    api::Call::delete("/me/two-factor")
        .json(&TwoFactorDisable { password, code })
        .send()
        .await
}
