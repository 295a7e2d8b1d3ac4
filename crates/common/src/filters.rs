//! What a list request asks for, parsed and checked before any query runs: the users list's
//! search, role and order; the activity log's filters; a page of either.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use contract::{ActivitiesQuery, ActivityKey, OrgRole, SortDir, TrackableType, UserSort, UsersQuery};

use crate::{DomainError, DomainResult, Timestamp};

/// The `%needle%` of a LIKE search, with LIKE's own wildcards taken literally (`ESCAPE '\'`).
pub fn like_pattern(q: &str) -> String {
    let escaped = q
        .trim()
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// A page number and size as a LIMIT and OFFSET, refusing what is out of range (no overflow
/// whatever a client sends).
pub fn page_window(page: Option<i64>, per_page: Option<i64>, default: i64, max: i64) -> DomainResult<(i64, i64, i64)> {
    let per_page = per_page.unwrap_or(default);
    if !(1..=max).contains(&per_page) {
        return Err(DomainError::invalid(
            "per_page",
            format!("Page size must be between 1 and {max}."),
        ));
    }
    let page = page.unwrap_or(1);
    if !(1..=MAX_PAGE).contains(&page) {
        return Err(DomainError::invalid(
            "page",
            format!("Pages start at 1 and end at {MAX_PAGE}."),
        ));
    }
    Ok((page, per_page, (page - 1) * per_page))
}

/// Far beyond any real list, small enough that `page × per_page` cannot overflow.
pub const MAX_PAGE: i64 = 1_000_000;

/// Which members a list or export holds, in what order.
#[derive(Clone, Debug)]
pub struct UserFilter {
    pub q: String,
    pub role: Option<OrgRole>,
    pub sort: UserSort,
    pub descending: bool,
}

impl UserFilter {
    /// The query as a filter, refusing a search too long to be one.
    pub fn of(query: &UsersQuery) -> DomainResult<UserFilter> {
        let q = query.q.as_deref().unwrap_or("").trim().to_string();
        if q.chars().count() > 200 {
            return Err(DomainError::invalid("q", "Search for at most 200 characters."));
        }
        Ok(UserFilter {
            q,
            role: query.role,
            sort: query.sort.unwrap_or_default(),
            descending: query.dir == Some(SortDir::Desc),
        })
    }
}

/// The filters of `GET /orgs/me/activities`, parsed.
#[derive(Clone, Debug, Default)]
pub struct ActivityFilter {
    pub created_at_gte: Option<Timestamp>,
    /// Exclusive upper bound (a date filter means the whole day).
    pub created_before: Option<Timestamp>,
    pub owner_ids: Vec<i64>,
    pub types: Vec<TrackableType>,
    pub keys: Vec<ActivityKey>,
    pub space_id: Option<i64>,
    /// Only activities up to this id: later pages of a listing stay what they were.
    pub snapshot: Option<i64>,
}

impl ActivityFilter {
    /// The filters of a query as clients send them, naming the part that does not parse.
    pub fn of(query: &ActivitiesQuery) -> DomainResult<ActivityFilter> {
        let list_error = |field: &str, bad: String, what: &str| {
            let shown: String = bad.chars().take(40).collect();
            DomainError::invalid(field, format!("“{shown}” is not {what}."))
        };
        let owner_ids = contract::parse_list(query.by_owner_ids.as_deref().unwrap_or(""), |p| p.parse::<i64>().ok())
            .map_err(|bad| list_error("by_owner_ids", bad, "a user id"))?;
        let types = contract::parse_list(query.types.as_deref().unwrap_or(""), TrackableType::parse)
            .map_err(|bad| list_error("types", bad, "an activity type such as OrgUser or Space"))?;
        let keys = contract::parse_list(query.keys.as_deref().unwrap_or(""), ActivityKey::parse)
            .map_err(|bad| list_error("keys", bad, "an activity key such as org_user.update"))?;
        if owner_ids.len() + types.len() + keys.len() > 200 {
            return Err(DomainError::invalid(
                "by_owner_ids",
                "Filter by at most 200 values at once.",
            ));
        }
        let created_at_gte = query
            .created_at_gte
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| instant(s, false).ok_or_else(|| date_error("created_at_gte")))
            .transpose()?;
        let created_before = query
            .created_at_lte
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| instant(s, true).ok_or_else(|| date_error("created_at_lte")))
            .transpose()?;
        Ok(ActivityFilter {
            created_at_gte,
            created_before,
            owner_ids,
            types,
            keys,
            space_id: query.space_id,
            snapshot: query.snapshot,
        })
    }
}

