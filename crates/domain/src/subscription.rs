//! The subscription: subscribe to a tier, change it, cancel at the period's end, the renewals the
//! scheduler runs when a period ends, and collecting what is unpaid. While subscribed, every
//! connected space shows the premium plan (see `spaces::list`) and the organization's plan and
//! limits follow the tier. Reading the subscription never changes it.
//!
//! Money only for money: a tier is paid before it applies. Subscribing needs a card and charges
//! the first period at once; the subscription starts when that payment goes through (in the
//! transaction that records it, `billing::charge`). An upgrade charges the prorated difference for
//! the rest of the period at once and applies when paid; a downgrade waits for the period's end.
//! A declined first charge voids its invoice: nothing starts and nothing is owed. A renewal's
//! invoice that is still unpaid a week after it was issued (the scheduler retries it daily) ends
//! the subscription, and the owners are told by mail.

use chrono::{Months, NaiveDate};
use common::mail::{self as letters, Links, MailKind};
use common::payments::PaymentGateway;
use common::text::said;
use common::{day, Actor, DomainError, DomainResult, Kind, Timestamp};
use contract::activity_params::{BeforeAfter, DowngradeChosen, EndReason, EndedUnpaid, PeriodEnds, PeriodStarted};
use contract::Params;
use contract::{
    tax_for, tax_rate_basis_points, ActivityKey, InvoicePurpose, InvoiceStatus, OrgRole, Permission,
    SubscriptionStatus, SubscriptionView, TierId, CURRENCY,
};
use serde_json::json;

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::{authorize, billing, outbox, plan};

/// An invoice of a period still unpaid this long after it was issued ends the subscription.
pub const GRACE: chrono::Duration = chrono::Duration::days(7);
/// A declined invoice is tried again this often during the grace period.
pub const RETRY_EVERY: chrono::Duration = chrono::Duration::days(1);

pub struct SubscriptionRow {
    pub tier: TierId,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub cancel_at_period_end: bool,
    pub next_tier: Option<TierId>,
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
                      period_end AS "period_end: NaiveDate", cancel_at_period_end AS "cancel_at_period_end: bool",
                      next_tier AS "next_tier: TierId"
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
        next_tier: sub.and_then(|s| s.next_tier),
    })
}

/// The next invoice number of the organization: numbers are never reused (a void invoice keeps
/// its own).
async fn next_number(tx: &mut Tx, org_id: i64) -> DomainResult<String> {
    let count = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM invoices WHERE org_id = $1"#,
        org_id
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(format!("OA-{org_id:04}-{:04}", count + 1))
}

/// One invoice, taxed by the billing country; `None` when that period already has its invoice. It
/// is charged after the transaction commits.
#[allow(clippy::too_many_arguments)]
async fn issue_invoice(
    tx: &mut Tx,
    org_id: i64,
    tier: TierId,
    start: NaiveDate,
    end: NaiveDate,
    amount: i64,
    purpose: InvoicePurpose,
) -> DomainResult<Option<i64>> {
    let billed_to = billing::billing_in(tx, org_id).await?;
    let rate = tax_rate_basis_points(billed_to.as_ref().map(|b| b.country.as_str()));
    let tax = tax_for(amount, rate);
    let number = next_number(tx, org_id).await?;
    let (tier, total, now, billed_to) = (tier.as_str(), amount + tax, common::now(), billed_to.map(|b| json!(b)));
    let purpose = purpose.as_str();
    Ok(sqlx::query_scalar!(
        r#"INSERT INTO invoices (org_id, number, period_start, period_end, tier, amount_cents, tax_rate_bp, tax_cents,
               total_cents, currency, status, issued_at, billed_to, purpose)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12, $13) ON CONFLICT DO NOTHING
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
        billed_to,
        purpose
    )
    .fetch_optional(&mut **tx)
    .await?)
}

/// The prorated difference of moving from `from` to `to` for the days left of a period, in cents,
/// rounded to the nearest cent.
pub fn prorated(from: TierId, to: TierId, today: NaiveDate, start: NaiveDate, end: NaiveDate) -> i64 {
    let days = (end - start).num_days().max(1);
    let left = (end - today).num_days().clamp(0, days);
    let difference = to.tier().monthly_price_cents - from.tier().monthly_price_cents;
    (difference * left + days / 2) / days
}

fn payment_method_required() -> DomainError {
    DomainError::new(
        Kind::PaymentRequired,
        "payment_method_required",
        said().add_card_first.to_owned(),
    )
    .at("tier")
}

fn card_declined() -> DomainError {
    DomainError::new(Kind::PaymentRequired, "card_declined", said().card_declined.to_owned()).at("tier")
}

fn payment_pending() -> DomainError {
    DomainError::conflict("payment_pending", said().payment_processing.to_owned()).at("tier")
}

