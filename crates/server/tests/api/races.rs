//! Two requests at once: real parallel requests against a running server on a database file,
//! for every promise the server makes that an interleaving could break.

use std::sync::Arc;
use std::time::Duration;

use crate::common::{card, server, server_with_gateway, TestServer};
use org_area_server::payments::TestGateway;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn invoices(s: &TestServer, token: &str) -> Vec<Value> {
    let body: Value = s.get("/orgs/me/invoices", Some(token)).await.json().await.unwrap();
    body["invoices"].as_array().unwrap().clone()
}

/// Each invoice was paid exactly once: the provider took one payment per invoice number.
fn paid_once_each(gateway: &TestGateway, invoices: &[Value]) {
    let taken = gateway.taken();
    for invoice in invoices {
        let number = invoice["number"].as_str().unwrap();
        let payments = taken.iter().filter(|t| t.reference == number).count();
        assert_eq!(invoice["status"], "paid", "{number}");
        assert_eq!(payments, 1, "{number} was charged {payments} times: {taken:?}");
    }
}

/// Subscribe to Team with a card that pays, then leave a card on file that declines: the next
/// renewal's invoice stays unpaid until a good card comes.
async fn subscribed_with_a_declining_card(s: &TestServer, owner: &str) {
    s.put("/orgs/me/payment", Some(owner), card("4242 4242 4242 4242"))
        .await;
    let subscribed = s
        .put("/orgs/me/subscription", Some(owner), json!({ "tier": "team" }))
        .await;
    assert_eq!(subscribed.status(), StatusCode::OK);
    s.put("/orgs/me/payment", Some(owner), card("4000000000000002")).await;
}

#[tokio::test]
async fn two_card_saves_at_once_charge_each_invoice_once() {
    let gateway = Arc::new(TestGateway::slow(Duration::from_millis(300)));
    let s = server_with_gateway(gateway.clone()).await;
    let owner = s.token("owner@acme.test").await;
    subscribed_with_a_declining_card(&s, &owner).await;
    s.let_months_pass(1).await;
    s.run_scheduler().await;
    assert_eq!(
        invoices(&s, &owner).await[0]["status"],
        "failed",
        "declined at the renewal"
    );

    let (a, b) = tokio::join!(
        s.put("/orgs/me/payment", Some(&owner), card("4242 4242 4242 4242")),
        s.put("/orgs/me/payment", Some(&owner), card("5555 5555 5555 4444")),
    );
    assert_eq!((a.status(), b.status()), (StatusCode::OK, StatusCode::OK));
    paid_once_each(&gateway, &invoices(&s, &owner).await);
    assert_eq!(gateway.taken().len(), 2, "the first period and the renewal");
}

#[tokio::test]
async fn a_card_save_racing_a_renewal_charges_each_invoice_once() {
    let gateway = Arc::new(TestGateway::slow(Duration::from_millis(200)));
    let s = server_with_gateway(gateway.clone()).await;
    let owner = s.token("owner@acme.test").await;
    subscribed_with_a_declining_card(&s, &owner).await;
    // Two periods have ended with a card that declines: the renewals run while a good card is
    // being saved.
    s.let_months_pass(2).await;
    let (saved, _round, _again) = tokio::join!(
        s.put("/orgs/me/payment", Some(&owner), card("4242 4242 4242 4242")),
        s.run_scheduler(),
        s.run_scheduler(),
    );
    assert_eq!(saved.status(), StatusCode::OK);
    // Whatever was left open by the interleaving is charged by the next save or round.
    s.run_scheduler().await;
    s.put("/orgs/me/payment", Some(&owner), card("4242 4242 4242 4242"))
        .await;
    let list = invoices(&s, &owner).await;
    assert_eq!(list.len(), 3, "the first period and two renewals, once each");
    paid_once_each(&gateway, &list);
}

