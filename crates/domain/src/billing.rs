//! Who invoices are made out to, the card on file, and charging invoices to it exactly once; and
//! whether the organization's billing is open at all.
//!
//! An invoice moves `open` → `charging` → `paid` | `failed`. Charging starts with a guarded update
//! that only one caller can win (a card saved twice at once, a save racing a renewal: the loser
//! finds the invoice already `charging` and leaves it). Each attempt has its own number and the
//! gateway gets `invoice-{id}-attempt-{n}` as its idempotency key; an attempt left `charging` by a
//! crash is finished later by the scheduler with the same key, so the provider never takes it twice.

use chrono::Datelike;
use chrono::NaiveDate;
use common::day;
use common::payments::{Charge, PaymentGateway};
use common::text::said;
use common::{spoken, Actor, DomainError, DomainResult};
use contract::activity_params::{
    BeforeAfter, BillingChanged, CardSummary, Charged, PaymentChanged, PeriodStarted, Upgraded,
};
use contract::Params;
use contract::{
    ActivityKey, BillingInfo, CardUpdate, InvoicePurpose, InvoiceStatus, PaymentMethod, Permission, TierId,
};
use serde_json::json;
use sqlx::types::Json;

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::{authorize, plan};

/// A charge that has not answered by then is left `charging`, for the scheduler to finish.
const GATEWAY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
/// How long an attempt may stay `charging` before the scheduler finishes it.
pub const STUCK_AFTER: chrono::Duration = chrono::Duration::minutes(5);

/// `$query!` reading whether billing is open for `$1`: once the organization has subscribed
/// (and for its invoices after a subscription ends).
macro_rules! billing_open {
    ($org:expr) => {
        sqlx::query_scalar!(
            r#"SELECT (EXISTS (SELECT 1 FROM subscriptions WHERE org_id = $1)
                       OR EXISTS (SELECT 1 FROM invoices WHERE org_id = $1)) AS "open!: bool""#,
            $org
        )
    };
}

/// Invoices, billing and payment information are open once the organization has subscribed (and
/// stay open for its invoices after a subscription ends).
pub async fn is_open(pool: &Pool, org_id: i64) -> DomainResult<bool> {
    Ok(billing_open!(org_id).fetch_one(pool).await?)
}

pub fn not_subscribed() -> DomainError {
    DomainError::refused("not_subscribed", said().billing_closed.to_owned())
}

/// For reads of invoices, billing and payment information: refused before the first subscription.
pub async fn require_open(pool: &Pool, org_id: i64) -> DomainResult<()> {
    if is_open(pool, org_id).await? {
        Ok(())
    } else {
        Err(not_subscribed())
    }
}

