//! `/api/v1/orgs/me/subscription`: subscribe to a tier, change it, cancel at the period's end.
//! Owners only.

use axum::extract::State;
use contract::{ChooseTier, Permission, SubscriptionView};

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::on_db;
use crate::AppState;

#[utoipa::path(get, path = "/api/v1/orgs/me/subscription", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, body = SubscriptionView),
        (status = 403, description = "Only owners manage the subscription", body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn get(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<SubscriptionView>> {
    let actor = caller.require(Permission::ManageSubscription)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::subscription::view(pool, actor.org_id).await
    })?))
}

/// Subscribe, or change tier. Subscribing and upgrading are charged to the card on file at once
/// (an upgrade the prorated difference for the rest of the period) and apply when paid; a cheaper
/// tier waits for the period's end (`next_tier`); the current tier withdraws a waiting change.
#[utoipa::path(put, path = "/api/v1/orgs/me/subscription", tag = "subscription", security(("bearer" = [])),
    request_body = ChooseTier,
    responses((status = 200, body = SubscriptionView), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 402, description = "No card on file (`payment_method_required`), or the card was declined (`card_declined`): nothing changed and nothing is owed", body = contract::ApiErrorBody),
        (status = 409, description = "The organization uses more than the tier allows, or a payment for it is still being processed", body = contract::ApiErrorBody)))]
pub async fn choose(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<ChooseTier>,
) -> ApiResult<Json<SubscriptionView>> {
    let actor = caller.require(Permission::ManageSubscription)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::subscription::choose(pool, state.payments.as_ref(), &actor, request.tier).await
    })?))
}

#[utoipa::path(delete, path = "/api/v1/orgs/me/subscription", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, description = "Cancelled at the end of the period", body = SubscriptionView),
        (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 409, description = "Not subscribed", body = contract::ApiErrorBody)))]
pub async fn cancel(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<SubscriptionView>> {
    let actor = caller.require(Permission::ManageSubscription)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::subscription::set_cancel(pool, &actor, true).await
    })?))
}

#[utoipa::path(post, path = "/api/v1/orgs/me/subscription/resume", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, description = "Renews again", body = SubscriptionView),
        (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 409, description = "Not subscribed", body = contract::ApiErrorBody)))]
pub async fn resume(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<SubscriptionView>> {
    let actor = caller.require(Permission::ManageSubscription)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::subscription::set_cancel(pool, &actor, false).await
    })?))
}
