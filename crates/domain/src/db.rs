//! The database this build of the domain runs on (`cfg(sqlite)` or `cfg(postgres)`, see
//! `build.rs`): its pool, its migrations, and the transaction every change writes in.
//!
//! Queries are written once in the SQL both databases understand (`$1` parameters, `RETURNING`,
//! `ON CONFLICT`) and checked against each one's schema when its build compiles. Each keeps its
//! natural column types: PostgreSQL `timestamptz`, `boolean`, `date` and `jsonb`; SQLite text
//! and integers. A column whose Rust type the two would infer differently says it in the query
//! (`created_at AS "created_at: Timestamp"`), and then reads as the same type from either. The
//! few statements whose SQL differs are written twice, side by side, under `cfg`.

use std::str::FromStr;
use std::time::Duration;

use common::DomainResult;

#[cfg(sqlite)]
pub type Db = sqlx::Sqlite;
#[cfg(postgres)]
pub type Db = sqlx::Postgres;

pub type Pool = sqlx::Pool<Db>;
pub type Tx = sqlx::Transaction<'static, Db>;

/// Start-up fails only in ways the server reports and exits on.
pub type StartError = Box<dyn std::error::Error + Send + Sync>;

/// Open the database at `url` (an SQLite file is created when missing) and bring its schema up
/// to date.
#[cfg(sqlite)]
pub async fn connect(url: &str) -> Result<Pool, StartError> {
    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
    let options = SqliteConnectOptions::from_str(url).map_err(|e| {
        format!("--database {url:?} is not a usable SQLite address ({e}); write sqlite://path/to/file.db")
    })?;
    if let Some(dir) = options.get_filename().parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    // Created when missing, unless the address says otherwise.
    let options = if url.contains("mode=") {
        options
    } else {
        options.create_if_missing(true)
    };
    let options = options
        .foreign_keys(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .after_release(|conn, _| Box::pin(async move { still_usable(conn).await }))
        .connect_with(options)
        .await?;
    sqlx::migrate!("../migrations/sqlite").run(&pool).await?;
    sqlx::raw_sql("PRAGMA analysis_limit = 400; ANALYZE;")
        .execute(&pool)
        .await?;
    Ok(pool)
}

/// Whether a connection handed back to the pool can serve the next request. When the disk is full,
/// SQLite rolls a transaction back by itself; the driver's own rollback then fails, and it would
/// count the connection as inside a transaction for ever, refusing every later `BEGIN` on it (a
/// 500 on every write after the disk has space again). Such a connection is closed instead.
#[cfg(sqlite)]
async fn still_usable(conn: &mut sqlx::SqliteConnection) -> Result<bool, sqlx::Error> {
    use sqlx::Connection;
    if !conn.is_in_transaction() {
        return Ok(true);
    }
    // A dropped transaction's rollback may still be queued on the connection: let it run first.
    conn.ping().await?;
    Ok(!conn.is_in_transaction())
}

/// Open the PostgreSQL database at `url` and bring its schema up to date. (sqlx's sessions speak
/// UTC and ISO dates, so a time or day cast to text reads the same on every server.)
#[cfg(postgres)]
pub async fn connect(url: &str) -> Result<Pool, StartError> {
    use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
    let options = PgConnectOptions::from_str(url).map_err(|e| {
        format!(
            "--database is not a usable PostgreSQL address ({e}); write postgres://user:password@host:port/database"
        )
    })?;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        // When the database is down, a request answers 503 `unavailable` within this, never hangs.
        .acquire_timeout(Duration::from_millis(1500))
        .connect_with(options)
        .await
        .map_err(|e| format!("cannot reach the PostgreSQL database: {e}"))?;
    sqlx::migrate!("../migrations/postgres").run(&pool).await?;
    Ok(pool)
}

/// A round trip to the database.
pub async fn ping(pool: &Pool) -> DomainResult<()> {
    sqlx::query!("SELECT 1 AS one").fetch_one(pool).await?;
    Ok(())
}

/// Keep the query planner's statistics current as tables grow (SQLite re-analyzes a table only
/// when it has changed a lot): without them it can pick the date index for "this person since
/// January", reading the whole year instead of the person's own rows. PostgreSQL's autovacuum
/// does this by itself.
pub async fn refresh_statistics(pool: &Pool) -> DomainResult<()> {
    #[cfg(sqlite)]
    sqlx::raw_sql("PRAGMA analysis_limit = 400; PRAGMA optimize;")
        .execute(pool)
        .await?;
    #[cfg(postgres)]
    let _ = pool;
    Ok(())
}

/// The advisory lock every write transaction holds on PostgreSQL (an arbitrary, fixed number).
#[cfg(postgres)]
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
pub async fn write(pool: &Pool) -> DomainResult<Tx> {
    #[cfg(sqlite)]
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    #[cfg(postgres)]
    let mut tx = {
        let mut tx = pool.begin().await?;
        sqlx::query!("SELECT pg_advisory_xact_lock($1)", WRITER_LOCK)
            .execute(&mut *tx)
            .await?;
        tx
    };
    claim_idempotency_key(&mut tx).await?;
    Ok(tx)
}

/// The request's `Idempotency-Key`, claimed by its first write transaction, which then commits
/// the claim with its change or not at all (`common::idempotency`).
async fn claim_idempotency_key(tx: &mut Tx) -> DomainResult<()> {
    match common::idempotency::to_claim() {
        Some(pending) => crate::idempotency::claim(tx, &pending).await,
        None => Ok(()),
    }
}

/// A transaction for writes whose correctness rests on their own guarded row statements (the
/// throttle's upserts, each atomic on its row), not on the order of all writes: on PostgreSQL it
/// does not take the writer lock, so anonymous sign-in traffic never queues the organizations'
/// changes behind it. (SQLite has one writer whatever is asked.) It must not record activities,
/// whose ids must commit in order.
pub async fn write_rows(pool: &Pool) -> DomainResult<Tx> {
    #[cfg(sqlite)]
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    #[cfg(postgres)]
    let mut tx = pool.begin().await?;
    claim_idempotency_key(&mut tx).await?;
    Ok(tx)
}

/// `$query!` with, between `$head` and `$tail`, the condition "the organization `o` requires
/// two-factor sign-in", read from its settings' JSON: written for each database, whose JSON
/// functions differ.
#[cfg(sqlite)]
macro_rules! with_two_factor_required {
    ($query:ident!($($out:path,)? $head:literal, $tail:literal $(, $arg:expr)*)) => {
        sqlx::$query!($($out,)? $head + "COALESCE(json_extract(o.settings, '$.access.require_two_factor'), 0) = 1" + $tail $(, $arg)*)
    };
}
#[cfg(postgres)]
macro_rules! with_two_factor_required {
    ($query:ident!($($out:path,)? $head:literal, $tail:literal $(, $arg:expr)*)) => {
        sqlx::$query!($($out,)? $head + "COALESCE((o.settings #>> '{access,require_two_factor}') = 'true', FALSE)" + $tail $(, $arg)*)
    };
}
pub(crate) use with_two_factor_required;
