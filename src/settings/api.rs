use contract::{OrgSettings, SettingsUpdate};

use crate::api::{self, ApiError};

pub async fn load() -> Result<OrgSettings, ApiError> {
    api::Call::get("/orgs/me/settings").fetch().await
}

pub async fn save(update: &SettingsUpdate) -> Result<OrgSettings, ApiError> {
    api::Call::put("/orgs/me/settings").json(update).fetch().await
}

/// `kind` is `logo` or `favicon`.
pub async fn upload_image(kind: &str, file: &web_sys::File) -> Result<OrgSettings, ApiError> {
    api::Call::put(&format!("/orgs/me/settings/{kind}"))
        .file(file)
        .fetch()
        .await
}

pub async fn remove_image(kind: &str) -> Result<OrgSettings, ApiError> {
    api::Call::delete(&format!("/orgs/me/settings/{kind}")).fetch().await
}
