//! `/api/v1/orgs/me/subscription`: subscribe to a tier, change it, cancel at the period's end.
//! Owners only. While subscribed, every connected space shows the premium plan (see
//! `spaces::list`), and the organization's plan and limits follow the tier.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{Months, NaiveDate, Utc};
use contract::{
    tax_for, tax_rate_basis_points, BillingInfo, ChooseTier, Permission, SubscriptionStatus, SubscriptionView, TierId,
    CURRENCY, FREE_MAX_COLLABORATORS, FREE_MAX_SPACES, FREE_PLAN,
};
use sqlx::SqlitePool;

use crate::auth::{Caller, OrgCaller};
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::payments::{Charge, PaymentGateway};
use crate::routes::billing;
use crate::AppState;

#[derive(sqlx::FromRow)]
pub struct SubscriptionRow {
    pub tier: String,
    pub period_start: String,
    pub period_end: String,
    pub cancel_at_period_end: bool,
}

pub fn today() -> String {
    Utc::now().date_naive().format("%Y-%m-%d").to_string()
}

fn next_month(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| date.to_string())
}

pub async fn current(pool: &SqlitePool, org_id: i64) -> Result<Option<SubscriptionRow>, sqlx::Error> {
    sqlx::query_as("SELECT tier, period_start, period_end, cancel_at_period_end FROM subscriptions WHERE org_id = ?")
        .bind(org_id)
        .fetch_optional(pool)
        .await
}

/// Bring the subscription up to today: each period that ended either renews (with its invoice)
/// or, when cancelled, ends the subscription and returns the organization to the free plan.
pub async fn settle(pool: &SqlitePool, gateway: &dyn PaymentGateway, org_id: i64) -> Result<(), sqlx::Error> {
    let today = today();
    while let Some(sub) = current(pool, org_id).await? {
        if sub.period_end > today {
            break;
        }
        if sub.cancel_at_period_end {
            sqlx::query("DELETE FROM subscriptions WHERE org_id = ?")
                .bind(org_id)
                .execute(pool)
                .await?;
            set_org_plan(pool, org_id, None).await?;
            break;
        }
        let start = sub.period_end.clone();
        let end = next_month(&start);
        sqlx::query("UPDATE subscriptions SET period_start = ?, period_end = ? WHERE org_id = ? AND period_start = ?")
            .bind(&start)
            .bind(&end)
            .bind(org_id)
            .bind(&sub.period_start)
            .execute(pool)
            .await?;
        let tier = TierId::parse(&sub.tier).unwrap_or(TierId::Team);
        issue_invoice(pool, gateway, org_id, tier, &start, &end).await?;
    }
    Ok(())
}

/// The organization's plan and limits follow the tier; without one, the free plan's.
async fn set_org_plan(pool: &SqlitePool, org_id: i64, tier: Option<TierId>) -> Result<(), sqlx::Error> {
    let (plan, level, spaces, collaborators) = match tier.map(TierId::tier) {
        Some(t) => (t.id.as_str(), t.plan_level, t.max_spaces, t.max_collaborators),
        None => (FREE_PLAN, 0, FREE_MAX_SPACES, FREE_MAX_COLLABORATORS),
    };
    sqlx::query("UPDATE orgs SET plan = ?, plan_level = ?, max_spaces = ?, max_collaborators = ? WHERE id = ?")
        .bind(plan)
        .bind(level)
        .bind(spaces)
        .bind(collaborators)
        .bind(org_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// One invoice for one period, taxed by the billing country, charged to the card on file if
/// there is one (it stays open otherwise, or when the card is declined).
pub async fn issue_invoice(
    pool: &SqlitePool,
    gateway: &dyn PaymentGateway,
    org_id: i64,
    tier: TierId,
    period_start: &str,
    period_end: &str,
) -> Result<(), sqlx::Error> {
    let billed_to: Option<BillingInfo> = billing::load_billing(pool, org_id).await?;
    let rate = tax_rate_basis_points(billed_to.as_ref().map(|b| b.country.as_str()));
    let amount = tier.tier().monthly_price_cents;
    let tax = tax_for(amount, rate);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE org_id = ?")
        .bind(org_id)
        .fetch_one(pool)
        .await?;
    let number = format!("OA-{org_id:04}-{:04}", count + 1);
    let inserted = sqlx::query(
        "INSERT INTO invoices (org_id, number, period_start, period_end, tier, amount_cents, tax_rate_bp, tax_cents,
             total_cents, currency, status, issued_at, billed_to)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) ON CONFLICT (org_id, period_start) DO NOTHING",
    )
    .bind(org_id)
    .bind(&number)
    .bind(period_start)
    .bind(period_end)
    .bind(tier.as_str())
    .bind(amount)
    .bind(rate)
    .bind(tax)
    .bind(amount + tax)
    .bind(CURRENCY)
    .bind(db::now())
    .bind(billed_to.map(|b| serde_json::to_string(&b).unwrap_or_default()))
    .execute(pool)
    .await?
    .rows_affected();
    if inserted == 1 {
        charge_open_invoices(pool, gateway, org_id).await?;
    }
    Ok(())
}

