//! The series behind the dashboard's charts and the free-traffic bar, and the traffic reads the
//! spaces list shares: whole months from the monthly roll-up, the rest day by day.

use chrono::{Datelike, NaiveDate};
use contract::{
    CountPoint, FreeTraffic, Granularity, Period, RoleCounts, Statistics, TierId, TrafficPoint, FREE_TRAFFIC_BYTES,
};

use crate::db::Pool;
use crate::domain::subscription;

/// The organization's traffic rows (`space_id`, `date`, `api_requests`, `total_bytes`) from the
/// day bound to the parameter `since` on: whole months from the monthly roll-up, the rest of the
/// first month day by day (`month_after` is bound to the first day of the next month). A year is
/// then about 13 rows per space instead of 365; monthly rows are dated `YYYY-MM`. Each part starts
/// from the organization's spaces, so every read is a range of the (space, date) key.
pub fn traffic_since(org: &str, since: &str, month_after: &str) -> String {
    format!(
        "SELECT m.space_id, m.month AS date, m.api_requests, m.total_bytes
             FROM spaces ts JOIN traffic_monthly m ON m.space_id = ts.id AND m.month > substr({since}, 1, 7)
             WHERE ts.org_id = {org}
         UNION ALL
         SELECT d.space_id, d.date, d.api_requests, d.total_bytes
             FROM spaces ts JOIN traffic d ON d.space_id = ts.id AND d.date >= {since} AND d.date < {month_after}
             WHERE ts.org_id = {org}"
    )
}

/// The first day of the month after `day` (`YYYY-MM-DD`).
pub fn month_after(day: &str) -> String {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| next_month(d).format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The first day counted by `period`, `YYYY-MM-DD`; None for all time.
pub fn period_start(period: Period, today: NaiveDate) -> Option<String> {
    period.days().map(|days| {
        (today - chrono::Duration::days(days - 1))
            .format("%Y-%m-%d")
            .to_string()
    })
}

pub async fn compute(pool: &Pool, org_id: i64, period: Period, today: NaiveDate) -> Result<Statistics, sqlx::Error> {
    let granularity = period.granularity();
    let start = match period_start(period, today) {
        Some(s) => parse_day(&s).unwrap_or(today),
        None => earliest(pool, org_id).await?.unwrap_or(today),
    };
    let buckets = buckets(start, today, granularity);
    let key_len = if granularity == Granularity::Day { 10 } else { 7 };

    // Months come from the monthly roll-up (plus the first, partial month day by day).
    let start_day = start.format("%Y-%m-%d").to_string();
    let source = match granularity {
        Granularity::Day => "SELECT d.space_id, d.date, d.api_requests, d.total_bytes
             FROM spaces ts JOIN traffic d ON d.space_id = ts.id AND d.date >= $2 WHERE ts.org_id = $1"
            .to_string(),
        Granularity::Month => traffic_since("$1", "$2", "$4"),
    };
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT substr(t.date, 1, CAST($3 AS INTEGER)) AS bucket, CAST(SUM(t.api_requests) AS BIGINT), CAST(SUM(t.total_bytes) AS BIGINT)
         FROM ({source}) t GROUP BY bucket"
    ))
    .bind(org_id)
    .bind(&start_day)
    .bind(key_len)
    .bind(month_after(&start_day))
    .fetch_all(pool)
    .await?;
    let traffic = buckets
        .iter()
        .map(|(key, _)| {
            let (requests, bytes) = rows
                .iter()
                .find(|(k, _, _)| k == key)
                .map(|(_, r, b)| (*r, *b))
                .unwrap_or((0, 0));
            TrafficPoint {
                date: key.clone(),
                api_requests: requests,
                total_bytes: bytes,
            }
        })
        .collect();

    // Counts per day (a few hundred rows at most), not one row per member.
    let space_days: Vec<(String, i64)> = sqlx::query_as(
        "SELECT substr(COALESCE(added_at, created_at), 1, 10) AS day, COUNT(*) FROM spaces WHERE org_id = $1
         GROUP BY day ORDER BY day",
    )
    .bind(org_id)
    .fetch_all(pool)
    .await?;
    let member_days: Vec<(String, i64)> = sqlx::query_as(
        "SELECT substr(created_at, 1, 10) AS day, COUNT(*) FROM org_members WHERE org_id = $1 GROUP BY day ORDER BY day",
    )
    .bind(org_id)
    .fetch_all(pool)
    .await?;
    let role_rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT org_role, COUNT(*) FROM org_members WHERE org_id = $1 GROUP BY org_role")
            .bind(org_id)
            .fetch_all(pool)
            .await?;
    let mut users_by_role = RoleCounts::default();
    for (role, count) in role_rows {
        match role.as_str() {
            "owner" => users_by_role.owner = count,
            "admin" => users_by_role.admin = count,
            _ => users_by_role.member += count,
        }
    }

    let month_start = today.with_day(1).unwrap_or(today);
    let month_end = next_month(month_start).pred_opt().unwrap_or(today);
    let used_bytes: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(t.total_bytes), 0) AS BIGINT) FROM traffic t JOIN spaces s ON s.id = t.space_id
         WHERE s.org_id = $1 AND t.date >= $2 AND t.date <= $3",
    )
    .bind(org_id)
    .bind(month_start.format("%Y-%m-%d").to_string())
    .bind(month_end.format("%Y-%m-%d").to_string())
    .fetch_one(pool)
    .await?;

    // A subscription's tier includes more traffic than the free terabyte; until its paid period
    // ends after a cancellation, it still does.
    let today_text = today.format("%Y-%m-%d").to_string();
    let included_bytes = match subscription::current(pool, org_id).await? {
        Some(sub) if !sub.cancel_at_period_end || sub.period_end > today_text => TierId::parse(&sub.tier)
            .map(|id| id.tier().included_traffic_bytes)
            .unwrap_or(FREE_TRAFFIC_BYTES),
        _ => FREE_TRAFFIC_BYTES,
    };

    Ok(Statistics {
        period,
        granularity,
        traffic,
        spaces: running_counts(&buckets, &space_days),
        users: running_counts(&buckets, &member_days),
        users_by_role,
        free_traffic: FreeTraffic {
            used_bytes,
            included_bytes,
            period_start: month_start.format("%Y-%m-%d").to_string(),
            period_end: month_end.format("%Y-%m-%d").to_string(),
        },
    })
}

/// The oldest date the organization has data for.
async fn earliest(pool: &Pool, org_id: i64) -> Result<Option<NaiveDate>, sqlx::Error> {
    let first: Option<String> = sqlx::query_scalar(
        "SELECT MIN(d) FROM (
            -- One index seek per space ((space_id, date) is the key), not a scan of every day.
            SELECT MIN((SELECT MIN(t.date) FROM traffic t WHERE t.space_id = s.id)) AS d FROM spaces s WHERE s.org_id = $1
            UNION ALL SELECT MIN(substr(COALESCE(added_at, created_at), 1, 10)) FROM spaces WHERE org_id = $1
            UNION ALL SELECT MIN(substr(created_at, 1, 10)) FROM org_members WHERE org_id = $1) AS firsts",
    )
    .bind(org_id)
    .fetch_one(pool)
    .await?;
    Ok(first.as_deref().and_then(parse_day))
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
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
