//! `Idempotency-Key` on the organization's changes: sent again, a change is applied once and
//! answered as the first time, also when the copies arrive at once; the same key with another
//! request is refused.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{server, TestServer};

async fn invite(s: &TestServer, token: &str, key: &str, email: &str) -> reqwest::Response {
    s.client
        .post(s.url("/orgs/me/invitations"))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(&json!({ "emails": [email], "org_role": "member" }))
        .send()
        .await
        .unwrap()
}

async fn count(s: &TestServer, sql: &str, email: &str) -> i64 {
    sqlx::query_scalar(sql).bind(email).fetch_one(&s.sql).await.unwrap()
}

#[tokio::test]
async fn a_change_sent_again_with_its_key_is_applied_once_and_answered_the_same() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let first = invite(&s, &admin, "key-1", "once@example.com").await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.unwrap();
    let again = invite(&s, &admin, "key-1", "once@example.com").await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    let invitations = "SELECT COUNT(*) FROM invitations WHERE email = $1";
    assert_eq!(count(&s, invitations, "once@example.com").await, 1);
    let activities = "SELECT COUNT(*) FROM activities WHERE trackable_name = $1";
    assert_eq!(count(&s, activities, "once@example.com").await, 1);
    let mails = "SELECT COUNT(*) FROM outbox WHERE recipient = $1";
    assert_eq!(count(&s, mails, "once@example.com").await, 1);

    // The same key with another request is a mistake of the client's.
    let other = invite(&s, &admin, "key-1", "other@example.com").await;
    assert_eq!(other.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let other: Value = other.json().await.unwrap();
    assert_eq!(other["error"]["code"], "idempotency_key_reused");
    assert_eq!(count(&s, invitations, "other@example.com").await, 0);

    // Another caller's keys are their own.
    let owner = s.token("owner@acme.test").await;
    let theirs = invite(&s, &owner, "key-1", "theirs@example.com").await;
    assert_eq!(theirs.status(), StatusCode::CREATED);
    assert!(theirs.headers().get("idempotent-replayed").is_none());

    // A refused request applied nothing and claimed nothing: corrected, the same key goes through.
    let refused = invite(&s, &admin, "key-2", "not an address").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let corrected = invite(&s, &admin, "key-2", "corrected@example.com").await;
    assert_eq!(corrected.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn copies_of_a_change_sent_at_once_apply_it_once() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let copies = (0..8).map(|_| invite(&s, &admin, "same-moment", "race@example.com"));
    let answers = futures_util::future::join_all(copies).await;
    let mut created = 0;
    for answer in answers {
        match answer.status() {
            StatusCode::CREATED => created += 1,
            // The first copy's change committed, its answer not yet kept.
            StatusCode::CONFLICT => {
                assert!(answer.headers().contains_key("retry-after"));
                let body: Value = answer.json().await.unwrap();
                assert_eq!(body["error"]["code"], "idempotency_key_in_use");
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert!(
        created >= 1,
        "the first copy is answered 201, the others 201 replayed or 409"
    );
    let invitations = "SELECT COUNT(*) FROM invitations WHERE email = $1";
    assert_eq!(count(&s, invitations, "race@example.com").await, 1);
}
