//! The subscription: subscribe to a tier, change it, cancel at the period's end, and the renewals
//! the scheduler runs when a period ends. While subscribed, every connected space shows the
//! premium plan (see `spaces::list`) and the organization's plan and limits follow the tier.
//! Reading the subscription never changes it: renewals come from the scheduler only.

use axum::http::StatusCode;
use chrono::{Months, NaiveDate};
use contract::{
    tax_for, tax_rate_basis_points, ActivityKey, Permission, SubscriptionStatus, SubscriptionView, TierId, CURRENCY,
    FREE_MAX_COLLABORATORS, FREE_MAX_SPACES, FREE_PLAN,
};
use serde_json::json;

use crate::db::{self, Pool, Tx};
use crate::domain::activity::{self, before_after, By, Change};
use crate::domain::{authorize, billing, Actor};
use crate::error::{ApiError, ApiResult};
use crate::payments::PaymentGateway;

#[derive(sqlx::FromRow)]
pub struct SubscriptionRow {
    pub tier: String,
    pub period_start: String,
    pub period_end: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub cancel_at_period_end: bool,
}

/// The same day next month (the last day of a shorter month), `YYYY-MM-DD`.
fn same_day_next_month(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| date.to_string())
}

const SELECT: &str = "SELECT tier, period_start, period_end, cancel_at_period_end FROM subscriptions WHERE org_id = $1";

pub async fn current(pool: &Pool, org_id: i64) -> Result<Option<SubscriptionRow>, sqlx::Error> {
    sqlx::query_as(SELECT).bind(org_id).fetch_optional(pool).await
}

async fn current_in(tx: &mut Tx, org_id: i64) -> Result<Option<SubscriptionRow>, sqlx::Error> {
    sqlx::query_as(SELECT).bind(org_id).fetch_optional(&mut **tx).await
}

/// Invoices, billing and payment information are open once the organization has subscribed (and
/// stay open for its invoices after a subscription ends).
pub async fn billing_open(pool: &Pool, org_id: i64) -> Result<bool, sqlx::Error> {
    let db::Flag(open) = sqlx::query_scalar(BILLING_OPEN).bind(org_id).fetch_one(pool).await?;
    Ok(open)
}

pub async fn billing_open_in(tx: &mut Tx, org_id: i64) -> Result<bool, sqlx::Error> {
    let db::Flag(open) = sqlx::query_scalar(BILLING_OPEN)
        .bind(org_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(open)
}

const BILLING_OPEN: &str =
    "SELECT EXISTS (SELECT 1 FROM subscriptions WHERE org_id = $1) OR EXISTS (SELECT 1 FROM invoices WHERE org_id = $1)";

pub fn not_subscribed() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "not_subscribed",
        crate::say!(
            "Invoices, billing and payment information open once your organization subscribes.",
            "Rechnungen, Rechnungs- und Zahlungsangaben öffnen sich, sobald Ihre Organisation ein Abonnement hat."
        ),
    )
}

/// For reads of invoices, billing and payment information: 403 before the first subscription.
pub async fn require_billing_open(pool: &Pool, org_id: i64) -> ApiResult<()> {
    if billing_open(pool, org_id).await? {
        Ok(())
    } else {
        Err(not_subscribed())
    }
}

