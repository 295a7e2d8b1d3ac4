//! `/api/v1/orgs/me/sso`: Settings → SSO & Provisioning (owners and admins): the SSO identifier,
//! the domains proven by a DNS TXT record, and the OpenID Connect provider. No token reaches these: a verified domain decides
//! who may come in through an identity provider.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;
use common::DomainError;
use contract::text::sso;
use contract::{
    fill, NewScimToken, NewSsoDomain, OidcChange, Permission, ScimGroup, ScimGroupChange, SsoChange, SsoDomain,
    SsoSettings,
};

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Path};
use crate::idempotency::HoldsSecret;
use crate::on_db;
use crate::AppState;

/// The SSO identifier and the domains with their records.
#[utoipa::path(get, path = "/api/v1/orgs/me/sso", tag = "sso", security(("bearer" = [])),
    responses((status = 200, body = SsoSettings), (status = 403, body = contract::ApiErrorBody)))]
pub async fn get(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<SsoSettings>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::sso::settings(pool, &state.links, &actor).await
    })?))
}

/// Change the SSO identifier (lowercase letters, digits and hyphens, unique among organizations:
/// another's is refused at `identifier` with 409) and the role single sign-on gives newcomers.
#[utoipa::path(put, path = "/api/v1/orgs/me/sso", tag = "sso", security(("bearer" = [])),
    request_body = SsoChange,
    responses((status = 200, body = SsoSettings), (status = 403, body = contract::ApiErrorBody),
        (status = 409, description = "Another organization has this identifier", body = contract::ApiErrorBody),
        (status = 422, body = contract::ApiErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<SsoChange>,
) -> ApiResult<Json<SsoSettings>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::sso::change(pool, &state.links, &actor, &request).await
    })?))
}

/// List a domain. The answer holds the TXT record to publish (`record_name`, `record_value`).
#[utoipa::path(post, path = "/api/v1/orgs/me/sso/domains", tag = "sso", security(("bearer" = [])),
    request_body = NewSsoDomain,
    responses((status = 201, body = SsoDomain), (status = 403, body = contract::ApiErrorBody),
        (status = 409, description = "Already listed, or as many domains as allowed", body = contract::ApiErrorBody),
        (status = 422, body = contract::ApiErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<NewSsoDomain>,
) -> ApiResult<(StatusCode, Json<SsoDomain>)> {
    let actor = caller.require(Permission::ManageSettings)?;
    let added = on_db!(&state.db, |pool, domain| {
        domain::sso::add_domain(pool, &actor, &request).await
    })?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Look the domain's TXT record up now and, when it holds the value shown, mark the domain
/// verified. 422 `record_not_found` says what was found instead; 409 `domain_taken` when another
/// organization verified it first; 503 `dns_unavailable` when DNS could not be asked.
#[utoipa::path(post, path = "/api/v1/orgs/me/sso/domains/{id}/verify", tag = "sso", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The domain's id")),
    responses((status = 200, body = SsoDomain), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody),
        (status = 409, description = "Verified by another organization", body = contract::ApiErrorBody),
        (status = 422, description = "The record is not there", body = contract::ApiErrorBody),
        (status = 503, description = "DNS could not be asked", body = contract::ApiErrorBody)))]
pub async fn verify(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<Json<SsoDomain>> {
    let actor = caller.require(Permission::ManageSettings)?;
    let dns = state.dns.as_ref();
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::sso::verify_domain(pool, dns, &actor, id).await
    })?))
}

/// Remove a domain; its addresses no longer come in through SSO or provisioning.
#[utoipa::path(delete, path = "/api/v1/orgs/me/sso/domains/{id}", tag = "sso", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The domain's id")),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn remove(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::ManageSettings)?;
    on_db!(&state.db, |pool, domain| {
        domain::sso::remove_domain(pool, &actor, id).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Set the OpenID Connect provider people sign in through. Its discovery document
/// (`{issuer}/.well-known/openid-configuration`) and keys are read first: an issuer that does not
/// describe itself is refused at `issuer`. The client secret is kept sealed and never shown; left
/// out, the one kept stays (for the same issuer and client).
#[utoipa::path(put, path = "/api/v1/orgs/me/sso/oidc", tag = "sso", security(("bearer" = [])),
    request_body = OidcChange,
    responses((status = 200, body = SsoSettings), (status = 403, body = contract::ApiErrorBody),
        (status = 422, body = contract::ApiErrorBody)))]
pub async fn put_oidc(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<OidcChange>,
) -> ApiResult<Json<SsoSettings>> {
    let actor = caller.require(Permission::ManageSettings)?;
    on_db!(&state.db, |pool, domain| {
        domain::sso_sign_in::check(pool, &actor, &request).await
    })?;
    let issuer = request.issuer.trim();
    if let Err(reason) = state.oidc.check(issuer).await {
        let message = fill(sso(common::spoken()).issuer_unreachable, &[&issuer, &reason]);
        return Err(DomainError::invalid("issuer", message).into());
    }
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::sso_sign_in::save(pool, &state.secret_keys, &actor, &request).await?;
        domain::sso::settings(pool, &state.links, &actor).await
    })?))
}

/// Stop signing in through the OpenID Connect provider. Accounts stay.
#[utoipa::path(delete, path = "/api/v1/orgs/me/sso/oidc", tag = "sso", security(("bearer" = [])),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn remove_oidc(State(state): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::ManageSettings)?;
    on_db!(&state.db, |pool, domain| {
        domain::sso_sign_in::remove(pool, &actor, domain::sso_sign_in::Protocol::Oidc).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Generate the SCIM token the identity provider provisions with. It is shown in this answer
/// only; the one before it stops working at once.
#[utoipa::path(post, path = "/api/v1/orgs/me/sso/scim-token", tag = "sso", security(("bearer" = [])),
    responses((status = 201, body = NewScimToken), (status = 403, body = contract::ApiErrorBody)))]
pub async fn generate_scim_token(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<(StatusCode, Extension<HoldsSecret>, Json<NewScimToken>)> {
    let actor = caller.require(Permission::ManageSettings)?;
    let made = on_db!(&state.db, |pool, domain| {
        domain::scim::generate_token(pool, &actor).await
    })?;
    // Never kept for a retry with the same Idempotency-Key: the token is shown once.
    Ok((StatusCode::CREATED, Extension(HoldsSecret), Json(made)))
}

/// Revoke the SCIM token: provisioning stops until another is generated. People stay.
#[utoipa::path(delete, path = "/api/v1/orgs/me/sso/scim-token", tag = "sso", security(("bearer" = [])),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn revoke_scim_token(State(state): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::ManageSettings)?;
    on_db!(&state.db, |pool, domain| {
        domain::scim::revoke_token(pool, &actor).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Choose the organization role a SCIM group gives its members (`admin`, `member`, or none). The
/// members' roles are settled at once: the highest their groups give, the default role for whom
/// no group gives one any more; owners keep theirs.
#[utoipa::path(put, path = "/api/v1/orgs/me/sso/groups/{id}", tag = "sso", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The group's id")),
    request_body = ScimGroupChange,
    responses((status = 200, body = ScimGroup), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody), (status = 422, body = contract::ApiErrorBody)))]
pub async fn map_group(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Json(request): Json<ScimGroupChange>,
) -> ApiResult<Json<ScimGroup>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::scim_groups::map(pool, &actor, id, &request).await
    })?))
}