#[tokio::test]
async fn a_charge_left_half_done_is_finished_with_its_own_key_and_never_taken_twice() {
    let gateway = Arc::new(TestGateway::default());
    let s = server_with_gateway(gateway.clone()).await;
    let owner = s.token("owner@acme.test").await;
    s.put("/orgs/me/payment", Some(&owner), card("4242 4242 4242 4242"))
        .await;
    s.put("/orgs/me/subscription", Some(&owner), json!({ "tier": "team" }))
        .await;
    assert_eq!(gateway.taken().len(), 1);
    // As if the server had crashed after the provider took the money but before it was recorded.
    sqlx::query("UPDATE invoices SET status = 'charging', charging_since = '2000-01-01T00:00:00.000Z'")
        .execute(&s.sql)
        .await
        .unwrap();
    assert_eq!(s.run_scheduler().await.charges_finished, 1);
    paid_once_each(&gateway, &invoices(&s, &owner).await);
}

/// Make `email` an owner of Acme through the API.
async fn promote_to_owner(s: &TestServer, owner: &str, email: &str) -> i64 {
    let id = s.user_id(email).await;
    let response = s
        .client
        .patch(s.url(&format!("/orgs/me/users/{id}")))
        .bearer_auth(owner)
        .json(&json!({ "org_role": "owner" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    id
}

async fn owners(s: &TestServer) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM org_members WHERE org_role = 'owner' AND org_id = (SELECT id FROM orgs WHERE slug = 'acme-studio')")
        .fetch_one(&s.sql)
        .await
        .unwrap()
}

#[tokio::test]
async fn owners_demoting_and_removing_each_other_at_once_leave_an_owner() {
    for subscribed in [false, true] {
        let s = server().await;
        let olivia = s.token("owner@acme.test").await;
        let olivia_id = s.user_id("owner@acme.test").await;
        let lena_id = promote_to_owner(&s, &olivia, "lena@acme.test").await;
        let lena = s.token("lena@acme.test").await;
        if subscribed {
            s.put("/orgs/me/payment", Some(&olivia), card("4242 4242 4242 4242"))
                .await;
            let answer = s
                .put("/orgs/me/subscription", Some(&olivia), json!({ "tier": "team" }))
                .await;
            assert_eq!(answer.status(), StatusCode::OK);
        }
        let mut requests = Vec::new();
        for i in 0..50 {
            let (token, target) = if i % 2 == 0 {
                (olivia.clone(), lena_id)
            } else {
                (lena.clone(), olivia_id)
            };
            let client = s.client.clone();
            let url = s.url(&format!("/orgs/me/users/{target}"));
            requests.push(tokio::spawn(async move {
                let request = match i % 4 {
                    0 | 1 => client.patch(&url).json(&json!({ "org_role": "admin" })),
                    2 => client.delete(&url),
                    _ => client.patch(&url).json(&json!({ "org_role": "member" })),
                };
                request.bearer_auth(token).send().await.unwrap().status()
            }));
        }
        for request in requests {
            let status = request.await.unwrap();
            assert!(
                [200, 204, 403, 404, 409].contains(&status.as_u16()),
                "an honest answer, never a failure: {status}"
            );
        }
        assert_eq!(
            owners(&s).await,
            1,
            "exactly one owner remains (subscribed: {subscribed})"
        );
    }
}

#[tokio::test]
async fn an_accept_racing_a_revoke_has_exactly_one_winner() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    for round in 0..12 {
        let email = format!("racer{round}@example.com");
        let issued: Value = s
            .post(
                "/orgs/me/invitations",
                Some(&admin),
                json!({ "emails": [email], "org_role": "member" }),
            )
            .await
            .json()
            .await
            .unwrap();
        let id = issued["invitations"][0]["id"].as_i64().unwrap();
        let code = s.secret_in_mail(&email, "code", 1).await;
        let revoke_path = format!("/orgs/me/invitations/{id}");
        let (accepted, revoked) = tokio::join!(
            s.post(
                "/invitations/accept",
                None,
                json!({ "code": code, "password": "a long enough password" }),
            ),
            s.delete(&revoke_path, Some(&admin)),
        );
        let accepted = accepted.status() == StatusCode::OK;
        let revoked = revoked.status() == StatusCode::NO_CONTENT;
        assert!(
            accepted ^ revoked,
            "round {round}: accepted {accepted}, revoked {revoked}"
        );
        let (accepted_at, revoked_at): (i64, i64) = sqlx::query_as(
            "SELECT CASE WHEN accepted_at IS NULL THEN 0 ELSE 1 END, CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END
             FROM invitations WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&s.sql)
        .await
        .unwrap();
        assert_eq!(accepted_at == 1, accepted, "round {round}");
        assert_eq!(revoked_at == 1, revoked, "round {round}");
        let members = s.memberships(&email).await;
        assert_eq!(members == 1, accepted, "round {round}: a member only when accepted");
    }
}

#[tokio::test]
async fn removing_someone_also_takes_them_off_the_organizations_spaces() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let carla = s.user_id("carla@bakery.test").await;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM space_collaborators WHERE user_id = $1")
        .bind(carla)
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert!(before >= 2);
    assert_eq!(
        s.delete(&format!("/orgs/me/users/{carla}"), Some(&admin))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let after: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_collaborators c JOIN spaces s ON s.id = c.space_id
         WHERE c.user_id = $1 AND s.org_id IS NOT NULL",
    )
    .bind(carla)
    .fetch_one(&s.sql)
    .await
    .unwrap();
    assert_eq!(after, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoints_added_at_once_stop_at_the_limit_and_a_token_revoked_twice_at_once_is_revoked_once() {
    let s = server_with_gateway(Arc::new(TestGateway::default())).await;
    let s = Arc::new(s);
    let owner = s.token("owner@acme.test").await;
    // Fifteen endpoints at once for an organization that may have ten.
    let mut adds = tokio::task::JoinSet::new();
    for n in 0..15 {
        let (s, owner) = (s.clone(), owner.clone());
        adds.spawn(async move {
            // A public address written out, so saving needs no lookup; its one kind never happens
            // here, so nothing is ever sent to it.
            let url = format!("https://93.184.215.14/hook-{n}");
            let events = json!({ "kind": "only", "keys": ["subscription.renew"] });
            s.post(
                "/orgs/me/webhooks",
                Some(&owner),
                json!({ "url": url, "events": events }),
            )
            .await
            .status()
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = adds.join_next().await {
        statuses.push(status.unwrap());
    }
    let created = statuses.iter().filter(|s| **s == StatusCode::CREATED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count();
    assert_eq!((created, refused), (10, 5), "{statuses:?}");

    // One token, revoked from two places at once: one revocation, one activity.
    let made: Value = s
        .post(
            "/me/tokens",
            Some(&owner),
            json!({ "name": "CI", "expires_in_days": 30, "scopes": ["read"], "password": "demo-password" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = made["summary"]["id"].as_i64().unwrap();
    let (own_path, any_path) = (format!("/me/tokens/{id}"), format!("/orgs/me/tokens/{id}"));
    let (mine, theirs) = tokio::join!(s.delete(&own_path, Some(&owner)), s.delete(&any_path, Some(&owner)));
    let mut both = [mine.status(), theirs.status()];
    both.sort();
    assert_eq!(both, [StatusCode::NO_CONTENT, StatusCode::NOT_FOUND]);
    let revoked: Value = s
        .get("/orgs/me/activities?keys=access_token.revoke", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(revoked["total"], 1, "{revoked}");
}

/// Undo clicked in two tabs at once (or twice): the person is back once, and only one request
/// says so; the other is told it was undone already.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_undo_sent_twice_at_once_restores_once() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let jonas = s.user_id("jonas@acme.test").await;
    assert_eq!(
        s.delete(&format!("/orgs/me/users/{jonas}"), Some(&admin))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let open: Value = s.get("/orgs/me/undo", Some(&admin)).await.json().await.unwrap();
    let id = open["windows"][0]["id"].as_i64().unwrap();
    let path = format!("/orgs/me/undo/{id}");
    let (a, b) = tokio::join!(s.post_empty(&path, Some(&admin)), s.post_empty(&path, Some(&admin)));
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [204, 409]);
    let restored: Value = s
        .get("/orgs/me/activities?keys=org_user.restore", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(restored["activities"].as_array().unwrap().len(), 1);
    assert_eq!(s.memberships("jonas@acme.test").await, 1);
}
