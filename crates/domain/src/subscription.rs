//! The subscription: subscribe to a tier, change it, cancel at the period's end, and the renewals
//! the scheduler runs when a period ends. While subscribed, every connected space shows the
//! premium plan (see `spaces::list`) and the organization's plan and limits follow the tier.
//! Reading the subscription never changes it: renewals come from the scheduler only.

use chrono::{Months, NaiveDate};
use common::payments::PaymentGateway;
use common::{day, say, Actor, DomainError, DomainResult};
use contract::{
    tax_for, tax_rate_basis_points, ActivityKey, Permission, SubscriptionStatus, SubscriptionView, TierId, CURRENCY,
    FREE_MAX_COLLABORATORS, FREE_MAX_SPACES, FREE_PLAN,
};
use serde_json::json;

use crate::activity::{self, before_after, By, Change};
use crate::db::{self, Pool, Tx};
use crate::{authorize, billing};

pub struct SubscriptionRow {
    pub tier: TierId,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub cancel_at_period_end: bool,
}

/// The same day next month (the last day of a shorter month).
fn same_day_next_month(date: NaiveDate) -> NaiveDate {
    date.checked_add_months(Months::new(1)).unwrap_or(date)
}

macro_rules! subscription {
    ($org:expr) => {
        sqlx::query_as!(
            SubscriptionRow,
            r#"SELECT tier AS "tier: TierId", period_start AS "period_start: NaiveDate",
                      period_end AS "period_end: NaiveDate", cancel_at_period_end AS "cancel_at_period_end: bool"
               FROM subscriptions WHERE org_id = $1"#,
            $org
        )
    };
}

pub async fn current(pool: &Pool, org_id: i64) -> DomainResult<Option<SubscriptionRow>> {
    Ok(subscription!(org_id).fetch_optional(pool).await?)
}

async fn current_in(tx: &mut Tx, org_id: i64) -> DomainResult<Option<SubscriptionRow>> {
    Ok(subscription!(org_id).fetch_optional(&mut **tx).await?)
}

pub async fn view(pool: &Pool, org_id: i64) -> DomainResult<SubscriptionView> {
    let sub = current(pool, org_id).await?;
    Ok(SubscriptionView {
        tier: sub.as_ref().map(|s| s.tier),
        status: sub.as_ref().map(|s| {
            if s.cancel_at_period_end {
                SubscriptionStatus::Canceling
            } else {
                SubscriptionStatus::Active
            }
        }),
        period_start: sub.as_ref().map(|s| day(s.period_start)),
        period_end: sub.as_ref().map(|s| day(s.period_end)),
        has_payment_method: billing::load_card(pool, org_id).await?.is_some(),
        billing_open: billing::is_open(pool, org_id).await?,
    })
}

/// The organization's plan and limits follow the tier; without one, the free plan's.
async fn set_org_plan(tx: &mut Tx, org_id: i64, tier: Option<TierId>) -> DomainResult<()> {
    let (plan, level, spaces, collaborators) = match tier.map(TierId::tier) {
        Some(t) => (t.id.as_str(), t.plan_level, t.max_spaces, t.max_collaborators),
        None => (FREE_PLAN, 0, FREE_MAX_SPACES, FREE_MAX_COLLABORATORS),
    };
    sqlx::query!(
        "UPDATE orgs SET plan = $1, plan_level = $2, max_spaces = $3, max_collaborators = $4 WHERE id = $5",
        plan,
        level,
        spaces,
        collaborators,
        org_id
    )
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
    start: NaiveDate,
    end: NaiveDate,
) -> DomainResult<Option<i64>> {
    let billed_to = billing::billing_in(tx, org_id).await?;
    let rate = tax_rate_basis_points(billed_to.as_ref().map(|b| b.country.as_str()));
    let amount = tier.tier().monthly_price_cents;
    let tax = tax_for(amount, rate);
    let count = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM invoices WHERE org_id = $1"#,
        org_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let number = format!("OA-{org_id:04}-{:04}", count + 1);
    let (tier, total, now, billed_to) = (tier.as_str(), amount + tax, common::now(), billed_to.map(|b| json!(b)));
    Ok(sqlx::query_scalar!(
        r#"INSERT INTO invoices (org_id, number, period_start, period_end, tier, amount_cents, tax_rate_bp, tax_cents,
               total_cents, currency, status, issued_at, billed_to)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12) ON CONFLICT (org_id, period_start) DO NOTHING
           RETURNING id AS "id!""#,
        org_id,
        number,
        start,
        end,
        tier,
        amount,
        rate,
        tax,
        total,
        CURRENCY,
        now,
        billed_to
    )
    .fetch_optional(&mut **tx)
    .await?)
}