/// Try every open invoice against the card on file.
pub async fn charge_open_invoices(
    pool: &SqlitePool,
    gateway: &dyn PaymentGateway,
    org_id: i64,
) -> Result<(), sqlx::Error> {
    let Some(card) = billing::load_card(pool, org_id).await? else {
        return Ok(());
    };
    let open: Vec<(i64, String, i64, String)> = sqlx::query_as(
        "SELECT id, number, total_cents, currency FROM invoices WHERE org_id = ? AND status = 'open' ORDER BY id",
    )
    .bind(org_id)
    .fetch_all(pool)
    .await?;
    for (id, number, total, currency) in open {
        let charge = Charge {
            card: &card,
            amount_cents: total,
            currency: &currency,
            reference: &number,
        };
        match gateway.charge(charge).await {
            Ok(reference) => {
                sqlx::query(
                    "UPDATE invoices SET status = 'paid', charge_reference = ? WHERE id = ? AND status = 'open'",
                )
                .bind(reference)
                .bind(id)
                .execute(pool)
                .await?;
            }
            Err(declined) => {
                tracing::info!(invoice = %number, reason = %declined.0, "charge declined");
            }
        }
    }
    Ok(())
}

/// Invoices, billing and payment information are open once the organization has subscribed (and
/// stay open for its invoices after a subscription ends).
pub async fn billing_open(pool: &SqlitePool, org_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM subscriptions WHERE org_id = ?1) OR EXISTS (SELECT 1 FROM invoices WHERE org_id = ?1)",
    )
    .bind(org_id)
    .fetch_one(pool)
    .await
}

/// The owner, once billing is open; 403 for everyone else and before subscribing.
pub async fn require_billing(state: &AppState, caller: &Caller) -> ApiResult<OrgCaller> {
    let org = caller.require(Permission::ManageSubscription)?;
    settle(&state.pool, state.payments.as_ref(), org.org_id).await?;
    if !billing_open(&state.pool, org.org_id).await? {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "not_subscribed",
            "Invoices, billing and payment information open once your organization subscribes.",
        ));
    }
    Ok(org)
}

async fn view(pool: &SqlitePool, org_id: i64) -> Result<SubscriptionView, sqlx::Error> {
    let sub = current(pool, org_id).await?;
    Ok(SubscriptionView {
        tier: sub.as_ref().and_then(|s| TierId::parse(&s.tier)),
        status: sub.as_ref().map(|s| {
            if s.cancel_at_period_end {
                SubscriptionStatus::Canceling
            } else {
                SubscriptionStatus::Active
            }
        }),
        period_start: sub.as_ref().map(|s| s.period_start.clone()),
        period_end: sub.as_ref().map(|s| s.period_end.clone()),
        has_payment_method: billing::load_card(pool, org_id).await?.is_some(),
        billing_open: billing_open(pool, org_id).await?,
    })
}

#[utoipa::path(get, path = "/api/v1/orgs/me/subscription", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, body = SubscriptionView), (status = 401, body = contract::ApiErrorBody),
        (status = 403, description = "Only owners manage the subscription", body = contract::ApiErrorBody)))]
