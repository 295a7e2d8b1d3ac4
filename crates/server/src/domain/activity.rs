//! The activity log: recorded inside each change's transaction, read page by page with
//! Storyblok's filters, exported, and thinned by the scheduler after the organization's retention
//! period. Nothing else updates or deletes an activity (a trigger refuses any update).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use contract::{
    ActivitiesPage, Activity, ActivityKey, StoredSettings, TrackableType, DEFAULT_ACTIVITY_RETENTION_DAYS,
    MAX_ACTIVITIES_PER_PAGE,
};
use serde_json::{json, Value};

use crate::client::ClientInfo;
use crate::db::{self, Pool, Sql, Tx};
use crate::domain::{page_window, people, Actor};
use crate::error::{ApiError, ApiResult};

/// Who did it.
#[derive(Clone, Copy)]
pub enum By<'a> {
    /// A signed-in person in their organization.
    Actor(&'a Actor),
    /// Someone not signed in (a failed sign-in), known only by their client.
    Client(&'a ClientInfo),
    /// The server's own scheduled work.
    Server,
}

/// What happened, to what. Built with [`Change::new`] and the methods after it.
pub struct Change {
    key: ActivityKey,
    trackable_id: Option<i64>,
    trackable_name: Option<String>,
    recipient_id: Option<i64>,
    space_id: Option<i64>,
    parameters: Value,
}

impl Change {
    pub fn new(key: ActivityKey) -> Change {
        Change {
            key,
            trackable_id: None,
            trackable_name: None,
            recipient_id: None,
            space_id: None,
            parameters: json!({}),
        }
    }

    /// The thing changed, by id and by the name it has now.
    pub fn on(mut self, id: i64, name: impl Into<String>) -> Change {
        self.trackable_id = Some(id);
        self.trackable_name = Some(name.into());
        self
    }

    /// The person the change was done to.
    pub fn to(mut self, user_id: i64) -> Change {
        self.recipient_id = Some(user_id);
        self
    }

    pub fn in_space(mut self, space_id: i64) -> Change {
        self.space_id = Some(space_id);
        self
    }

    /// What changed. Callers never put a password, code, token or card number here.
    pub fn with(mut self, parameters: Value) -> Change {
        self.parameters = parameters;
        self
    }
}

/// `{"before": .., "after": ..}` for one value that changed.
pub fn before_after(before: impl serde::Serialize, after: impl serde::Serialize) -> Value {
    json!({ "before": before, "after": after })
}

/// Write the activity in the change's transaction.
pub async fn record(tx: &mut Tx, org_id: i64, by: By<'_>, change: Change) -> Result<i64, sqlx::Error> {
    let (owner_id, client) = match by {
        By::Actor(actor) => (Some(actor.user_id), Some(&actor.client)),
        By::Client(client) => (None, Some(client)),
        By::Server => (None, None),
    };
    let owner_name = match owner_id {
        Some(id) => people::name_of(tx, id).await?,
        None => None,
    };
    let id = sqlx::query_scalar(
        "INSERT INTO activities (org_id, key, trackable_type, trackable_id, trackable_name, owner_id, owner_name,
             recipient_id, space_id, parameters, ip, user_agent, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(org_id)
    .bind(change.key.as_str())
    .bind(change.key.trackable_type().as_str())
    .bind(change.trackable_id)
    .bind(change.trackable_name)
    .bind(owner_id)
    .bind(owner_name)
    .bind(change.recipient_id)
    .bind(change.space_id)
    .bind(change.parameters.to_string())
    .bind(client.map(|c| c.ip.to_string()))
    .bind(client.and_then(|c| c.user_agent.clone()))
    .bind(db::now())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The filters of `GET /orgs/me/activities`, parsed.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub created_at_gte: Option<String>,
    /// Exclusive upper bound (a date filter means the whole day).
    pub created_before: Option<String>,
    pub owner_ids: Vec<i64>,
    pub types: Vec<TrackableType>,
    pub keys: Vec<ActivityKey>,
    pub space_id: Option<i64>,
    /// Only activities up to this id: later pages of a listing stay what they were.
    pub snapshot: Option<i64>,
}

/// The raw query parameters, as clients send them.
#[derive(Clone, Debug, Default)]
pub struct FilterText {
    pub created_at_gte: Option<String>,
    pub created_at_lte: Option<String>,
    pub by_owner_ids: Option<String>,
    pub types: Option<String>,
    pub keys: Option<String>,
    pub space_id: Option<i64>,
    pub snapshot: Option<i64>,
}

impl FilterText {
    pub fn parse(&self) -> ApiResult<Filter> {
        let list_error = |field: &str, bad: String, what: &str| {
            let shown: String = bad.chars().take(40).collect();
            ApiError::invalid(field, format!("“{shown}” is not {what}."))
        };
        let owner_ids = contract::parse_list(self.by_owner_ids.as_deref().unwrap_or(""), |p| p.parse::<i64>().ok())
            .map_err(|bad| list_error("by_owner_ids", bad, "a user id"))?;
        let types = contract::parse_list(self.types.as_deref().unwrap_or(""), TrackableType::parse)
            .map_err(|bad| list_error("types", bad, "an activity type such as OrgUser or Space"))?;
        let keys = contract::parse_list(self.keys.as_deref().unwrap_or(""), ActivityKey::parse)
            .map_err(|bad| list_error("keys", bad, "an activity key such as org_user.update"))?;
        if owner_ids.len() + types.len() + keys.len() > 200 {
            return Err(ApiError::invalid(
                "by_owner_ids",
                "Filter by at most 200 values at once.",
            ));
        }
        let created_at_gte = self
            .created_at_gte
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| instant(s, false).ok_or_else(|| date_error("created_at_gte")))
            .transpose()?;
        let created_before = self
            .created_at_lte
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| instant(s, true).ok_or_else(|| date_error("created_at_lte")))
            .transpose()?;
        Ok(Filter {
            created_at_gte,
            created_before,
            owner_ids,
            types,
            keys,
            space_id: self.space_id,
            snapshot: self.snapshot,
        })
    }
}

