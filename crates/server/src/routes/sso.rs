//! `/api/v1/orgs/me/sso`: Settings → SSO & Provisioning (owners and admins): the SSO identifier
//! and the domains proven by a DNS TXT record. No token reaches these: a verified domain decides
//! who may come in through an identity provider.

use axum::extract::State;
use axum::http::StatusCode;
use contract::{NewSsoDomain, Permission, SsoChange, SsoDomain, SsoSettings};

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Path};
use crate::on_db;
use crate::AppState;

/// The SSO identifier and the domains with their records.
#[utoipa::path(get, path = "/api/v1/orgs/me/sso", tag = "sso", security(("bearer" = [])),
    responses((status = 200, body = SsoSettings), (status = 403, body = contract::ApiErrorBody)))]
pub async fn get(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<SsoSettings>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::sso::settings(pool, &actor).await
    })?))
}

/// Change the SSO identifier: lowercase letters, digits and hyphens, unique among organizations
/// (another's is refused at `identifier` with 409).
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
        domain::sso::change(pool, &actor, &request).await
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
