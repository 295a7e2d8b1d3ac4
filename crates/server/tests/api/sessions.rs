//! A person's own sessions: seen with their browser, address and last activity, and ended one by
//! one or all but the current, from another session.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{expect_error, server, TestServer};

const FIREFOX_ON_MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.0; rv:121.0) Gecko/20100101 Firefox/121.0";
const SAFARI_ON_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

/// A new session of `email`, signed in with `user_agent`.
async fn session_in(s: &TestServer, email: &str, user_agent: &str) -> String {
    let response: Value = s
        .client
        .post(s.url("/auth/login"))
        .header("User-Agent", user_agent)
        .json(&json!({ "email": email, "password": "demo-password" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    response["token"].as_str().unwrap().to_string()
}

async fn sessions(s: &TestServer, token: &str) -> Vec<Value> {
    let list: Value = s.get("/me/sessions", Some(token)).await.json().await.unwrap();
    list["sessions"].as_array().unwrap().clone()
}

fn id_of<'a>(list: &'a [Value], browser: &str) -> &'a str {
    list.iter()
        .find(|session| session["browser"] == browser)
        .and_then(|session| session["id"].as_str())
        .unwrap_or_else(|| panic!("no {browser} session in {list:?}"))
}

#[tokio::test]
async fn a_person_sees_their_sessions_and_ends_them_from_another() {
    let s = server().await;
    let laptop = session_in(&s, "admin@acme.test", FIREFOX_ON_MAC).await;
    let phone = session_in(&s, "admin@acme.test", SAFARI_ON_IPHONE).await;
    let script = session_in(&s, "admin@acme.test", "curl/8.5").await;
    let someone_else = session_in(&s, "owner@acme.test", FIREFOX_ON_MAC).await;

    let list = sessions(&s, &laptop).await;
    assert_eq!(list.len(), 3, "only this person's live sessions: {list:?}");
    let current: Vec<&Value> = list.iter().filter(|session| session["current"] == true).collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0]["browser"], "Firefox");
    assert_eq!(current[0]["system"], "macOS");
    assert_eq!(current[0]["ip"], "127.0.0.1");
    let phone_entry = list.iter().find(|session| session["browser"] == "Safari").unwrap();
    assert_eq!(phone_entry["system"], "iOS");
    assert!(list
        .iter()
        .any(|session| session["browser"].is_null() && session["system"].is_null()));
    for session in &list {
        let id = session["id"].as_str().unwrap();
        assert!(
            id.len() >= 16 && !laptop.contains(id) && !phone.contains(id),
            "an id, not a token"
        );
    }

    // The phone is signed out from the laptop: its token opens nothing any more.
    let phone_id = id_of(&list, "Safari").to_string();
    let ended = s.delete(&format!("/me/sessions/{phone_id}"), Some(&laptop)).await;
    assert_eq!(ended.status(), StatusCode::NO_CONTENT);
    assert_eq!(s.get("/auth/me", Some(&phone)).await.status(), StatusCode::UNAUTHORIZED);
    expect_error(
        s.delete(&format!("/me/sessions/{phone_id}"), Some(&laptop)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Not the session asking (that is signing out), and not another person's.
    let own_id = id_of(&list, "Firefox");
    expect_error(
        s.delete(&format!("/me/sessions/{own_id}"), Some(&laptop)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let owners = sessions(&s, &someone_else).await;
    let owners_id = owners[0]["id"].as_str().unwrap();
    expect_error(
        s.delete(&format!("/me/sessions/{owners_id}"), Some(&laptop)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(s.get("/auth/me", Some(&someone_else)).await.status(), StatusCode::OK);

    // "Sign out other sessions" ends the rest and keeps this one.
    let others: Value = s
        .post("/me/sessions/sign-out-others", Some(&laptop), json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(others["ended"], 1);
    assert_eq!(
        s.get("/auth/me", Some(&script)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(s.get("/auth/me", Some(&laptop)).await.status(), StatusCode::OK);
    assert_eq!(sessions(&s, &laptop).await.len(), 1);

    // Both are in the organization's log as sign-outs by the person.
    let log: Value = s
        .get("/orgs/me/activities?keys=session.destroy", Some(&someone_else))
        .await
        .json()
        .await
        .unwrap();
    let which: Vec<&str> = log["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["parameters"]["which"].as_str())
        .collect();
    assert_eq!(which, ["others", "one"], "{log}");
}

#[tokio::test]
async fn last_active_follows_the_sessions_requests_a_write_a_minute_at_most() {
    let s = server().await;
    let token = session_in(&s, "jonas@acme.test", FIREFOX_ON_MAC).await;
    let last_active = || async {
        sessions(&s, &token).await[0]["last_active_at"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let back = |seconds: i64| {
        if crate::common::on_postgres() {
            format!("UPDATE sessions SET last_active_at = now() - interval '{seconds} seconds'")
        } else {
            format!(
                "UPDATE sessions SET last_active_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-{seconds} seconds')"
            )
        }
    };
    let signed_in = last_active().await;
    // Half a minute ago: a request now writes nothing (a page's burst is one write).
    sqlx::query(&back(30)).execute(&s.sql).await.unwrap();
    let recent = last_active().await;
    assert!(recent < signed_in, "{recent} stays half a minute before {signed_in}");
    // An hour ago: the next request marks the session active now.
    sqlx::query(&back(3600)).execute(&s.sql).await.unwrap();
    let now = last_active().await;
    assert!(now > recent, "{now} is now again");
}

/// A GET marked as the app's own background work (a refresh after a live change, its timers).
async fn background_get(s: &TestServer, path: &str, token: &str) -> reqwest::Response {
    s.client
        .get(s.url(path))
        .bearer_auth(token)
        .header("X-Background", "1")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_session_no_person_used_for_the_idle_timeout_ends_whatever_the_background_requests() {
    let s = crate::common::server_with(|c| c.idle_timeout = std::time::Duration::from_secs(4)).await;
    let token = s.token("admin@acme.test").await;
    let signed_in = std::time::Instant::now();
    let at = |seconds: f64| tokio::time::sleep_until((signed_in + std::time::Duration::from_secs_f64(seconds)).into());
    let times: Value = background_get(&s, "/me/session", &token).await.json().await.unwrap();
    assert_eq!(times["idle_timeout_seconds"], 4);
    assert!(times["idle_seconds_left"].as_u64().unwrap() <= 4);
    assert!(times["idle_expires_at"].as_str().unwrap() < times["expires_at"].as_str().unwrap());

    at(2.5).await;
    assert_eq!(
        s.get("/orgs/me", Some(&token)).await.status(),
        StatusCode::OK,
        "a person's request"
    );
    let extended: Value = background_get(&s, "/me/session", &token).await.json().await.unwrap();
    assert!(
        extended["idle_expires_at"].as_str().unwrap() > times["idle_expires_at"].as_str().unwrap(),
        "it moves the end: {extended} after {times}"
    );
    at(5.0).await;
    assert_eq!(
        background_get(&s, "/orgs/me", &token).await.status(),
        StatusCode::OK,
        "alive 4 s after the person's last request"
    );
    at(7.5).await;
    assert_eq!(
        background_get(&s, "/orgs/me", &token).await.status(),
        StatusCode::UNAUTHORIZED,
        "background requests did not keep it"
    );
    assert_eq!(s.get("/orgs/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
    let other = s.token("admin@acme.test").await;
    assert!(
        sessions(&s, &other).await.len() == 1,
        "an ended session is not listed among the live ones"
    );
}