pub async fn view(pool: &Pool, org_id: i64) -> Result<SubscriptionView, sqlx::Error> {
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

/// The organization's plan and limits follow the tier; without one, the free plan's.
async fn set_org_plan(tx: &mut Tx, org_id: i64, tier: Option<TierId>) -> Result<(), sqlx::Error> {
    let (plan, level, spaces, collaborators) = match tier.map(TierId::tier) {
        Some(t) => (t.id.as_str(), t.plan_level, t.max_spaces, t.max_collaborators),
        None => (FREE_PLAN, 0, FREE_MAX_SPACES, FREE_MAX_COLLABORATORS),
    };
    sqlx::query("UPDATE orgs SET plan = $1, plan_level = $2, max_spaces = $3, max_collaborators = $4 WHERE id = $5")
        .bind(plan)
        .bind(level)
        .bind(spaces)
        .bind(collaborators)
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// One invoice for one period, taxed by the billing country; `None` when that period already
/// has its invoice. It is charged after the transaction commits.
async fn issue_invoice(
    tx: &mut Tx,
    org_id: i64,
    tier: TierId,
    start: &str,
    end: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let billed_to = billing::billing_in(tx, org_id).await?;
    let rate = tax_rate_basis_points(billed_to.as_ref().map(|b| b.country.as_str()));
    let amount = tier.tier().monthly_price_cents;
    let tax = tax_for(amount, rate);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE org_id = $1")
        .bind(org_id)
        .fetch_one(&mut **tx)
        .await?;
    let number = format!("OA-{org_id:04}-{:04}", count + 1);
    let inserted = sqlx::query_scalar(
        "INSERT INTO invoices (org_id, number, period_start, period_end, tier, amount_cents, tax_rate_bp, tax_cents,
             total_cents, currency, status, issued_at, billed_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12) ON CONFLICT (org_id, period_start) DO NOTHING
         RETURNING id",
    )
    .bind(org_id)
    .bind(&number)
    .bind(start)
    .bind(end)
    .bind(tier.as_str())
    .bind(amount)
    .bind(rate)
    .bind(tax)
    .bind(amount + tax)
    .bind(CURRENCY)
    .bind(db::now())
    .bind(billed_to.map(|b| serde_json::to_string(&b).unwrap_or_default()))
    .fetch_optional(&mut **tx)
    .await?;
    Ok(inserted)
}

/// Subscribe, or change tier. A new tier applies now and is billed from the next period;
/// choosing one also withdraws a pending cancellation.
pub async fn choose(
    pool: &Pool,
    gateway: &dyn PaymentGateway,
    actor: &Actor,
    tier: TierId,
) -> ApiResult<SubscriptionView> {
    let tier = tier.tier();
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSubscription).await?;
    let (spaces, collaborators): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM spaces WHERE org_id = $1),
                (SELECT COUNT(DISTINCT c.user_id) FROM space_collaborators c JOIN spaces s ON s.id = c.space_id WHERE s.org_id = $1)",
    )
    .bind(actor.org_id)
    .fetch_one(&mut *tx)
    .await?;
    if spaces > tier.max_spaces || collaborators > tier.max_collaborators {
        return Err(ApiError::conflict(
            "over_limit",
            format!(
                "{} allows {} spaces and {} collaborators; your organization has {spaces} and {collaborators}.",
                tier.name, tier.max_spaces, tier.max_collaborators
            ),
        )
        .at("tier"));
    }
    let invoiced = match current_in(&mut tx, actor.org_id).await? {
        None => {
            let start = db::today();
            let end = same_day_next_month(&start);
            sqlx::query(
                "INSERT INTO subscriptions (org_id, tier, period_start, period_end, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(actor.org_id)
            .bind(tier.id.as_str())
            .bind(&start)
            .bind(&end)
            .bind(db::now())
            .execute(&mut *tx)
            .await?;
            let change = Change::new(ActivityKey::SubscriptionCreate)
                .on(actor.org_id, tier.name)
                .with(json!({ "tier": tier.id, "period_start": start, "period_end": end }));
            activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
            issue_invoice(&mut tx, actor.org_id, tier.id, &start, &end).await?
        }
        Some(old) => {
            sqlx::query("UPDATE subscriptions SET tier = $1, cancel_at_period_end = 0 WHERE org_id = $2")
                .bind(tier.id.as_str())
                .bind(actor.org_id)
                .execute(&mut *tx)
                .await?;
            let before = TierId::parse(&old.tier);
            if before != Some(tier.id) || old.cancel_at_period_end {
                let change = Change::new(ActivityKey::SubscriptionUpdate)
                    .on(actor.org_id, tier.name)
                    .with(json!({
                        "tier": before_after(before, tier.id),
                        "cancel_at_period_end": before_after(old.cancel_at_period_end, false),
                    }));
                activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
            }
            None
        }
    };
    set_org_plan(&mut tx, actor.org_id, Some(tier.id)).await?;
    tx.commit().await?;
    if invoiced.is_some() {
        billing::charge_outstanding(pool, gateway, actor.org_id, &By::Actor(actor)).await?;
    }
    Ok(view(pool, actor.org_id).await?)
}

