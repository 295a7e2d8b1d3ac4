//! Usage alerts: traffic driven across 50, 80 and 100 % of what the tier includes is told once
//! per threshold and month (an activity, the banner's answer, a mail to owners), also with two
//! instances running their scheduled work at once; Settings → Notifications chooses thresholds and
//! who is mailed.

use crate::common::{edited, expect_error, server, settings, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

const SUBJECT: &str = "of the traffic its plan includes";

async fn get(s: &TestServer, path: &str, token: &str) -> Value {
    s.get_json(path, token).await
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn month_start() -> String {
    format!("{}-01", &today()[..7])
}

/// Acme's traffic this month set to nothing, and nothing told yet: the demo's own month may
/// already be past a threshold.
async fn fresh_month(s: &TestServer) -> i64 {
    let acme: i64 = sqlx::query_scalar("SELECT id FROM orgs WHERE slug = 'acme-studio'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    sqlx::query("DELETE FROM traffic WHERE date >= date($1) AND space_id IN (SELECT id FROM spaces WHERE org_id = $2)")
        .bind(month_start())
        .bind(acme)
        .execute(&s.sql)
        .await
        .unwrap();
    sqlx::query("DELETE FROM usage_alerts WHERE org_id = $1")
        .bind(acme)
        .execute(&s.sql)
        .await
        .unwrap();
    acme
}

/// Today's traffic of the Online Shop raised so that the month's reaches `percent` of what is
/// included (or just under it, with `under`).
async fn traffic_at(s: &TestServer, token: &str, percent: i64, under: bool) {
    let free = get(s, "/orgs/me/statistics?period=30d", token).await["free_traffic"].clone();
    let (used, included) = (
        free["used_bytes"].as_i64().unwrap(),
        free["included_bytes"].as_i64().unwrap(),
    );
    let wanted = included / 100 * percent - i64::from(under);
    assert!(wanted > used, "traffic only grows: {used} to {wanted}");
    let shop = s.space_id("Online Shop").await;
    sqlx::query(
        "INSERT INTO traffic (space_id, date, api_requests, total_bytes) VALUES ($1, date($2), 1, $3)
         ON CONFLICT (space_id, date) DO UPDATE SET total_bytes = traffic.total_bytes + excluded.total_bytes",
    )
    .bind(shop)
    .bind(today())
    .bind(wanted - used)
    .execute(&s.sql)
    .await
    .unwrap();
}

/// The usage alert mails `to` has got, once there are at least `at_least`, and after a moment in
/// which more would have arrived.
async fn alert_mails(s: &TestServer, to: &str, at_least: usize) -> Vec<String> {
    let read = || {
        s.mails_now(to)
            .into_iter()
            .filter(|mail| mail.contains(SUBJECT))
            .collect::<Vec<_>>()
    };
    crate::common::eventually(
        &format!("{at_least} usage alert mail(s) to {to}"),
        std::time::Duration::from_secs(10),
        || async { (read().len() >= at_least).then_some(()) },
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    read()
}

async fn alerts_recorded(s: &TestServer, token: &str) -> Vec<i64> {
    let page = get(s, "/orgs/me/activities?keys=usage.alert&per_page=100", token).await;
    let mut percents: Vec<i64> = page["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["parameters"]["percent"].as_i64().unwrap())
        .collect();
    percents.sort();
    percents
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_threshold_crossed_is_told_once_with_one_mail_also_with_two_instances() {
    let a = server().await;
    let b = a.restart_on_same_database().await;
    let owner = a.token("owner@acme.test").await;
    fresh_month(&a).await;
    let mails_before = alert_mails(&a, "owner@acme.test", 0).await.len();
    let recorded_before = alerts_recorded(&a, &owner).await;

    traffic_at(&a, &owner, 50, true).await;
    tokio::join!(a.run_scheduler(), b.run_scheduler());
    assert_eq!(
        get(&a, "/orgs/me/usage-alert", &owner).await,
        json!({ "alert": null }),
        "not yet"
    );

    for (step, percent) in [50, 80, 100].into_iter().enumerate() {
        traffic_at(&a, &owner, percent, false).await;
        // Both instances' scheduled work at once, twice: still one telling.
        tokio::join!(a.run_scheduler(), b.run_scheduler());
        tokio::join!(a.run_scheduler(), b.run_scheduler());
        let alert = get(&b, "/orgs/me/usage-alert", &owner).await["alert"].clone();
        assert_eq!(alert["percent"], percent);
        assert_eq!(alert["period_start"], month_start());
        let mails = alert_mails(&a, "owner@acme.test", mails_before + step + 1).await;
        assert_eq!(mails.len(), mails_before + step + 1, "one mail per threshold");
        let newest = mails.last().unwrap();
        assert!(
            newest.contains(&format!("Acme Studio has used {percent} % {SUBJECT}")),
            "{newest}"
        );
    }
    let mut expected = recorded_before.clone();
    expected.extend([50, 80, 100]);
    expected.sort();
    assert_eq!(
        alerts_recorded(&a, &owner).await,
        expected,
        "one activity per threshold"
    );
    assert!(
        alert_mails(&a, "admin@acme.test", 0).await.is_empty(),
        "only owners are mailed by default"
    );

    // Admins see the banner's answer; members do not.
    let admin = a.token("admin@acme.test").await;
    assert_eq!(get(&a, "/orgs/me/usage-alert", &admin).await["alert"]["percent"], 100);
    let member = a.token("member@acme.test").await;
    expect_error(
        a.get("/orgs/me/usage-alert", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn notifications_choose_the_thresholds_and_who_is_mailed() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    fresh_month(&s).await;
    let current = settings(&s, &owner).await;
    assert_eq!(
        current["notifications"],
        json!({ "usage_at_50": true, "usage_at_80": true, "usage_at_100": true, "usage_mail_to": "owners" })
    );
    let mut body = edited(&current, |b| {
        b["notifications"] = json!({ "usage_at_50": false, "usage_at_80": true, "usage_at_100": false, "usage_mail_to": "owners_and_admins" });
    });
    let saved = s.put("/orgs/me/settings", Some(&owner), body.clone()).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Value = saved.json().await.unwrap();
    assert_eq!(saved["notifications"]["usage_mail_to"], "owners_and_admins");

    // A save without notifications (an older client) leaves them as they are.
    body["version"] = saved["version"].clone();
    body.as_object_mut().unwrap().remove("notifications");
    body["name"] = json!("Acme Notified");
    let kept: Value = s
        .put("/orgs/me/settings", Some(&owner), body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(kept["notifications"], saved["notifications"]);

    let before = alerts_recorded(&s, &owner).await;
    traffic_at(&s, &owner, 100, false).await;
    s.run_scheduler().await;
    let mut expected = before.clone();
    expected.push(80);
    expected.sort();
    assert_eq!(
        alerts_recorded(&s, &owner).await,
        expected,
        "only the threshold that is on"
    );
    let admin_mails = alert_mails(&s, "admin@acme.test", 1).await;
    assert_eq!(admin_mails.len(), 1, "admins are mailed too now");
    assert!(admin_mails[0].contains("80 %"), "{}", admin_mails[0]);
    assert!(alert_mails(&s, "member@acme.test", 0).await.is_empty(), "never members");
}
