//! The database: SQLite (the embedded default) or PostgreSQL, their migrations, write
//! transactions, the few places their SQL differs, and timestamps.
//!
//! Every query is written once, in the SQL both understand: `$1`-style parameters, `RETURNING`,
//! `ON CONFLICT`, integer flags (0/1) and timestamps as RFC 3339 text, which sorts by time in both.
//! Where the dialects part ([`Backend`]), the difference is spelled out here.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyArguments, AnyConnectOptions, AnyPoolOptions};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Any, Arguments, Decode, Encode, Executor, Type};

pub type Pool = sqlx::AnyPool;
pub type Tx = sqlx::Transaction<'static, Any>;

/// Which database a pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend an address names, or why it names none: an unknown scheme is refused rather
    /// than taken as a file name.
    pub fn of_url(url: &str) -> Result<Backend, String> {
        let scheme = url.split_once(':').map(|(scheme, _)| scheme).unwrap_or("");
        match scheme {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => Err(format!(
                "--database must be sqlite://path/to/file.db or postgres://user:password@host:port/database, not {:?}",
                redacted(url)
            )),
        }
    }

    pub fn of(pool: &Pool) -> Backend {
        match pool.connect_options().database_url.scheme() {
            "sqlite" => Backend::Sqlite,
            _ => Backend::Postgres,
        }
    }

    /// A condition: the JSON text in `column` holds `true` at `path` (absent is false).
    pub fn json_is_true(self, column: &str, path: &[&str]) -> String {
        match self {
            Backend::Sqlite => format!("COALESCE(json_extract({column}, '$.{}'), 0) = 1", path.join(".")),
            Backend::Postgres => format!(
                "COALESCE(({column}::jsonb #>> '{{{}}}') = 'true', FALSE)",
                path.join(",")
            ),
        }
    }
}

/// A database address fit for logs and messages: any password in it replaced.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rsplit_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or("");
            let hidden = if credentials.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{}", &rest[authority_end..])
        }
        None => url.to_string(),
    }
}

pub async fn connect(url: &str) -> Result<Pool, crate::StartError> {
    sqlx::any::install_default_drivers();
    match Backend::of_url(url)? {
        Backend::Sqlite => connect_sqlite(url).await,
        Backend::Postgres => connect_postgres(url).await,
    }
}

async fn connect_sqlite(url: &str) -> Result<Pool, crate::StartError> {
    let checked = SqliteConnectOptions::from_str(url).map_err(|e| {
        format!("--database {url:?} is not a usable SQLite address ({e}); write sqlite://path/to/file.db")
    })?;
    if let Some(dir) = checked.get_filename().parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    // Created when missing, unless the address says otherwise.
    let url = if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    };
    let pool = AnyPoolOptions::new()
        .max_connections(8)
        .after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute(
                    "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                     PRAGMA busy_timeout = 10000;",
                )
                .await?;
                Ok(())
            })
        })
        .connect_with(AnyConnectOptions::from_str(&url)?)
        .await?;
    sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
    sqlx::raw_sql("PRAGMA analysis_limit = 400; ANALYZE;")
        .execute(&pool)
        .await?;
    Ok(pool)
}

async fn connect_postgres(url: &str) -> Result<Pool, crate::StartError> {
    let options = AnyConnectOptions::from_str(url).map_err(|e| {
        format!(
            "--database {:?} is not a usable PostgreSQL address ({e}); write postgres://user:password@host:port/database",
            redacted(url)
        )
    })?;
    let pool = AnyPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| format!("cannot reach the PostgreSQL database {:?}: {e}", redacted(url)))?;
    sqlx::migrate!("./migrations/postgres").run(&pool).await?;
    Ok(pool)
}

/// Keep the query planner's statistics current as tables grow (SQLite re-analyzes a table only
/// when it has changed a lot): without them it can pick the date index for "this person since
/// January", reading the whole year instead of the person's own rows. PostgreSQL's autovacuum
/// does this by itself.
pub async fn refresh_statistics(pool: &Pool) -> Result<(), sqlx::Error> {
    if Backend::of(pool) == Backend::Sqlite {
        sqlx::raw_sql("PRAGMA analysis_limit = 400; PRAGMA optimize;")
            .execute(pool)
            .await?;
    }
    Ok(())
}

