//! Two server instances on one database, as behind a load balancer: each has its own connection
//! pool, scheduler and change watcher, and shares nothing with the other but the database. What
//! one instance does holds on the other. (Throttling across instances: the `throttling` module; a
//! change reaching the other instance's event stream: the `events` module.)

use crate::common::{server, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The demo server and a second instance on its database.
async fn two() -> (TestServer, TestServer) {
    let a = server().await;
    let b = a.restart_on_same_database().await;
    (a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_made_on_one_instance_works_on_the_other_and_ends_on_both() {
    let (a, b) = two().await;
    let token = a.token("admin@acme.test").await;
    let me: Value = b.get("/auth/me", Some(&token)).await.json().await.unwrap();
    assert_eq!(me["user"]["email"], "admin@acme.test");
    let out = b.post_empty("/auth/logout", Some(&token)).await;
    assert!(out.status().is_success());
    assert_eq!(a.get("/auth/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_settings_save_on_one_instance_makes_a_stale_save_on_the_other_a_conflict() {
    let (a, b) = two().await;
    let owner = a.token("owner@acme.test").await;
    let read: Value = b.get("/orgs/me/settings", Some(&owner)).await.json().await.unwrap();
    let body = |name: &str| {
        json!({
            "version": read["version"],
            "name": name,
            "branding": read["branding"],
            "embed": read["embed"],
            "access": read["access"],
        })
    };
    assert_eq!(
        a.put("/orgs/me/settings", Some(&owner), body("Acme A")).await.status(),
        StatusCode::OK
    );
    let stale = b.put("/orgs/me/settings", Some(&owner), body("Acme B")).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let now: Value = b.get("/orgs/me/settings", Some(&owner)).await.json().await.unwrap();
    assert_eq!(now["name"], "Acme A", "the first save stands");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owners_demoting_each_other_through_both_instances_leave_an_owner() {
    let (a, b) = two().await;
    let olivia = a.token("owner@acme.test").await;
    let olivia_id = a.user_id("owner@acme.test").await;
    let lena_id = a.user_id("lena@acme.test").await;
    let promoted = a
        .client
        .patch(a.url(&format!("/orgs/me/users/{lena_id}")))
        .bearer_auth(&olivia)
        .json(&json!({ "org_role": "owner" }))
        .send()
        .await
        .unwrap();
    assert_eq!(promoted.status(), StatusCode::OK);
    let lena = b.token("lena@acme.test").await;
    let mut requests = Vec::new();
    for i in 0..40 {
        // Olivia through A demotes Lena; Lena through B demotes Olivia.
        let (instance, token, target) = if i % 2 == 0 {
            (&a, olivia.clone(), lena_id)
        } else {
            (&b, lena.clone(), olivia_id)
        };
        let request = instance
            .client
            .patch(instance.url(&format!("/orgs/me/users/{target}")))
            .bearer_auth(token)
            .json(&json!({ "org_role": "admin" }));
        requests.push(tokio::spawn(async move { request.send().await.unwrap().status() }));
    }
    for request in requests {
        let status = request.await.unwrap().as_u16();
        assert!([200, 403, 409].contains(&status), "an honest answer: {status}");
    }
    let owners: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM org_members WHERE org_role = 'owner'
         AND org_id = (SELECT id FROM orgs WHERE slug = 'acme-studio')",
    )
    .fetch_one(&a.sql)
    .await
    .unwrap();
    assert_eq!(owners, 1, "exactly one owner remains");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_due_renewal_runs_once_when_both_instances_do_their_scheduled_work() {
    let (a, b) = two().await;
    let owner = a.token("owner@acme.test").await;
    a.put(
        "/orgs/me/payment",
        Some(&owner),
        crate::common::card("4242424242424242"),
    )
    .await;
    let subscribed = a
        .put("/orgs/me/subscription", Some(&owner), json!({ "tier": "team" }))
        .await;
    assert_eq!(subscribed.status(), StatusCode::OK);
    a.let_months_pass(1).await;
    let (round_a, round_b) = tokio::join!(a.run_scheduler(), b.run_scheduler());
    assert_eq!(
        round_a.renewals + round_b.renewals,
        1,
        "renewed once: {round_a:?} {round_b:?}"
    );
    let invoices: Value = b.get("/orgs/me/invoices", Some(&owner)).await.json().await.unwrap();
    assert_eq!(
        invoices["invoices"].as_array().unwrap().len(),
        2,
        "the first invoice and one renewal"
    );
}

/// A stopping instance gives its scheduler's lease up, so the next one runs the scheduled work at
/// its first round instead of after the lease lapses (three rounds: three minutes by default).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopping_instance_hands_the_scheduled_work_over_at_once() {
    let a = server().await;
    let b = a.restart_on_same_database().await;
    let holders = |s: &TestServer| {
        let sql = s.sql.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT holder FROM leases WHERE name = 'scheduler'")
                .fetch_all(&sql)
                .await
                .unwrap()
        }
    };
    // The first instance's scheduler ran as it started and holds the lease.
    let held = crate::common::eventually("a lease", std::time::Duration::from_secs(5), || async {
        holders(&a).await.pop()
    })
    .await;
    assert_eq!(held, a.running.scheduler_holder);

    let TestServer { running, sql, .. } = a;
    running.state.lifecycle.drain();
    running.finished().await.unwrap();
    let left: Vec<String> = sqlx::query_scalar("SELECT holder FROM leases WHERE name = 'scheduler'")
        .fetch_all(&sql)
        .await
        .unwrap();
    // Given up. The other instance may have taken it already: its first round runs as it starts,
    // and under load that can come after this one gave the lease up.
    assert!(
        left.iter().all(|holder| *holder == b.running.scheduler_holder),
        "given up: {left:?}"
    );
}
