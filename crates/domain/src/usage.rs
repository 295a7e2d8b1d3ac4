//! Usage alerts: after each round of traffic, each organization whose billing month has crossed
//! 50, 80 or 100 % of what its tier includes is told once per threshold and month: an activity
//! (so a webhook event), the banner owners and admins see, and a mail to those Settings →
//! Notifications names. The table's key makes a second telling impossible, whichever instance's
//! scheduler gets there first.

use chrono::NaiveDate;
use common::mail::{self as letters, Links, MailKind};
use common::{day, DomainResult};
use contract::activity_params::UsageCrossed;
use contract::{ActivityKey, FreeTraffic, OrgRole, Params, UsageAlert, UsageMailTo, UsageThreshold};

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::statistics::{self, billing_month};
use crate::{outbox, settings};

/// Tell every organization of the thresholds it crossed since the last round; how many were told.
pub async fn check(pool: &Pool, links: &Links) -> DomainResult<usize> {
    let today = common::today();
    let (start, _) = billing_month(today);
    let orgs = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM orgs ORDER BY id"#)
        .fetch_all(pool)
        .await?;
    let mut told = 0;
    for org_id in orgs {
        let wanted = settings::stored(pool, org_id).await?.notifications;
        let usage = statistics::free_traffic(pool, org_id, today).await?;
        let crossed: Vec<UsageThreshold> = UsageThreshold::ALL
            .into_iter()
            .filter(|t| t.enabled_in(&wanted) && t.crossed(usage.used_bytes, usage.included_bytes))
            .collect();
        if crossed.is_empty() {
            continue;
        }
        let before = told_this_month(pool, org_id, start).await?;
        if crossed.iter().all(|t| before.contains(&i64::from(t.percent()))) {
            continue;
        }
        if tell(pool, links, org_id, start, &crossed, &usage, wanted.usage_mail_to).await? {
            told += 1;
        }
    }
    Ok(told)
}

async fn told_this_month(pool: &Pool, org_id: i64, start: NaiveDate) -> DomainResult<Vec<i64>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT percent AS "percent!: i64" FROM usage_alerts WHERE org_id = $1 AND period_start = $2"#,
        org_id,
        start
    )
    .fetch_all(pool)
    .await?)
}

/// Record each threshold not told yet, with its activity; mail the highest of them.
async fn tell(
    pool: &Pool,
    links: &Links,
    org_id: i64,
    start: NaiveDate,
    crossed: &[UsageThreshold],
    usage: &FreeTraffic,
    mail_to: UsageMailTo,
) -> DomainResult<bool> {
    let mut tx = db::write(pool).await?;
    let now = common::now();
    let mut newly = Vec::new();
    for threshold in crossed {
        let percent = i64::from(threshold.percent());
        let recorded = sqlx::query!(
            "INSERT INTO usage_alerts (org_id, period_start, percent, used_bytes, included_bytes, fired_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id, period_start, percent) DO NOTHING",
            org_id,
            start,
            percent,
            usage.used_bytes,
            usage.included_bytes,
            now
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if recorded > 0 {
            newly.push(*threshold);
        }
    }
    let Some(highest) = newly.last().copied() else {
        return Ok(false);
    };
    let alert_at = |threshold: UsageThreshold| UsageAlert {
        percent: threshold.percent(),
        used_bytes: usage.used_bytes,
        included_bytes: usage.included_bytes,
        period_start: usage.period_start.clone(),
        period_end: usage.period_end.clone(),
    };
    for threshold in &newly {
        let alert = alert_at(*threshold);
        let change = Change::new(ActivityKey::UsageAlert)
            .on(org_id, format!("{} %", alert.percent))
            .with(Params::UsageCrossed(UsageCrossed {
                percent: alert.percent,
                used_bytes: alert.used_bytes,
                included_bytes: alert.included_bytes,
                period_start: alert.period_start,
                period_end: alert.period_end,
            }));
        activity::record(&mut tx, org_id, By::Server, change).await?;
    }
    mail(&mut tx, links, org_id, &alert_at(highest), mail_to).await?;
    tx.commit().await?;
    Ok(true)
}

async fn mail(tx: &mut Tx, links: &Links, org_id: i64, alert: &UsageAlert, mail_to: UsageMailTo) -> DomainResult<()> {
    let people = sqlx::query!(
        r#"SELECT u.id AS "id!", u.email, m.org_role AS "org_role: OrgRole" FROM org_members m
           JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND NOT u.disabled ORDER BY u.id"#,
        org_id
    )
    .fetch_all(&mut **tx)
    .await?;
    for person in people.into_iter().filter(|p| mail_to.mails(p.org_role)) {
        let (org, brand) = outbox::sender_of(tx, person.id).await?;
        let link = links.page(org.as_ref().map(|(_, slug)| slug.as_str()), "/");
        let letter = letters::usage_alert(&brand, &person.email, alert, &link);
        outbox::enqueue(tx, Some(org_id), MailKind::UsageAlert, Some(person.id), letter).await?;
    }
    Ok(())
}

/// The highest threshold crossed in the current billing month, for the banner.
pub async fn current(pool: &Pool, org_id: i64) -> DomainResult<Option<UsageAlert>> {
    let (start, end) = billing_month(common::today());
    let row = sqlx::query!(
        r#"SELECT percent AS "percent!: i64", used_bytes, included_bytes FROM usage_alerts
           WHERE org_id = $1 AND period_start = $2 ORDER BY percent DESC LIMIT 1"#,
        org_id,
        start
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| UsageAlert {
        percent: u8::try_from(r.percent).unwrap_or(100),
        used_bytes: r.used_bytes,
        included_bytes: r.included_bytes,
        period_start: day(start),
        period_end: day(end),
    }))
}