pub async fn get(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<SubscriptionView>> {
    let org = caller.require(Permission::ManageSubscription)?;
    settle(&state.pool, state.payments.as_ref(), org.org_id).await?;
    Ok(Json(view(&state.pool, org.org_id).await?))
}

#[utoipa::path(put, path = "/api/v1/orgs/me/subscription", tag = "subscription", security(("bearer" = [])),
    request_body = ChooseTier,
    responses((status = 200, body = SubscriptionView), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody),
        (status = 409, description = "The organization uses more than the tier allows", body = contract::ApiErrorBody)))]
pub async fn choose(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<ChooseTier>,
) -> ApiResult<Json<SubscriptionView>> {
    let org = caller.require(Permission::ManageSubscription)?;
    let gateway = state.payments.as_ref();
    settle(&state.pool, gateway, org.org_id).await?;
    let tier = request.tier.tier();
    let (spaces, collaborators): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM spaces WHERE org_id = ?1),
                (SELECT COUNT(DISTINCT c.user_id) FROM space_collaborators c JOIN spaces s ON s.id = c.space_id WHERE s.org_id = ?1)",
    )
    .bind(org.org_id)
    .fetch_one(&state.pool)
    .await?;
    if spaces > tier.max_spaces || collaborators > tier.max_collaborators {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "over_limit",
            format!(
                "{} allows {} spaces and {} collaborators; your organization has {spaces} and {collaborators}.",
                tier.name, tier.max_spaces, tier.max_collaborators
            ),
        )
        .at("tier"));
    }
    match current(&state.pool, org.org_id).await? {
        None => {
            let start = today();
            let end = next_month(&start);
            let created = sqlx::query(
                "INSERT INTO subscriptions (org_id, tier, period_start, period_end, created_at) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (org_id) DO NOTHING",
            )
            .bind(org.org_id)
            .bind(tier.id.as_str())
            .bind(&start)
            .bind(&end)
            .bind(db::now())
            .execute(&state.pool)
            .await?
            .rows_affected();
            set_org_plan(&state.pool, org.org_id, Some(tier.id)).await?;
            if created == 1 {
                issue_invoice(&state.pool, gateway, org.org_id, tier.id, &start, &end).await?;
            }
        }
        Some(_) => {
            // A new tier applies now and is billed from the next period; choosing one also
            // withdraws a pending cancellation.
            sqlx::query("UPDATE subscriptions SET tier = ?, cancel_at_period_end = 0 WHERE org_id = ?")
                .bind(tier.id.as_str())
                .bind(org.org_id)
                .execute(&state.pool)
                .await?;
            set_org_plan(&state.pool, org.org_id, Some(tier.id)).await?;
        }
    }
    Ok(Json(view(&state.pool, org.org_id).await?))
}

#[utoipa::path(delete, path = "/api/v1/orgs/me/subscription", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, description = "Cancelled at the end of the period", body = SubscriptionView),
        (status = 401, body = contract::ApiErrorBody), (status = 403, body = contract::ApiErrorBody),
        (status = 409, description = "Not subscribed", body = contract::ApiErrorBody)))]
pub async fn cancel(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<SubscriptionView>> {
    set_cancel(&state, &caller, true).await
}

#[utoipa::path(post, path = "/api/v1/orgs/me/subscription/resume", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, description = "Renews again", body = SubscriptionView),
        (status = 401, body = contract::ApiErrorBody), (status = 403, body = contract::ApiErrorBody),
        (status = 409, description = "Not subscribed", body = contract::ApiErrorBody)))]
pub async fn resume(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<SubscriptionView>> {
    set_cancel(&state, &caller, false).await
}

async fn set_cancel(state: &AppState, caller: &Caller, cancel: bool) -> ApiResult<Json<SubscriptionView>> {
    let org = caller.require(Permission::ManageSubscription)?;
    settle(&state.pool, state.payments.as_ref(), org.org_id).await?;
    let changed = sqlx::query("UPDATE subscriptions SET cancel_at_period_end = ? WHERE org_id = ?")
        .bind(cancel)
        .bind(org.org_id)
        .execute(&state.pool)
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "not_subscribed",
            "Your organization has no subscription.",
        ));
    }
    Ok(Json(view(&state.pool, org.org_id).await?))
}
