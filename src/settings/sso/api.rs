use contract::{
    NewScimToken, NewSsoDomain, OidcChange, SamlChange, ScimGroup, ScimGroupChange, SsoChange, SsoDomain, SsoRedirect,
    SsoSettings, SsoTestResult,
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

/// The protocol an identity provider speaks, as the API names it.
#[derive(Clone, Copy)]
pub enum Protocol {
    Oidc,
    Saml,
}

pub async fn remove_provider(protocol: Protocol) -> Result<(), ApiError> {
    let path = match protocol {
        Protocol::Oidc => "/orgs/me/sso/oidc",
        Protocol::Saml => "/orgs/me/sso/saml",
    };
    api::Call::delete(path).send().await
}

pub async fn set_saml(request: SamlChange) -> Result<SsoSettings, ApiError> {
    api::Call::put("/orgs/me/sso/saml").json(&request).fetch().await
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

pub async fn start_test() -> Result<SsoRedirect, ApiError> {
    api::Call::post("/orgs/me/sso/test").json(&()).fetch().await
}

pub async fn test_result(code: String) -> Result<SsoTestResult, ApiError> {
    api::Call::get(&format!("/orgs/me/sso/test/{code}")).fetch().await
}
