//! `/api/v1/orgs/me/billing` (who invoices are made out to) and `/api/v1/orgs/me/payment` (the
//! card on file). Owners of a subscribed organization only. The card's number and security code
//! are checked and dropped: only brand, last four digits and expiry reach the database.

use axum::extract::State;
use contract::{BillingInfo, CardUpdate, PaymentMethod, Permission};

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::on_db;
use crate::AppState;

#[utoipa::path(get, path = "/api/v1/orgs/me/billing", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, description = "The billing information, or null before it is entered", body = Option<BillingInfo>),
        (status = 403, description = "Owners only", body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn get_billing(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Option<BillingInfo>>> {
    let actor = caller.require(Permission::ManageSubscription)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::billing::load_billing(pool, actor.org_id).await
    })?))
}

#[utoipa::path(put, path = "/api/v1/orgs/me/billing", tag = "subscription", security(("bearer" = [])),
    request_body = BillingInfo,
    responses((status = 200, body = BillingInfo), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 422, description = "A field is refused; `field` names it", body = contract::ApiErrorBody)))]
pub async fn put_billing(
    State(state): State<AppState>,
    caller: Caller,
    Json(info): Json<BillingInfo>,
) -> ApiResult<Json<BillingInfo>> {
    let actor = caller.require(Permission::ManageSubscription)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::billing::save_billing(pool, &actor, info).await
    })?))
}

#[utoipa::path(get, path = "/api/v1/orgs/me/payment", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, description = "The card on file, or null", body = Option<PaymentMethod>),
        (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn get_payment(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Option<PaymentMethod>>> {
    let actor = caller.require(Permission::ManageSubscription)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::billing::load_card(pool, actor.org_id).await
    })?))
}

/// Keep the card and charge what is outstanding to it, each invoice at most once.
#[utoipa::path(put, path = "/api/v1/orgs/me/payment", tag = "subscription", security(("bearer" = [])),
    request_body = CardUpdate,
    responses((status = 200, description = "What is kept of the card", body = PaymentMethod),
        (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 422, description = "Fails the Luhn check, expired, or a bad security code", body = contract::ApiErrorBody)))]
pub async fn put_payment(
    State(state): State<AppState>,
    caller: Caller,
    Json(card): Json<CardUpdate>,
) -> ApiResult<Json<PaymentMethod>> {
    let actor = caller.require(Permission::ManageSubscription)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::billing::save_card(pool, state.payments.as_ref(), &actor, card).await
    })?))
}
