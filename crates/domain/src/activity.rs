//! The activity log: recorded inside each change's transaction, read page by page with
//! Storyblok's filters, exported, and thinned by the scheduler after the organization's retention
//! period. Nothing else updates or deletes an activity (a trigger refuses any update).

use chrono::Duration;
use common::filters::{page_window, ActivityFilter};
use common::{iso, Actor, ClientInfo, DomainResult, Timestamp};
use contract::ExportFormat;
use contract::{ActivitiesPage, Activity, ActivityKey, Params, StoredSettings, TrackableType, MAX_ACTIVITIES_PER_PAGE};
use serde_json::{json, Value};
use sqlx::types::{Json, JsonValue};

use crate::db::{Pool, Tx};
use crate::people;

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

    /// What changed, in the key's family of parameters (a test run checks the two agree).
    /// Callers never put a password, code, token or card number here.
    pub fn with(mut self, parameters: Params) -> Change {
        self.parameters = parameters.to_value();
        debug_assert_eq!(
            Params::read(self.key, &self.parameters),
            parameters,
            "{:?} is not written with these parameters",
            self.key
        );
        self
    }
}

/// Write the activity in the change's transaction.
pub async fn record(tx: &mut Tx, org_id: i64, by: By<'_>, change: Change) -> DomainResult<i64> {
    let (owner_id, client) = match by {
        By::Actor(actor) => (Some(actor.user_id), Some(&actor.client)),
        By::Client(client) => (None, Some(client)),
        By::Server => (None, None),
    };
    let owner_name = match owner_id {
        Some(id) => people::name_of(tx, id).await?,
        None => None,
    };
    let (key, trackable_type) = (change.key.as_str(), change.key.trackable_type().as_str());
    let ip = client.map(|c| c.ip.to_string());
    let user_agent = client.and_then(|c| c.user_agent.clone());
    let access_token = client.and_then(|c| c.access_token.clone());
    let now = common::now();
    let id = sqlx::query_scalar!(
        r#"INSERT INTO activities (org_id, key, trackable_type, trackable_id, trackable_name, owner_id, owner_name,
               recipient_id, space_id, parameters, ip, user_agent, created_at, access_token)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id AS "id!""#,
        org_id,
        key,
        trackable_type,
        change.trackable_id,
        change.trackable_name,
        owner_id,
        owner_name,
        change.recipient_id,
        change.space_id,
        change.parameters,
        ip,
        user_agent,
        now,
        access_token,
    )
    .fetch_one(&mut **tx)
    .await?;
    crate::webhooks::enqueue(tx, org_id, id, change.key).await?;
    Ok(id)
}

/// One activity as stored.
struct ActivityRow {
    id: i64,
    key: ActivityKey,
    trackable_type: TrackableType,
    trackable_id: Option<i64>,
    trackable_name: Option<String>,
    owner_id: Option<i64>,
    owner_name: Option<String>,
    recipient_id: Option<i64>,
    space_id: Option<i64>,
    parameters: JsonValue,
    ip: Option<String>,
    user_agent: Option<String>,
    access_token: Option<String>,
    created_at: Timestamp,
}

impl ActivityRow {
    fn into_activity(self) -> Activity {
        let at = iso(self.created_at);
        Activity {
            id: self.id,
            key: self.key,
            trackable_id: self.trackable_id,
            trackable_type: self.trackable_type,
            owner_type: self.owner_id.map(|_| "User".to_string()),
            owner_id: self.owner_id,
            parameters: self.parameters,
            recipient_type: self.recipient_id.map(|_| "User".to_string()),
            recipient_id: self.recipient_id,
            updated_at: at.clone(),
            created_at: at,
            space_id: self.space_id,
            ip: self.ip,
            user_agent: self.user_agent,
            owner_name: self.owner_name,
            trackable_name: self.trackable_name,
            access_token: self.access_token,
        }
    }
}

