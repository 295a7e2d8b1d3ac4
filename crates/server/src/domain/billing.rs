//! Who invoices are made out to, the card on file, and charging invoices to it exactly once.
//!
//! An invoice moves `open` → `charging` → `paid` | `failed`. Charging starts with a guarded update
//! that only one caller can win (a card saved twice at once, a save racing a renewal: the loser
//! finds the invoice already `charging` and leaves it). Each attempt has its own number and the
//! gateway gets `invoice-{id}-attempt-{n}` as its idempotency key; an attempt left `charging` by a
//! crash is finished later by the scheduler with the same key, so the provider never takes it twice.

use crate::lang::spoken;
use chrono::Datelike;
use contract::{ActivityKey, BillingInfo, CardUpdate, PaymentMethod, Permission};
use serde_json::json;

use crate::db::{self, Pool, Tx};
use crate::domain::activity::{self, By, Change};
use crate::domain::{authorize, subscription, Actor};
use crate::error::{ApiError, ApiResult};
use crate::payments::{Charge, PaymentGateway};

/// A charge that has not answered by then is left `charging`, for the scheduler to finish.
const GATEWAY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
/// How long an attempt may stay `charging` before the scheduler finishes it.
pub const STUCK_AFTER: chrono::Duration = chrono::Duration::minutes(5);

