//! The two schemas say the same thing in each database's own types, their triggers do the same
//! work, rows that do not fit are errors (never skipped), and databases made before today's
//! migrations come forward whole.

use std::collections::{BTreeMap, BTreeSet};

use org_area_server::{Config, Database, Seed};
use reqwest::StatusCode;
use serde_json::Value;
use sqlx::AnyPool;

use crate::common::{expect_error, new_database, on_postgres, plain_sql, server, server_with};

/// One column as its schema declares it: its type as the mapping names it, and whether it may be
/// empty.
#[derive(Debug, PartialEq, Eq, Clone)]
struct Column {
    kind: String,
    nullable: bool,
}

/// A table as both databases can describe it.
#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    columns: BTreeMap<String, Column>,
    /// Every index, and every uniqueness (primary keys included), by its columns in order.
    indexes: BTreeSet<(Vec<String>, bool)>,
}

/// What a SQLite column's declared type stands for, and what a PostgreSQL type stands for, on
/// the same scale: PostgreSQL's flags, times, days and JSON are SQLite's integers and text.
fn sqlite_kind(declared: &str) -> String {
    declared.to_ascii_uppercase()
}

fn postgres_kind(data_type: &str) -> String {
    match data_type {
        "bigint" | "boolean" => "INTEGER",
        "text" | "timestamp with time zone" | "date" | "jsonb" => "TEXT",
        "bytea" => "BLOB",
        other => other,
    }
    .to_string()
}

