//! Changes to an account's security need proof that it is the person, and the account hears of
//! each by mail: someone holding a stolen session can neither enrol their own authenticator
//! silently nor change the password unseen.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{expect_error, now, server, set_up_two_factor, TestServer};

/// The subjects of the mails `email` received, oldest first, once there are `at_least`.
async fn subjects(s: &TestServer, email: &str, at_least: usize) -> Vec<String> {
    s.mails_to(email, at_least)
        .await
        .iter()
        .filter_map(|mail| {
            mail.lines()
                .find_map(|line| line.strip_prefix("Subject: "))
                .map(String::from)
        })
        .collect()
}

#[tokio::test]
async fn setting_up_two_factor_needs_the_current_password() {
    let s = server().await;
    let token = s.token("jonas@acme.test").await;
    let wrong = s
        .post(
            "/me/two-factor/setup",
            Some(&token),
            json!({ "password": "a-stolen-session" }),
        )
        .await;
    let error = expect_error(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    assert_eq!(error["field"], "password");
    let missing = s.post("/me/two-factor/setup", Some(&token), json!({})).await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let account: Value = s.get("/me/account", Some(&token)).await.json().await.unwrap();
    assert_eq!(account["two_factor_enabled"], false);
    // The right one starts it (the helper sends it, and finishes the set-up).
    set_up_two_factor(&s, &token).await;
}

#[tokio::test]
async fn each_change_to_an_accounts_security_is_mailed_to_it() {
    let s = server().await;
    let email = "jonas@acme.test";
    let token = s.token(email).await;
    let (app, recovery) = set_up_two_factor(&s, &token).await;
    let turned_off = s
        .client
        .delete(s.url("/me/two-factor"))
        .bearer_auth(&token)
        .json(&json!({ "password": "demo-password", "code": recovery[0] }))
        .send()
        .await
        .unwrap();
    assert_eq!(turned_off.status(), StatusCode::NO_CONTENT);
    let changed = s
        .put(
            "/me/password",
            Some(&token),
            json!({ "current_password": "demo-password", "new_password": "a-longer-passphrase" }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let made = s
        .post(
            "/me/tokens",
            Some(&token),
            json!({ "name": "CI", "expires_in_days": 30, "scopes": ["read"], "password": "a-longer-passphrase" }),
        )
        .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    assert_eq!(
        subjects(&s, email, 4).await,
        [
            "Two-factor sign-in was turned on for your Acme Studio account",
            "Two-factor sign-in was turned off for your Acme Studio account",
            "The password of your Acme Studio account was changed",
            "A personal access token was generated for your Acme Studio account",
        ]
    );
    let mail = s.mails_to(email, 4).await.pop().unwrap();
    assert!(
        mail.contains("/o/acme-studio/account"),
        "the mail leads to the account page:\n{mail}"
    );
    assert!(mail.contains("If it was not you"), "and says what to do:\n{mail}");
    drop(app);
}

#[tokio::test]
async fn a_password_reset_leaves_two_factor_on_and_is_mailed() {
    let s = server().await;
    let email = "jonas@acme.test";
    let token = s.token(email).await;
    let (app, _) = set_up_two_factor(&s, &token).await;
    s.post("/auth/password-reset", None, json!({ "email": email })).await;
    let link = s.secret_in_mail(email, "token", 2).await;
    let reset = s
        .post(
            "/auth/password-reset/confirm",
            None,
            json!({ "token": link, "password": "a-new-long-passphrase" }),
        )
        .await;
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    let subjects = subjects(&s, email, 3).await;
    assert_eq!(
        subjects.last().map(String::as_str),
        Some("The password of your Acme Studio account was reset")
    );
    // The mailbox alone does not open the account: the code is still asked.
    let signed_in: Value = s
        .login_response(email, "a-new-long-passphrase")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(signed_in["next"], "two_factor");
    let opened = s
        .post(
            "/auth/two-factor",
            signed_in["token"].as_str(),
            json!({ "code": app.generate(now() + 30) }),
        )
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
}