/// The filter as bound parameters: `$3` from, `$4` before, `$5` space, and the lists `$6`
/// owners, `$7` types, `$8` keys (JSON arrays on SQLite, arrays on PostgreSQL; none for no
/// filter).
struct Bound {
    from: Option<Timestamp>,
    before: Option<Timestamp>,
    space: Option<i64>,
    #[cfg(sqlite)]
    owners: Option<String>,
    #[cfg(sqlite)]
    types: Option<String>,
    #[cfg(sqlite)]
    keys: Option<String>,
    #[cfg(postgres)]
    owners: Option<Vec<i64>>,
    #[cfg(postgres)]
    types: Option<Vec<String>>,
    #[cfg(postgres)]
    keys: Option<Vec<String>>,
}

impl Bound {
    fn of(filter: &ActivityFilter) -> Bound {
        let types = filter.types.iter().map(|t| t.as_str().to_string());
        let keys = filter.keys.iter().map(|k| k.as_str().to_string());
        #[cfg(sqlite)]
        fn list<T: serde::Serialize>(items: Vec<T>) -> Option<String> {
            (!items.is_empty()).then(|| serde_json::to_string(&items).unwrap_or_default())
        }
        #[cfg(postgres)]
        fn list<T>(items: Vec<T>) -> Option<Vec<T>> {
            (!items.is_empty()).then_some(items)
        }
        Bound {
            from: filter.created_at_gte,
            before: filter.created_before,
            space: filter.space_id,
            owners: list(filter.owner_ids.clone()),
            types: list(types.collect()),
            keys: list(keys.collect()),
        }
    }

    /// The index that serves the filter best, named by its column.
    fn lead(&self) -> Lead {
        if self.owners.is_some() {
            Lead::Owner
        } else if self.types.is_some() {
            Lead::Type
        } else if self.space.is_some() {
            Lead::Space
        } else if self.from.is_some() {
            Lead::Time
        } else {
            Lead::Id
        }
    }
}

/// The column whose index a read of the log follows: each filter is also written in the form
/// that index serves, so the database need not read the whole log to find a few of its rows.
#[derive(Clone, Copy)]
enum Lead {
    Id,
    Owner,
    Type,
    Space,
    Time,
}

/// The activity log's rows matching a filter: `$head` (what to select) from `activities`, the
/// filter, its lead column's condition again in the form that column's index serves, then
/// `$tail` (order and limit). Bound as `$1` organization, `$2` newest id read, [`Bound`]'s `$3` to
/// `$8`, then `$tail`'s own. Written for each database, whose lists differ: SQLite reads a JSON
/// array, PostgreSQL an array.
#[cfg(sqlite)]
macro_rules! matching {
    (Id, $($rest:tt)*) => { matching!(@sql "", $($rest)*) };
    (Owner, $($rest:tt)*) => { matching!(@sql " AND owner_id IN (SELECT value FROM json_each($6))", $($rest)*) };
    (Type, $($rest:tt)*) => { matching!(@sql " AND trackable_type IN (SELECT value FROM json_each($7))", $($rest)*) };
    (Space, $($rest:tt)*) => { matching!(@sql " AND space_id = $5", $($rest)*) };
    (Time, $($rest:tt)*) => { matching!(@sql " AND created_at >= $3", $($rest)*) };
    (@sql $lead:literal, $query:ident [$($out:path)?], $head:literal, $tail:literal,
     $org:expr, $upto:expr, $b:expr $(, $more:expr)*) => {
        sqlx::$query!($($out,)? $head + " FROM activities WHERE org_id = $1 AND id <= $2
             AND ($3 IS NULL OR created_at >= $3) AND ($4 IS NULL OR created_at < $4)
             AND ($5 IS NULL OR space_id = $5)
             AND ($6 IS NULL OR owner_id IN (SELECT value FROM json_each($6)))
             AND ($7 IS NULL OR trackable_type IN (SELECT value FROM json_each($7)))
             AND ($8 IS NULL OR key IN (SELECT value FROM json_each($8)))" + $lead + $tail,
            $org, $upto, $b.from, $b.before, $b.space, $b.owners, $b.types, $b.keys $(, $more)*)
    };
}