fn date_error(field: &str) -> DomainError {
    DomainError::invalid(
        field,
        format!("“{field}” must be a date (2026-11-29) or a time (2026-11-29T10:00:00Z)."),
    )
}

/// A date or an RFC 3339 time as a moment. For an upper bound a date means the end of that day,
/// so the bound returned is the next midnight (exclusive).
fn instant(text: &str, upper: bool) -> Option<Timestamp> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let day = if upper { day.succ_opt()? } else { day };
        return Some(day.and_hms_opt(0, 0, 0)?.and_utc());
    }
    let time = crate::millis(DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc));
    // `<=` a time is `<` the next millisecond.
    Some(if upper { time + Duration::milliseconds(1) } else { time })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iso;

    #[test]
    fn pages_out_of_range_are_refused_not_overflowed() {
        assert_eq!(page_window(None, None, 50, 200).unwrap(), (1, 50, 0));
        assert_eq!(page_window(Some(3), Some(10), 50, 200).unwrap(), (3, 10, 20));
        for (page, per_page, field) in [
            (Some(0), None, "page"),
            (Some(i64::MAX), None, "page"),
            (Some(-1), None, "page"),
            (None, Some(0), "per_page"),
            (None, Some(201), "per_page"),
        ] {
            let err = page_window(page, per_page, 50, 200).unwrap_err();
            assert_eq!(err.field.as_deref(), Some(field));
        }
    }

    #[test]
    fn like_wildcards_are_literal() {
        assert_eq!(like_pattern(" A%b_c\\ "), "%a\\%b\\_c\\\\%");
    }

    #[test]
    fn users_filters_trim_the_search_and_refuse_a_long_one() {
        let query = UsersQuery {
            q: Some(" fisch ".into()),
            role: Some(OrgRole::Admin),
            sort: Some(UserSort::SignIns),
            dir: Some(SortDir::Desc),
            ..UsersQuery::default()
        };
        let f = UserFilter::of(&query).unwrap();
        assert_eq!(
            (f.q.as_str(), f.role, f.sort, f.descending),
            ("fisch", Some(OrgRole::Admin), UserSort::SignIns, true)
        );
        let f = UserFilter::of(&UsersQuery::default()).unwrap();
        assert_eq!((f.role, f.sort, f.descending), (None, UserSort::Name, false));
        let long = UsersQuery {
            q: Some("x".repeat(201)),
            ..UsersQuery::default()
        };
        assert_eq!(UserFilter::of(&long).unwrap_err().field.as_deref(), Some("q"));
    }

    #[test]
    fn date_filters_cover_whole_days() {
        let shown = |text: &str, upper: bool| instant(text, upper).map(iso);
        assert_eq!(shown("2026-11-29", false).unwrap(), "2026-11-29T00:00:00.000Z");
        assert_eq!(shown("2026-11-29", true).unwrap(), "2026-11-30T00:00:00.000Z");
        assert_eq!(
            shown("2026-11-29T10:00:00+01:00", false).unwrap(),
            "2026-11-29T09:00:00.000Z"
        );
        assert_eq!(shown("2026-11-29T10:00:00Z", true).unwrap(), "2026-11-29T10:00:00.001Z");
        assert!(instant("yesterday", false).is_none());
        assert!(instant("2026-02-30", false).is_none());
    }

    #[test]
    fn activity_filters_name_the_part_they_refuse() {
        let query = ActivitiesQuery {
            types: Some("OrgUser,Nope".into()),
            ..ActivitiesQuery::default()
        };
        assert_eq!(ActivityFilter::of(&query).unwrap_err().field.as_deref(), Some("types"));
        let query = ActivitiesQuery {
            by_owner_ids: Some("1,2".into()),
            keys: Some("org_user.update".into()),
            created_at_lte: Some("2026-01-01".into()),
            ..ActivitiesQuery::default()
        };
        let filter = ActivityFilter::of(&query).unwrap();
        assert_eq!(filter.owner_ids, vec![1, 2]);
        assert_eq!(filter.keys, vec![ActivityKey::OrgUserUpdate]);
        assert_eq!(
            filter.created_before.map(iso).as_deref(),
            Some("2026-01-02T00:00:00.000Z")
        );
    }
}