/// Subscribe, or change tier. The same tier withdraws a pending cancellation or downgrade; a
/// smaller tier waits for the period's end; subscribing and upgrading are charged at once and
/// apply when paid (402 without a card, or when the card is declined).
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
    let current = current_in(&mut tx, actor.org_id).await?;
    if let Some(old) = &current {
        if old.tier == tier.id || tier.monthly_price_cents < old.tier.tier().monthly_price_cents {
            // Keep the tier (withdrawing a cancellation or a downgrade), or downgrade at the end.
            let next = (old.tier != tier.id).then_some(tier.id);
            let next_text = next.map(TierId::as_str);
            sqlx::query!(
                "UPDATE subscriptions SET next_tier = $1, cancel_at_period_end = FALSE WHERE org_id = $2",
                next_text,
                actor.org_id
            )
            .execute(&mut *tx)
            .await?;
            if old.next_tier != next || old.cancel_at_period_end {
                let change = Change::new(ActivityKey::SubscriptionUpdate)
                    .on(actor.org_id, old.tier.tier().name)
                    .with(Params::DowngradeChosen(DowngradeChosen {
                        next_tier: BeforeAfter::new(old.next_tier, next),
                        cancel_at_period_end: BeforeAfter::new(old.cancel_at_period_end, false),
                        takes_effect: day(old.period_end),
                    }));
                activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
            }
            tx.commit().await?;
            return view(pool, actor.org_id).await;
        }
    }
    if billing::card_in(&mut tx, actor.org_id).await?.is_none() {
        return Err(payment_method_required());
    }
    let today = common::today();
    let invoice = match &current {
        None => {
            let end = same_day_next_month(today);
            let price = tier.monthly_price_cents;
            issue_invoice(
                &mut tx,
                actor.org_id,
                tier.id,
                today,
                end,
                price,
                InvoicePurpose::Period,
            )
            .await?
        }
        Some(old) => {
            let amount = prorated(old.tier, tier.id, today, old.period_start, old.period_end);
            let (end, purpose) = (old.period_end, InvoicePurpose::Upgrade);
            issue_invoice(&mut tx, actor.org_id, tier.id, today, end, amount, purpose).await?
        }
    };
    // A period invoice for today exists already: a subscription is being paid for right now.
    let invoice = invoice.ok_or_else(payment_pending)?;
    tx.commit().await?;
    billing::charge_invoice(pool, gateway, actor.org_id, invoice, &By::Actor(actor)).await?;
    match billing::status_of(pool, invoice).await? {
        InvoiceStatus::Paid => view(pool, actor.org_id).await,
        InvoiceStatus::Failed => {
            billing::void_declined(pool, invoice).await?;
            Err(card_declined())
        }
        _ => Err(payment_pending()),
    }
}

/// Cancel at the end of the period (`cancel`), or keep the subscription after all.
pub async fn set_cancel(pool: &Pool, actor: &Actor, cancel: bool) -> DomainResult<SubscriptionView> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSubscription).await?;
    let sub = current_in(&mut tx, actor.org_id)
        .await?
        .ok_or_else(|| DomainError::conflict("not_subscribed", said().no_subscription.to_owned()))?;
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
            .with(Params::PeriodEnds(PeriodEnds {
                period_end: day(sub.period_end),
            }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    Ok(view(pool, actor.org_id).await?)
}

/// Bring every subscription whose period has ended up to today: each ended period either renews
/// (at the tier chosen for it, with its invoice, then charged) or, when cancelled, ends the
/// subscription and returns the organization to the free plan. Run by the scheduler; each step is
/// one guarded transaction, so two runners at once would still renew each period once.
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
        let why = Params::PeriodEnds(PeriodEnds {
            period_end: day(sub.period_end),
        });
        end_subscription(&mut tx, org_id, &sub, why).await?;
        tx.commit().await?;
        return Ok(Some(false));
    }
    let start = sub.period_end;
    let end = same_day_next_month(start);
    let tier = sub.next_tier.unwrap_or(sub.tier);
    let tier_text = tier.as_str();
    sqlx::query!(
        "UPDATE subscriptions SET period_start = $1, period_end = $2, tier = $3, next_tier = NULL
         WHERE org_id = $4 AND period_start = $5",
        start,
        end,
        tier_text,
        org_id,
        sub.period_start
    )
    .execute(&mut *tx)
    .await?;
    if tier != sub.tier {
        plan::set_org_plan(&mut tx, org_id, Some(tier)).await?;
    }
    let price = tier.tier().monthly_price_cents;
    let invoice = issue_invoice(&mut tx, org_id, tier, start, end, price, InvoicePurpose::Period).await?;
    let parameters = Params::PeriodStarted(PeriodStarted {
        tier,
        period_start: day(start),
        period_end: day(end),
        // The downgrade chosen during the last period took effect.
        previous_tier: (tier != sub.tier).then_some(sub.tier),
    });
    let change = Change::new(ActivityKey::SubscriptionRenew)
        .on(org_id, tier.tier().name)
        .with(parameters);
    activity::record(&mut tx, org_id, By::Server, change).await?;
    tx.commit().await?;
    Ok(Some(invoice.is_some()))
}

