//! Backups: a consistent copy of the whole database, taken while it serves, and its restoration
//! into an empty database. Neither migrates anything: a backup is the database as it was, and the
//! server brings a restored one up to date when it starts on it.

use std::path::Path;

use crate::db::StartError;

/// Copy the database at `url` to the new file `to`: SQLite's `VACUUM INTO` (one read
/// transaction: what was committed when it began, and nothing of what came after); PostgreSQL's
/// `pg_dump` in its custom format (one snapshot).
pub async fn backup(url: &str, to: &Path) -> Result<(), StartError> {
    if to.exists() {
        return Err(format!("{} exists already: a backup never overwrites a file", to.display()).into());
    }
    #[cfg(sqlite)]
    {
        let pool = sqlite::open_existing(url).await?;
        sqlite::copy_into(&pool, to).await?;
        pool.close().await;
    }
    #[cfg(postgres)]
    postgres::run(
        "pg_dump",
        &[
            "--format=custom".into(),
            "--no-owner".into(),
            format!("--file={}", to.display()),
            format!("--dbname={url}"),
        ],
    )?;
    Ok(())
}

/// Restore the backup `from` into the empty database at `url` (an SQLite file that does not exist
/// yet, or a PostgreSQL database without tables).
pub async fn restore(from: &Path, url: &str) -> Result<(), StartError> {
    if !from.is_file() {
        return Err(format!("{} is not a backup file", from.display()).into());
    }
    #[cfg(sqlite)]
    {
        use std::str::FromStr;
        let target = sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
        let target = target.get_filename();
        if target.exists() && std::fs::metadata(target)?.len() > 0 {
            return Err(format!("{} exists already: restore into a new database file", target.display()).into());
        }
        let backup = sqlite::open_existing(&format!("sqlite://{}", from.display())).await?;
        let verdict: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&backup).await?;
        if verdict != "ok" {
            return Err(format!("{} is damaged: {verdict}", from.display()).into());
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        sqlite::copy_into(&backup, target).await?;
        backup.close().await;
    }
    #[cfg(postgres)]
    {
        use sqlx::Connection;
        let mut target = sqlx::PgConnection::connect(url).await?;
        let tables: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
                .fetch_one(&mut target)
                .await?;
        target.close().await?;
        if tables > 0 {
            return Err("the database has tables already: restore into a new, empty database".into());
        }
        postgres::run(
            "pg_restore",
            &[
                "--no-owner".into(),
                "--exit-on-error".into(),
                "--single-transaction".into(),
                format!("--dbname={url}"),
                from.display().to_string(),
            ],
        )?;
    }
    Ok(())
}

#[cfg(sqlite)]
mod sqlite {
    use std::str::FromStr;
    use std::time::Duration;

    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

    use crate::db::StartError;

    /// One connection to a database file that must exist.
    pub async fn open_existing(url: &str) -> Result<sqlx::SqlitePool, StartError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(false)
            .busy_timeout(Duration::from_secs(10));
        Ok(SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?)
    }

    /// A consistent copy of the open database as the new file `to` (one read transaction).
    pub async fn copy_into(pool: &sqlx::SqlitePool, to: &std::path::Path) -> Result<(), StartError> {
        // Not a checked query: VACUUM names no table, and its target is a file name.
        sqlx::query("VACUUM INTO $1")
            .bind(to.display().to_string())
            .execute(pool)
            .await?;
        Ok(())
    }
}

#[cfg(postgres)]
mod postgres {
    use std::process::Command;

    use crate::db::StartError;

    /// Run one of PostgreSQL's client programs (from `PATH`, or the newest under Debian's
    /// `/usr/lib/postgresql`), failing with what it printed.
    pub fn run(program: &str, args: &[String]) -> Result<(), StartError> {
        let output = Command::new(locate(program))
            .args(args)
            .output()
            .map_err(|e| format!("cannot run {program} ({e}); install PostgreSQL's client programs"))?;
        if output.status.success() {
            return Ok(());
        }
        Err(format!("{program} failed: {}", String::from_utf8_lossy(&output.stderr).trim()).into())
    }

    fn locate(program: &str) -> String {
        let on_path = std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
        if on_path {
            return program.to_string();
        }
        let newest = std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| Some((entry.file_name().to_str()?.parse::<u32>().ok()?, entry.path())))
            .max_by_key(|(version, _)| *version);
        match newest {
            Some((_, dir)) => dir.join("bin").join(program).display().to_string(),
            None => program.to_string(),
        }
    }
}
