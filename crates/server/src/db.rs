//! The SQLite pool, the checked-in migrations, write transactions and timestamps.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool};

pub type Pool = SqlitePool;
pub type Tx = sqlx::Transaction<'static, Sqlite>;

pub async fn connect(url: &str) -> Result<Pool, crate::StartError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| {
            format!("--database {url:?} is not a usable SQLite address ({e}); write sqlite://path/to/file.db")
        })?
        .create_if_missing(true)
        .foreign_keys(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10));
    if let Some(dir) = options.get_filename().parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    sqlx::raw_sql("PRAGMA analysis_limit = 400; ANALYZE;")
        .execute(&pool)
        .await?;
    Ok(pool)
}

/// Keep the query planner's statistics current as tables grow (SQLite re-analyzes a table only
/// when it has changed a lot): without them it can pick the date index for "this person since
/// January", reading the whole year instead of the person's own rows.
pub async fn refresh_statistics(pool: &Pool) -> Result<(), sqlx::Error> {
    sqlx::raw_sql("PRAGMA analysis_limit = 400; PRAGMA optimize;")
        .execute(pool)
        .await?;
    Ok(())
}

/// A transaction that takes the database's write lock at once. SQLite runs one writer at a time;
/// taking the lock up front means everything the transaction reads stays true until it commits,
/// so a rule checked inside it cannot be broken by a concurrent change (and a read transaction
/// never fails half-way when it tries to become a writer).
pub async fn write(pool: &Pool) -> Result<Tx, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
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