/// Subscribe, or change tier. A new tier applies now and is billed from the next period;
/// choosing one also withdraws a pending cancellation.
pub async fn choose(
    pool: &Pool,
    gateway: &dyn PaymentGateway,
    actor: &Actor,
    tier: TierId,
) -> DomainResult<SubscriptionView> {
    let tier = tier.tier();
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSubscription).await?;
    let used = sqlx::query!(
        r#"SELECT (SELECT COUNT(*) FROM spaces WHERE org_id = $1) AS "spaces!: i64",
                  (SELECT COUNT(DISTINCT c.user_id) FROM space_collaborators c JOIN spaces s ON s.id = c.space_id
                   WHERE s.org_id = $1) AS "collaborators!: i64""#,
        actor.org_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let (spaces, collaborators) = (used.spaces, used.collaborators);
    if spaces > tier.max_spaces || collaborators > tier.max_collaborators {
        return Err(DomainError::conflict(
            "over_limit",
            format!(
                "{} allows {} spaces and {} collaborators; your organization has {spaces} and {collaborators}.",
                tier.name, tier.max_spaces, tier.max_collaborators
            ),
        )
        .at("tier"));
    }
    let tier_text = tier.id.as_str();
    let invoiced = match current_in(&mut tx, actor.org_id).await? {
        None => {
            let start = common::today();
            let end = same_day_next_month(start);
            let now = common::now();
            sqlx::query!(
                "INSERT INTO subscriptions (org_id, tier, period_start, period_end, created_at) VALUES ($1, $2, $3, $4, $5)",
                actor.org_id,
                tier_text,
                start,
                end,
                now
            )
            .execute(&mut *tx)
            .await?;
            let change = Change::new(ActivityKey::SubscriptionCreate)
                .on(actor.org_id, tier.name)
                .with(json!({ "tier": tier.id, "period_start": day(start), "period_end": day(end) }));
            activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
            issue_invoice(&mut tx, actor.org_id, tier.id, start, end).await?
        }
        Some(old) => {
            sqlx::query!(
                "UPDATE subscriptions SET tier = $1, cancel_at_period_end = FALSE WHERE org_id = $2",
                tier_text,
                actor.org_id
            )
            .execute(&mut *tx)
            .await?;
            if old.tier != tier.id || old.cancel_at_period_end {
                let change = Change::new(ActivityKey::SubscriptionUpdate)
                    .on(actor.org_id, tier.name)
                    .with(json!({
                        "tier": before_after(old.tier, tier.id),
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
pub async fn set_cancel(pool: &Pool, actor: &Actor, cancel: bool) -> DomainResult<SubscriptionView> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSubscription).await?;
    let sub = current_in(&mut tx, actor.org_id).await?.ok_or_else(|| {
        DomainError::conflict(
            "not_subscribed",
            say!(
                "Your organization has no subscription.",
                "Ihre Organisation hat kein Abonnement."
            ),
        )
    })?;
    sqlx::query!(
        "UPDATE subscriptions SET cancel_at_period_end = $1 WHERE org_id = $2",
        cancel,
        actor.org_id
    )
    .execute(&mut *tx)
    .await?;
    if sub.cancel_at_period_end != cancel {
        let key = if cancel {
            ActivityKey::SubscriptionCancel
        } else {
            ActivityKey::SubscriptionResume
        };
        let change = Change::new(key)
            .on(actor.org_id, sub.tier.tier().name)
            .with(json!({ "period_end": day(sub.period_end) }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    Ok(view(pool, actor.org_id).await?)
}

/// Bring every subscription whose period has ended up to today: each ended period either renews
/// (with its invoice, then charged) or, when cancelled, ends the subscription and returns the
/// organization to the free plan. Run by the scheduler; each step is one guarded transaction, so
/// two runners at once would still renew each period once.
pub async fn renew_due(pool: &Pool, gateway: &dyn PaymentGateway) -> DomainResult<usize> {
    let today = common::today();
    let due = sqlx::query_scalar!("SELECT org_id FROM subscriptions WHERE period_end <= $1", today)
        .fetch_all(pool)
        .await?;
    let mut steps = 0;
    for org_id in due {
        let mut invoiced = false;
        while let Some(step) = renew_one_period(pool, org_id, today).await? {
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
async fn renew_one_period(pool: &Pool, org_id: i64, today: NaiveDate) -> DomainResult<Option<bool>> {
    let mut tx = db::write(pool).await?;
    let Some(sub) = current_in(&mut tx, org_id).await?.filter(|s| s.period_end <= today) else {
        return Ok(None);
    };
    if sub.cancel_at_period_end {
        sqlx::query!(
            "DELETE FROM subscriptions WHERE org_id = $1 AND period_start = $2",
            org_id,
            sub.period_start
        )
        .execute(&mut *tx)
        .await?;
        set_org_plan(&mut tx, org_id, None).await?;
        let change = Change::new(ActivityKey::SubscriptionEnd)
            .on(org_id, sub.tier.tier().name)
            .with(json!({ "period_end": day(sub.period_end) }));
        activity::record(&mut tx, org_id, By::Server, change).await?;
        tx.commit().await?;
        return Ok(Some(false));
    }
    let start = sub.period_end;
    let end = same_day_next_month(start);
    sqlx::query!(
        "UPDATE subscriptions SET period_start = $1, period_end = $2 WHERE org_id = $3 AND period_start = $4",
        start,
        end,
        org_id,
        sub.period_start
    )
    .execute(&mut *tx)
    .await?;
    let invoice = issue_invoice(&mut tx, org_id, sub.tier, start, end).await?;
    let change = Change::new(ActivityKey::SubscriptionRenew)
        .on(org_id, sub.tier.tier().name)
        .with(json!({ "tier": sub.tier, "period_start": day(start), "period_end": day(end) }));
    activity::record(&mut tx, org_id, By::Server, change).await?;
    tx.commit().await?;
    Ok(Some(invoice.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_run_to_the_same_day_next_month() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(same_day_next_month(d("2026-01-15")), d("2026-02-15"));
        assert_eq!(same_day_next_month(d("2026-01-31")), d("2026-02-28"));
        assert_eq!(same_day_next_month(d("2026-12-03")), d("2027-01-03"));
    }
}