/// Cancel at the end of the period (`cancel`), or keep the subscription after all.
pub async fn set_cancel(pool: &Pool, actor: &Actor, cancel: bool) -> ApiResult<SubscriptionView> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSubscription).await?;
    let sub = current_in(&mut tx, actor.org_id).await?.ok_or_else(|| {
        ApiError::conflict(
            "not_subscribed",
            crate::say!(
                "Your organization has no subscription.",
                "Ihre Organisation hat kein Abonnement."
            ),
        )
    })?;
    sqlx::query("UPDATE subscriptions SET cancel_at_period_end = $1 WHERE org_id = $2")
        .bind(i64::from(cancel))
        .bind(actor.org_id)
        .execute(&mut *tx)
        .await?;
    if sub.cancel_at_period_end != cancel {
        let key = if cancel {
            ActivityKey::SubscriptionCancel
        } else {
            ActivityKey::SubscriptionResume
        };
        let name = TierId::parse(&sub.tier).map(|t| t.tier().name).unwrap_or_default();
        let change = Change::new(key)
            .on(actor.org_id, name)
            .with(json!({ "period_end": sub.period_end }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    Ok(view(pool, actor.org_id).await?)
}

/// Bring every subscription whose period has ended up to today: each ended period either renews
/// (with its invoice, then charged) or, when cancelled, ends the subscription and returns the
/// organization to the free plan. Run by the scheduler; each step is one guarded transaction, so
/// two runners at once would still renew each period once.
pub async fn renew_due(pool: &Pool, gateway: &dyn PaymentGateway) -> Result<usize, sqlx::Error> {
    let today = db::today();
    let due: Vec<i64> = sqlx::query_scalar("SELECT org_id FROM subscriptions WHERE period_end <= $1")
        .bind(&today)
        .fetch_all(pool)
        .await?;
    let mut steps = 0;
    for org_id in due {
        let mut invoiced = false;
        while let Some(step) = renew_one_period(pool, org_id, &today).await? {
            steps += 1;
            invoiced |= step;
        }
        if invoiced {
            billing::charge_outstanding(pool, gateway, org_id, &By::Server).await?;
        }
    }
    Ok(steps)
}

/// One ended period of one organization; `Some(true)` when an invoice was issued, `None` when
/// nothing was due.
async fn renew_one_period(pool: &Pool, org_id: i64, today: &str) -> Result<Option<bool>, sqlx::Error> {
    let mut tx = db::write(pool).await?;
    let Some(sub) = current_in(&mut tx, org_id)
        .await?
        .filter(|s| s.period_end.as_str() <= today)
    else {
        return Ok(None);
    };
    let tier = TierId::parse(&sub.tier).unwrap_or(TierId::Team);
    if sub.cancel_at_period_end {
        sqlx::query("DELETE FROM subscriptions WHERE org_id = $1 AND period_start = $2")
            .bind(org_id)
            .bind(&sub.period_start)
            .execute(&mut *tx)
            .await?;
        set_org_plan(&mut tx, org_id, None).await?;
        let change = Change::new(ActivityKey::SubscriptionEnd)
            .on(org_id, tier.tier().name)
            .with(json!({ "period_end": sub.period_end }));
        activity::record(&mut tx, org_id, By::Server, change).await?;
        tx.commit().await?;
        return Ok(Some(false));
    }
    let start = sub.period_end.clone();
    let end = same_day_next_month(&start);
    sqlx::query("UPDATE subscriptions SET period_start = $1, period_end = $2 WHERE org_id = $3 AND period_start = $4")
        .bind(&start)
        .bind(&end)
        .bind(org_id)
        .bind(&sub.period_start)
        .execute(&mut *tx)
        .await?;
    let invoice = issue_invoice(&mut tx, org_id, tier, &start, &end).await?;
    let change = Change::new(ActivityKey::SubscriptionRenew)
        .on(org_id, tier.tier().name)
        .with(json!({ "tier": tier, "period_start": start, "period_end": end }));
    activity::record(&mut tx, org_id, By::Server, change).await?;
    tx.commit().await?;
    Ok(Some(invoice.is_some()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn periods_run_to_the_same_day_next_month() {
        assert_eq!(super::same_day_next_month("2026-01-15"), "2026-02-15");
        assert_eq!(super::same_day_next_month("2026-01-31"), "2026-02-28");
        assert_eq!(super::same_day_next_month("2026-12-03"), "2027-01-03");
    }
}
