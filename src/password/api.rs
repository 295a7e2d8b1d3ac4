use contract::{PasswordCheck, PasswordJudgement};

use crate::api::{self, ApiError};

pub async fn check(password: String, about: Vec<String>) -> Result<PasswordJudgement, ApiError> {
    api::Call::post("/auth/password-check")
        .json(&PasswordCheck { password, about })
        .fetch()
        .await
}