/// The advisory lock every write transaction holds on PostgreSQL (an arbitrary, fixed number).
const WRITER_LOCK: i64 = 0x6f72_6761_7265_61;

/// A transaction that writes alone: everything it reads stays true until it commits, so a rule
/// checked inside it cannot be broken by a concurrent change, on one instance or many.
///
/// SQLite runs one writer at a time; `BEGIN IMMEDIATE` takes the lock up front (so a read
/// transaction never fails half-way when it tries to become a writer). PostgreSQL gets the same
/// guarantee from one transaction-scoped advisory lock that every write transaction takes first:
/// under READ COMMITTED each statement then sees every earlier writer's committed work. Writers
/// queue for a few milliseconds instead of failing with serialization errors a caller would have
/// to retry, and ids drawn inside (the activity log's, which event streams follow) commit in
/// order.
pub async fn write(pool: &Pool) -> Result<Tx, sqlx::Error> {
    match Backend::of(pool) {
        Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
        Backend::Postgres => {
            let mut tx = pool.begin().await?;
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(WRITER_LOCK)
                .execute(&mut *tx)
                .await?;
            Ok(tx)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_shown_without_passwords() {
        assert_eq!(
            redacted("postgres://app:s3cret@db:5432/org"),
            "postgres://app:***@db:5432/org"
        );
        assert_eq!(redacted("postgres://app@db/org"), "postgres://app@db/org");
        assert_eq!(redacted("sqlite://data/org-area.db"), "sqlite://data/org-area.db");
        assert_eq!(Backend::of_url("postgresql://a:b@h/d").unwrap(), Backend::Postgres);
        let refused = Backend::of_url("mysql://app:s3cret@db/org").unwrap_err();
        assert!(!refused.contains("s3cret") && refused.contains("db/org"), "{refused}");
    }
}

/// A yes or no the database computed (`x IS NOT NULL`, `EXISTS (…)`) or stored as 0/1: PostgreSQL
/// answers with a boolean, SQLite with an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(flag: Flag) -> bool {
        flag.0
    }
}

impl Type<Any> for Flag {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }

    fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
        <bool as Type<Any>>::compatible(ty) || <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        match <bool as Decode<Any>>::decode(value.clone()) {
            Ok(b) => Ok(Flag(b)),
            Err(_) => Ok(Flag(<i64 as Decode<Any>>::decode(value)? != 0)),
        }
    }
}

/// Now, as the RFC 3339 text the database stores (UTC, milliseconds, `Z`), which sorts by time.
pub fn now() -> String {
    timestamp(chrono::Utc::now())
}

pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Today in UTC as `YYYY-MM-DD`, the form billing periods are stored in.
pub fn today() -> String {
    chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string()
}

/// A query put together from parts, its parameters numbered `$1, $2, …` as they are bound
/// (sqlx's `QueryBuilder` writes `?` for the `Any` driver, which PostgreSQL does not take).
pub struct Sql<'q> {
    text: String,
    args: AnyArguments<'q>,
}

impl<'q> Sql<'q> {
    pub fn new(text: impl Into<String>) -> Self {
        Sql {
            text: text.into(),
            args: AnyArguments::default(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    pub fn bind<T: 'q + Encode<'q, Any> + Type<Any>>(&mut self, value: T) -> &mut Self {
        // Adding to an `Any` argument list only fails for a type it cannot hold, which the
        // bound above already rules out.
        self.args.add(value).expect("a value of a supported type");
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    /// `(…)` with each of `values` bound, for `IN`; callers leave empty lists out.
    pub fn bind_list<T: 'q + Encode<'q, Any> + Type<Any>>(&mut self, values: impl IntoIterator<Item = T>) -> &mut Self {
        self.text.push('(');
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(value);
        }
        self.text.push(')');
        self
    }

    pub async fn fetch_all<O>(self, pool: &Pool) -> Result<Vec<O>, sqlx::Error>
    where
        O: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        sqlx::query_as_with(&self.text, self.args).fetch_all(pool).await
    }

    pub async fn fetch_scalar<O>(self, pool: &Pool) -> Result<O, sqlx::Error>
    where
        O: for<'r> Decode<'r, Any> + Type<Any> + Send + Unpin,
    {
        sqlx::query_scalar_with(&self.text, self.args).fetch_one(pool).await
    }
}