pub async fn load_billing(pool: &Pool, org_id: i64) -> DomainResult<Option<BillingInfo>> {
    let info = sqlx::query_scalar!(
        r#"SELECT info AS "info: Json<BillingInfo>" FROM billing_info WHERE org_id = $1"#,
        org_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(info.map(|Json(info)| info))
}

/// The billing information as it stands inside a transaction (what a new invoice is made out to).
pub async fn billing_in(tx: &mut Tx, org_id: i64) -> DomainResult<Option<BillingInfo>> {
    let info = sqlx::query_scalar!(
        r#"SELECT info AS "info: Json<BillingInfo>" FROM billing_info WHERE org_id = $1"#,
        org_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    Ok(info.map(|Json(info)| info))
}

struct CardRow {
    brand: String,
    last4: String,
    exp_month: i64,
    exp_year: i64,
    holder: String,
}

impl CardRow {
    fn into_method(self) -> PaymentMethod {
        PaymentMethod {
            brand: self.brand,
            last4: self.last4,
            exp_month: self.exp_month as u32,
            exp_year: self.exp_year as i32,
            holder: self.holder,
        }
    }
}

macro_rules! card {
    ($org:expr) => {
        sqlx::query_as!(
            CardRow,
            "SELECT brand, last4, exp_month, exp_year, holder FROM payment_methods WHERE org_id = $1",
            $org
        )
    };
}

pub async fn load_card(pool: &Pool, org_id: i64) -> DomainResult<Option<PaymentMethod>> {
    Ok(card!(org_id).fetch_optional(pool).await?.map(CardRow::into_method))
}

/// The card on file, read inside a transaction.
pub async fn card_in(tx: &mut Tx, org_id: i64) -> DomainResult<Option<PaymentMethod>> {
    Ok(card!(org_id).fetch_optional(&mut **tx).await?.map(CardRow::into_method))
}

/// The owner, checked inside the change's transaction. Billing and payment information are the
/// owner's before any subscription: a paid tier starts only once its first payment goes through,
/// so the card comes first.
async fn authorize_billing(tx: &mut Tx, actor: &Actor) -> DomainResult<()> {
    authorize(tx, actor, Permission::ManageSubscription).await?;
    Ok(())
}

pub async fn save_billing(pool: &Pool, actor: &Actor, info: BillingInfo) -> DomainResult<BillingInfo> {
    let info = info.validated(spoken()).map_err(DomainError::first_issue)?;
    let mut tx = db::write(pool).await?;
    authorize_billing(&mut tx, actor).await?;
    let before = billing_in(&mut tx, actor.org_id).await?;
    let (stored, now) = (json!(info), common::now());
    sqlx::query!(
        "INSERT INTO billing_info (org_id, info, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (org_id) DO UPDATE SET info = excluded.info, updated_at = excluded.updated_at",
        actor.org_id,
        stored,
        now
    )
    .execute(&mut *tx)
    .await?;
    if before.as_ref() != Some(&info) {
        let change = Change::new(ActivityKey::BillingUpdate)
            .on(actor.org_id, info.company.clone())
            .with(Params::Billing(BillingChanged {
                before,
                after: info.clone(),
            }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    Ok(info)
}

/// Keep the card (brand, last four, expiry and holder only) and charge what is outstanding to it.
pub async fn save_card(
    pool: &Pool,
    gateway: &dyn PaymentGateway,
    actor: &Actor,
    card: CardUpdate,
) -> DomainResult<PaymentMethod> {
    let now = chrono::Utc::now().date_naive();
    let kept = card
        .validated((now.year(), now.month()), spoken())
        .map_err(DomainError::first_issue)?;
    drop(card);
    let mut tx = db::write(pool).await?;
    authorize_billing(&mut tx, actor).await?;
    let before = card!(actor.org_id)
        .fetch_optional(&mut *tx)
        .await?
        .map(CardRow::into_method);
    let (exp_month, exp_year, now) = (i64::from(kept.exp_month), i64::from(kept.exp_year), common::now());
    sqlx::query!(
        "INSERT INTO payment_methods (org_id, brand, last4, exp_month, exp_year, holder, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (org_id) DO UPDATE SET brand = excluded.brand, last4 = excluded.last4,
             exp_month = excluded.exp_month, exp_year = excluded.exp_year, holder = excluded.holder,
             updated_at = excluded.updated_at",
        actor.org_id,
        kept.brand,
        kept.last4,
        exp_month,
        exp_year,
        kept.holder,
        now
    )
    .execute(&mut *tx)
    .await?;
    let change = Change::new(ActivityKey::PaymentUpdate)
        .on(actor.org_id, format!("{} ending in {}", kept.brand, kept.last4))
        .with(Params::Payment(PaymentChanged {
            before: before.as_ref().map(CardSummary::from),
            after: CardSummary::from(&kept),
        }));
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
) -> DomainResult<()> {
    let outstanding = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM invoices WHERE org_id = $1 AND status IN ('open', 'failed') ORDER BY id"#,
        org_id
    )
    .fetch_all(pool)
    .await?;
    for invoice_id in outstanding {
        charge_invoice(pool, gateway, org_id, invoice_id, by).await?;
    }
    Ok(())
}

/// Charge one open or failed invoice to the card on file (nothing without a card, or when someone
/// else is charging it or it was paid meanwhile). What it pays for starts in the transaction that
/// records the payment.
pub async fn charge_invoice(
    pool: &Pool,
    gateway: &dyn PaymentGateway,
    org_id: i64,
    invoice_id: i64,
    by: &By<'_>,
) -> DomainResult<()> {
    let Some(card) = load_card(pool, org_id).await? else {
        return Ok(());
    };
    let mut tx = db::write(pool).await?;
    let now = common::now();
    let claimed = sqlx::query_as!(
        Claim,
        r#"UPDATE invoices SET status = 'charging', charge_attempts = charge_attempts + 1, charging_since = $1,
               last_attempt_at = $1
           WHERE id = $2 AND org_id = $3 AND status IN ('open', 'failed')
           RETURNING id AS "id!", org_id, number, total_cents, currency, charge_attempts"#,
        now,
        invoice_id,
        org_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    if let Some(claim) = claimed {
        charge(pool, gateway, &card, &claim, by).await?;
    }
    Ok(())
}

/// An invoice's status now.
pub async fn status_of(pool: &Pool, invoice_id: i64) -> DomainResult<InvoiceStatus> {
    Ok(sqlx::query_scalar!(
        r#"SELECT status AS "status: InvoiceStatus" FROM invoices WHERE id = $1"#,
        invoice_id
    )
    .fetch_one(pool)
    .await?)
}

/// A declined first charge voids its invoice: what it was for never began, nothing is owed, and
/// no later card save collects it.
pub async fn void_declined(pool: &Pool, invoice_id: i64) -> DomainResult<()> {
    sqlx::query!(
        "UPDATE invoices SET status = 'void' WHERE id = $1 AND status = 'failed'",
        invoice_id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// A paid invoice starts what it was for, in the transaction that records the payment: a period's
/// invoice for an organization without a subscription starts it (the tier applies from now), an
/// upgrade's applies the new tier for the rest of the period it was reckoned for.
async fn start_what_it_pays_for(tx: &mut Tx, invoice_id: i64, by: &By<'_>) -> DomainResult<()> {
    let invoice = sqlx::query!(
        r#"SELECT org_id, purpose AS "purpose: InvoicePurpose", tier AS "tier: TierId",
                  period_start AS "period_start: NaiveDate", period_end AS "period_end: NaiveDate"
           FROM invoices WHERE id = $1"#,
        invoice_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let current = sqlx::query!(
        r#"SELECT tier AS "tier: TierId", period_end AS "period_end: NaiveDate" FROM subscriptions WHERE org_id = $1"#,
        invoice.org_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    let (org_id, tier) = (invoice.org_id, invoice.tier);
    match (invoice.purpose, current) {
        (InvoicePurpose::Period, None) if invoice.period_end > common::today() => {
            let (now, tier_text) = (common::now(), tier.as_str());
            sqlx::query!(
                "INSERT INTO subscriptions (org_id, tier, period_start, period_end, created_at) VALUES ($1, $2, $3, $4, $5)",
                org_id,
                tier_text,
                invoice.period_start,
                invoice.period_end,
                now
            )
            .execute(&mut **tx)
            .await?;
            plan::set_org_plan(tx, org_id, Some(tier)).await?;
            let change = Change::new(ActivityKey::SubscriptionCreate)
                .on(org_id, tier.tier().name)
                .with(Params::PeriodStarted(PeriodStarted {
                    tier,
                    period_start: day(invoice.period_start),
                    period_end: day(invoice.period_end),
                    previous_tier: None,
                }));
            activity::record(tx, org_id, *by, change).await?;
        }
        (InvoicePurpose::Upgrade, Some(sub)) if sub.period_end == invoice.period_end && sub.tier != tier => {
            let tier_text = tier.as_str();
            sqlx::query!(
                "UPDATE subscriptions SET tier = $1, next_tier = NULL, cancel_at_period_end = FALSE WHERE org_id = $2",
                tier_text,
                org_id
            )
            .execute(&mut **tx)
            .await?;
            plan::set_org_plan(tx, org_id, Some(tier)).await?;
            let change = Change::new(ActivityKey::SubscriptionUpdate)
                .on(org_id, tier.tier().name)
                .with(Params::Upgraded(Upgraded {
                    tier: BeforeAfter::new(sub.tier, tier),
                }));
            activity::record(tx, org_id, *by, change).await?;
        }
        _ => {}
    }
    Ok(())
}

/// An attempt this caller owns: the invoice is `charging` with this attempt number.
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
) -> DomainResult<()> {
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
        Ok(reference) => (InvoiceStatus::Paid, Some(reference.clone()), ActivityKey::InvoicePay),
        Err(declined) => {
            tracing::info!(invoice = %claim.number, reason = %declined.0, "charge declined");
            (InvoiceStatus::Failed, None, ActivityKey::InvoiceDecline)
        }
    };
    let mut tx = db::write(pool).await?;
    let status = status.as_str();
    let settled = sqlx::query!(
        "UPDATE invoices SET status = $1, charge_reference = $2, charging_since = NULL
         WHERE id = $3 AND status = 'charging' AND charge_attempts = $4",
        status,
        reference,
        claim.id,
        claim.charge_attempts
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if settled == 1 {
        let parameters = Charged {
            number: claim.number.clone(),
            total_cents: claim.total_cents,
            currency: claim.currency.clone(),
            card: CardSummary::from(card),
            attempt: claim.charge_attempts,
            reason: answer.as_ref().err().map(|declined| declined.0.clone()),
        };
        let change = Change::new(key_name)
            .on(claim.id, claim.number.clone())
            .with(Params::Charge(parameters));
        activity::record(&mut tx, claim.org_id, *by, change).await?;
        if answer.is_ok() {
            start_what_it_pays_for(&mut tx, claim.id, by).await?;
        }
    }
    Ok(tx.commit().await?)
}

/// Attempts left `charging` (a crash, a lost answer) are asked again with their own idempotency
/// key: the provider answers as before, and the invoice gets the answer it never recorded.
pub async fn finish_stuck_charges(pool: &Pool, gateway: &dyn PaymentGateway) -> DomainResult<usize> {
    let since = common::now() - STUCK_AFTER;
    let stuck = sqlx::query_as!(
        Claim,
        r#"SELECT id AS "id!", org_id, number, total_cents, currency, charge_attempts FROM invoices
           WHERE status = 'charging' AND charging_since < $1"#,
        since
    )
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
