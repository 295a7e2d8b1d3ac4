//! Throttling of password and code checks, with real parallel requests from real client
//! addresses (the loopback range) against a running server on a database file: an attempt counts
//! when it starts, one account's failures never block another account, and nobody at another
//! address can lock a person out of their own.

use std::net::IpAddr;

use crate::common::{expect_error, server, server_with, TestServer};
use org_area_server::client::TrustedProxies;
use reqwest::{Client, StatusCode};
use serde_json::json;

/// A client whose connections come from `ip` (any 127.x.y.z reaches a server on 127.0.0.1).
fn client_from(ip: &str) -> Client {
    Client::builder()
        .local_address(ip.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

async fn login(s: &TestServer, client: &Client, email: &str, password: &str) -> reqwest::Response {
    client
        .post(s.url("/auth/login"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn two_hundred_parallel_guesses_reach_the_password_check_at_most_five_times() {
    let s = server().await;
    let attacker = client_from("127.0.0.9");
    // Each guess is sent again while the server answers that it is busy, as an attacker would,
    // so all 200 go through the throttle.
    let guesses = (0..200).map(|i| {
        let attacker = attacker.clone();
        let url = s.url("/auth/login");
        async move {
            loop {
                let sent = attacker
                    .post(&url)
                    .json(&json!({ "email": "admin@acme.test", "password": format!("guess-{i}") }))
                    .send()
                    .await;
                // A kept-alive connection the server closed as the guess went out (a machine
                // under load) is sent again too: the throttle must hold whatever the retries.
                let status = match sent {
                    Ok(answer) => answer.status(),
                    Err(err) if err.is_request() || err.is_connect() => StatusCode::SERVICE_UNAVAILABLE,
                    Err(err) => panic!("{err}"),
                };
                if status != StatusCode::SERVICE_UNAVAILABLE {
                    return status;
                }
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        }
    });
    let statuses = futures_join_all(guesses).await;
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert!(checked <= 5, "{checked} guesses were checked");
    assert_eq!(checked + refused, 200, "every other answer is 429: {statuses:?}");
    assert!(
        s.running.state.hasher.checks_started() <= 5,
        "{} password checks ran",
        s.running.state.hasher.checks_started()
    );

    // The refusal says when, in words and in Retry-After.
    let response = login(&s, &attacker, "admin@acme.test", "demo-password").await;
    let retry: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "Retry-After {retry}");
    let error = expect_error(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert!(error["message"].as_str().unwrap().contains("Try again in"));
}

#[tokio::test]
async fn a_throttled_client_blocks_neither_another_client_nor_another_account() {
    let s = server().await;
    let attacker = client_from("127.0.0.20");
    for i in 0..30 {
        login(&s, &attacker, "owner@acme.test", &format!("wrong-{i}")).await;
    }
    assert_eq!(
        login(&s, &attacker, "owner@acme.test", "demo-password").await.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the attacked account is slowed from the attacking address"
    );
    // The person signs in from their own address with the right password.
    let owner = client_from("127.0.0.21");
    assert_eq!(
        login(&s, &owner, "owner@acme.test", "demo-password").await.status(),
        StatusCode::OK
    );
    // Someone else at the attacker's address (a shared office, a proxy) is not blocked.
    assert_eq!(
        login(&s, &attacker, "admin@globex.test", "demo-password")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn failing_across_many_accounts_slows_the_address() {
    let s = server().await;
    let stuffer = client_from("127.0.0.30");
    let accounts = [
        "owner@acme.test",
        "admin@acme.test",
        "member@acme.test",
        "lena@acme.test",
        "jonas@acme.test",
        "admin@globex.test",
    ];
    let mut refused = false;
    for round in 0..5 {
        for email in accounts {
            let status = login(&s, &stuffer, email, &format!("leaked-{round}")).await.status();
            refused |= status == StatusCode::TOO_MANY_REQUESTS;
        }
    }
    assert!(refused, "30 failures across accounts from one address are slowed");
    assert_eq!(
        login(&s, &stuffer, "owner@globex.test", "demo-password").await.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the address waits, whatever account it tries"
    );
    assert_eq!(
        login(&s, &client_from("127.0.0.31"), "owner@globex.test", "demo-password")
            .await
            .status(),
        StatusCode::OK,
        "other addresses are not"
    );
}

#[tokio::test]
async fn a_guess_from_many_addresses_never_locks_the_person_out_of_their_own() {
    let s = server().await;
    let home = client_from("127.0.0.40");
    assert_eq!(
        login(&s, &home, "lena@acme.test", "demo-password").await.status(),
        StatusCode::OK
    );
    // A slow guess spread over many addresses, each staying under its own limit.
    for a in 0..15 {
        let bot = client_from(&format!("127.0.1.{a}"));
        for i in 0..4 {
            login(&s, &bot, "lena@acme.test", &format!("try-{a}-{i}")).await;
        }
    }
    assert_eq!(
        login(&s, &client_from("127.0.2.1"), "lena@acme.test", "demo-password")
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS,
        "new addresses wait once the account has failed too often"
    );
    assert_eq!(
        login(&s, &home, "lena@acme.test", "demo-password").await.status(),
        StatusCode::OK,
        "the address she signed in from before still works"
    );
}

#[tokio::test]
async fn counters_are_kept_in_the_database_and_survive_a_restart() {
    let s = server().await;
    let client = client_from("127.0.0.50");
    for i in 0..5 {
        login(&s, &client, "member@acme.test", &format!("wrong-{i}")).await;
    }
    let counted: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(count), 0) FROM throttle WHERE key LIKE '%member@acme.test%'")
            .fetch_one(&s.sql)
            .await
            .unwrap();
    assert_eq!(counted, 5);
    // A second server on the same database file sees the same counters.
    let again = s.restart_on_same_database().await;
    assert_eq!(
        login(&again, &client, "member@acme.test", "demo-password")
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_forwarded_clients_are_told_apart() {
    let s = server_with(|config| config.trusted_proxies = TrustedProxies::parse("127.0.0.1/32").unwrap()).await;
    let via_proxy = |client_ip: &'static str, password: &'static str| {
        let s = &s;
        async move {
            s.client
                .post(s.url("/auth/login"))
                .header("x-forwarded-for", format!("6.6.6.6, {client_ip}"))
                .json(&json!({ "email": "owner@acme.test", "password": password }))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for _ in 0..6 {
        via_proxy("198.51.100.7", "wrong").await;
    }
    assert_eq!(
        via_proxy("198.51.100.7", "demo-password").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        via_proxy("198.51.100.8", "demo-password").await,
        StatusCode::OK,
        "another client behind the same proxy"
    );
    // Without trust, a forged header changes nothing: the peer is the client.
    let plain = server().await;
    for i in 0..6 {
        plain
            .client
            .post(plain.url("/auth/login"))
            .header("x-forwarded-for", format!("203.0.113.{i}"))
            .json(&json!({ "email": "owner@acme.test", "password": "wrong" }))
            .send()
            .await
            .unwrap();
    }
    assert_eq!(
        plain.login_response("owner@acme.test", "demo-password").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn invitation_codes_are_throttled_like_passwords() {
    let s = server().await;
    let guesser = client_from("127.0.0.60");
    let mut statuses = Vec::new();
    for i in 0..25 {
        let response = guesser
            .post(s.url("/invitations/accept"))
            .json(&json!({ "code": format!("guessed-code-{i}"), "password": "a long enough password" }))
            .send()
            .await
            .unwrap();
        statuses.push(response.status());
    }
    assert!(statuses.contains(&StatusCode::NOT_FOUND));
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
}

/// Every future at once, in order (a tiny `join_all`).
async fn futures_join_all<F: std::future::Future<Output = T> + Send + 'static, T: Send + 'static>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<T> {
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

/// On PostgreSQL the throttle's bookkeeping does not take the writer lock every change takes: a
/// long change in one organization does not hold up strangers' sign-in attempts, nor they it.
#[tokio::test]
async fn throttle_bookkeeping_does_not_wait_for_the_writer_lock_on_postgres() {
    if !crate::common::on_postgres() {
        return; // SQLite has one writer whatever is asked.
    }
    let s = server().await;
    let mut writer = s.sql.begin().await.unwrap();
    // The lock `db::write` takes, held as a long change would.
    sqlx::query("SELECT pg_advisory_xact_lock(31369510756967777)")
        .execute(&mut *writer)
        .await
        .unwrap();
    let attempt = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        s.login_response("nobody-here@example.com", "some wrong password"),
    )
    .await
    .expect("a sign-in attempt for no account answers while a change holds the writer lock");
    expect_error(attempt, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    writer.rollback().await.unwrap();
}
