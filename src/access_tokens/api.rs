use contract::{AccessTokenList, CreatedAccessToken, NewAccessToken};

use super::list::Whose;
use crate::api::{self, ApiError};

fn base(whose: Whose) -> &'static str {
    match whose {
        Whose::Mine => "/me/tokens",
        Whose::Organization => "/orgs/me/tokens",
    }
}

pub async fn list(whose: Whose) -> Result<AccessTokenList, ApiError> {
    api::Call::get(base(whose)).fetch().await
}

pub async fn revoke(whose: Whose, id: i64) -> Result<(), ApiError> {
    api::Call::delete(&format!("{}/{id}", base(whose))).send().await
}

pub async fn create(request: NewAccessToken) -> Result<CreatedAccessToken, ApiError> {
    api::Call::post("/me/tokens").json(&request).fetch().await
}
