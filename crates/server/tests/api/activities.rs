//! The activity log: each recorded action made through the API and read back (actor, target,
//! before and after, never a secret), nothing recorded for a refused or failed change, the
//! filters, who may read it, and that nothing can change it.

use crate::common::{expect_error, server, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The newest activity with `key`, read by the owner.
async fn latest(s: &TestServer, token: &str, key: &str) -> Value {
    let page: Value = s
        .get(&format!("/orgs/me/activities?keys={key}&per_page=1"), Some(token))
        .await
        .json()
        .await
        .unwrap();
    assert!(page["total"].as_i64().unwrap() >= 1, "no {key} recorded: {page}");
    page["activities"][0].clone()
}

async fn count(s: &TestServer, token: &str, query: &str) -> i64 {
    let page: Value = s
        .get(&format!("/orgs/me/activities?{query}"), Some(token))
        .await
        .json()
        .await
        .unwrap();
    page["total"].as_i64().unwrap()
}

async fn patch_role(s: &TestServer, token: &str, user: i64, role: &str) -> reqwest::Response {
    s.client
        .patch(s.url(&format!("/orgs/me/users/{user}")))
        .bearer_auth(token)
        .json(&json!({ "org_role": role }))
        .send()
        .await
        .unwrap()
}

/// Secrets that must never be in a recorded activity.
fn assert_no_secret(activity: &Value, secrets: &[&str]) {
    let text = activity.to_string();
    for secret in secrets {
        assert!(!text.contains(secret), "{secret} leaked into {text}");
    }
}

#[tokio::test]
async fn role_changes_and_removals_name_actor_target_before_and_after() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let owner_id = s.user_id("owner@acme.test").await;
    let carla = s.user_id("carla@bakery.test").await;
    assert_eq!(patch_role(&s, &owner, carla, "admin").await.status(), StatusCode::OK);
    let a = latest(&s, &owner, "org_user.update").await;
    assert_eq!(a["owner_id"], owner_id);
    assert_eq!(a["owner_type"], "User");
    assert_eq!(a["owner_name"], "Olivia Owens");
    assert_eq!(a["trackable_type"], "OrgUser");
    assert_eq!(a["trackable_id"], carla);
    assert_eq!(a["recipient_id"], carla);
    assert_eq!(a["trackable_name"], "Carla Rossi");
    assert_eq!(
        a["parameters"]["org_role"],
        json!({ "before": "member", "after": "admin" })
    );
    assert_eq!(a["ip"], "127.0.0.1");
    assert!(a["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(a["created_at"], a["updated_at"]);

    let david = s.user_id("david@northwind.test").await;
    assert_eq!(
        s.delete(&format!("/orgs/me/users/{david}"), Some(&owner))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let removed = latest(&s, &owner, "org_user.destroy").await;
    assert_eq!(removed["trackable_name"], "David Kim");
    assert_eq!(removed["parameters"]["org_role"], "member");
    assert_eq!(removed["parameters"]["spaces_left"], 2, "Product Docs and Help Center");
}

#[tokio::test]
async fn a_refused_or_failed_change_records_nothing() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let owner = s.token("owner@acme.test").await;
    let before = count(&s, &owner, "types=OrgUser,Invitation,Settings,Space").await;
    let owner_id = s.user_id("owner@acme.test").await;
    let admin_id = s.user_id("admin@acme.test").await;
    // Refused by the rules: an admin touching ownership, anyone changing themselves.
    assert_eq!(
        patch_role(&s, &admin, owner_id, "member").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        patch_role(&s, &admin, admin_id, "member").await.status(),
        StatusCode::CONFLICT
    );
    // Refused by validation and by a stale version.
    let settings: Value = s.get("/orgs/me/settings", Some(&admin)).await.json().await.unwrap();
    let mut update = json!({ "version": settings["version"], "name": "", "branding": settings["branding"],
        "embed": settings["embed"], "access": settings["access"] });
    assert_eq!(
        s.put("/orgs/me/settings", Some(&admin), update.clone()).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    update["name"] = json!("Acme Renamed");
    update["version"] = json!(0);
    assert_eq!(
        s.put("/orgs/me/settings", Some(&admin), update).await.status(),
        StatusCode::CONFLICT
    );
    // An invitation to someone already in the organization.
    let taken = s
        .post(
            "/orgs/me/invitations",
            Some(&admin),
            json!({ "emails": ["lena@acme.test"], "org_role": "member" }),
        )
        .await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    // Detaching a space of another organization.
    let globex_space = s.space_id("Globex Intranet").await;
    assert_eq!(
        s.delete(&format!("/orgs/me/spaces/{globex_space}"), Some(&admin))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        count(&s, &owner, "types=OrgUser,Invitation,Settings,Space").await,
        before
    );
}

#[tokio::test]
async fn invitations_are_recorded_when_sent_resent_revoked_and_accepted_without_their_codes() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let issued: Value = s
        .post(
            "/orgs/me/invitations",
            Some(&admin),
            json!({ "emails": ["new@example.com", "other@example.com"], "org_role": "member" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let code = s.secret_in_mail("new@example.com", "code", 1).await;
    let created = latest(&s, &admin, "invitation.create").await;
    assert_eq!(created["parameters"]["org_role"], "member");
    assert_eq!(count(&s, &admin, "keys=invitation.create").await, 2);

    let other_id = issued["invitations"][1]["id"].as_i64().unwrap();
    s.post(
        &format!("/orgs/me/invitations/{other_id}/resend"),
        Some(&admin),
        json!({}),
    )
    .await;
    let resent_code = s.secret_in_mail("other@example.com", "code", 2).await;
    let resend = latest(&s, &admin, "invitation.resend").await;
    assert_eq!(resend["trackable_id"], other_id);
    s.delete(&format!("/orgs/me/invitations/{other_id}"), Some(&admin))
        .await;
    let revoke = latest(&s, &admin, "invitation.revoke").await;
    assert_eq!(revoke["trackable_name"], "other@example.com");

    let accepted: Value = s
        .post(
            "/invitations/accept",
            None,
            json!({ "code": code, "password": "a long enough password" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let newcomer = accepted["me"]["user"]["id"].as_i64().unwrap();
    let accept = latest(&s, &admin, "invitation.accept").await;
    assert_eq!(accept["owner_id"], newcomer, "the invitee acted");
    assert_eq!(accept["parameters"]["email"], "new@example.com");
    for key in [
        "invitation.create",
        "invitation.resend",
        "invitation.revoke",
        "invitation.accept",
    ] {
        let a = latest(&s, &admin, key).await;
        assert_no_secret(&a, &[&code, &resent_code, "a long enough password"]);
    }
}

#[tokio::test]
async fn spaces_and_collaborators_are_recorded_with_their_space() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let sandbox = s.space_id("Olivia's Playground").await;
    let added = s
        .post("/orgs/me/spaces", Some(&owner), json!({ "space_id": sandbox }))
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let add = latest(&s, &owner, "space.add").await;
    assert_eq!(
        (add["space_id"].clone(), add["trackable_name"].clone()),
        (json!(sandbox), json!("Olivia's Playground"))
    );

    let lena = s.user_id("lena@acme.test").await;
    let put = |role: &'static str| {
        let s = &s;
        let owner = owner.clone();
        async move {
            s.put(
                &format!("/orgs/me/spaces/{sandbox}/collaborators/{lena}"),
                Some(&owner),
                json!({ "role": role }),
            )
            .await
            .status()
        }
    };
    assert_eq!(put("editor").await, StatusCode::OK);
    assert_eq!(put("viewer").await, StatusCode::OK);
    let created = latest(&s, &owner, "collaborator.create").await;
    assert_eq!(
        created["parameters"]["role"],
        json!({ "before": null, "after": "editor" })
    );
    let updated = latest(&s, &owner, "collaborator.update").await;
    assert_eq!(
        updated["parameters"]["role"],
        json!({ "before": "editor", "after": "viewer" })
    );
    assert_eq!(updated["recipient_id"], lena);
    s.delete(&format!("/orgs/me/spaces/{sandbox}/collaborators/{lena}"), Some(&owner))
        .await;
    let removed = latest(&s, &owner, "collaborator.destroy").await;
    assert_eq!(removed["parameters"]["collaborator"], "Lena Fischer");

    assert_eq!(
        s.delete(&format!("/orgs/me/spaces/{sandbox}"), Some(&owner))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(latest(&s, &owner, "space.detach").await["space_id"], sandbox);
    assert_eq!(count(&s, &owner, &format!("space_id={sandbox}")).await, 5);
}

#[tokio::test]
async fn settings_changes_are_recorded_field_by_field() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let settings: Value = s.get("/orgs/me/settings", Some(&admin)).await.json().await.unwrap();
    let mut update = json!({ "version": settings["version"], "name": "Acme Labs", "branding": settings["branding"],
        "embed": settings["embed"], "access": settings["access"] });
    update["branding"]["app_name"] = json!("Acme Hub");
    assert_eq!(
        s.put("/orgs/me/settings", Some(&admin), update).await.status(),
        StatusCode::OK
    );
    let a = latest(&s, &admin, "settings.update").await;
    let changes = a["parameters"]["changes"].as_array().unwrap();
    assert!(changes.contains(&json!({ "field": "name", "before": "Acme Studio", "after": "Acme Labs" })));
    assert!(changes.contains(&json!({ "field": "branding.app_name", "before": "", "after": "Acme Hub" })));
    assert_eq!(changes.len(), 2, "only what changed: {changes:?}");

    let logo = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/logo.png")).unwrap();
    let uploaded = s.put_bytes("/orgs/me/settings/logo", &admin, "image/png", logo).await;
    assert_eq!(uploaded.status(), StatusCode::OK);
    let image = latest(&s, &admin, "settings.update").await;
    assert_eq!(image["parameters"]["changes"][0]["field"], "logo");
    assert_eq!(image["parameters"]["changes"][0]["before"], Value::Null);
    assert_eq!(image["parameters"]["changes"][0]["after"]["content_type"], "image/png");
}

fn card(number: &str) -> Value {
    json!({ "holder": "Olivia Owens", "number": number, "exp_month": 12, "exp_year": 2031, "cvc": "987" })
}

#[tokio::test]
async fn subscription_billing_and_payment_are_recorded_with_the_card_as_brand_and_last_four() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let saved = s
        .put("/orgs/me/payment", Some(&owner), card("4242 4242 4242 4242"))
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let payment = latest(&s, &owner, "payment.update").await;
    assert_eq!(
        payment["parameters"]["after"],
        json!({ "brand": "Visa", "last4": "4242", "exp_month": 12, "exp_year": 2031 })
    );
    s.put("/orgs/me/subscription", Some(&owner), json!({ "tier": "team" }))
        .await;
    assert_eq!(
        latest(&s, &owner, "subscription.create").await["parameters"]["tier"],
        "team"
    );
    let paid = latest(&s, &owner, "invoice.pay").await;
    assert_eq!(paid["parameters"]["card"]["last4"], "4242");
    s.put("/orgs/me/subscription", Some(&owner), json!({ "tier": "business" }))
        .await;
    assert_eq!(
        latest(&s, &owner, "subscription.update").await["parameters"]["tier"],
        json!({ "before": "team", "after": "business" })
    );
    s.delete("/orgs/me/subscription", Some(&owner)).await;
    latest(&s, &owner, "subscription.cancel").await;
    s.post("/orgs/me/subscription/resume", Some(&owner), json!({})).await;
    latest(&s, &owner, "subscription.resume").await;

    let billing = json!({"company":"Acme Studio GmbH","address_line1":"Hauptstraße 1","address_line2":"",
        "postal_code":"10115","city":"Berlin","country":"DE","vat_id":"DE123456789","email":"billing@acme.test"});
    s.put("/orgs/me/billing", Some(&owner), billing).await;
    assert_eq!(
        latest(&s, &owner, "billing.update").await["parameters"]["after"]["company"],
        "Acme Studio GmbH"
    );

    s.put("/orgs/me/payment", Some(&owner), card("4000000000000002")).await;
    let all: Value = s
        .get(
            "/orgs/me/activities?types=PaymentMethod,Invoice&per_page=100",
            Some(&owner),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_no_secret(
        &all,
        &["4242424242424242", "4242 4242 4242 4242", "4000000000000002", "987"],
    );

    // A renewal is the server's own doing: recorded without a person.
    s.let_months_pass(1).await;
    s.run_scheduler().await;
    let renewal = latest(&s, &owner, "subscription.renew").await;
    assert_eq!(renewal["owner_id"], Value::Null);
    assert_eq!(renewal["parameters"]["tier"], "business");
    let declined = latest(&s, &owner, "invoice.decline").await;
    assert_eq!(declined["parameters"]["card"]["last4"], "0002");
}

#[tokio::test]
async fn sign_ins_succeeding_and_failing_are_recorded_in_the_persons_organization() {
    let s = server().await;
    let lena_id = s.user_id("lena@acme.test").await;
    assert_eq!(
        s.login_response("lena@acme.test", "wrong password").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let lena = s.token("lena@acme.test").await;
    let failed = latest(&s, &lena, "session.fail").await;
    assert_eq!(failed["owner_id"], Value::Null, "whoever typed it is not known");
    assert_eq!(failed["recipient_id"], lena_id);
    assert_no_secret(&failed, &["wrong password"]);
    let created = latest(&s, &lena, "session.create").await;
    assert_eq!(created["owner_id"], lena_id);
    s.post_empty("/auth/logout", Some(&lena)).await;
    let owner = s.token("owner@acme.test").await;
    assert_eq!(latest(&s, &owner, "session.destroy").await["owner_id"], lena_id);
    // Another organization's people sign in elsewhere.
    s.token("admin@globex.test").await;
    assert_eq!(count(&s, &owner, "keys=session.create").await, 2);
}

#[tokio::test]
async fn members_get_403_and_another_organization_sees_none() {
    let s = server().await;
    let member = s.token("member@acme.test").await;
    expect_error(
        s.get("/orgs/me/activities", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_error(
        s.get("/orgs/me/activities/export", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let owner = s.token("owner@acme.test").await;
    let carla = s.user_id("carla@bakery.test").await;
    patch_role(&s, &owner, carla, "admin").await;
    let globex = s.token("admin@globex.test").await;
    let seen: Value = s
        .get("/orgs/me/activities?per_page=100", Some(&globex))
        .await
        .json()
        .await
        .unwrap();
    let text = seen.to_string();
    assert!(!text.contains("Carla") && !text.contains("Olivia"), "{text}");
    assert!(seen["activities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["key"] == "session.create"));
}

#[tokio::test]
async fn filters_paging_and_snapshot_follow_storyblok_and_stay_stable() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let admin = s.token("admin@acme.test").await;
    let owner_id = s.user_id("owner@acme.test").await;
    for email in ["carla@bakery.test", "erin@contoso.test", "david@northwind.test"] {
        let id = s.user_id(email).await;
        patch_role(&s, &admin, id, "admin").await;
    }
    let carla = s.user_id("carla@bakery.test").await;
    patch_role(&s, &owner, carla, "member").await;

    assert_eq!(count(&s, &owner, "types=OrgUser").await, 4);
    assert_eq!(
        count(&s, &owner, &format!("types=OrgUser&by_owner_ids={owner_id}")).await,
        1
    );
    assert_eq!(count(&s, &owner, "types=Session,OrgUser").await, 6);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert_eq!(
        count(
            &s,
            &owner,
            &format!("types=OrgUser&created_at_gte={today}&created_at_lte={today}")
        )
        .await,
        4
    );
    assert_eq!(count(&s, &owner, "types=OrgUser&created_at_lte=2020-01-01").await, 0);

    let first: Value = s
        .get("/orgs/me/activities?per_page=2", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    let snapshot = first["snapshot"].as_i64().unwrap();
    let second_before: Value = s
        .get(
            &format!("/orgs/me/activities?per_page=2&page=2&snapshot={snapshot}"),
            Some(&owner),
        )
        .await
        .json()
        .await
        .unwrap();
    // New activities arrive; the second page of the listing stays what it was.
    let erin = s.user_id("erin@contoso.test").await;
    patch_role(&s, &owner, erin, "member").await;
    let second_after: Value = s
        .get(
            &format!("/orgs/me/activities?per_page=2&page=2&snapshot={snapshot}"),
            Some(&owner),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second_before["activities"], second_after["activities"]);
    assert_eq!(second_before["total"], second_after["total"]);

    let response = s.get("/orgs/me/activities?per_page=2", Some(&owner)).await;
    assert_eq!(response.headers()["per-page"], "2");
    let total: i64 = response.headers()["total"].to_str().unwrap().parse().unwrap();
    assert_eq!(total, first["total"].as_i64().unwrap() + 1);

    for (query, field) in [
        ("types=Story", "types"),
        ("by_owner_ids=x", "by_owner_ids"),
        ("created_at_gte=yesterday", "created_at_gte"),
        ("keys=org_user.delete", "keys"),
    ] {
        crate::common::expect_invalid_at(
            s.get(&format!("/orgs/me/activities?{query}"), Some(&owner)).await,
            field,
        )
        .await;
    }
}

#[tokio::test]
async fn exports_hold_the_filtered_set_as_csv_and_json() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let carla = s.user_id("carla@bakery.test").await;
    patch_role(&s, &owner, carla, "admin").await;
    let csv = s.get("/orgs/me/activities/export?types=OrgUser", Some(&owner)).await;
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("org_user.update") && text.contains("Carla Rossi"));
    let json: Value = s
        .get("/orgs/me/activities/export?format=json", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2, "a sign-in and the role change");
    crate::common::expect_invalid_at(
        s.get("/orgs/me/activities/export?format=xml", Some(&owner)).await,
        "format",
    )
    .await;
}

#[tokio::test]
async fn long_exports_are_sent_in_chunks_and_stay_whole() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    // 2,500 more: the export crosses two chunk boundaries.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
         INSERT INTO activities (org_id, key, trackable_type, owner_id, owner_name, parameters, created_at)
         SELECT o.id, 'space.add', 'Space', 1, 'Olivia Owens', '{}', '2026-01-01T00:00:00.000Z'
         FROM n, orgs o WHERE o.slug = 'acme-studio'",
    )
    .execute(&s.sql)
    .await
    .unwrap();
    let json: Value = s
        .get("/orgs/me/activities/export?format=json", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<i64> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 2501, "the sign-in and the 2,500");
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first, none twice");
    let csv = s
        .get("/orgs/me/activities/export", Some(&owner))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 2502, "a header and a row each");
    assert_eq!(csv.lines().filter(|l| l.starts_with("id,")).count(), 1, "one header");
}

#[tokio::test]
async fn nothing_changes_an_activity_and_retention_removes_only_the_old() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let carla = s.user_id("carla@bakery.test").await;
    patch_role(&s, &owner, carla, "admin").await;
    let id = latest(&s, &owner, "org_user.update").await["id"].as_i64().unwrap();
    // No endpoint edits or deletes one; the database refuses an update outright.
    assert_eq!(
        s.delete(&format!("/orgs/me/activities/{id}"), Some(&owner))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let updated = sqlx::query("UPDATE activities SET key = 'x' WHERE id = $1")
        .bind(id)
        .execute(&s.sql)
        .await;
    assert!(updated.is_err(), "activities are append-only");

    // Older than the retention period (at least 30 days): gone after the scheduler's round.
    sqlx::query("INSERT INTO activities (org_id, key, trackable_type, parameters, created_at)
                 SELECT org_id, key, trackable_type, parameters, '2020-01-01T00:00:00.000Z' FROM activities WHERE id = $1")
        .bind(id)
        .execute(&s.sql)
        .await
        .unwrap();
    let before = count(&s, &owner, "keys=org_user.update").await;
    assert_eq!(before, 2);
    s.run_scheduler().await;
    assert_eq!(count(&s, &owner, "keys=org_user.update").await, 1);
}
