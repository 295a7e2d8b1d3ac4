use contract::{PasswordCheck, PasswordJudgement};

use crate::api::{self, ApiError};

pub async fn check(password: String, about: Vec<String>) -> Result<PasswordJudgement, ApiError> {
    api::post("/auth/password-check", &PasswordCheck { password, about }).await
}
