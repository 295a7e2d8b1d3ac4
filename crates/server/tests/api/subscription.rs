//! The subscription: owner-only access, the premium plan following subscribe, cancel, add and
//! detach, invoice totals in integer cents, billing validation, and cards kept as brand, last four
//! digits and expiry only.

use crate::common::{card, expect_error, expect_invalid_at, server, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Subscribe (or change tier), with a card on file first: a paid tier needs one.
pub async fn subscribe(s: &TestServer, token: &str, tier: &str) -> Value {
    let on_file: Value = s.get("/orgs/me/payment", Some(token)).await.json().await.unwrap();
    if on_file.is_null() {
        let saved = s
            .put("/orgs/me/payment", Some(token), card("4242 4242 4242 4242"))
            .await;
        assert_eq!(saved.status(), StatusCode::OK, "a card on file");
    }
    let response = s
        .put("/orgs/me/subscription", Some(token), json!({ "tier": tier }))
        .await;
    assert_eq!(response.status(), StatusCode::OK, "subscribe to {tier}");
    response.json().await.unwrap()
}

async fn org(s: &TestServer, token: &str) -> Value {
    s.get("/orgs/me", Some(token)).await.json::<Value>().await.unwrap()["org"].clone()
}

fn plans(org: &Value) -> Vec<(String, String)> {
    org["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["plan"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

pub async fn invoices(s: &TestServer, token: &str) -> Vec<Value> {
    let body: Value = s.get("/orgs/me/invoices", Some(token)).await.json().await.unwrap();
    body["invoices"].as_array().unwrap().clone()
}

/// Let a month pass: the current period (and every invoice) moves a month back, so it ends today.
/// Move the current period a month into the past and let the scheduler do what is then due.
pub async fn end_period(s: &TestServer) {
    s.let_months_pass(1).await;
    s.run_scheduler().await;
}

const BILLING: &str = r#"{"company":"Acme Studio GmbH","address_line1":"Hauptstraße 1","address_line2":"",
    "postal_code":"10115","city":"Berlin","country":"DE","vat_id":"DE123456789","email":"billing@acme.test"}"#;

#[tokio::test]
async fn only_owners_manage_the_subscription_and_billing_opens_after_subscribing() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    expect_error(
        s.get("/orgs/me/invoices", Some(&owner)).await,
        StatusCode::FORBIDDEN,
        "not_subscribed",
    )
    .await;
    // The card comes before the first payment, so billing and payment information are the
    // owner's from the start.
    for path in ["/orgs/me/billing", "/orgs/me/payment"] {
        assert_eq!(
            s.get(path, Some(&owner)).await.json::<Value>().await.unwrap(),
            Value::Null
        );
    }
    let me: Value = s.get("/auth/me", Some(&owner)).await.json().await.unwrap();
    assert_eq!(me["org"]["billing_open"], false);

    for email in [
        "admin@acme.test",
        "member@acme.test",
        "admin@globex.test",
        "member@globex.test",
    ] {
        let token = s.token(email).await;
        expect_error(
            s.get("/orgs/me/subscription", Some(&token)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_error(
            s.put("/orgs/me/subscription", Some(&token), json!({ "tier": "team" }))
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }

    let view = subscribe(&s, &owner, "team").await;
    assert_eq!(view["tier"], "team");
    assert_eq!(view["status"], "active");
    assert_eq!(view["billing_open"], true);
    let me: Value = s.get("/auth/me", Some(&owner)).await.json().await.unwrap();
    assert_eq!(me["org"]["billing_open"], true);
    let acme_invoice = invoices(&s, &owner).await[0]["id"].as_i64().unwrap();

    // After subscribing: still owners only, and never another organization's invoice.
    for email in ["admin@acme.test", "member@acme.test"] {
        let token = s.token(email).await;
        for path in ["/orgs/me/invoices", "/orgs/me/billing", "/orgs/me/payment"] {
            expect_error(s.get(path, Some(&token)).await, StatusCode::FORBIDDEN, "forbidden").await;
        }
        let me: Value = s.get("/auth/me", Some(&token)).await.json().await.unwrap();
        assert_eq!(me["org"]["billing_open"], false, "{email} gets no billing menu");
    }
    let globex_owner = s.token("owner@globex.test").await;
    let path = format!("/orgs/me/invoices/{acme_invoice}");
    expect_error(
        s.get(&path, Some(&globex_owner)).await,
        StatusCode::FORBIDDEN,
        "not_subscribed",
    )
    .await;
    subscribe(&s, &globex_owner, "team").await;
    expect_error(
        s.get(&path, Some(&globex_owner)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let document = format!("/orgs/me/invoices/{acme_invoice}/document");
    expect_error(
        s.get(&document, Some(&globex_owner)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn premium_follows_subscribe_add_detach_and_the_end_of_a_cancelled_period() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let before = org(&s, &owner).await;
    assert_eq!(before["plan"], "free");
    assert!(plans(&before).iter().any(|(_, plan)| plan != "premium"));

    subscribe(&s, &owner, "business").await;
    let now = org(&s, &owner).await;
    assert_eq!(now["plan"], "business");
    assert_eq!(now["plan_level"], 200);
    assert_eq!(now["max_spaces"], 1_000);
    assert!(
        plans(&now).iter().all(|(_, plan)| plan == "premium"),
        "{:?}",
        plans(&now)
    );
    let dashboard: Value = s
        .get("/orgs/me/spaces?period=30d", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert!(dashboard["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["plan"] == "premium"));

    // A space added later gets premium; a detached one goes back to its own plan.
    let admin = s.token("admin@acme.test").await;
    let sandbox = s.space_id("Adam's Sandbox").await;
    assert_eq!(
        s.post("/orgs/me/spaces", Some(&admin), json!({ "space_id": sandbox }))
            .await
            .status(),
        StatusCode::CREATED
    );
    assert!(plans(&org(&s, &owner).await).contains(&("Adam's Sandbox".into(), "premium".into())));
    assert_eq!(
        s.delete(&format!("/orgs/me/spaces/{sandbox}"), Some(&admin))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let personal: Value = s.get("/me/personal-spaces", Some(&admin)).await.json().await.unwrap();
    let own_plan: String = sqlx::query_scalar("SELECT plan FROM spaces WHERE id = $1")
        .bind(sandbox)
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_eq!(own_plan, "starter", "its own plan was never overwritten");
    assert!(personal.to_string().contains("Adam's Sandbox"));

    // Cancelled: premium until the period ends, then the free plan.
    let cancelled: Value = s
        .delete("/orgs/me/subscription", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cancelled["status"], "canceling");
    assert!(plans(&org(&s, &owner).await).iter().all(|(_, plan)| plan == "premium"));
    end_period(&s).await;
    let after = org(&s, &owner).await;
    assert_eq!(after["plan"], "free");
    assert_eq!(after["plan_level"], 0);
    assert_eq!(plans(&after), plans(&before), "every space shows its own plan again");
    let view: Value = s.get("/orgs/me/subscription", Some(&owner)).await.json().await.unwrap();
    assert_eq!(view["tier"], Value::Null);
    assert_eq!(invoices(&s, &owner).await.len(), 1, "no invoice after a cancellation");
    assert_eq!(view["billing_open"], true, "past invoices stay readable");
}

#[tokio::test]
async fn invoices_are_exact_taxed_by_country_and_paid_once_a_card_is_on_file() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let saved: Value = s
        .put("/orgs/me/payment", Some(&owner), card("4242 4242 4242 4242"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved["last4"], "4242");
    subscribe(&s, &owner, "team").await;
    let first = &invoices(&s, &owner).await[0];
    assert_eq!(first["amount_cents"], 9_900);
    assert_eq!(
        first["tax_rate_basis_points"], 1_900,
        "German VAT before billing information exists"
    );
    assert_eq!(first["tax_cents"], 1_881);
    assert_eq!(first["total_cents"], 11_781);
    assert_eq!(first["status"], "paid", "charged at once");

    let billing: Value = serde_json::from_str(BILLING).unwrap();
    let mut dutch = billing.clone();
    dutch["country"] = json!("NL");
    dutch["vat_id"] = json!("NL123456789B01");
    assert_eq!(
        s.put("/orgs/me/billing", Some(&owner), dutch).await.status(),
        StatusCode::OK
    );

    // An upgrade on the period's first day costs the whole difference, at once; the renewal is
    // billed at the new price.
    subscribe(&s, &owner, "enterprise").await;
    let upgrade = &invoices(&s, &owner).await[0];
    assert_eq!(upgrade["amount_cents"], 149_900 - 9_900);
    assert_eq!(upgrade["status"], "paid");
    end_period(&s).await;
    let list = invoices(&s, &owner).await;
    assert_eq!(list.len(), 3);
    let renewal = &list[0];
    assert_eq!(renewal["tier"], "enterprise");
    assert_eq!(renewal["amount_cents"], 149_900);
    assert_eq!(renewal["tax_rate_basis_points"], 2_100);
    assert_eq!(renewal["tax_cents"], 31_479);
    assert_eq!(renewal["total_cents"], 181_379);
    assert_eq!(renewal["status"], "paid");
    assert_eq!(renewal["billed_to"]["country"], "NL");
    assert_ne!(renewal["number"], list[1]["number"]);
    assert_ne!(list[1]["number"], list[2]["number"]);

    let id = renewal["id"].as_i64().unwrap();
    let detail: Value = s
        .get(&format!("/orgs/me/invoices/{id}"), Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(&detail, renewal);
    let document = s.get(&format!("/orgs/me/invoices/{id}/document"), Some(&owner)).await;
    assert_eq!(document.status(), StatusCode::OK);
    assert!(document.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(document.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let html = document.text().await.unwrap();
    assert!(html.contains(renewal["number"].as_str().unwrap()));
    assert!(
        html.contains("€1,813.79") && html.contains("€314.79") && html.contains("21.00 %"),
        "{html}"
    );
}

#[tokio::test]
async fn billing_information_is_validated_at_each_field() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let valid: Value = serde_json::from_str(BILLING).unwrap();
    for (field, value) in [
        ("company", json!("  ")),
        ("address_line1", json!("")),
        ("postal_code", json!("")),
        ("city", json!("")),
        ("country", json!("ZZ")),
        ("email", json!("billing-at-acme")),
        ("vat_id", json!("DE12")),
        ("vat_id", json!("FR12345678901")),
    ] {
        let mut body = valid.clone();
        body[field] = value;
        expect_invalid_at(s.put("/orgs/me/billing", Some(&owner), body).await, field).await;
    }
    assert_eq!(
        s.get("/orgs/me/billing", Some(&owner))
            .await
            .json::<Value>()
            .await
            .unwrap(),
        Value::Null,
        "nothing half-saved"
    );
    let mut spaced = valid.clone();
    spaced["vat_id"] = json!("de 123.456.789");
    let saved: Value = s
        .put("/orgs/me/billing", Some(&owner), spaced)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved["vat_id"], "DE123456789");
    assert_eq!(
        s.get("/orgs/me/billing", Some(&owner))
            .await
            .json::<Value>()
            .await
            .unwrap(),
        saved
    );
}

/// Every text and number stored anywhere in the database, as one string.
async fn whole_database(s: &TestServer) -> String {
    let mut all = String::new();
    if crate::common::on_postgres() {
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'")
                .fetch_all(&s.sql)
                .await
                .unwrap();
        for table in tables {
            let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT row_to_json(t)::text FROM \"{table}\" t"))
                .fetch_all(&s.sql)
                .await
                .unwrap();
            all.push_str(&rows.join("\n"));
        }
        return all;
    }
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
        .fetch_all(&s.sql)
        .await
        .unwrap();
    for table in tables {
        let columns: Vec<String> = sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .fetch_all(&s.sql)
            .await
            .unwrap();
        let quoted: Vec<String> = columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
        let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT {} FROM \"{table}\"", quoted.join(" || '|' || ")))
            .fetch_all(&s.sql)
            .await
            .unwrap_or_default();
        all.push_str(&rows.join("\n"));
    }
    all
}

#[tokio::test]
async fn cards_must_pass_luhn_and_be_current_and_only_brand_last_four_and_expiry_are_kept() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let mut expired = card("4242424242424242");
    expired["exp_year"] = json!(2020);
    for (body, field) in [
        (card("4242424242424241"), "number"),
        (card("1234"), "number"),
        (expired, "exp_year"),
        (
            json!({ "holder": "O", "number": "4242424242424242", "exp_month": 13, "exp_year": 2031, "cvc": "123" }),
            "exp_month",
        ),
        (
            json!({ "holder": "O", "number": "4242424242424242", "exp_month": 1, "exp_year": 2031, "cvc": "12" }),
            "cvc",
        ),
    ] {
        expect_invalid_at(s.put("/orgs/me/payment", Some(&owner), body).await, field).await;
    }
    assert_eq!(
        s.get("/orgs/me/payment", Some(&owner))
            .await
            .json::<Value>()
            .await
            .unwrap(),
        Value::Null
    );

    // A declined card is kept (it is valid), and it declines the first payment: nothing starts.
    let declined: Value = s
        .put("/orgs/me/payment", Some(&owner), card("4000000000000002"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(declined["last4"], "0002");
    expect_error(
        s.put("/orgs/me/subscription", Some(&owner), json!({ "tier": "team" }))
            .await,
        StatusCode::PAYMENT_REQUIRED,
        "card_declined",
    )
    .await;
    assert_eq!(invoices(&s, &owner).await[0]["status"], "void");

    let kept: Value = s
        .put("/orgs/me/payment", Some(&owner), card("5555 5555 5555 4444"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        kept,
        json!({ "brand": "Mastercard", "last4": "4444", "exp_month": 12, "exp_year": 2031, "holder": "Olivia Owens" })
    );
    assert_eq!(
        s.get("/orgs/me/payment", Some(&owner))
            .await
            .json::<Value>()
            .await
            .unwrap(),
        kept
    );
    subscribe(&s, &owner, "team").await;
    assert_eq!(invoices(&s, &owner).await[0]["status"], "paid");

    let stored = whole_database(&s).await;
    assert!(stored.contains("4444"), "the scan sees the card table");
    for secret in ["5555555555554444", "5555 5555 5555 4444", "4000000000000002", "'123'"] {
        assert!(!stored.contains(secret), "the database holds {secret}");
    }
}

#[tokio::test]
async fn a_tier_too_small_for_the_organization_is_refused() {
    let s = crate::common::server_seeded(org_area_server::Seed::DemoLarge).await;
    let owner = s.token("owner@acme.test").await;
    // 250 spaces and 10,000 people fit Team; pretend the organization outgrew it.
    sqlx::query("UPDATE orgs SET max_spaces = 400 WHERE slug = 'acme-studio'")
        .execute(&s.sql)
        .await
        .unwrap();
    let extra: i64 = 60;
    for i in 0..extra {
        sqlx::query("INSERT INTO spaces (name, owner_id, org_id, created_at) SELECT 'Extra ' || $1, id, (SELECT id FROM orgs WHERE slug = 'acme-studio'), '2026-01-01' FROM users WHERE email = 'owner@acme.test'")
            .bind(i)
            .execute(&s.sql)
            .await
            .unwrap();
    }
    let error = expect_error(
        s.put("/orgs/me/subscription", Some(&owner), json!({ "tier": "team" }))
            .await,
        StatusCode::CONFLICT,
        "over_limit",
    )
    .await;
    assert!(error["message"].as_str().unwrap().contains("310"), "{error}");
    subscribe(&s, &owner, "business").await;
}

#[tokio::test]
async fn the_free_traffic_allowance_follows_the_tier() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let included = |stats: Value| stats["free_traffic"]["included_bytes"].as_i64().unwrap();
    let stats = || async {
        s.get("/orgs/me/statistics", Some(&owner))
            .await
            .json::<Value>()
            .await
            .unwrap()
    };
    const TB: i64 = 1_000_000_000_000;
    assert_eq!(included(stats().await), TB, "the free terabyte");
    subscribe(&s, &owner, "business").await;
    assert_eq!(included(stats().await), 3 * TB, "Business includes 3 TB");
    subscribe(&s, &owner, "enterprise").await;
    assert_eq!(included(stats().await), 10 * TB);
    // Cancelled: the tier's allowance until the paid period ends, then the free terabyte.
    s.delete("/orgs/me/subscription", Some(&owner)).await;
    assert_eq!(included(stats().await), 10 * TB);
    end_period(&s).await;
    assert_eq!(included(stats().await), TB);
}
