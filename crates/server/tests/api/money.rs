//! Money only for money: a paid tier applies only once its charge goes through (402 without a
//! card, or with a declined one, and then nothing is owed), upgrades are charged the prorated
//! difference at once, downgrades wait for the period's end, and an invoice unpaid a week after it
//! was issued ends the subscription and tells the owners (paying it later brings the plan back for
//! the rest of its period).

use std::sync::Arc;

use org_area_server::payments::TestGateway;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::card;
use crate::common::{expect_error, on_postgres, server_with_gateway, TestServer};
use crate::subscription::{end_period, invoices, subscribe};

async fn choose(s: &TestServer, token: &str, tier: &str) -> reqwest::Response {
    s.put("/orgs/me/subscription", Some(token), json!({ "tier": tier }))
        .await
}

async fn plan(s: &TestServer, token: &str) -> String {
    let org: Value = s.get("/orgs/me", Some(token)).await.json().await.unwrap();
    org["org"]["plan"].as_str().unwrap().to_string()
}

async fn count(s: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&s.sql).await.unwrap()
}

#[tokio::test]
async fn a_paid_tier_needs_a_card_and_starts_only_when_its_first_charge_goes_through() {
    let gateway = Arc::new(TestGateway::default());
    let s = server_with_gateway(gateway.clone()).await;
    let owner = s.token("owner@acme.test").await;

    // No card: 402, nothing changes, nothing is owed.
    let refused = expect_error(
        choose(&s, &owner, "enterprise").await,
        StatusCode::PAYMENT_REQUIRED,
        "payment_method_required",
    )
    .await;
    assert_eq!(refused["field"], "tier");
    assert_eq!(plan(&s, &owner).await, "free");
    assert_eq!(count(&s, "SELECT COUNT(*) FROM invoices").await, 0);
    assert_eq!(count(&s, "SELECT COUNT(*) FROM subscriptions").await, 0);

    // A declined card: 402 again; the invoice is void and stays so when a good card comes.
    s.put("/orgs/me/payment", Some(&owner), card("4000000000000002")).await;
    expect_error(
        choose(&s, &owner, "team").await,
        StatusCode::PAYMENT_REQUIRED,
        "card_declined",
    )
    .await;
    assert_eq!(plan(&s, &owner).await, "free");
    assert_eq!(count(&s, "SELECT COUNT(*) FROM subscriptions").await, 0);
    let void = &invoices(&s, &owner).await[0];
    assert_eq!(void["status"], "void");
    let saved = s
        .put("/orgs/me/payment", Some(&owner), card("4242 4242 4242 4242"))
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert!(gateway.taken().is_empty(), "a void invoice is never collected");
    assert_eq!(invoices(&s, &owner).await[0]["status"], "void");

    // With a good card: charged at once, and only then on the plan.
    let view: Value = choose(&s, &owner, "team").await.json().await.unwrap();
    assert_eq!(view["tier"], "team");
    assert_eq!(plan(&s, &owner).await, "team");
    let taken = gateway.taken();
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].amount_cents, 11_781);
    let list = invoices(&s, &owner).await;
    assert_eq!((list.len(), list[0]["status"].as_str()), (2, Some("paid")));
    assert_ne!(
        list[0]["number"], list[1]["number"],
        "the void invoice keeps its number"
    );
}