fn date_error(field: &str) -> ApiError {
    ApiError::invalid(
        field,
        format!("“{field}” must be a date (2026-11-29) or a time (2026-11-29T10:00:00Z)."),
    )
}

/// A date or an RFC 3339 time as the stored text. For an upper bound a date means the end of
/// that day, so the bound returned is the next midnight (exclusive).
fn instant(text: &str, upper: bool) -> Option<String> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let day = if upper { day.succ_opt()? } else { day };
        return Some(db::timestamp(day.and_hms_opt(0, 0, 0)?.and_utc()));
    }
    let time = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
    // `<=` a time is `<` the next millisecond.
    Some(db::timestamp(if upper {
        time + Duration::milliseconds(1)
    } else {
        time
    }))
}

fn push_filter<'a>(q: &mut Sql<'a>, org_id: i64, filter: &'a Filter, snapshot: i64) {
    q.push(" WHERE org_id = ").bind(org_id);
    q.push(" AND id <= ").bind(snapshot);
    if let Some(gte) = &filter.created_at_gte {
        q.push(" AND created_at >= ").bind(gte.as_str());
    }
    if let Some(before) = &filter.created_before {
        q.push(" AND created_at < ").bind(before.as_str());
    }
    if let Some(space_id) = filter.space_id {
        q.push(" AND space_id = ").bind(space_id);
    }
    if !filter.owner_ids.is_empty() {
        q.push(" AND owner_id IN ").bind_list(filter.owner_ids.iter().copied());
    }
    if !filter.types.is_empty() {
        q.push(" AND trackable_type IN ")
            .bind_list(filter.types.iter().map(|t| t.as_str()));
    }
    if !filter.keys.is_empty() {
        q.push(" AND key IN ").bind_list(filter.keys.iter().map(|k| k.as_str()));
    }
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: i64,
    key: String,
    trackable_type: String,
    trackable_id: Option<i64>,
    trackable_name: Option<String>,
    owner_id: Option<i64>,
    owner_name: Option<String>,
    recipient_id: Option<i64>,
    space_id: Option<i64>,
    parameters: String,
    ip: Option<String>,
    user_agent: Option<String>,
    created_at: String,
}

const COLUMNS: &str = "id, key, trackable_type, trackable_id, trackable_name, owner_id, owner_name, recipient_id, \
                       space_id, parameters, ip, user_agent, created_at";

