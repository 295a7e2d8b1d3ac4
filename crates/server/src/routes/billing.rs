//! `/api/v1/orgs/me/billing` (who invoices are made out to) and `/api/v1/orgs/me/payment` (the
//! card on file). Owners of a subscribed organization only. The card's number and security code
//! are checked and dropped: only brand, last four digits and expiry reach the database, and no
//! log line carries them.

use axum::extract::State;
use axum::Json;
use chrono::Datelike;
use contract::{BillingInfo, CardUpdate, PaymentMethod};
use sqlx::SqlitePool;

use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::routes::subscription::{charge_open_invoices, require_billing};
use crate::AppState;

pub async fn load_billing(pool: &SqlitePool, org_id: i64) -> Result<Option<BillingInfo>, sqlx::Error> {
    let json: Option<String> = sqlx::query_scalar("SELECT info FROM billing_info WHERE org_id = ?")
        .bind(org_id)
        .fetch_optional(pool)
        .await?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

pub async fn load_card(pool: &SqlitePool, org_id: i64) -> Result<Option<PaymentMethod>, sqlx::Error> {
    let row: Option<(String, String, i64, i64, String)> =
        sqlx::query_as("SELECT brand, last4, exp_month, exp_year, holder FROM payment_methods WHERE org_id = ?")
            .bind(org_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(brand, last4, exp_month, exp_year, holder)| PaymentMethod {
        brand,
        last4,
        exp_month: exp_month as u32,
        exp_year: exp_year as i32,
        holder,
    }))
}

fn refuse_first(issues: Vec<contract::FieldIssue>) -> ApiError {
    let first = issues.into_iter().next().expect("a refusal names at least one field");
    ApiError::invalid(first.field, first.message)
}

#[utoipa::path(get, path = "/api/v1/orgs/me/billing", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, description = "The billing information, or null before it is entered", body = Option<BillingInfo>),
        (status = 401, body = contract::ApiErrorBody),
        (status = 403, description = "Owners of a subscribed organization only", body = contract::ApiErrorBody)))]
pub async fn get_billing(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Option<BillingInfo>>> {
    let org = require_billing(&state, &caller).await?;
    Ok(Json(load_billing(&state.pool, org.org_id).await?))
}

#[utoipa::path(put, path = "/api/v1/orgs/me/billing", tag = "subscription", security(("bearer" = [])),
    request_body = BillingInfo,
    responses((status = 200, body = BillingInfo), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody),
        (status = 422, description = "A field is refused; `field` names it", body = contract::ApiErrorBody)))]
pub async fn put_billing(
    State(state): State<AppState>,
    caller: Caller,
    Json(info): Json<BillingInfo>,
) -> ApiResult<Json<BillingInfo>> {
    let org = require_billing(&state, &caller).await?;
    let info = info.validated().map_err(refuse_first)?;
    sqlx::query(
        "INSERT INTO billing_info (org_id, info, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (org_id) DO UPDATE SET info = excluded.info, updated_at = excluded.updated_at",
    )
    .bind(org.org_id)
    .bind(serde_json::to_string(&info).map_err(|_| ApiError::internal())?)
    .bind(db::now())
    .execute(&state.pool)
    .await?;
    Ok(Json(info))
}

#[utoipa::path(get, path = "/api/v1/orgs/me/payment", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, description = "The card on file, or null", body = Option<PaymentMethod>),
        (status = 401, body = contract::ApiErrorBody), (status = 403, body = contract::ApiErrorBody)))]
pub async fn get_payment(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Option<PaymentMethod>>> {
    let org = require_billing(&state, &caller).await?;
    Ok(Json(load_card(&state.pool, org.org_id).await?))
}

#[utoipa::path(put, path = "/api/v1/orgs/me/payment", tag = "subscription", security(("bearer" = [])),
    request_body = CardUpdate,
    responses((status = 200, description = "What is kept of the card", body = PaymentMethod),
        (status = 401, body = contract::ApiErrorBody), (status = 403, body = contract::ApiErrorBody),
        (status = 422, description = "Fails the Luhn check, expired, or a bad security code", body = contract::ApiErrorBody)))]
pub async fn put_payment(
    State(state): State<AppState>,
    caller: Caller,
    Json(card): Json<CardUpdate>,
) -> ApiResult<Json<PaymentMethod>> {
    let org = require_billing(&state, &caller).await?;
    let now = chrono::Utc::now().date_naive();
    let kept = card.validated((now.year(), now.month())).map_err(refuse_first)?;
    drop(card);
    sqlx::query(
        "INSERT INTO payment_methods (org_id, brand, last4, exp_month, exp_year, holder, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (org_id) DO UPDATE SET brand = excluded.brand, last4 = excluded.last4,
             exp_month = excluded.exp_month, exp_year = excluded.exp_year, holder = excluded.holder,
             updated_at = excluded.updated_at",
    )
    .bind(org.org_id)
    .bind(&kept.brand)
    .bind(&kept.last4)
    .bind(kept.exp_month)
    .bind(kept.exp_year)
    .bind(&kept.holder)
    .bind(db::now())
    .execute(&state.pool)
    .await?;
    // Invoices left open for want of a card are paid now.
    charge_open_invoices(&state.pool, state.payments.as_ref(), org.org_id).await?;
    Ok(Json(kept))
}
