//! `cargo xtask <command>`: everything needed to build, run and test org-area on a fresh machine,
//! installing the tools it needs on the way.

mod app_build;
mod cmd;
mod postgres;
mod run;
mod sql;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  run [--bind ADDR:PORT] [--database URL] [--seed demo|none]
        build the app (release) and serve it with the API on http://127.0.0.1:8080
  test [--skip-browser]
        every test: unit, server integration (on SQLite and on PostgreSQL) and browser end-to-end tests
  build-app
        build the release app into dist/ and report its file sizes
  hosting [--dist DIR] [--prefix /admin/] [--api-base URL] [--frame-ancestor ORIGIN]...
        point a built dist/ at its host, no rebuild: the page's API address and policy,
        _headers and _redirects in dist/, an nginx block in target/hosting/
  sql
        describe every PostgreSQL query of the domain into crates/domain/postgres/.sqlx (after
        changing a query), from a throwaway PostgreSQL; the build checks queries against it
  bench
        measure the release app against the budgets in headless Chromium, and the API on
        SQLite and on PostgreSQL (one and two instances)
  faults [--short]
        faults done to the real server under load (a rolling restart, PostgreSQL stopped, a
        crash mid-write on SQLite and PostgreSQL); rewrites the table of docs/reliability.md";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    // Every command but the app's own build compiles the server, which links xmlsec1.
    if matches!(command.as_str(), "run" | "test" | "bench" | "faults" | "sql") {
        if let Err(message) = tools::ensure_server_build() {
            eprintln!("\nxtask {command}: {message}");
            return ExitCode::FAILURE;
        }
    }
    let result = match command.as_str() {
        "run" => run::run(&rest),
        "test" => test::test(&rest),
        "bench" => test::bench(),
        "faults" => test::faults(rest.iter().any(|a| a == "--short")),
        "sql" => sql::prepare(),
        "build-app" => app_build::release().map(|dist| app_build::report_sizes(&dist)),
        "hosting" => app_build::hosting::command(&rest),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask {command}: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, whatever directory cargo was started from.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

pub type Result<T = ()> = std::result::Result<T, String>;