/// Every table but the users search index, which each database keeps its own way (SQLite an FTS5
/// table and its shadow tables, PostgreSQL `pg_trgm` indexes on `users`: docs/decisions.md).
async fn describe_sqlite(pool: &AnyPool) -> BTreeMap<String, Table> {
    let names: Vec<String> = sqlx::query_scalar(
        r"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'
            AND name NOT LIKE 'users\_search%' ESCAPE '\'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut tables = BTreeMap::new();
    for name in names {
        let mut table = Table::default();
        let columns: Vec<(String, String, i64, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid")
                .bind(&name)
                .fetch_all(pool)
                .await
                .unwrap();
        let mut key = Vec::new();
        for (column, declared, not_null, pk) in columns {
            if pk > 0 {
                key.push((pk, column.clone()));
            }
            let nullable = not_null == 0 && pk == 0;
            table.columns.insert(
                column,
                Column {
                    kind: sqlite_kind(&declared),
                    nullable,
                },
            );
        }
        key.sort();
        table.indexes.insert((key.into_iter().map(|(_, c)| c).collect(), true));
        let indexes: Vec<(String, i64)> = sqlx::query_as("SELECT name, \"unique\" FROM pragma_index_list($1)")
            .bind(&name)
            .fetch_all(pool)
            .await
            .unwrap();
        for (index, unique) in indexes {
            let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                .bind(&index)
                .fetch_all(pool)
                .await
                .unwrap();
            table.indexes.insert((columns, unique == 1));
        }
        tables.insert(name, table);
    }
    tables
}

async fn describe_postgres(pool: &AnyPool) -> BTreeMap<String, Table> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut tables = BTreeMap::new();
    for name in names {
        let mut table = Table::default();
        let columns: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT column_name::text, data_type::text, is_nullable::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = $1",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap();
        for (column, data_type, nullable) in columns {
            let column_kind = Column {
                kind: postgres_kind(&data_type),
                nullable: nullable == "YES",
            };
            table.columns.insert(column, column_kind);
        }
        // Each index's columns in order, and whether it is unique (primary keys are).
        let indexes: Vec<(String, bool)> = sqlx::query_as(
            "SELECT string_agg(a.attname::text, ',' ORDER BY k.n), i.indisunique
             FROM pg_index i
             JOIN pg_class t ON t.oid = i.indrelid
             JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
             WHERE t.relname = $1 AND t.relnamespace = 'public'::regnamespace
             GROUP BY i.indexrelid, i.indisunique",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap();
        for (columns, unique) in indexes {
            table
                .indexes
                .insert((columns.split(',').map(String::from).collect(), unique));
        }
        tables.insert(name, table);
    }
    tables
}

/// Both databases migrated from empty hold the same tables, columns, types (by the mapping),
/// nullability, uniqueness and indexes. Runs where PostgreSQL is at hand (`cargo xtask test`'s
/// PostgreSQL pass), against a new SQLite file beside it.
#[tokio::test]
async fn both_schemas_say_the_same_in_their_own_types() {
    if !on_postgres() {
        eprintln!("skipped: needs ORG_AREA_TEST_POSTGRES_URL (cargo xtask test runs it on its PostgreSQL pass)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sqlite_url = format!("sqlite://{}", dir.path().join("parity.db").display());
    let postgres_url = new_database(dir.path()).await;
    Database::connect(&sqlite_url).await.expect("SQLite migrates");
    Database::connect(&postgres_url).await.expect("PostgreSQL migrates");
    let sqlite = describe_sqlite(&plain_sql(&sqlite_url).await).await;
    let postgres = describe_postgres(&plain_sql(&postgres_url).await).await;
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    assert!(sqlite.len() >= 20, "every table was read: {:?}", sqlite.keys());
    for (name, table) in &sqlite {
        let other = &postgres[name];
        assert_eq!(
            table.columns, other.columns,
            "table {name}: columns, types and nullability"
        );
        assert_eq!(table.indexes, other.indexes, "table {name}: indexes and uniqueness");
    }
}

async fn revision(s: &crate::common::TestServer, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT revision FROM orgs WHERE slug = $1")
        .bind(slug)
        .fetch_one(&s.sql)
        .await
        .unwrap()
}

/// The triggers do their work on the database the tests run on: every change `orgs/me` shows
/// raises its organization's revision (and no other's), the monthly roll-up follows the days,
/// and the activity log refuses updates.
#[tokio::test]
async fn the_triggers_keep_revisions_roll_ups_and_the_log() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let (acme, globex) = (revision(&s, "acme-studio").await, revision(&s, "globex").await);
    let carla = s.user_id("carla@bakery.test").await;
    let changed = s
        .client
        .patch(s.url(&format!("/orgs/me/users/{carla}")))
        .bearer_auth(&owner)
        .json(&serde_json::json!({ "org_role": "admin" }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert!(
        revision(&s, "acme-studio").await > acme,
        "a member's role is part of orgs/me"
    );
    assert_eq!(revision(&s, "globex").await, globex, "another organization's stays");

    let shop = s.space_id("Online Shop").await;
    let monthly = |month: &'static str| {
        let sql = s.sql.clone();
        async move {
            let total: Option<i64> =
                sqlx::query_scalar("SELECT total_bytes FROM traffic_monthly WHERE space_id = $1 AND month = $2")
                    .bind(shop)
                    .bind(month)
                    .fetch_optional(&sql)
                    .await
                    .unwrap();
            total
        }
    };
    assert_eq!(monthly("1999-01").await, None);
    for (sql, expected) in [
        (
            "INSERT INTO traffic (space_id, date, api_requests, total_bytes) VALUES ($1, date('1999-01-02'), 1, 100)",
            Some(100),
        ),
        (
            "INSERT INTO traffic (space_id, date, api_requests, total_bytes) VALUES ($1, date('1999-01-03'), 1, 20)",
            Some(120),
        ),
        (
            "UPDATE traffic SET total_bytes = 50 WHERE space_id = $1 AND date = date('1999-01-02')",
            Some(70),
        ),
        (
            "DELETE FROM traffic WHERE space_id = $1 AND date = date('1999-01-03')",
            Some(50),
        ),
    ] {
        sqlx::query(sql).bind(shop).execute(&s.sql).await.unwrap();
        assert_eq!(monthly("1999-01").await, expected, "after {sql}");
    }

    let refused = sqlx::query("UPDATE activities SET owner_name = 'someone else'")
        .execute(&s.sql)
        .await;
    assert!(refused.is_err(), "activities are append-only");
}

/// On PostgreSQL every new activity is announced (`NOTIFY org_area_changes` with its id) when its
/// transaction commits: what wakes every instance's event streams.
#[tokio::test]
async fn postgres_announces_each_activity_as_it_commits() {
    if !on_postgres() {
        eprintln!("skipped: SQLite has no notices (its instances look for new activities instead)");
        return;
    }
    let s = server().await;
    let mut listener = sqlx::postgres::PgListener::connect(&s.database_url).await.unwrap();
    listener.listen("org_area_changes").await.unwrap();
    let _owner = s.token("owner@acme.test").await;
    let notice = tokio::time::timeout(std::time::Duration::from_secs(10), listener.recv())
        .await
        .expect("a notice within seconds")
        .unwrap();
    let (org, newest): (i64, i64) = sqlx::query_as("SELECT org_id, id FROM activities ORDER BY id DESC LIMIT 1")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_eq!(
        notice.payload(),
        format!("{org}:{newest}"),
        "the sign-in's activity, with its organization: only that organization's streams wake"
    );
}

/// A stored value this build cannot read (an activity kind from nowhere) fails the request and
/// says so in the log; it is never skipped while the total still counts it.
#[tokio::test]
async fn a_row_that_does_not_decode_is_an_error_not_a_gap() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let listed: Value = s.get("/orgs/me/activities", Some(&owner)).await.json().await.unwrap();
    assert_eq!(
        listed["activities"].as_array().unwrap().len() as i64,
        listed["total"].as_i64().unwrap()
    );
    sqlx::query(
        "INSERT INTO activities (org_id, key, trackable_type, parameters, created_at)
         SELECT org_id, 'made.up', trackable_type, parameters, created_at FROM activities ORDER BY id DESC LIMIT 1",
    )
    .execute(&s.sql)
    .await
    .unwrap();
    expect_error(
        s.get("/orgs/me/activities", Some(&owner)).await,
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
    )
    .await;
}

/// Rows as the server wrote them before its queries were checked: times as RFC 3339 text ending
/// in `Z` (milliseconds), flags as 0/1, JSON as text. Both databases stored these.
const WRITTEN_BEFORE: &[&str] = &[
    "INSERT INTO orgs (name, slug, settings, created_at) VALUES ('Old Org', 'old-org',
        '{\"access\":{\"activity_retention_days\":365}}', '2025-03-01T09:30:00.000Z')",
    "INSERT INTO users (email, firstname, lastname, password_hash, created_at, last_sign_in_at, disabled, sign_in_count)
        VALUES ('owner@old.test', 'Olga', 'Older', $1, '2025-03-01T09:30:00.250Z', '2026-11-01T08:00:00.000Z', 0, 7)",
    "INSERT INTO users (email, firstname, lastname, created_at, disabled)
        VALUES ('gone@old.test', 'Gone', 'Away', '2025-04-01T10:00:00.000Z', 1)",
    "INSERT INTO org_members (org_id, user_id, org_role, created_at) VALUES (1, 1, 'owner', '2025-03-01T09:30:00.000Z')",
    "INSERT INTO org_members (org_id, user_id, org_role, created_at) VALUES (1, 2, 'member', '2025-04-01T10:00:00.000Z')",
    "INSERT INTO spaces (name, owner_id, org_id, plan, created_at, added_at)
        VALUES ('Old Site', 1, 1, 'starter', '2025-03-02T00:00:00.000Z', '2025-03-02T00:00:00.000Z')",
    "INSERT INTO traffic (space_id, date, api_requests, total_bytes) VALUES (1, '2026-11-15', 10, 1000)",
    "INSERT INTO subscriptions (org_id, tier, period_start, period_end, cancel_at_period_end, created_at)
        VALUES (1, 'team', '2099-11-01', '2099-12-01', 1, '2025-05-01T00:00:00.000Z')",
    "INSERT INTO invoices (org_id, number, period_start, period_end, tier, amount_cents, tax_rate_bp, tax_cents,
        total_cents, currency, status, issued_at, billed_to)
        VALUES (1, 'OA-0001-0001', '2025-05-01', '2025-06-01', 'team', 9900, 1900, 1881, 11781, 'EUR', 'paid',
        '2025-05-01T00:00:00.000Z', '{\"company\":\"Old Org GmbH\",\"email\":\"billing@old.test\",\"address_line1\":\"Hauptstr. 1\",\"address_line2\":\"\",\"postal_code\":\"10115\",\"city\":\"Berlin\",\"country\":\"DE\",\"vat_id\":\"\"}')",
    "INSERT INTO activities (org_id, key, trackable_type, trackable_id, trackable_name, owner_id, owner_name,
        parameters, created_at)
        VALUES (1, 'org_user.update', 'OrgUser', 2, 'Gone Away', 1, 'Olga Older',
        '{\"org_role\":{\"before\":\"admin\",\"after\":\"member\"}}', '2026-11-01T08:00:01.500Z')",
];

