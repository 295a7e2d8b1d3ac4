//! `cargo xtask sql`: describe every PostgreSQL query of the domain for the build.
//!
//! The domain's queries are checked when it compiles: against a schema database that its build
//! script makes from the migrations for SQLite, and against `crates/domain/postgres/.sqlx/` (one
//! file per query: its columns, their types and nullability, its parameters) for PostgreSQL, so
//! that building needs no PostgreSQL server. This command writes those files from a throwaway
//! PostgreSQL migrated the same way (a query whose SQL changed, or a new one, needs them anew; the
//! build says so). `cargo xtask test` runs the same description and fails when it differs from
//! the committed one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cmd::{command, run};
use crate::{postgres, root, Result};

fn committed() -> PathBuf {
    root().join("crates/domain/postgres/.sqlx")
}

/// Describe every query against the PostgreSQL server at `server` into a new folder.
fn describe(server: &str) -> Result<PathBuf> {
    let out = root().join("target/sqlx-describe");
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    run(command("cargo")
        .args(["check", "--quiet", "--package", "org-area-domain-postgres"])
        .env("ORG_AREA_SQLX_PREPARE_URL", server)
        .env("ORG_AREA_SQLX_PREPARE_DIR", &out))?;
    Ok(out)
}

fn files(dir: &Path) -> Result<BTreeMap<String, String>> {
    let mut found = BTreeMap::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(entry.path()).map_err(|e| format!("cannot read {name}: {e}"))?;
        found.insert(name, text);
    }
    Ok(found)
}

/// `cargo xtask sql`: write the descriptions from a throwaway PostgreSQL.
pub fn prepare() -> Result {
    let server = postgres::start(true)?;
    let fresh = describe(&server.url)?;
    let target = committed();
    if target.exists() {
        std::fs::remove_dir_all(&target).map_err(|e| format!("cannot clear {}: {e}", target.display()))?;
    }
    std::fs::rename(&fresh, &target).map_err(|e| format!("cannot move the descriptions in place: {e}"))?;
    eprintln!("{} queries described in {}", files(&target)?.len(), target.display());
    Ok(())
}

/// The committed descriptions are what the PostgreSQL server at `server` says of today's queries.
pub fn check(server: &str) -> Result {
    let fresh = files(&describe(server)?)?;
    let kept = files(&committed())?;
    let stale: Vec<&String> = kept.keys().filter(|name| !fresh.contains_key(*name)).collect();
    let changed: Vec<&String> = fresh
        .iter()
        .filter(|(name, text)| kept.get(*name) != Some(*text))
        .map(|(name, _)| name)
        .collect();
    if stale.is_empty() && changed.is_empty() {
        eprintln!("the {} PostgreSQL query descriptions are current", kept.len());
        return Ok(());
    }
    Err(format!(
        "crates/domain/postgres/.sqlx is not what PostgreSQL says of today's queries \
         ({} no longer used, {} new or changed); run `cargo xtask sql` and commit the result",
        stale.len(),
        changed.len()
    ))
}