pub async fn load_billing(pool: &Pool, org_id: i64) -> Result<Option<BillingInfo>, sqlx::Error> {
    let json: Option<String> = sqlx::query_scalar("SELECT info FROM billing_info WHERE org_id = $1")
        .bind(org_id)
        .fetch_optional(pool)
        .await?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// The billing information as it stands inside a transaction (what a new invoice is made out to).
pub async fn billing_in(tx: &mut Tx, org_id: i64) -> Result<Option<BillingInfo>, sqlx::Error> {
    let json: Option<String> = sqlx::query_scalar("SELECT info FROM billing_info WHERE org_id = $1")
        .bind(org_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

#[derive(sqlx::FromRow)]
struct CardRow {
    brand: String,
    last4: String,
    exp_month: i64,
    exp_year: i64,
    holder: String,
}

pub async fn load_card(pool: &Pool, org_id: i64) -> Result<Option<PaymentMethod>, sqlx::Error> {
    let row: Option<CardRow> =
        sqlx::query_as("SELECT brand, last4, exp_month, exp_year, holder FROM payment_methods WHERE org_id = $1")
            .bind(org_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|r| PaymentMethod {
        brand: r.brand,
        last4: r.last4,
        exp_month: r.exp_month as u32,
        exp_year: r.exp_year as i32,
        holder: r.holder,
    }))
}

/// The owner of an organization whose billing is open, checked inside the change's transaction.
async fn authorize_billing(tx: &mut Tx, actor: &Actor) -> ApiResult<()> {
    authorize(tx, actor, Permission::ManageSubscription).await?;
    if !subscription::billing_open_in(tx, actor.org_id).await? {
        return Err(subscription::not_subscribed());
    }
    Ok(())
}

pub async fn save_billing(pool: &Pool, actor: &Actor, info: BillingInfo) -> ApiResult<BillingInfo> {
    let info = info.validated(spoken()).map_err(ApiError::first_issue)?;
    let mut tx = db::write(pool).await?;
    authorize_billing(&mut tx, actor).await?;
    let before = billing_in(&mut tx, actor.org_id).await?;
    sqlx::query(
        "INSERT INTO billing_info (org_id, info, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (org_id) DO UPDATE SET info = excluded.info, updated_at = excluded.updated_at",
    )
    .bind(actor.org_id)
    .bind(serde_json::to_string(&info).map_err(|_| ApiError::internal())?)
    .bind(db::now())
    .execute(&mut *tx)
    .await?;
    if before.as_ref() != Some(&info) {
        let change = Change::new(ActivityKey::BillingUpdate)
            .on(actor.org_id, info.company.clone())
            .with(json!({ "before": before, "after": info }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    Ok(info)
}

/// What the activity log may say about a card: brand, last four and expiry, nothing more.
fn card_summary(card: &PaymentMethod) -> serde_json::Value {
    json!({ "brand": card.brand, "last4": card.last4, "exp_month": card.exp_month, "exp_year": card.exp_year })
}

/// Keep the card (brand, last four, expiry and holder only) and charge what is outstanding to it.
pub async fn save_card(
    pool: &Pool,
    gateway: &dyn PaymentGateway,
    actor: &Actor,
    card: CardUpdate,
) -> ApiResult<PaymentMethod> {
    let now = chrono::Utc::now().date_naive();
    let kept = card
        .validated((now.year(), now.month()), spoken())
        .map_err(ApiError::first_issue)?;
    drop(card);
    let mut tx = db::write(pool).await?;
    authorize_billing(&mut tx, actor).await?;
    let before: Option<CardRow> =
        sqlx::query_as("SELECT brand, last4, exp_month, exp_year, holder FROM payment_methods WHERE org_id = $1")
            .bind(actor.org_id)
            .fetch_optional(&mut *tx)
            .await?;
    sqlx::query(
        "INSERT INTO payment_methods (org_id, brand, last4, exp_month, exp_year, holder, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (org_id) DO UPDATE SET brand = excluded.brand, last4 = excluded.last4,
             exp_month = excluded.exp_month, exp_year = excluded.exp_year, holder = excluded.holder,
             updated_at = excluded.updated_at",
    )
    .bind(actor.org_id)
    .bind(&kept.brand)
    .bind(&kept.last4)
    .bind(i64::from(kept.exp_month))
    .bind(i64::from(kept.exp_year))
    .bind(&kept.holder)
    .bind(db::now())
    .execute(&mut *tx)
    .await?;
    let before =
        before.map(|r| json!({ "brand": r.brand, "last4": r.last4, "exp_month": r.exp_month, "exp_year": r.exp_year }));
    let change = Change::new(ActivityKey::PaymentUpdate)
        .on(actor.org_id, format!("{} ending in {}", kept.brand, kept.last4))
        .with(json!({ "before": before, "after": card_summary(&kept) }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    // Invoices left open for want of a card, or declined before, are charged now.
    charge_outstanding(pool, gateway, actor.org_id, &By::Actor(actor)).await?;
    Ok(kept)
}

/// Charge every open or failed invoice of the organization to its card, each at most once.
pub async fn charge_outstanding(
    pool: &Pool,
    gateway: &dyn PaymentGateway,
    org_id: i64,
    by: &By<'_>,
) -> Result<(), sqlx::Error> {
    let Some(card) = load_card(pool, org_id).await? else {
        return Ok(());
    };
    let outstanding: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM invoices WHERE org_id = $1 AND status IN ('open', 'failed') ORDER BY id")
            .bind(org_id)
            .fetch_all(pool)
            .await?;
    for invoice_id in outstanding {
        let mut tx = db::write(pool).await?;
        let claimed: Option<Claim> = sqlx::query_as(
            "UPDATE invoices SET status = 'charging', charge_attempts = charge_attempts + 1, charging_since = $1
             WHERE id = $2 AND status IN ('open', 'failed')
             RETURNING id, org_id, number, total_cents, currency, charge_attempts",
        )
        .bind(db::now())
        .bind(invoice_id)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        // Someone else is charging it, or it was paid meanwhile.
        if let Some(claim) = claimed {
            charge(pool, gateway, &card, &claim, by).await?;
        }
    }
    Ok(())
}

/// An attempt this caller owns: the invoice is `charging` with this attempt number.
#[derive(sqlx::FromRow)]
pub struct Claim {
    id: i64,
    org_id: i64,
    number: String,
    total_cents: i64,
    currency: String,
    charge_attempts: i64,
}

/// Call the gateway for the claimed attempt and record its answer. A lost answer (timeout)
/// leaves the invoice `charging` for [`finish_stuck_charges`].
async fn charge(
    pool: &Pool,
    gateway: &dyn PaymentGateway,
    card: &PaymentMethod,
    claim: &Claim,
    by: &By<'_>,
) -> Result<(), sqlx::Error> {
    let key = format!("invoice-{}-attempt-{}", claim.id, claim.charge_attempts);
    let answer = tokio::time::timeout(
        GATEWAY_TIMEOUT,
        gateway.charge(Charge {
            card,
            amount_cents: claim.total_cents,
            currency: &claim.currency,
            reference: &claim.number,
            idempotency_key: &key,
        }),
    )
    .await;
    let Ok(answer) = answer else {
        tracing::warn!(invoice = %claim.number, "the payment provider did not answer; the scheduler will ask again");
        return Ok(());
    };
    let (status, reference, key_name) = match &answer {
        Ok(reference) => ("paid", Some(reference.clone()), ActivityKey::InvoicePay),
        Err(declined) => {
            tracing::info!(invoice = %claim.number, reason = %declined.0, "charge declined");
            ("failed", None, ActivityKey::InvoiceDecline)
        }
    };
    let mut tx = db::write(pool).await?;
    let settled = sqlx::query(
        "UPDATE invoices SET status = $1, charge_reference = $2, charging_since = NULL
         WHERE id = $3 AND status = 'charging' AND charge_attempts = $4",
    )
    .bind(status)
    .bind(reference)
    .bind(claim.id)
    .bind(claim.charge_attempts)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if settled == 1 {
        let mut parameters = json!({
            "number": claim.number,
            "total_cents": claim.total_cents,
            "currency": claim.currency,
            "card": card_summary(card),
            "attempt": claim.charge_attempts,
        });
        if let Err(declined) = &answer {
            parameters["reason"] = json!(declined.0);
        }
        let change = Change::new(key_name)
            .on(claim.id, claim.number.clone())
            .with(parameters);
        activity::record(&mut tx, claim.org_id, *by, change).await?;
    }
    tx.commit().await
}

/// Attempts left `charging` (a crash, a lost answer) are asked again with their own idempotency
/// key: the provider answers as before, and the invoice gets the answer it never recorded.
pub async fn finish_stuck_charges(pool: &Pool, gateway: &dyn PaymentGateway) -> Result<usize, sqlx::Error> {
    let stuck: Vec<Claim> = sqlx::query_as(
        "SELECT id, org_id, number, total_cents, currency, charge_attempts FROM invoices
         WHERE status = 'charging' AND charging_since < $1",
    )
    .bind(db::timestamp(chrono::Utc::now() - STUCK_AFTER))
    .fetch_all(pool)
    .await?;
    let mut finished = 0;
    for claim in &stuck {
        if let Some(card) = load_card(pool, claim.org_id).await? {
            charge(pool, gateway, &card, claim, &By::Server).await?;
            finished += 1;
        }
    }
    Ok(finished)
}
