use contract::{LoginRequest, LoginResponse, Me};

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