impl ActivityRow {
    fn into_activity(self) -> Option<Activity> {
        let key = ActivityKey::parse(&self.key)?;
        Some(Activity {
            id: self.id,
            key,
            trackable_id: self.trackable_id,
            trackable_type: TrackableType::parse(&self.trackable_type).unwrap_or(key.trackable_type()),
            owner_type: self.owner_id.map(|_| "User".to_string()),
            owner_id: self.owner_id,
            parameters: serde_json::from_str(&self.parameters).unwrap_or_else(|_| json!({})),
            recipient_type: self.recipient_id.map(|_| "User".to_string()),
            recipient_id: self.recipient_id,
            updated_at: self.created_at.clone(),
            created_at: self.created_at,
            space_id: self.space_id,
            ip: self.ip,
            user_agent: self.user_agent,
            owner_name: self.owner_name,
            trackable_name: self.trackable_name,
        })
    }
}

async fn newest_id(pool: &Pool, org_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM activities WHERE org_id = $1")
        .bind(org_id)
        .fetch_one(pool)
        .await
}

/// One page of the organization's activities matching the filter, newest first.
pub async fn page(
    pool: &Pool,
    org_id: i64,
    filter: &Filter,
    page: Option<i64>,
    per_page: Option<i64>,
) -> ApiResult<ActivitiesPage> {
    let (page, per_page, offset) = page_window(page, per_page, 25, MAX_ACTIVITIES_PER_PAGE)?;
    let snapshot = match filter.snapshot {
        Some(id) => id,
        None => newest_id(pool, org_id).await?,
    };
    let mut count = Sql::new("SELECT COUNT(*) FROM activities");
    push_filter(&mut count, org_id, filter, snapshot);
    let total: i64 = count.fetch_scalar(pool).await?;
    let mut select = Sql::new(format!("SELECT {COLUMNS} FROM activities"));
    push_filter(&mut select, org_id, filter, snapshot);
    select
        .push(" ORDER BY id DESC LIMIT ")
        .bind(per_page)
        .push(" OFFSET ")
        .bind(offset);
    let rows: Vec<ActivityRow> = select.fetch_all(pool).await?;
    Ok(ActivitiesPage {
        activities: rows.into_iter().filter_map(ActivityRow::into_activity).collect(),
        total,
        page,
        per_page,
        snapshot,
    })
}

/// An export holds at most this many activities, newest first.
pub const MAX_EXPORT: i64 = 100_000;
/// Read and sent this many at a time, so an export's memory stays small whatever its length.
const EXPORT_CHUNK: i64 = 1_000;

/// The file format of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

const CSV_HEADER: &str = "id,created_at,key,action,owner_id,owner_name,trackable_type,trackable_id,trackable_name,\
recipient_id,space_id,ip,user_agent,parameters\r\n";

/// One activity as a CSV row, cells a spreadsheet would run as a formula defused.
fn csv_row(out: &mut String, a: &Activity) {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let cells = [
        a.id.to_string(),
        a.created_at.clone(),
        a.key.as_str().to_string(),
        a.key.describe().to_string(),
        opt(a.owner_id),
        a.owner_name.clone().unwrap_or_default(),
        a.trackable_type.as_str().to_string(),
        opt(a.trackable_id),
        a.trackable_name.clone().unwrap_or_default(),
        opt(a.recipient_id),
        opt(a.space_id),
        a.ip.clone().unwrap_or_default(),
        a.user_agent.clone().unwrap_or_default(),
        a.parameters.to_string(),
    ];
    crate::csv::push_row(out, &cells);
}

/// Where an export stands between chunks.
struct ExportCursor {
    pool: Pool,
    org_id: i64,
    filter: Filter,
    format: ExportFormat,
    /// The next chunk holds ids below this.
    below: i64,
    left: i64,
    started: bool,
    /// Whether a JSON element has been written (the next needs a comma before it).
    written: bool,
    finished: bool,
}

