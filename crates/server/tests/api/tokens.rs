//! Personal access tokens: made with the current password, shown once, kept hashed; each scope
//! refused by name where it is missing; revoked, expired, a lost role or a removal ends a token at
//! once; changes made with one are activities that name it.

use crate::common::{expect_error, expect_invalid_at, server, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A token of `email`'s with these scopes.
async fn make(s: &TestServer, email: &str, scopes: &[&str]) -> (String, i64) {
    let session = s.token(email).await;
    let made = s
        .post(
            "/me/tokens",
            Some(&session),
            json!({ "name": "CI deploy", "expires_in_days": 90, "scopes": scopes, "password": "demo-password" }),
        )
        .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    let token = made["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("oat_"), "{token}");
    (token, made["summary"]["id"].as_i64().unwrap())
}

/// A request with the token bare in `Authorization`, as Storyblok's clients send it.
async fn get_bare(s: &TestServer, path: &str, token: &str) -> reqwest::Response {
    s.client
        .get(s.url(path))
        .header("Authorization", token)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_is_shown_once_kept_hashed_and_works_bare_or_as_bearer() {
    let s = server().await;
    let (token, id) = make(&s, "admin@acme.test", &["read"]).await;
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM access_tokens WHERE id = $1")
        .bind(id)
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_ne!(stored, token);
    assert!(!stored.contains(&token[4..]));
    assert_eq!(get_bare(&s, "/orgs/me", &token).await.status(), StatusCode::OK);
    assert_eq!(s.get("/orgs/me/users", Some(&token)).await.status(), StatusCode::OK);
    // The list shows it, with its last use, never the token.
    let session = s.token("admin@acme.test").await;
    let list: Value = s.get("/me/tokens", Some(&session)).await.json().await.unwrap();
    assert_eq!(list["tokens"][0]["name"], "CI deploy");
    assert_eq!(list["tokens"][0]["scopes"], json!(["read"]));
    assert!(list["tokens"][0]["last_used_at"].is_string(), "{list}");
    assert!(!list.to_string().contains(&token));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn making_a_token_needs_the_current_password_and_a_valid_request() {
    let s = server().await;
    let session = s.token("admin@acme.test").await;
    let request = |password: &str, scopes: Value| json!({ "name": "CI", "expires_in_days": 30, "scopes": scopes, "password": password });
    let wrong = s
        .post("/me/tokens", Some(&session), request("not-it", json!(["read"])))
        .await;
    expect_error(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let no_scope = s
        .post("/me/tokens", Some(&session), request("demo-password", json!([])))
        .await;
    expect_invalid_at(no_scope, "scopes").await;
    let odd = json!({ "name": "CI", "expires_in_days": 7, "scopes": ["read"], "password": "demo-password" });
    expect_invalid_at(s.post("/me/tokens", Some(&session), odd).await, "expires_in_days").await;
    // A token cannot make a token.
    let (token, _) = make(&s, "admin@acme.test", &["read", "users", "spaces", "settings"]).await;
    let by_token = s
        .post("/me/tokens", Some(&token), request("demo-password", json!(["read"])))
        .await;
    expect_error(by_token, StatusCode::FORBIDDEN, "not_by_token").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_missing_scope_is_refused_by_name() {
    let s = server().await;
    let (read_only, _) = make(&s, "owner@acme.test", &["read"]).await;
    let jonas = s.user_id("jonas@acme.test").await;
    let cases = [
        s.client
            .patch(s.url(&format!("/orgs/me/users/{jonas}")))
            .bearer_auth(&read_only)
            .json(&json!({ "org_role": "member" }))
            .send()
            .await
            .unwrap(),
        s.post(
            "/orgs/me/invitations",
            Some(&read_only),
            json!({ "emails": ["x@acme.test"], "org_role": "member" }),
        )
        .await,
        s.delete(
            &format!("/orgs/me/spaces/{}", s.space_id("Marketing Website").await),
            Some(&read_only),
        )
        .await,
        s.get("/orgs/me/settings", Some(&read_only)).await,
    ];
    let expected = ["users", "users", "spaces", "settings"];
    for (response, scope) in cases.into_iter().zip(expected) {
        let error = expect_error(response, StatusCode::FORBIDDEN, "missing_scope").await;
        assert!(error["message"].as_str().unwrap().contains(scope), "{error}");
    }
    let (users_only, _) = make(&s, "owner@acme.test", &["users"]).await;
    expect_error(
        s.get("/orgs/me", Some(&users_only)).await,
        StatusCode::FORBIDDEN,
        "missing_scope",
    )
    .await;
    // No scope reaches the subscription, billing, one's account, sessions, tokens or webhooks.
    let (all, _) = make(&s, "owner@acme.test", &["read", "users", "spaces", "settings"]).await;
    for path in [
        "/orgs/me/subscription",
        "/orgs/me/billing",
        "/me/account",
        "/me/sessions",
        "/me/tokens",
        "/orgs/me/tokens",
        "/orgs/me/webhooks",
        "/orgs/me/invoices",
    ] {
        let response = s.get(path, Some(&all)).await;
        expect_error(response, StatusCode::FORBIDDEN, "not_by_token").await;
    }
    // Settings, yes; Security & Access, never.
    let settings: Value = s.get("/orgs/me/settings", Some(&all)).await.json().await.unwrap();
    let mut update = json!({
        "version": settings["version"], "name": "Acme by script", "branding": settings["branding"],
        "embed": settings["embed"], "access": settings["access"],
    });
    let saved = s.put("/orgs/me/settings", Some(&all), update.clone()).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Value = saved.json().await.unwrap();
    update["version"] = saved["version"].clone();
    update["access"]["require_two_factor"] = json!(true);
    let security = s.put("/orgs/me/settings", Some(&all), update).await;
    expect_error(security, StatusCode::FORBIDDEN, "not_by_token").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_made_with_a_token_are_the_persons_and_name_the_token() {
    let s = server().await;
    let (token, id) = make(&s, "owner@acme.test", &["read", "users"]).await;
    let jonas = s.user_id("jonas@acme.test").await;
    let changed = s
        .client
        .patch(s.url(&format!("/orgs/me/users/{jonas}")))
        .header("Authorization", &token)
        .json(&json!({ "org_role": "member" }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    let page: Value = s
        .get("/orgs/me/activities?keys=org_user.update", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let activity = &page["activities"][0];
    assert_eq!(activity["owner_id"], s.user_id("owner@acme.test").await);
    assert_eq!(activity["access_token"], format!("CI deploy #{id}"));
    assert!(!activity.to_string().contains(&token));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoked_expired_demoted_and_removed_tokens_stop_at_once() {
    let s = server().await;
    // Revoked by its owner.
    let (token, id) = make(&s, "admin@acme.test", &["read"]).await;
    let session = s.token("admin@acme.test").await;
    assert_eq!(
        s.delete(&format!("/me/tokens/{id}"), Some(&session)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(s.get("/orgs/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
    // Revoked by another admin from Security & Access, who sees every token.
    let (token, id) = make(&s, "admin@acme.test", &["read"]).await;
    let owner = s.token("owner@acme.test").await;
    let all: Value = s.get("/orgs/me/tokens", Some(&owner)).await.json().await.unwrap();
    assert!(all["tokens"].as_array().unwrap().iter().any(|t| t["id"] == id));
    let member = s.token("member@acme.test").await;
    expect_error(
        s.get("/orgs/me/tokens", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_eq!(
        s.delete(&format!("/orgs/me/tokens/{id}"), Some(&owner)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(s.get("/orgs/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
    // Expired.
    let (token, id) = make(&s, "admin@acme.test", &["read"]).await;
    sqlx::query("UPDATE access_tokens SET expires_at = created_at WHERE id = $1")
        .bind(id)
        .execute(&s.sql)
        .await
        .unwrap();
    assert_eq!(s.get("/orgs/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
    // Its person loses the role: the token stops, and getting the role back does not revive it.
    let (token, _) = make(&s, "admin@acme.test", &["read"]).await;
    let admin = s.user_id("admin@acme.test").await;
    let demote = |role: &'static str| {
        s.client
            .patch(s.url(&format!("/orgs/me/users/{admin}")))
            .bearer_auth(&owner)
            .json(&json!({ "org_role": role }))
            .send()
    };
    assert_eq!(demote("member").await.unwrap().status(), StatusCode::OK);
    assert_eq!(s.get("/orgs/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(demote("admin").await.unwrap().status(), StatusCode::OK);
    assert_eq!(s.get("/orgs/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
    // Its person leaves the organization.
    let (token, _) = make(&s, "admin@acme.test", &["read"]).await;
    assert_eq!(
        s.delete(&format!("/orgs/me/users/{admin}"), Some(&owner))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(s.get("/orgs/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organization_caps_how_long_tokens_last() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let settings: Value = s.get("/orgs/me/settings", Some(&owner)).await.json().await.unwrap();
    let mut access = settings["access"].clone();
    access["max_token_days"] = json!(90);
    let update = json!({
        "version": settings["version"], "name": settings["name"], "branding": settings["branding"],
        "embed": settings["embed"], "access": access,
    });
    assert_eq!(
        s.put("/orgs/me/settings", Some(&owner), update).await.status(),
        StatusCode::OK
    );
    let request =
        |days: Value| json!({ "name": "CI", "expires_in_days": days, "scopes": ["read"], "password": "demo-password" });
    let forever = s.post("/me/tokens", Some(&owner), request(Value::Null)).await;
    expect_invalid_at(forever, "expires_in_days").await;
    let year = s.post("/me/tokens", Some(&owner), request(json!(365))).await;
    expect_invalid_at(year, "expires_in_days").await;
    assert_eq!(
        s.post("/me/tokens", Some(&owner), request(json!(90))).await.status(),
        StatusCode::CREATED
    );
}