#[cfg(postgres)]
macro_rules! matching {
    (Id, $($rest:tt)*) => { matching!(@sql "", $($rest)*) };
    (Owner, $($rest:tt)*) => { matching!(@sql " AND owner_id = ANY($6)", $($rest)*) };
    (Type, $($rest:tt)*) => { matching!(@sql " AND trackable_type = ANY($7)", $($rest)*) };
    (Space, $($rest:tt)*) => { matching!(@sql " AND space_id = $5", $($rest)*) };
    (Time, $($rest:tt)*) => { matching!(@sql " AND created_at >= $3", $($rest)*) };
    (@sql $lead:literal, $query:ident [$($out:path)?], $head:literal, $tail:literal,
     $org:expr, $upto:expr, $b:expr $(, $more:expr)*) => {
        sqlx::$query!($($out,)? $head + " FROM activities WHERE org_id = $1 AND id <= $2
             AND ($3::timestamptz IS NULL OR created_at >= $3) AND ($4::timestamptz IS NULL OR created_at < $4)
             AND ($5::bigint IS NULL OR space_id = $5)
             AND ($6::bigint[] IS NULL OR owner_id = ANY($6))
             AND ($7::text[] IS NULL OR trackable_type = ANY($7))
             AND ($8::text[] IS NULL OR key = ANY($8))" + $lead + $tail,
            $org, $upto, $b.from, $b.before, $b.space, $b.owners.as_deref(), $b.types.as_deref(),
            $b.keys.as_deref() $(, $more)*)
    };
}

/// [`matching!`] for the filter's lead column, then `$run` (the macros check each query written
/// out, so each lead is its own query).
macro_rules! for_lead {
    ($b:expr, $query:ident [$($out:path)?], $head:literal, $tail:literal, $org:expr, $upto:expr
     $(, $more:expr)*; $($run:tt)*) => {
        match $b.lead() {
            Lead::Id => matching!(Id, $query [$($out)?], $head, $tail, $org, $upto, $b $(, $more)*) $($run)*,
            Lead::Owner => matching!(Owner, $query [$($out)?], $head, $tail, $org, $upto, $b $(, $more)*) $($run)*,
            Lead::Type => matching!(Type, $query [$($out)?], $head, $tail, $org, $upto, $b $(, $more)*) $($run)*,
            Lead::Space => matching!(Space, $query [$($out)?], $head, $tail, $org, $upto, $b $(, $more)*) $($run)*,
            Lead::Time => matching!(Time, $query [$($out)?], $head, $tail, $org, $upto, $b $(, $more)*) $($run)*,
        }
    };
}

/// At most `limit` activities matching the filter with ids up to `upto`, newest first.
async fn newest_first(
    pool: &Pool,
    org_id: i64,
    upto: i64,
    b: &Bound,
    limit: i64,
    offset: i64,
) -> DomainResult<Vec<ActivityRow>> {
    Ok(for_lead!(b, query_as [ActivityRow],
        r#"SELECT id AS "id!", key AS "key: ActivityKey", trackable_type AS "trackable_type: TrackableType", trackable_id,
               trackable_name, owner_id, owner_name, recipient_id, space_id, parameters AS "parameters: JsonValue",
               ip, user_agent, access_token, created_at AS "created_at: Timestamp""#,
        " ORDER BY id DESC LIMIT $9 OFFSET $10",
        org_id, upto, limit, offset;
        .fetch_all(pool).await?))
}

/// One activity of the organization, as the API shows it (a webhook delivery's body).
pub async fn one(pool: &Pool, org_id: i64, id: i64) -> DomainResult<Option<Activity>> {
    let row = sqlx::query_as!(
        ActivityRow,
        r#"SELECT id AS "id!", key AS "key: ActivityKey", trackable_type AS "trackable_type: TrackableType", trackable_id,
               trackable_name, owner_id, owner_name, recipient_id, space_id, parameters AS "parameters: JsonValue",
               ip, user_agent, access_token, created_at AS "created_at: Timestamp"
           FROM activities WHERE org_id = $1 AND id = $2"#,
        org_id,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(ActivityRow::into_activity))
}

async fn count(pool: &Pool, org_id: i64, upto: i64, b: &Bound) -> DomainResult<i64> {
    Ok(for_lead!(b, query_scalar [], r#"SELECT COUNT(*) AS "n!: i64""#, "", org_id, upto; .fetch_one(pool).await?))
}

async fn newest_id(pool: &Pool, org_id: i64) -> DomainResult<i64> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(MAX(id), 0) AS "id!: i64" FROM activities WHERE org_id = $1"#,
        org_id
    )
    .fetch_one(pool)
    .await?)
}