/// Every activity matching the filter, newest first, up to [`MAX_EXPORT`], as the bytes of a CSV
/// or JSON file, read and sent a chunk at a time.
pub async fn export(
    pool: &Pool,
    org_id: i64,
    filter: Filter,
    format: ExportFormat,
) -> Result<impl futures_util::Stream<Item = Result<String, sqlx::Error>> + Send + 'static, sqlx::Error> {
    let snapshot = match filter.snapshot {
        Some(id) => id,
        None => newest_id(pool, org_id).await?,
    };
    let cursor = ExportCursor {
        pool: pool.clone(),
        org_id,
        filter,
        format,
        below: snapshot.saturating_add(1),
        left: MAX_EXPORT,
        started: false,
        written: false,
        finished: false,
    };
    Ok(futures_util::stream::try_unfold(cursor, |mut cursor| async move {
        if cursor.finished {
            return Ok(None);
        }
        let mut select = Sql::new(format!("SELECT {COLUMNS} FROM activities"));
        push_filter(&mut select, cursor.org_id, &cursor.filter, cursor.below - 1);
        select
            .push(" ORDER BY id DESC LIMIT ")
            .bind(EXPORT_CHUNK.min(cursor.left));
        let rows: Vec<ActivityRow> = select.fetch_all(&cursor.pool).await?;
        let mut out = String::new();
        if !cursor.started {
            out.push_str(match cursor.format {
                ExportFormat::Csv => CSV_HEADER,
                ExportFormat::Json => "[",
            });
            cursor.started = true;
        }
        let count = rows.len() as i64;
        for row in rows {
            cursor.below = row.id;
            let Some(activity) = row.into_activity() else { continue };
            match cursor.format {
                ExportFormat::Csv => csv_row(&mut out, &activity),
                ExportFormat::Json => {
                    if cursor.written {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(&activity).unwrap_or_else(|_| "null".into()));
                    cursor.written = true;
                }
            }
        }
        cursor.left -= count;
        if count < EXPORT_CHUNK || cursor.left <= 0 {
            cursor.finished = true;
            if cursor.format == ExportFormat::Json {
                out.push(']');
            }
        }
        Ok(Some((out, cursor)))
    }))
}

/// Delete what is older than each organization's retention period.
pub async fn prune(pool: &Pool) -> Result<u64, sqlx::Error> {
    let orgs: Vec<(i64, String)> = sqlx::query_as("SELECT id, settings FROM orgs").fetch_all(pool).await?;
    let mut deleted = 0;
    for (org_id, settings) in orgs {
        let days = serde_json::from_str::<StoredSettings>(&settings)
            .map(|s| s.access.activity_retention_days)
            .unwrap_or(DEFAULT_ACTIVITY_RETENTION_DAYS);
        let cutoff = db::timestamp(Utc::now() - Duration::days(i64::from(days)));
        deleted += sqlx::query("DELETE FROM activities WHERE org_id = $1 AND created_at < $2")
            .bind(org_id)
            .bind(cutoff)
            .execute(pool)
            .await?
            .rows_affected();
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_filters_cover_whole_days() {
        assert_eq!(instant("2026-11-29", false).unwrap(), "2026-11-29T00:00:00.000Z");
        assert_eq!(instant("2026-11-29", true).unwrap(), "2026-11-30T00:00:00.000Z");
        assert_eq!(
            instant("2026-11-29T10:00:00+01:00", false).unwrap(),
            "2026-11-29T09:00:00.000Z"
        );
        assert_eq!(
            instant("2026-11-29T10:00:00Z", true).unwrap(),
            "2026-11-29T10:00:00.001Z"
        );
        assert!(instant("yesterday", false).is_none());
        assert!(instant("2026-02-30", false).is_none());
    }

    #[test]
    fn filters_name_the_part_they_refuse() {
        let text = FilterText {
            types: Some("OrgUser,Nope".into()),
            ..FilterText::default()
        };
        assert_eq!(text.parse().unwrap_err().field.as_deref(), Some("types"));
        let text = FilterText {
            by_owner_ids: Some("1,2".into()),
            keys: Some("org_user.update".into()),
            created_at_lte: Some("2026-01-01".into()),
            ..FilterText::default()
        };
        let filter = text.parse().unwrap();
        assert_eq!(filter.owner_ids, vec![1, 2]);
        assert_eq!(filter.keys, vec![ActivityKey::OrgUserUpdate]);
        assert_eq!(filter.created_before.as_deref(), Some("2026-01-02T00:00:00.000Z"));
    }
}
