//! Every query of the domain is checked against the schema of the database this package is for,
//! when it compiles (sqlx's query macros), and the package is told which database that is
//! (`cfg(sqlite)` or `cfg(postgres)`).
//!
//! - SQLite: a database made here from the migrations, fresh whenever they change. No data, no
//!   server: the macros read its schema, so a misspelt column fails the build.
//! - PostgreSQL: the macros read `.sqlx/` beside the package's manifest, a description of every
//!   query that `cargo xtask sql` writes from a throwaway PostgreSQL (and `cargo xtask test`
//!   checks is current). With `ORG_AREA_SQLX_PREPARE_URL` naming a PostgreSQL server (as that
//!   command does), a new database there is migrated, the macros read it instead, and write their
//!   descriptions to `ORG_AREA_SQLX_PREPARE_DIR`.

use std::path::{Path, PathBuf};

const PREPARE_URL: &str = "ORG_AREA_SQLX_PREPARE_URL";
const PREPARE_DIR: &str = "ORG_AREA_SQLX_PREPARE_DIR";

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets the manifest dir"));
    let sqlite = std::env::var("CARGO_PKG_NAME").is_ok_and(|name| name.ends_with("-sqlite"));
    let backend = if sqlite { "sqlite" } else { "postgres" };
    println!("cargo::rustc-check-cfg=cfg(sqlite)");
    println!("cargo::rustc-check-cfg=cfg(postgres)");
    println!("cargo::rustc-cfg={backend}");
    let migrations = manifest.join("../migrations").join(backend);
    println!("cargo::rerun-if-changed={}", migrations.display());
    println!("cargo::rerun-if-env-changed={PREPARE_URL}");
    println!("cargo::rerun-if-env-changed={PREPARE_DIR}");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the migrations");
    if sqlite {
        let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
        let url = runtime.block_on(schema_database(&out, &migrations));
        println!("cargo::rustc-env=DATABASE_URL={url}");
        println!("cargo::rustc-env=SQLX_OFFLINE=false");
        return;
    }
    match std::env::var(PREPARE_URL).ok().filter(|url| !url.is_empty()) {
        Some(server) => {
            let url = runtime.block_on(schema_on_postgres(&server, &migrations));
            let dir = std::env::var(PREPARE_DIR).unwrap_or_else(|_| panic!("{PREPARE_URL} needs {PREPARE_DIR}"));
            println!("cargo::rustc-env=DATABASE_URL={url}");
            println!("cargo::rustc-env=SQLX_OFFLINE=false");
            println!("cargo::rustc-env=SQLX_OFFLINE_DIR={dir}");
        }
        None => {
            println!("cargo::rerun-if-changed={}", manifest.join(".sqlx").display());
            println!("cargo::rustc-env=SQLX_OFFLINE=true");
        }
    }
}

/// A new SQLite file holding the schema the migrations make.
async fn schema_database(out: &Path, migrations: &Path) -> String {
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::ConnectOptions;
    let path = out.join("schema.db");
    for stale in ["schema.db", "schema.db-wal", "schema.db-shm"] {
        let _ = std::fs::remove_file(out.join(stale));
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .connect()
        .await
        .expect("a new SQLite file in OUT_DIR");
    let migrator = sqlx::migrate::Migrator::new(migrations)
        .await
        .expect("the SQLite migrations");
    migrator
        .run(&mut conn)
        .await
        .expect("the SQLite migrations apply to an empty database");
    format!("sqlite://{}", path.display())
}

/// A new database on the PostgreSQL server at `server` holding the schema the migrations make;
/// its address.
async fn schema_on_postgres(server: &str, migrations: &Path) -> String {
    use sqlx::{Connection, Executor};
    const NAME: &str = "org_area_query_check";
    let mut admin = sqlx::PgConnection::connect(server)
        .await
        .unwrap_or_else(|e| panic!("{PREPARE_URL} names a PostgreSQL server that answers: {e}"));
    admin
        .execute(format!("DROP DATABASE IF EXISTS {NAME} WITH (FORCE)").as_str())
        .await
        .expect("an old schema database is dropped");
    admin
        .execute(format!("CREATE DATABASE {NAME}").as_str())
        .await
        .expect("a schema database is created");
    let base = server.split('?').next().unwrap_or(server);
    let (at, _) = base.rsplit_once('/').expect("the address names a database");
    let url = format!("{at}/{NAME}");
    let mut conn = sqlx::PgConnection::connect(&url)
        .await
        .expect("the new database answers");
    let migrator = sqlx::migrate::Migrator::new(migrations)
        .await
        .expect("the PostgreSQL migrations");
    migrator.run(&mut conn).await.expect("the PostgreSQL migrations apply");
    url
}
