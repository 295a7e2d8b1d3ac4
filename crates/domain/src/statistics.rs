//! The series behind the dashboard's charts and the free-traffic bar, and the traffic reads the
//! spaces list shares: whole months from the monthly roll-up, the rest day by day.

use chrono::{Datelike, NaiveDate};
use common::{day, DomainResult};
use contract::{CountPoint, FreeTraffic, Granularity, OrgRole, Period, RoleCounts, Statistics, FREE_TRAFFIC_BYTES};

use crate::db::Pool;
use crate::subscription;

/// Where a traffic read starts, bound as `$2` the first day, `$3` its month (`YYYY-MM`) and `$4`
/// the first day of the next month.
pub struct Since {
    pub day: NaiveDate,
    pub month: String,
    pub month_after: NaiveDate,
}

impl Since {
    pub fn new(day: NaiveDate) -> Since {
        Since {
            day,
            month: day.format("%Y-%m").to_string(),
            month_after: next_month(day),
        }
    }

    /// Before any traffic there is.
    pub fn ever() -> Since {
        Since::new(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default())
    }
}

/// `$query!` over the organization's traffic rows (`space_id`, `date` as text, `api_requests`,
/// `total_bytes`) from [`Since`] on, between `$head` and `$tail`: whole months from the monthly
/// roll-up (dated `YYYY-MM`), the rest of the first month day by day (`YYYY-MM-DD`). A year is
/// then about 13 rows per space instead of 365. Each part starts from the organization's spaces
/// (`$1`), so every read is a range of the (space, date) key.
macro_rules! with_traffic_since {
    ($query:ident!($($out:path,)? $head:literal, $tail:literal $(, $arg:expr)*)) => {
        sqlx::$query!($($out,)? $head + "SELECT m.space_id, m.month AS date, m.api_requests, m.total_bytes
                 FROM spaces ts JOIN traffic_monthly m ON m.space_id = ts.id AND m.month > $3
                 WHERE ts.org_id = $1
             UNION ALL
             SELECT d.space_id, CAST(d.date AS TEXT) AS date, d.api_requests, d.total_bytes
                 FROM spaces ts JOIN traffic d ON d.space_id = ts.id AND d.date >= $2 AND d.date < $4
                 WHERE ts.org_id = $1" + $tail $(, $arg)*)
    };
}
pub(crate) use with_traffic_since;

/// The first day counted by `period`; None for all time.
pub fn period_start(period: Period, today: NaiveDate) -> Option<NaiveDate> {
    period.days().map(|days| today - chrono::Duration::days(days - 1))
}

/// One bucket's sums: its key (`YYYY-MM-DD` or `YYYY-MM`), requests and bytes.
struct Bucket {
    key: String,
    requests: i64,
    bytes: i64,
}

pub async fn compute(pool: &Pool, org_id: i64, period: Period, today: NaiveDate) -> DomainResult<Statistics> {
    let granularity = period.granularity();
    let start = match period_start(period, today) {
        Some(start) => start,
        None => earliest(pool, org_id).await?.unwrap_or(today),
    };
    let buckets = buckets(start, today, granularity);
    let rows = match granularity {
        Granularity::Day => sqlx::query_as!(
            Bucket,
            r#"SELECT CAST(d.date AS TEXT) AS "key!: String", CAST(SUM(d.api_requests) AS BIGINT) AS "requests!: i64",
                          CAST(SUM(d.total_bytes) AS BIGINT) AS "bytes!: i64"
                   FROM spaces ts JOIN traffic d ON d.space_id = ts.id AND d.date >= $2
                   WHERE ts.org_id = $1 GROUP BY d.date"#,
            org_id,
            start
        )
        .fetch_all(pool)
        .await?,
        // Months come from the monthly roll-up (plus the first, partial month day by day).
        Granularity::Month => {
            let since = Since::new(start);
            with_traffic_since!(query_as!(
                Bucket,
                r#"SELECT substr(t.date, 1, 7) AS "key!: String", CAST(SUM(t.api_requests) AS BIGINT) AS "requests!: i64",
                          CAST(SUM(t.total_bytes) AS BIGINT) AS "bytes!: i64"
                   FROM ("#,
                ") t GROUP BY substr(t.date, 1, 7)",
                org_id,
                since.day,
                since.month,
                since.month_after
            ))
            .fetch_all(pool)
            .await?
        }
    };
    let traffic = buckets
        .iter()
        .map(|(key, _)| {
            let found = rows.iter().find(|b| &b.key == key);
            contract::TrafficPoint {
                date: key.clone(),
                api_requests: found.map_or(0, |b| b.requests),
                total_bytes: found.map_or(0, |b| b.bytes),
            }
        })
        .collect();

    // Counts per day (a few hundred rows at most), not one row per member.
    let space_days = sqlx::query!(
        r#"SELECT substr(CAST(COALESCE(added_at, created_at) AS TEXT), 1, 10) AS "day!: String", COUNT(*) AS "count!: i64"
           FROM spaces WHERE org_id = $1 GROUP BY 1 ORDER BY 1"#,
        org_id
    )
    .fetch_all(pool)
    .await?;
    let member_days = sqlx::query!(
        r#"SELECT substr(CAST(created_at AS TEXT), 1, 10) AS "day!: String", COUNT(*) AS "count!: i64"
           FROM org_members WHERE org_id = $1 GROUP BY 1 ORDER BY 1"#,
        org_id
    )
    .fetch_all(pool)
    .await?;
    let space_days: Vec<(String, i64)> = space_days.into_iter().map(|r| (r.day, r.count)).collect();
    let member_days: Vec<(String, i64)> = member_days.into_iter().map(|r| (r.day, r.count)).collect();
    let role_rows = sqlx::query!(
        r#"SELECT org_role AS "org_role: OrgRole", COUNT(*) AS "count!: i64" FROM org_members
           WHERE org_id = $1 GROUP BY org_role"#,
        org_id
    )
    .fetch_all(pool)
    .await?;
    let mut users_by_role = RoleCounts::default();
    for row in role_rows {
        match row.org_role {
            OrgRole::Owner => users_by_role.owner = row.count,
            OrgRole::Admin => users_by_role.admin = row.count,
            OrgRole::Member => users_by_role.member = row.count,
        }
    }

    let free_traffic = free_traffic(pool, org_id, today).await?;

    Ok(Statistics {
        period,
        granularity,
        traffic,
        spaces: running_counts(&buckets, &space_days),
        users: running_counts(&buckets, &member_days),
        users_by_role,
        free_traffic,
    })
}

/// The billing month of `today`: the traffic used in it against what the organization's tier
/// includes.
pub async fn free_traffic(pool: &Pool, org_id: i64, today: NaiveDate) -> DomainResult<FreeTraffic> {
    let (month_start, month_end) = billing_month(today);
    let used_bytes = sqlx::query_scalar!(
        r#"SELECT CAST(COALESCE(SUM(t.total_bytes), 0) AS BIGINT) AS "used!: i64"
           FROM traffic t JOIN spaces s ON s.id = t.space_id
           WHERE s.org_id = $1 AND t.date >= $2 AND t.date <= $3"#,
        org_id,
        month_start,
        month_end
    )
    .fetch_one(pool)
    .await?;

    // A subscription's tier includes more traffic than the free terabyte; until its paid period
    // ends after a cancellation, it still does.
    let included_bytes = match subscription::current(pool, org_id).await? {
        Some(sub) if !sub.cancel_at_period_end || sub.period_end > today => sub.tier.tier().included_traffic_bytes,
        _ => FREE_TRAFFIC_BYTES,
    };

    Ok(FreeTraffic {
        used_bytes,
        included_bytes,
        period_start: day(month_start),
        period_end: day(month_end),
    })
}

/// The oldest day the organization has data for.
async fn earliest(pool: &Pool, org_id: i64) -> DomainResult<Option<NaiveDate>> {
    let first = sqlx::query_scalar!(
        r#"SELECT MIN(d) AS "first: String" FROM (
               -- One index seek per space ((space_id, date) is the key), not a scan of every day.
               SELECT MIN(CAST((SELECT MIN(t.date) FROM traffic t WHERE t.space_id = s.id) AS TEXT)) AS d
                   FROM spaces s WHERE s.org_id = $1
               UNION ALL SELECT MIN(substr(CAST(COALESCE(added_at, created_at) AS TEXT), 1, 10)) FROM spaces WHERE org_id = $1
               UNION ALL SELECT MIN(substr(CAST(created_at AS TEXT), 1, 10)) FROM org_members WHERE org_id = $1) AS firsts"#,
        org_id
    )
    .fetch_one(pool)
    .await?;
    Ok(first.as_deref().and_then(parse_day))
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// The billing month `today` is in, by its first and last day: what "Free traffic" counts.
pub fn billing_month(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = today.with_day(1).unwrap_or(today);
    (start, next_month(start).pred_opt().unwrap_or(today))
}

/// The first day of the month after `day`'s.
pub fn next_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(day)
}
/// Each bucket's key (`YYYY-MM-DD` or `YYYY-MM`) and its last day, from `start` to `today`.
fn buckets(start: NaiveDate, today: NaiveDate, granularity: Granularity) -> Vec<(String, NaiveDate)> {
    let mut out = Vec::new();
    match granularity {
        Granularity::Day => {
            let mut day = start;
            while day <= today {
                out.push((day.format("%Y-%m-%d").to_string(), day));
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }
        Granularity::Month => {
            let mut first = start.with_day(1).unwrap_or(start);
            while first <= today {
                let last = next_month(first).pred_opt().unwrap_or(first).min(today);
                out.push((first.format("%Y-%m").to_string(), last));
                first = next_month(first);
            }
        }
    }
    out
}

/// For each bucket, how many there were by its last day, from counts per day (sorted by day).
fn running_counts(buckets: &[(String, NaiveDate)], per_day: &[(String, i64)]) -> Vec<CountPoint> {
    let mut total = 0;
    let mut next = 0;
    buckets
        .iter()
        .map(|(key, last)| {
            let last = last.format("%Y-%m-%d").to_string();
            while next < per_day.len() && per_day[next].0 <= last {
                total += per_day[next].1;
                next += 1;
            }
            CountPoint {
                date: key.clone(),
                count: total,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    #[test]
    fn day_buckets_cover_every_day_once() {
        let b = buckets(day("2026-02-27"), day("2026-03-02"), Granularity::Day);
        let keys: Vec<&str> = b.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    }

    #[test]
    fn month_buckets_end_on_the_last_day_or_today() {
        let b = buckets(day("2025-11-15"), day("2026-01-10"), Granularity::Month);
        assert_eq!(
            b,
            vec![
                ("2025-11".to_string(), day("2025-11-30")),
                ("2025-12".to_string(), day("2025-12-31")),
                ("2026-01".to_string(), day("2026-01-10")),
            ]
        );
    }

    #[test]
    fn running_counts_are_cumulative() {
        let b = buckets(day("2026-01-01"), day("2026-01-03"), Granularity::Day);
        let per_day = [("2025-12-01".to_string(), 1), ("2026-01-02".to_string(), 2)];
        let counts: Vec<i64> = running_counts(&b, &per_day).iter().map(|p| p.count).collect();
        assert_eq!(counts, [1, 3, 3]);
    }
}