#[tokio::test]
async fn upgrades_are_charged_the_prorated_difference_at_once_and_downgrades_wait_for_the_period_end() {
    let gateway = Arc::new(TestGateway::default());
    let s = server_with_gateway(gateway.clone()).await;
    let owner = s.token("owner@acme.test").await;
    subscribe(&s, &owner, "team").await;
    // Ten days of a thirty-day period are left.
    let (start, end) = if on_postgres() {
        ("(CURRENT_DATE - 20)", "(CURRENT_DATE + 10)")
    } else {
        ("date('now', '-20 days')", "date('now', '+10 days')")
    };
    for table in ["subscriptions", "invoices"] {
        sqlx::query(&format!(
            "UPDATE {table} SET period_start = {start}, period_end = {end}"
        ))
        .execute(&s.sql)
        .await
        .unwrap();
    }

    let upgraded: Value = choose(&s, &owner, "business").await.json().await.unwrap();
    assert_eq!(upgraded["tier"], "business");
    assert_eq!(plan(&s, &owner).await, "business", "at once");
    let upgrade = &invoices(&s, &owner).await[0];
    let difference = 39_900 - 9_900;
    assert_eq!(
        upgrade["amount_cents"],
        (difference * 10 + 15) / 30,
        "a third of the difference"
    );
    assert_eq!(upgrade["status"], "paid");
    assert_eq!(upgrade["period_end"], upgraded["period_end"]);
    assert_eq!(gateway.taken().len(), 2);

    // An upgrade with a declined card changes nothing and leaves nothing owed.
    s.put("/orgs/me/payment", Some(&owner), card("4000000000000002")).await;
    expect_error(
        choose(&s, &owner, "enterprise").await,
        StatusCode::PAYMENT_REQUIRED,
        "card_declined",
    )
    .await;
    assert_eq!(plan(&s, &owner).await, "business");
    assert_eq!(invoices(&s, &owner).await[0]["status"], "void");
    s.put("/orgs/me/payment", Some(&owner), card("4242 4242 4242 4242"))
        .await;

    // A downgrade waits for the period's end, and costs nothing now.
    let down: Value = choose(&s, &owner, "team").await.json().await.unwrap();
    assert_eq!(
        (down["tier"].as_str(), down["next_tier"].as_str()),
        (Some("business"), Some("team"))
    );
    assert_eq!(plan(&s, &owner).await, "business");
    assert_eq!(gateway.taken().len(), 2);
    // Choosing the current tier again withdraws it.
    let kept: Value = choose(&s, &owner, "business").await.json().await.unwrap();
    assert_eq!(kept["next_tier"], Value::Null);
    choose(&s, &owner, "team").await;

    for table in ["subscriptions", "invoices"] {
        let today = if on_postgres() { "CURRENT_DATE" } else { "date('now')" };
        sqlx::query(&format!("UPDATE {table} SET period_end = {today}"))
            .execute(&s.sql)
            .await
            .unwrap();
    }
    s.run_scheduler().await;
    assert_eq!(
        plan(&s, &owner).await,
        "team",
        "the smaller tier from the new period on"
    );
    let renewal = &invoices(&s, &owner).await[0];
    assert_eq!(
        (renewal["tier"].as_str(), renewal["amount_cents"].as_i64()),
        (Some("team"), Some(9_900))
    );
    assert_eq!(renewal["status"], "paid");
}

#[tokio::test]
async fn an_invoice_unpaid_a_week_after_it_was_issued_ends_the_subscription_and_tells_the_owners() {
    let gateway = Arc::new(TestGateway::default());
    let s = server_with_gateway(gateway.clone()).await;
    let owner = s.token("owner@acme.test").await;
    subscribe(&s, &owner, "team").await;
    s.put("/orgs/me/payment", Some(&owner), card("4000000000000002")).await;
    end_period(&s).await;
    let renewal = invoices(&s, &owner).await[0].clone();
    assert_eq!(renewal["status"], "failed", "declined at the renewal");
    assert_eq!(plan(&s, &owner).await, "team", "within the grace period the plan stays");

    // Tried again once a day: not within the day, again after it.
    s.run_scheduler().await;
    let attempts = || count(&s, "SELECT MAX(charge_attempts) FROM invoices");
    assert_eq!(attempts().await, 1);
    let a_day_ago = if on_postgres() {
        "UPDATE invoices SET last_attempt_at = last_attempt_at - interval '25 hours'"
    } else {
        "UPDATE invoices SET last_attempt_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', last_attempt_at, '-25 hours')"
    };
    sqlx::query(a_day_ago).execute(&s.sql).await.unwrap();
    s.run_scheduler().await;
    assert_eq!(attempts().await, 2);

    // A week after it was issued: back to the free plan, the owners told, the invoice still owed.
    let a_week_ago = if on_postgres() {
        "UPDATE invoices SET issued_at = issued_at - interval '8 days'"
    } else {
        "UPDATE invoices SET issued_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', issued_at, '-8 days')"
    };
    sqlx::query(a_week_ago).execute(&s.sql).await.unwrap();
    s.run_scheduler().await;
    assert_eq!(plan(&s, &owner).await, "free");
    let view: Value = s.get("/orgs/me/subscription", Some(&owner)).await.json().await.unwrap();
    assert_eq!(view["tier"], Value::Null);
    assert_eq!(
        invoices(&s, &owner).await[0]["status"],
        "failed",
        "what was used is still owed"
    );
    let mail = &s.mails_to("owner@acme.test", 1).await.last().unwrap().clone();
    assert!(
        mail.contains(renewal["number"].as_str().unwrap()) && mail.contains("free plan"),
        "{mail}"
    );
    let activities: Value = s
        .get("/orgs/me/activities?keys=subscription.end&per_page=1", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        activities["activities"][0]["parameters"]["reason"], "unpaid",
        "{activities}"
    );

    // Paying it later brings the plan back for the rest of the period it paid for.
    s.put("/orgs/me/payment", Some(&owner), card("4242 4242 4242 4242"))
        .await;
    assert_eq!(invoices(&s, &owner).await[0]["status"], "paid");
    assert_eq!(plan(&s, &owner).await, "team");
    let view: Value = s.get("/orgs/me/subscription", Some(&owner)).await.json().await.unwrap();
    assert_eq!(view["period_end"], renewal["period_end"]);
}
