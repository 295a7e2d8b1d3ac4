//! The query strings of the list endpoints, typed once: the app writes them with
//! [`UsersQuery::to_query`] and [`ActivitiesQuery::to_query`], the server reads them into the same
//! structs, and the OpenAPI document describes them from these definitions (their doc comments
//! are its parameters' descriptions).

use serde::{Deserialize, Serialize};

use crate::{OrgRole, Period};

/// How the users list is ordered: `sort`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserSort {
    #[default]
    Name,
    Email,
    Role,
    SignIns,
    LastSignIn,
    /// When the person joined the organization.
    Created,
}

impl UserSort {
    pub const ALL: [UserSort; 6] = [
        UserSort::Name,
        UserSort::Email,
        UserSort::Role,
        UserSort::SignIns,
        UserSort::LastSignIn,
        UserSort::Created,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            UserSort::Name => "name",
            UserSort::Email => "email",
            UserSort::Role => "role",
            UserSort::SignIns => "sign_ins",
            UserSort::LastSignIn => "last_sign_in",
            UserSort::Created => "created",
        }
    }

    pub fn parse(text: &str) -> Option<UserSort> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Counts and times read best most and newest first, names from A.
    pub const fn starts_descending(self) -> bool {
        matches!(self, UserSort::SignIns | UserSort::LastSignIn | UserSort::Created)
    }
}

/// Which way a list is ordered: `dir`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum SortDir {
    #[default]
    Asc,
    Desc,
}

/// Which members a users list or export holds: `GET /orgs/me/users`, `POST /orgs/me/users/export`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default)]
pub struct UsersQuery {
    /// Part of a name or email address, at most 200 characters.
    pub q: Option<String>,
    /// Only people with this role.
    pub role: Option<OrgRole>,
    /// `name` when not given.
    pub sort: Option<UserSort>,
    /// `asc` when not given.
    pub dir: Option<SortDir>,
    /// From 1.
    pub page: Option<i64>,
    /// 1 to 500, default 50.
    pub per_page: Option<i64>,
}

impl UsersQuery {
    /// `?q=…&role=…`, only what is set; empty when nothing is.
    pub fn to_query(&self) -> String {
        let mut out = Query::default();
        out.text("q", self.q.as_deref());
        out.text("role", self.role.map(OrgRole::as_str));
        out.text("sort", self.sort.map(UserSort::as_str));
        out.text("dir", self.dir.filter(|d| *d == SortDir::Desc).map(|_| "desc"));
        out.number("page", self.page);
        out.number("per_page", self.per_page);
        out.finish()
    }
}

/// Storyblok's activity filters, and paging: `GET /orgs/me/activities` and its export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default)]
pub struct ActivitiesQuery {
    /// From this date (`2026-11-01`) or time (RFC 3339) on.
    pub created_at_gte: Option<String>,
    /// Up to this date (the whole day) or time.
    pub created_at_lte: Option<String>,
    /// Comma-separated ids of the people who acted.
    pub by_owner_ids: Option<String>,
    /// Comma-separated trackable types (`OrgUser`, `Invitation`, `Space`,
    /// `Collaborator`, `Settings`, `Subscription`, `Invoice`, `BillingInfo`, `PaymentMethod`,
    /// `Session`, `UsersExport`, `Account`).
    pub types: Option<String>,
    /// Comma-separated keys such as `org_user.update` or
    /// `account.password_change`.
    pub keys: Option<String>,
    /// Only activities about this space.
    pub space_id: Option<i64>,
    /// From 1.
    pub page: Option<i64>,
    /// 1 to 100, default 25.
    pub per_page: Option<i64>,
    /// The `snapshot` of the first page: later pages then stay stable while activities arrive.
    pub snapshot: Option<i64>,
}