/// The previous version's migrations (`before`) run on the empty database at `url`, then its rows
/// written as it wrote them (ids from 1): what a deployed server's database holds before this
/// version starts on it.
async fn migrated_as_before(url: &str, before: &[&str]) {
    let backend = if url.starts_with("sqlite") {
        "sqlite"
    } else {
        "postgres"
    };
    let all = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../domain/migrations")
        .join(backend);
    let old = tempfile::tempdir().unwrap();
    for name in before {
        std::fs::copy(all.join(name), old.path().join(name)).unwrap();
    }
    let pool = match backend {
        "sqlite" => plain_sql(&format!("{url}?mode=rwc")).await,
        _ => plain_sql(url).await,
    };
    sqlx::migrate::Migrator::new(old.path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    for statement in WRITTEN_BEFORE {
        let mut query = sqlx::query(statement);
        if statement.contains("$1") {
            query = query.bind(::common::password::hash("an old password"));
        }
        query
            .execute(&pool)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
    pool.close().await;
}

/// A database made by the previous version (its migrations, its rows) comes forward when this
/// version starts on it, and every value reads back as it was written.
#[tokio::test]
async fn a_database_of_the_previous_version_comes_forward_whole() {
    let dir = tempfile::tempdir().unwrap();
    let url = new_database(dir.path()).await;
    let before: &[&str] = if on_postgres() {
        &["0001_schema.sql", "0002_org_revision.sql"]
    } else {
        &[
            "0001_initial.sql",
            "0002_space_added_at.sql",
            "0003_traffic_clustered.sql",
            "0004_invitation_names.sql",
            "0005_org_images.sql",
            "0006_subscription.sql",
            "0007_traffic_monthly.sql",
            "0008_hardening_and_activities.sql",
            "0009_mail_reset_two_factor.sql",
            "0010_org_revision.sql",
        ]
    };
    migrated_as_before(&url, before).await;
    let s = server_with(|config: &mut Config| {
        config.database_url = url.clone();
        config.seed = Seed::None;
    })
    .await;
    let signed_in: Value = s
        .login_response("owner@old.test", "an old password")
        .await
        .json()
        .await
        .unwrap();
    let token = signed_in["token"]
        .as_str()
        .expect("the old password signs in")
        .to_string();
    let org: Value = s.get("/orgs/me", Some(&token)).await.json().await.unwrap();
    let users = org["org"]["users"].as_array().unwrap();
    let olga = users.iter().find(|u| u["email"] == "owner@old.test").unwrap();
    assert_eq!(olga["created_at"], "2025-03-01T09:30:00.250Z", "milliseconds kept");
    assert_eq!(olga["sign_in_count"], 8, "seven before, and this sign-in");
    let gone = users.iter().find(|u| u["email"] == "gone@old.test").unwrap();
    assert_eq!(
        (gone["disabled"].as_bool(), gone["org_role"].as_str()),
        (Some(true), Some("member"))
    );
    assert_eq!(org["org"]["spaces"][0]["created_at"], "2025-03-02T00:00:00.000Z");
    assert_eq!(org["org"]["settings"]["access"]["activity_retention_days"], 365);

    let activities: Value = s
        .get("/orgs/me/activities?keys=org_user.update", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let old = &activities["activities"][0];
    assert_eq!(old["created_at"], "2026-11-01T08:00:01.500Z");
    assert_eq!(old["parameters"]["org_role"]["after"], "member");

    let subscription: Value = s.get("/orgs/me/subscription", Some(&token)).await.json().await.unwrap();
    assert_eq!(subscription["status"], "canceling", "the 0/1 flag reads as a flag");
    assert_eq!(subscription["period_end"], "2099-12-01");
    let invoices: Value = s.get("/orgs/me/invoices", Some(&token)).await.json().await.unwrap();
    assert_eq!(invoices["invoices"][0]["billed_to"]["company"], "Old Org GmbH");
    assert_eq!(invoices["invoices"][0]["issued_at"], "2025-05-01T00:00:00.000Z");
    let statistics: Value = s
        .get("/orgs/me/statistics?period=12m", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let november: i64 = statistics["traffic"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["date"].as_str().is_some_and(|d| d.starts_with("2026-11")))
        .map(|p| p["total_bytes"].as_i64().unwrap())
        .sum();
    assert_eq!(november, 1000, "the day's traffic, through the monthly roll-up");
}
