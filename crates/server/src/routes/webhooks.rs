//! `/api/v1/orgs/me/webhooks`: the endpoints that receive the activity log (owners and admins),
//! their delivery logs, "Redeliver", "Send test event", "Roll secret" and "Enable". No token
//! reaches these: an endpoint could carry the whole log away.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;
use contract::{
    NewWebhookEndpoint, Permission, WebhookDeliveryList, WebhookEndpoint, WebhookEndpointList, WebhookSecret,
};

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Path};
use crate::idempotency::HoldsSecret;
use crate::on_db;
use crate::AppState;

/// The organization's endpoints, never their secrets.
#[utoipa::path(get, path = "/api/v1/orgs/me/webhooks", tag = "webhooks", security(("bearer" = [])),
    responses((status = 200, body = WebhookEndpointList), (status = 403, body = contract::ApiErrorBody)))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<WebhookEndpointList>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::webhooks::list(pool, &actor).await
    })?))
}

/// Add an endpoint. Its signing secret is in the answer this once. An address that is not
/// https://, or whose name resolves to a private, loopback or link-local address, is refused at
/// `url` (unless the server allows private webhooks).
#[utoipa::path(post, path = "/api/v1/orgs/me/webhooks", tag = "webhooks", security(("bearer" = [])),
    request_body = NewWebhookEndpoint,
    responses((status = 201, body = WebhookSecret), (status = 403, body = contract::ApiErrorBody),
        (status = 409, description = "The organization has as many endpoints as it may", body = contract::ApiErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<NewWebhookEndpoint>,
) -> ApiResult<(StatusCode, Extension<HoldsSecret>, Json<WebhookSecret>)> {
    let actor = caller.require(Permission::ManageSettings)?;
    state.webhooks.check(&request).await?;
    let allow_private = state.webhooks.allows_private();
    let added = on_db!(&state.db, |pool, domain| {
        domain::webhooks::add(pool, &state.secret_keys, &actor, &request, allow_private).await
    })?;
    Ok((StatusCode::CREATED, Extension(HoldsSecret), Json(added)))
}

/// Change an endpoint's address, description or kinds (the whole endpoint, as when adding); its
/// secret and its log stay. The address is checked as when adding.
#[utoipa::path(put, path = "/api/v1/orgs/me/webhooks/{id}", tag = "webhooks", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The endpoint's id")), request_body = NewWebhookEndpoint,
    responses((status = 200, body = WebhookEndpoint), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Json(request): Json<NewWebhookEndpoint>,
) -> ApiResult<Json<WebhookEndpoint>> {
    let actor = caller.require(Permission::ManageSettings)?;
    state.webhooks.check(&request).await?;
    let allow_private = state.webhooks.allows_private();
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::webhooks::update(pool, &actor, id, &request, allow_private).await
    })?))
}

/// Delete an endpoint and its log; what it still had to deliver is dropped.
#[utoipa::path(delete, path = "/api/v1/orgs/me/webhooks/{id}", tag = "webhooks", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn delete(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::ManageSettings)?;
    on_db!(&state.db, |pool, domain| {
        domain::webhooks::delete(pool, &actor, id).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new signing secret, in the answer this once; the one before still signs for 24 hours, as a
/// second `v1=` in the signature.
#[utoipa::path(post, path = "/api/v1/orgs/me/webhooks/{id}/roll-secret", tag = "webhooks", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses((status = 200, body = WebhookSecret), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn roll_secret(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<Json<WebhookSecret>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::webhooks::roll_secret(pool, &state.secret_keys, &actor, id).await
    })?))
}

/// Enable an endpoint that three days of failures disabled.
#[utoipa::path(post, path = "/api/v1/orgs/me/webhooks/{id}/enable", tag = "webhooks", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses((status = 200, body = WebhookEndpoint), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn enable(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<Json<WebhookEndpoint>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::webhooks::enable(pool, &actor, id).await
    })?))
}

/// Queue a `webhook.test` event for the endpoint.
#[utoipa::path(post, path = "/api/v1/orgs/me/webhooks/{id}/test", tag = "webhooks", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses((status = 202), (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn send_test(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::ManageSettings)?;
    on_db!(&state.db, |pool, domain| {
        domain::webhooks::send_test(pool, &actor, id).await
    })?;
    state.webhooks.wake.notify_waiters();
    Ok(StatusCode::ACCEPTED)
}

/// The endpoint's latest 100 deliveries, newest first, each with its last try.
#[utoipa::path(get, path = "/api/v1/orgs/me/webhooks/{id}/deliveries", tag = "webhooks", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses((status = 200, body = WebhookDeliveryList), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn deliveries(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<Json<WebhookDeliveryList>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::webhooks::deliveries(pool, &actor, id).await
    })?))
}

/// Send a delivery again, as a new entry at the end of the endpoint's queue, with the same
/// activity.
#[utoipa::path(post, path = "/api/v1/orgs/me/webhooks/{id}/deliveries/{delivery_id}/redeliver", tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The endpoint's id"), ("delivery_id" = i64, Path, description = "The delivery's id")),
    responses((status = 202), (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn redeliver(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, delivery_id)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::ManageSettings)?;
    on_db!(&state.db, |pool, domain| {
        domain::webhooks::redeliver(pool, &actor, id, delivery_id).await
    })?;
    state.webhooks.wake.notify_waiters();
    Ok(StatusCode::ACCEPTED)
}