/// One page of the organization's activities matching the filter, newest first.
pub async fn page(
    pool: &Pool,
    org_id: i64,
    filter: &ActivityFilter,
    page: Option<i64>,
    per_page: Option<i64>,
) -> DomainResult<ActivitiesPage> {
    let (page, per_page, offset) = page_window(page, per_page, 25, MAX_ACTIVITIES_PER_PAGE)?;
    let snapshot = match filter.snapshot {
        Some(id) => id,
        None => newest_id(pool, org_id).await?,
    };
    let bound = Bound::of(filter);
    let total = count(pool, org_id, snapshot, &bound).await?;
    let rows = newest_first(pool, org_id, snapshot, &bound, per_page, offset).await?;
    Ok(ActivitiesPage {
        activities: rows.into_iter().map(ActivityRow::into_activity).collect(),
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

/// The columns of an activity export, each with how an activity fills it: the header and the
/// rows come from this one list, so they cannot disagree.
const CSV_COLUMNS: &[(&str, fn(&Activity) -> String)] = &[
    ("id", |a| a.id.to_string()),
    ("created_at", |a| a.created_at.clone()),
    ("key", |a| a.key.as_str().to_string()),
    ("action", |a| a.key.describe().to_string()),
    ("owner_id", |a| optional(a.owner_id)),
    ("owner_name", |a| a.owner_name.clone().unwrap_or_default()),
    ("trackable_type", |a| a.trackable_type.as_str().to_string()),
    ("trackable_id", |a| optional(a.trackable_id)),
    ("trackable_name", |a| a.trackable_name.clone().unwrap_or_default()),
    ("recipient_id", |a| optional(a.recipient_id)),
    ("space_id", |a| optional(a.space_id)),
    ("ip", |a| a.ip.clone().unwrap_or_default()),
    ("user_agent", |a| a.user_agent.clone().unwrap_or_default()),
    ("parameters", |a| a.parameters.to_string()),
    ("access_token", |a| a.access_token.clone().unwrap_or_default()),
];

fn optional(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Where an export stands between chunks.
struct ExportCursor {
    pool: Pool,
    org_id: i64,
    bound: Bound,
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
    filter: ActivityFilter,
    format: ExportFormat,
) -> DomainResult<impl futures_util::Stream<Item = DomainResult<String>> + Send + 'static> {
    let snapshot = match filter.snapshot {
        Some(id) => id,
        None => newest_id(pool, org_id).await?,
    };
    let cursor = ExportCursor {
        pool: pool.clone(),
        org_id,
        bound: Bound::of(&filter),
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
        let limit = EXPORT_CHUNK.min(cursor.left);
        let rows = newest_first(&cursor.pool, cursor.org_id, cursor.below - 1, &cursor.bound, limit, 0).await?;
        let mut out = String::new();
        if !cursor.started {
            match cursor.format {
                ExportFormat::Csv => {
                    let header: Vec<String> = CSV_COLUMNS.iter().map(|(name, _)| name.to_string()).collect();
                    common::csv::push_row(&mut out, &header);
                }
                ExportFormat::Json => out.push('['),
            }
            cursor.started = true;
        }
        let count = rows.len() as i64;
        for row in rows {
            cursor.below = row.id;
            let activity = row.into_activity();
            match cursor.format {
                ExportFormat::Csv => {
                    let cells: Vec<String> = CSV_COLUMNS.iter().map(|(_, cell)| cell(&activity)).collect();
                    common::csv::push_row(&mut out, &cells);
                }
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
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let orgs = sqlx::query!(r#"SELECT id, settings AS "settings: Json<StoredSettings>" FROM orgs"#)
        .fetch_all(pool)
        .await?;
    let mut deleted = 0;
    for org in orgs {
        let days = org.settings.access.activity_retention_days;
        let cutoff = common::now() - Duration::days(i64::from(days));
        deleted += sqlx::query!(
            "DELETE FROM activities WHERE org_id = $1 AND created_at < $2",
            org.id,
            cutoff
        )
        .execute(pool)
        .await?
        .rows_affected();
    }
    Ok(deleted)
}
