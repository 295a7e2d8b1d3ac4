//! Sign-in, sessions and their revocation against a real server.

use crate::common::{expect_error, server};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn good_sign_in_returns_a_token_and_who_signed_in() {
    let s = server().await;
    let response = s.login_response("Owner@Acme.test ", "demo-password").await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert!(body["token"].as_str().unwrap().len() >= 40, "a long random token");
    assert_eq!(body["me"]["user"]["email"], "owner@acme.test");
    assert_eq!(body["me"]["org"]["name"], "Acme Studio");
    assert_eq!(body["me"]["org"]["org_role"], "owner");

    let me: Value = s.get("/auth/me", body["token"].as_str()).await.json().await.unwrap();
    assert_eq!(me["user"]["friendly_name"], "Olivia Owens");
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let s = server().await;
    let checks = || s.running.state.hasher.checks_started();
    let before = checks();
    let wrong = expect_error(
        s.login_response("owner@acme.test", "nope").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let unknown = expect_error(
        s.login_response("nobody@acme.test", "nope").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_eq!(wrong, unknown, "the answer does not tell which accounts exist");
    assert_eq!(wrong["field"], "password");
    assert_eq!(checks() - before, 2, "nor the work: one password check each");
}

#[tokio::test]
async fn empty_fields_are_refused_at_the_field() {
    let s = server().await;
    let e = expect_error(
        s.login_response("  ", "x").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    assert_eq!(e["field"], "email");
    let e = expect_error(
        s.login_response("owner@acme.test", "").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    assert_eq!(e["field"], "password");
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_even_with_the_right_password_then() {
    let s = server().await;
    for _ in 0..5 {
        expect_error(
            s.login_response("admin@acme.test", "guess").await,
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
        )
        .await;
    }
    let response = s.login_response("admin@acme.test", "demo-password").await;
    let retry_after: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry_after > 0 && retry_after <= 15 * 60);
    expect_error(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}

#[tokio::test]
async fn disabled_accounts_cannot_sign_in() {
    let s = server().await;
    expect_error(
        s.login_response("frank@fabrikam.test", "demo-password").await,
        StatusCode::FORBIDDEN,
        "account_disabled",
    )
    .await;
}

#[tokio::test]
async fn sign_out_revokes_the_session_on_the_server() {
    let s = server().await;
    let token = s.token("admin@acme.test").await;
    let other = s.token("admin@acme.test").await;
    assert_eq!(s.get("/orgs/me", Some(&token)).await.status(), StatusCode::OK);

    assert_eq!(
        s.post("/auth/logout", Some(&token), json!({})).await.status(),
        StatusCode::NO_CONTENT
    );
    expect_error(
        s.get("/auth/me", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    expect_error(
        s.get("/orgs/me", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    // Another session of the same person lives on.
    assert_eq!(s.get("/auth/me", Some(&other)).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn missing_forged_and_expired_tokens_are_refused() {
    let s = server().await;
    expect_error(s.get("/auth/me", None).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    expect_error(
        s.get("/auth/me", Some("made-up-token")).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;

    let token = s.token("owner@acme.test").await;
    sqlx::query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'")
        .execute(&s.sql)
        .await
        .unwrap();
    expect_error(
        s.get("/auth/me", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}

#[tokio::test]
async fn only_a_hash_of_the_token_is_stored() {
    let s = server().await;
    let token = s.token("owner@acme.test").await;
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(&s.sql)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);
    assert!(!stored[0].contains(&token));
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'owner@acme.test'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"));
}
