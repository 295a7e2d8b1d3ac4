//! `cargo xtask faults`: faults done to the real server binary and its PostgreSQL under load,
//! and what the clients saw: a rolling restart, the database going away, a crash in the middle of
//! writes (on SQLite and PostgreSQL). It prints one table row per scenario and fails when a goal
//! is missed; with `ORG_AREA_FAULTS_DOCS` it writes that table to docs/reliability.md.
//!
//! Set by xtask: `ORG_AREA_FAULTS_SERVER` (the binary), `ORG_AREA_FAULTS_POSTGRES_URL`, and the
//! shell commands that stop and start that PostgreSQL (`ORG_AREA_FAULTS_POSTGRES_STOP`, `_START`).
//! `--short` runs each scenario briefly, for `cargo xtask test`; other arguments choose scenarios
//! by name (`crash`, `disk`, `slow`, `rolling`, `outage`).

mod checks;
mod instance;
mod load;
mod proxy;
mod scenarios;

use std::path::PathBuf;
use std::time::Duration;

use scenarios::Pace;

/// One scenario's outcome.
pub struct Row {
    pub scenario: String,
    pub done: String,
    pub sent: usize,
    pub failed: usize,
    pub failures: String,
    pub lost: usize,
    /// The writes answered 2xx that were looked for afterwards.
    pub writes: usize,
    pub recovery: String,
    pub met: bool,
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run `cargo xtask faults`"))
}

#[tokio::main]
async fn main() {
    let short = std::env::args().any(|a| a == "--short");
    let chosen: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let runs = |name: &str| chosen.is_empty() || chosen.iter().any(|c| c == name);
    let pace = if short {
        Pace {
            settle: Duration::from_secs(2),
            outage: Duration::from_secs(6),
        }
    } else {
        Pace {
            settle: Duration::from_secs(5),
            outage: Duration::from_secs(30),
        }
    };
    let binary = PathBuf::from(env("ORG_AREA_FAULTS_SERVER"));
    let postgres = env("ORG_AREA_FAULTS_POSTGRES_URL");
    // Kept when a scenario fails or panics, with each instance's log in it; removed otherwise.
    let work = tempfile::Builder::new()
        .prefix("org-area-faults-")
        .tempdir()
        .expect("a temporary folder")
        .keep();
    eprintln!("the instances' folders and logs: {}", work.display());
    let work = Folder(work);
    let mut rows = Vec::new();

    if runs("crash") {
        let sqlite = format!("sqlite://{}", work.path().join("crash/org-area.db").display());
        rows.push(scenarios::crash_mid_write(&binary, &sqlite, &work.path().join("crash"), "SQLite").await);
        print_row(rows.last().unwrap());
        let database = new_postgres_database(&postgres, "crash").await;
        let dir = work.path().join("crash-pg");
        rows.push(scenarios::crash_mid_write(&binary, &database, &dir, "PostgreSQL").await);
        print_row(rows.last().unwrap());
    }
    if runs("disk") {
        if let Some(row) = scenarios::disk_full(&binary, work.path(), pace).await {
            rows.push(row);
            print_row(rows.last().unwrap());
        }
    }
    if runs("slow") {
        rows.push(scenarios::slow_clients(&binary, work.path(), pace).await);
        print_row(rows.last().unwrap());
    }
    if runs("rolling") {
        let database = new_postgres_database(&postgres, "rolling").await;
        rows.push(scenarios::rolling_restart(&binary, &database, &work.path().join("rolling"), pace).await);
        print_row(rows.last().unwrap());
    }
    let control = (
        std::env::var("ORG_AREA_FAULTS_POSTGRES_STOP"),
        std::env::var("ORG_AREA_FAULTS_POSTGRES_START"),
    );
    match control {
        (Ok(stop), Ok(start)) if runs("outage") => {
            let database = new_postgres_database(&postgres, "outage").await;
            let dir = work.path().join("outage");
            rows.push(scenarios::database_outage(&binary, &database, &dir, &stop, &start, pace).await);
            print_row(rows.last().unwrap());
        }
        (Ok(_), Ok(_)) => {}
        _ => eprintln!("database outage skipped: this PostgreSQL is not ours to stop"),
    }

    let table = table(&rows);
    println!("\n{table}");
    if std::env::var("ORG_AREA_FAULTS_DOCS").is_ok_and(|v| !v.is_empty()) {
        write_docs(&table);
    }
    let missed: Vec<&str> = rows.iter().filter(|r| !r.met).map(|r| r.scenario.as_str()).collect();
    if !missed.is_empty() {
        eprintln!("goals missed: {}; logs in {}", missed.join("; "), work.path().display());
        std::process::exit(1);
    }
    let _ = std::fs::remove_dir_all(work.path());
}

/// The scenarios' folder.
struct Folder(PathBuf);

impl Folder {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
}

/// A new, empty database on the PostgreSQL server of `server` (a URL naming any database there).
async fn new_postgres_database(server: &str, name: &str) -> String {
    use sqlx::{Connection, Executor};
    let name = format!("org_area_faults_{name}_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(server).await.expect("PostgreSQL answers");
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
        .await
        .expect("an old database is dropped");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("a database is created");
    let base = server.split('?').next().unwrap();
    let (at, _) = base.rsplit_once('/').expect("the URL names a database");
    format!("{at}/{name}")
}

fn print_row(row: &Row) {
    eprintln!(
        "{}: {} requests, {} failed{}, {} of {} writes lost; {} ({})",
        row.scenario,
        row.sent,
        row.failed,
        if row.failures.is_empty() {
            String::new()
        } else {
            format!(" ({})", row.failures)
        },
        row.lost,
        row.writes,
        row.recovery,
        if row.met { "met" } else { "MISSED" }
    );
}

fn table(rows: &[Row]) -> String {
    let mut table = String::from(
        "| Scenario | What was done | Requests | Failed | Writes lost (of those answered 2xx) | Recovery | Goal |\n|---|---|---:|---:|---:|---|---|\n",
    );
    for row in rows {
        let failed = if row.failures.is_empty() {
            row.failed.to_string()
        } else {
            format!("{} ({})", row.failed, row.failures)
        };
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} of {} | {} | {} |\n",
            row.scenario,
            row.done,
            row.sent,
            failed,
            row.lost,
            row.writes,
            row.recovery,
            if row.met { "met" } else { "**missed**" }
        ));
    }
    table
}

/// docs/reliability.md keeps its prose; the table between its markers is replaced.
fn write_docs(table: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/reliability.md");
    let page = std::fs::read_to_string(&path).expect("docs/reliability.md exists");
    let (start, end) = ("<!-- faults:start -->", "<!-- faults:end -->");
    let (before, rest) = page.split_once(start).expect("the page has its start marker");
    let (_, after) = rest.split_once(end).expect("the page has its end marker");
    let measured = format!(
        "{start}\nMeasured by `cargo xtask faults` on {} ({} cores).\n\n{table}{end}",
        today(),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    std::fs::write(&path, format!("{before}{measured}{after}")).expect("docs/reliability.md is written");
    eprintln!("wrote {}", path.display());
}

fn today() -> String {
    let out = std::process::Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .expect("date runs");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