impl ActivitiesQuery {
    /// `?created_at_gte=…`, only what is set; empty when nothing is.
    pub fn to_query(&self) -> String {
        let mut out = Query::default();
        out.text("created_at_gte", self.created_at_gte.as_deref());
        out.text("created_at_lte", self.created_at_lte.as_deref());
        out.text("by_owner_ids", self.by_owner_ids.as_deref());
        out.text("types", self.types.as_deref());
        out.text("keys", self.keys.as_deref());
        out.number("space_id", self.space_id);
        out.number("page", self.page);
        out.number("per_page", self.per_page);
        out.number("snapshot", self.snapshot);
        out.finish()
    }
}

/// The period of the dashboard's spaces and statistics: `GET /orgs/me/spaces`,
/// `GET /orgs/me/statistics`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default)]
pub struct PeriodQuery {
    /// `30d` when not given.
    pub period: Option<Period>,
}

impl PeriodQuery {
    pub fn of(period: Period) -> PeriodQuery {
        PeriodQuery { period: Some(period) }
    }

    /// `?period=…`.
    pub fn to_query(&self) -> String {
        let mut out = Query::default();
        out.text("period", self.period.map(Period::as_str));
        out.finish()
    }
}

/// What the command palette looks for: `GET /orgs/me/search?q=`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default)]
pub struct SearchQuery {
    /// Part of a person's name or address, or of a space's name; at most 200 characters.
    pub q: String,
}

impl SearchQuery {
    /// `?q=…`.
    pub fn to_query(&self) -> String {
        let mut out = Query::default();
        out.text("q", Some(&self.q));
        out.finish()
    }
}

/// The file format of an export: `format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    #[default]
    Csv,
    Json,
}

impl ExportFormat {
    pub const fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// `GET /orgs/me/activities/export`'s own parameter, next to the filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default)]
pub struct ExportQuery {
    /// `csv` when not given.
    pub format: Option<ExportFormat>,
}

impl ExportQuery {
    /// `?format=…`, or empty for the default.
    pub fn to_query(&self) -> String {
        let mut out = Query::default();
        out.text("format", self.format.map(ExportFormat::as_str));
        out.finish()
    }
}

/// A query string being written.
#[derive(Default)]
struct Query(String);

impl Query {
    fn text(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            self.0.push(if self.0.is_empty() { '?' } else { '&' });
            self.0.push_str(name);
            self.0.push('=');
            self.0.push_str(&percent_encode(value));
        }
    }

    fn number(&mut self, name: &str, value: Option<i64>) {
        self.text(name, value.map(|n| n.to_string()).as_deref());
    }

    fn finish(self) -> String {
        self.0
    }
}

/// Percent-encode a value for a query string. `/` stays readable: it is legal there, and keeps
/// `?next=/users` easy to read.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_say_only_what_is_set_and_read_back_the_same() {
        let query = UsersQuery {
            q: Some("Lena & co".into()),
            role: Some(OrgRole::Admin),
            sort: Some(UserSort::LastSignIn),
            dir: Some(SortDir::Desc),
            page: Some(2),
            per_page: Some(100),
        };
        let written = query.to_query();
        assert_eq!(
            written,
            "?q=Lena%20%26%20co&role=admin&sort=last_sign_in&dir=desc&page=2&per_page=100"
        );
        assert_eq!(UsersQuery::default().to_query(), "");
        let read: UsersQuery = serde_json::from_value(serde_json::json!({
            "q": "Lena & co", "role": "admin", "sort": "last_sign_in", "dir": "desc", "page": 2, "per_page": 100
        }))
        .unwrap();
        assert_eq!(read, query);
        for sort in UserSort::ALL {
            assert_eq!(serde_json::to_value(sort).unwrap(), sort.as_str());
            assert_eq!(UserSort::parse(sort.as_str()), Some(sort));
        }
        let activities = ActivitiesQuery {
            types: Some("OrgUser".into()),
            created_at_gte: Some("2026-11-01".into()),
            page: Some(1),
            ..ActivitiesQuery::default()
        };
        assert_eq!(activities.to_query(), "?created_at_gte=2026-11-01&types=OrgUser&page=1");
    }
}
