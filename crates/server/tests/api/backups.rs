//! `org-area-server backup` and `restore`, run as an operator would: a backup taken while writes
//! go on restores into a new database, and a server started on it has everything that was there
//! when the backup began, whole.

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{new_database, plain_sql, server, server_with};

/// What the tables hold: each one's ids.
async fn ids(sql: &sqlx::AnyPool) -> Vec<(&'static str, BTreeSet<i64>)> {
    let mut all = Vec::new();
    for table in [
        "orgs",
        "users",
        "spaces",
        "activities",
        "invitations",
        "outbox",
        "invoices",
    ] {
        let ids: Vec<i64> = sqlx::query_scalar(&format!("SELECT id FROM {table}"))
            .fetch_all(sql)
            .await
            .unwrap();
        all.push((table, ids.into_iter().collect()));
    }
    all
}

fn server_command(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_org-area-server"))
        .args(args)
        .output()
        .expect("the server binary runs")
}

#[tokio::test]
async fn a_backup_taken_while_writes_go_on_restores_into_a_new_database_that_serves_it_all() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let settings: Value = s.get("/orgs/me", Some(&admin)).await.json().await.unwrap();
    let before = ids(&s.sql).await;

    // Invitations keep coming while the backup is taken.
    let writing = Arc::new(AtomicBool::new(true));
    let writer = {
        let (client, url, admin, writing) = (
            s.client.clone(),
            s.url("/orgs/me/invitations"),
            admin.clone(),
            writing.clone(),
        );
        tokio::spawn(async move {
            let mut n = 0;
            while writing.load(Ordering::Relaxed) && n < 60 {
                n += 1;
                let body = json!({ "emails": [format!("during-{n}@example.com")], "org_role": "member" });
                let sent = client.post(&url).bearer_auth(&admin).json(&body).send().await.unwrap();
                assert_eq!(sent.status(), StatusCode::CREATED);
            }
            n
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org-area.backup");
    let file_arg = file.display().to_string();
    let database = s.database_url.clone();
    let backed_up =
        tokio::task::spawn_blocking(move || server_command(&["backup", "--to", &file_arg, "--database", &database]))
            .await
            .unwrap();
    writing.store(false, Ordering::Relaxed);
    assert!(
        backed_up.status.success(),
        "{}",
        String::from_utf8_lossy(&backed_up.stderr)
    );
    assert!(writer.await.unwrap() > 0);
    // A backup never overwrites.
    let again = server_command(&[
        "backup",
        "--to",
        &file.display().to_string(),
        "--database",
        &s.database_url,
    ]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));

    let restored_dir = tempfile::tempdir().unwrap();
    let restored = new_database(restored_dir.path()).await;
    let restoring = server_command(&[
        "restore",
        "--from",
        &file.display().to_string(),
        "--database",
        &restored,
    ]);
    assert!(
        restoring.status.success(),
        "{}",
        String::from_utf8_lossy(&restoring.stderr)
    );
    // Only into an empty database.
    let twice = server_command(&[
        "restore",
        "--from",
        &file.display().to_string(),
        "--database",
        &restored,
    ]);
    assert!(!twice.status.success());

    let sql = plain_sql(&restored).await;
    let after = ids(&sql).await;
    for ((table, was), (_, is)) in before.iter().zip(&after) {
        let missing: Vec<&i64> = was.difference(is).collect();
        assert!(
            missing.is_empty(),
            "{table}: {missing:?} missing from the restored database"
        );
    }
    // What the writes left in it is whole: every invitation with its activity and its mail.
    let half: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitations i WHERE
           NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'invitation' AND o.subject_id = i.id)
           OR NOT EXISTS (SELECT 1 FROM activities a WHERE a.trackable_id = i.id)",
    )
    .fetch_one(&sql)
    .await
    .unwrap();
    assert_eq!(half, 0);

    // A server on the restored database, with the same keys, serves it.
    let keys = (*s.running.state.secret_keys).clone();
    let second = server_with(|config| {
        config.database_url = restored.clone();
        config.secret_keys = Some(keys);
    })
    .await;
    let admin = second.token("admin@acme.test").await;
    let served: Value = second.get("/orgs/me", Some(&admin)).await.json().await.unwrap();
    assert!(settings["org"]["name"].is_string(), "{settings}");
    assert_eq!(served["org"]["name"], settings["org"]["name"]);
    assert_eq!(served["org"]["settings"], settings["org"]["settings"]);
}