/// End the subscription in `tx`: back to the free plan, with an activity saying why.
async fn end_subscription(tx: &mut Tx, org_id: i64, sub: &SubscriptionRow, why: Params) -> DomainResult<()> {
    sqlx::query!(
        "DELETE FROM subscriptions WHERE org_id = $1 AND period_start = $2",
        org_id,
        sub.period_start
    )
    .execute(&mut **tx)
    .await?;
    plan::set_org_plan(tx, org_id, None).await?;
    let change = Change::new(ActivityKey::SubscriptionEnd)
        .on(org_id, sub.tier.tier().name)
        .with(why);
    activity::record(tx, org_id, By::Server, change).await?;
    Ok(())
}

/// Collect what is unpaid: a period's invoice still open or declined is tried again once a day,
/// and a week after it was issued ends the subscription, with a mail to the owners. The invoice
/// stays, failed: what was used is still owed. Run by the scheduler.
pub async fn collect_unpaid(pool: &Pool, gateway: &dyn PaymentGateway, links: &Links) -> DomainResult<usize> {
    let unpaid = sqlx::query!(
        r#"SELECT i.id AS "id!", i.org_id, i.number, i.issued_at AS "issued_at: Timestamp",
                  i.last_attempt_at AS "last_attempt_at: Timestamp"
           FROM invoices i JOIN subscriptions s ON s.org_id = i.org_id
           WHERE i.purpose = 'period' AND i.status IN ('open', 'failed')
           ORDER BY i.id"#
    )
    .fetch_all(pool)
    .await?;
    let now = common::now();
    let mut steps = 0;
    for invoice in unpaid {
        if invoice.issued_at < now - GRACE {
            if end_unpaid(pool, links, invoice.org_id, &invoice.number).await? {
                steps += 1;
            }
        } else if invoice.last_attempt_at.is_none_or(|at| at < now - RETRY_EVERY) {
            billing::charge_invoice(pool, gateway, invoice.org_id, invoice.id, &By::Server).await?;
            steps += 1;
        }
    }
    Ok(steps)
}

/// The subscription ends for an invoice unpaid past the grace period; each owner gets a mail.
async fn end_unpaid(pool: &Pool, links: &Links, org_id: i64, number: &str) -> DomainResult<bool> {
    let mut tx = db::write(pool).await?;
    let Some(sub) = current_in(&mut tx, org_id).await? else {
        return Ok(false);
    };
    let why = Params::EndedUnpaid(EndedUnpaid {
        reason: EndReason::Unpaid,
        number: number.to_string(),
    });
    end_subscription(&mut tx, org_id, &sub, why).await?;
    let owner_role = OrgRole::Owner.as_str();
    let owners = sqlx::query!(
        r#"SELECT u.id AS "id!", u.email FROM org_members m JOIN users u ON u.id = m.user_id
           WHERE m.org_id = $1 AND m.org_role = $2 AND NOT u.disabled"#,
        org_id,
        owner_role
    )
    .fetch_all(&mut *tx)
    .await?;
    for owner in owners {
        let (org, brand) = outbox::sender_of(&mut tx, owner.id).await?;
        let link = links.page(org.as_ref().map(|(_, slug)| slug.as_str()), "/invoices");
        let letter = letters::unpaid_subscription_ended(&brand, &owner.email, sub.tier.tier().name, number, &link);
        outbox::enqueue(
            &mut tx,
            Some(org_id),
            MailKind::UnpaidSubscriptionEnded,
            Some(owner.id),
            letter,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upgrades_cost_the_difference_for_the_days_left() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let (start, end) = (d("2026-12-01"), d("2027-01-01"));
        let (team, business) = (TierId::Team, TierId::Business);
        let difference = business.tier().monthly_price_cents - team.tier().monthly_price_cents;
        assert_eq!(
            prorated(team, business, start, start, end),
            difference,
            "a whole period"
        );
        assert_eq!(prorated(team, business, end, start, end), 0, "nothing left");
        let half = prorated(team, business, d("2026-12-16"), start, end);
        assert_eq!(half, (difference * 16 + 15) / 31);
    }

    #[test]
    fn periods_run_to_the_same_day_next_month() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(same_day_next_month(d("2026-01-15")), d("2026-02-15"));
        assert_eq!(same_day_next_month(d("2026-01-31")), d("2026-02-28"));
        assert_eq!(same_day_next_month(d("2026-12-03")), d("2027-01-03"));
    }
}
