//! Guessing against one account, from as many addresses as an attacker likes: failures in a row
//! lock the factor until the person proves themselves by a mailed link, codes count against the
//! account wherever they come from, and strangers at a person's own address cannot lock them out.
//! Real parallel requests from real client addresses (the loopback range).

use std::collections::HashSet;
use std::net::IpAddr;

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::common::{expect_error, now, server, set_up_two_factor, TestServer};

/// A client whose connections come from `ip` (any 127.x.y.z reaches a server on 127.0.0.1).
fn client_from(ip: &str) -> Client {
    Client::builder()
        .local_address(ip.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

async fn post_from(s: &TestServer, client: &Client, path: &str, token: Option<&str>, body: Value) -> reqwest::Response {
    let mut request = client.post(s.url(path)).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// The right password for `email` from `client`: the answer (for a two-factor account, the
/// session that still owes its code).
async fn password_step(s: &TestServer, client: &Client, email: &str) -> Value {
    post_from(
        s,
        client,
        "/auth/login",
        None,
        json!({ "email": email, "password": "demo-password" }),
    )
    .await
    .json()
    .await
    .unwrap()
}

/// The organization's failed sign-ins, as its admins see them: (reason, factor) of each.
async fn failed_sign_ins(s: &TestServer, token: &str) -> Vec<(String, String)> {
    let page: Value = s
        .get("/orgs/me/activities?keys=session.fail&per_page=100", Some(token))
        .await
        .json()
        .await
        .unwrap();
    page["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let p = &a["parameters"];
            (
                p["reason"].as_str().unwrap_or_default().to_string(),
                p["factor"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

async fn count(s: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).fetch_one(&s.sql).await.unwrap()
}

#[tokio::test]
async fn a_thousand_code_guesses_from_a_hundred_addresses_reach_the_code_check_at_most_ten_times() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let token = s.token("admin@acme.test").await;
    let (app, _) = set_up_two_factor(&s, &token).await;

    // The attacker has the password: one pending session, then guesses at its code from 100
    // addresses, 50 at a time. None of the guesses is a code the app would show now.
    let attacker = client_from("127.0.5.1");
    let first = password_step(&s, &attacker, "admin@acme.test").await;
    assert_eq!(first["next"], "two_factor");
    let pending = first["token"].as_str().unwrap().to_string();
    let right_now: HashSet<String> = (0..8).map(|step| app.generate(now() - 120 + step * 30)).collect();
    let wrong_codes: Vec<String> = (0..1200)
        .map(|i| format!("{:06}", 100_000 + i * 7))
        .filter(|code| !right_now.contains(code))
        .take(1000)
        .collect();
    let clients: Vec<Client> = (0..100).map(|i| client_from(&format!("127.0.6.{}", i + 1))).collect();
    let mut statuses = Vec::new();
    for batch in wrong_codes.chunks(50) {
        let guesses = batch.iter().enumerate().map(|(i, code)| {
            let client = clients[(statuses.len() + i) % clients.len()].clone();
            let request = client
                .post(s.url("/auth/two-factor"))
                .bearer_auth(&pending)
                .json(&json!({ "code": code }));
            async move {
                let response = request.send().await.unwrap();
                let status = response.status();
                let body: Value = response.json().await.unwrap_or_default();
                (status, body["error"]["code"].as_str().unwrap_or_default().to_string())
            }
        });
        statuses.extend(futures_util::future::join_all(guesses).await);
    }
    let checked = statuses.iter().filter(|(_, code)| code == "invalid_code").count();
    let locked = statuses
        .iter()
        .filter(|(_, code)| code == "proof_by_mail_needed")
        .count();
    let throttled = statuses.iter().filter(|(_, code)| code == "rate_limited").count();
    let mut seen = std::collections::BTreeMap::new();
    for (status, code) in &statuses {
        *seen.entry(format!("{status} {code}")).or_insert(0) += 1;
    }
    assert!(
        (1..=10).contains(&checked),
        "{checked} guesses reached the code check: {seen:?}"
    );
    assert_eq!(
        checked + locked + throttled,
        1000,
        "every guess is refused one of three ways"
    );
    assert!(locked > 0, "the lock refuses once ten in a row failed");

    // The admins see each guess that reached the check, and the refusals.
    let failures = failed_sign_ins(&s, &owner).await;
    let wrong = failures.iter().filter(|(reason, _)| reason == "wrong_code").count();
    assert_eq!(wrong, checked, "{failures:?}");
    assert!(failures
        .iter()
        .all(|(_, factor)| factor == "authenticator_code" || factor == "code"));
    assert!(failures
        .iter()
        .any(|(reason, factor)| reason == "locked" && factor == "code"));

    // One mail with one link, however many refusals.
    assert_eq!(count(&s, "SELECT COUNT(*) FROM outbox WHERE kind = 'unlock'").await, 1);
    // (The first mail said two-factor sign-in was turned on.)
    let mail = s.mails_to("admin@acme.test", 2).await.pop().unwrap();
    assert!(mail.contains("Confirm it is you signing in"), "{mail}");
    let unlock = crate::common::secret_in(&mail, "unlock");

    // The person, at home, with the right code: refused without the link.
    // (The next time step's code: this step's was used to set two-factor sign-in up.)
    let right = app.generate(now() + 30);
    let at_home = s
        .login_response("admin@acme.test", "demo-password")
        .await
        .json::<Value>()
        .await
        .unwrap();
    let own_pending = at_home["token"].as_str().unwrap();
    let refused = s
        .post("/auth/two-factor", Some(own_pending), json!({ "code": right }))
        .await;
    assert!(
        matches!(refused.status(), StatusCode::FORBIDDEN | StatusCode::TOO_MANY_REQUESTS),
        "{}",
        refused.status()
    );
    // With the link the right code goes through, and a new token replaces the pending one.
    let opened = s
        .post(
            "/auth/two-factor",
            Some(own_pending),
            json!({ "code": right, "unlock": unlock }),
        )
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
    let opened: Value = opened.json().await.unwrap();
    let signed_in = opened["token"].as_str().unwrap();
    assert_ne!(signed_in, own_pending, "the code earns a new token");
    assert_eq!(s.get("/auth/me", Some(signed_in)).await.status(), StatusCode::OK);
    assert_eq!(
        s.get("/auth/me", Some(own_pending)).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // The count starts afresh, and the link is spent.
    assert_eq!(
        count(&s, "SELECT code_failures FROM users WHERE email = 'admin@acme.test'").await,
        0
    );
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM unlock_links WHERE used_at IS NULL").await,
        0,
        "a success spends the link"
    );
}

#[tokio::test]
async fn the_password_step_alone_does_not_make_an_address_known() {
    let s = server().await;
    let token = s.token("admin@acme.test").await;
    let (app, _) = set_up_two_factor(&s, &token).await;
    let known_at = |ip: &'static str| {
        let sql = s.sql.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM known_clients WHERE client = '{ip}'"))
                .fetch_one(&sql)
                .await
                .unwrap()
        }
    };
    let client = client_from("127.0.7.1");
    let first = password_step(&s, &client, "admin@acme.test").await;
    let pending = first["token"].as_str().unwrap();
    // A session owing its code lives five minutes, not a working day.
    let expires = chrono::DateTime::parse_from_rfc3339(first["expires_at"].as_str().unwrap()).unwrap();
    let left = expires.timestamp() - now() as i64;
    assert!((240..=300).contains(&left), "a pending session lives {left} s");
    assert_eq!(known_at("127.0.7.1").await, 0, "the password alone proves too little");

    let code = app.generate(now() + 30);
    let opened = post_from(&s, &client, "/auth/two-factor", Some(pending), json!({ "code": code })).await;
    assert_eq!(opened.status(), StatusCode::OK);
    assert_eq!(
        known_at("127.0.7.1").await,
        1,
        "a complete sign-in makes the address known"
    );
}

#[tokio::test]
async fn a_password_refused_a_hundred_times_in_a_row_waits_for_proof_by_mail() {
    let s = server().await;
    // Ninety-nine failures in a row so far (a slow guess over days, from many addresses).
    sqlx::query("UPDATE users SET password_failures = 99 WHERE email = 'jonas@acme.test'")
        .execute(&s.sql)
        .await
        .unwrap();
    expect_error(
        s.login_response("jonas@acme.test", "guess-100").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    // The hundredth was the last to be checked: now even the right password waits.
    let refused = expect_error(
        s.login_response("jonas@acme.test", "demo-password").await,
        StatusCode::FORBIDDEN,
        "proof_by_mail_needed",
    )
    .await;
    assert_eq!(refused["field"], "password");
    assert!(refused["message"].as_str().unwrap().contains("mailed a link"));
    let unlock = s.secret_in_mail("jonas@acme.test", "unlock", 1).await;

    // The link does not let a wrong password through, and counts it.
    expect_error(
        s.client
            .post(s.url("/auth/login"))
            .json(&json!({ "email": "jonas@acme.test", "password": "guess-101", "unlock": unlock }))
            .send()
            .await
            .unwrap(),
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    // Another person's link opens nothing either.
    expect_error(
        s.client
            .post(s.url("/auth/login"))
            .json(&json!({ "email": "jonas@acme.test", "password": "demo-password", "unlock": "not-the-link" }))
            .send()
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
        "proof_by_mail_needed",
    )
    .await;
    let opened = s
        .client
        .post(s.url("/auth/login"))
        .json(&json!({ "email": "jonas@acme.test", "password": "demo-password", "unlock": unlock }))
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), StatusCode::OK);
    assert_eq!(
        count(
            &s,
            "SELECT password_failures FROM users WHERE email = 'jonas@acme.test'"
        )
        .await,
        0,
        "a success clears the count"
    );
    assert_eq!(
        s.login_response("jonas@acme.test", "demo-password").await.status(),
        StatusCode::OK,
        "and the link is no longer needed"
    );
    assert_eq!(count(&s, "SELECT COUNT(*) FROM outbox WHERE kind = 'unlock'").await, 1);
}

#[tokio::test]
async fn a_password_reset_is_proof_by_mail_too() {
    let s = server().await;
    sqlx::query("UPDATE users SET password_failures = 100 WHERE email = 'jonas@acme.test'")
        .execute(&s.sql)
        .await
        .unwrap();
    s.post("/auth/password-reset", None, json!({ "email": "jonas@acme.test" }))
        .await;
    let token = s.secret_in_mail("jonas@acme.test", "token", 1).await;
    let reset = s
        .post(
            "/auth/password-reset/confirm",
            None,
            json!({ "token": token, "password": "a-new-long-passphrase" }),
        )
        .await;
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        s.login_response("jonas@acme.test", "a-new-long-passphrase")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_password_change_spends_every_reset_link_still_out() {
    let s = server().await;
    s.post("/auth/password-reset", None, json!({ "email": "jonas@acme.test" }))
        .await;
    let link = s.secret_in_mail("jonas@acme.test", "token", 1).await;
    let token = s.token("jonas@acme.test").await;
    let changed = s
        .put(
            "/me/password",
            Some(&token),
            json!({ "current_password": "demo-password", "new_password": "another-long-passphrase" }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    // The link mailed before the change cannot undo it.
    expect_error(
        s.post(
            "/auth/password-reset/confirm",
            None,
            json!({ "token": link, "password": "what-the-thief-wants" }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "invalid_token",
    )
    .await;
    assert_eq!(
        s.login_response("jonas@acme.test", "another-long-passphrase")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn strangers_at_a_persons_own_address_cannot_lock_them_out() {
    let s = server().await;
    // The office exit: the owner has signed in from it before.
    let office = client_from("127.0.8.1");
    let login = |email: &'static str, password: &'static str| {
        post_from(
            &s,
            &office,
            "/auth/login",
            None,
            json!({ "email": email, "password": password }),
        )
    };
    assert_eq!(login("owner@acme.test", "demo-password").await.status(), StatusCode::OK);
    // Somebody behind the same exit fails for made-up accounts until the address is blocked.
    let mut last = StatusCode::OK;
    for i in 0..25 {
        let email: &'static str = Box::leak(format!("nobody-{i}@example.com").into_boxed_str());
        last = login(email, "guess").await.status();
    }
    assert_eq!(
        last,
        StatusCode::TOO_MANY_REQUESTS,
        "the address is blocked for strangers"
    );
    // The owner, at home there, still signs in; an account new to the address waits.
    assert_eq!(login("owner@acme.test", "demo-password").await.status(), StatusCode::OK);
    assert_eq!(
        login("jonas@acme.test", "demo-password").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}
