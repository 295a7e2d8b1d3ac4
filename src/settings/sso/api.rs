use contract::{
    NewScimToken, NewSsoDomain, OidcChange, SamlChange, ScimGroup, ScimGroupChange, SsoChange, SsoDomain, SsoSettings,
};

use crate::api::{self, ApiError};

pub async fn get() -> Result<SsoSettings, ApiError> {
    api::Call::get("/orgs/me/sso").fetch().await
}

pub async fn change(request: SsoChange) -> Result<SsoSettings, ApiError> {
    api::Call::put("/orgs/me/sso").json(&request).fetch().await
}

pub async fn add_domain(request: NewSsoDomain) -> Result<SsoDomain, ApiError> {
    api::Call::post("/orgs/me/sso/domains").json(&request).fetch().await
}

pub async fn verify(id: i64) -> Result<SsoDomain, ApiError> {
    api::Call::post(&format!("/orgs/me/sso/domains/{id}/verify"))
        .json(&())
        .fetch()
        .await
}

pub async fn remove(id: i64) -> Result<(), ApiError> {
    api::Call::delete(&format!("/orgs/me/sso/domains/{id}")).send().await
}

pub async fn set_oidc(request: OidcChange) -> Result<SsoSettings, ApiError> {
    api::Call::put("/orgs/me/sso/oidc").json(&request).fetch().await
}

pub async fn remove_oidc() -> Result<(), ApiError> {
    api::Call::delete("/orgs/me/sso/oidc").send().await
}

pub async fn set_saml(request: SamlChange) -> Result<SsoSettings, ApiError> {
    api::Call::put("/orgs/me/sso/saml").json(&request).fetch().await
}

pub async fn remove_saml() -> Result<(), ApiError> {
    api::Call::delete("/orgs/me/sso/saml").send().await
}

pub async fn generate_scim_token() -> Result<NewScimToken, ApiError> {
    api::Call::post("/orgs/me/sso/scim-token").json(&()).fetch().await
}

pub async fn revoke_scim_token() -> Result<(), ApiError> {
    api::Call::delete("/orgs/me/sso/scim-token").send().await
}

pub async fn map_group(id: i64, request: ScimGroupChange) -> Result<ScimGroup, ApiError> {
    api::Call::put(&format!("/orgs/me/sso/groups/{id}"))
        .json(&request)
        .fetch()
        .await
}
