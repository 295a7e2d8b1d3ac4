use contract::{OrgSettings, SettingsUpdate};

use crate::api::{self, ApiError};

pub async fn load() -> Result<OrgSettings, ApiError> {
    api::get("/orgs/me/settings").await
}

pub async fn save(update: &SettingsUpdate) -> Result<OrgSettings, ApiError> {
    api::put("/orgs/me/settings", update).await
}

/// `kind` is `logo` or `favicon`.
pub async fn upload_image(kind: &str, file: &web_sys::File) -> Result<OrgSettings, ApiError> {
    api::put_file(&format!("/orgs/me/settings/{kind}"), file).await
}

pub async fn remove_image(kind: &str) -> Result<OrgSettings, ApiError> {
    api::delete_json(&format!("/orgs/me/settings/{kind}")).await
}
