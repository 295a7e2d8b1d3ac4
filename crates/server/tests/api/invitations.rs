//! Invitations: who may invite whom, validation at the field, expiry, resend, revoke and
//! acceptance.

use crate::common::{expect_error, server};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn invite(s: &crate::common::TestServer, token: &str, emails: &[&str], role: &str) -> reqwest::Response {
    s.post(
        "/orgs/me/invitations",
        Some(token),
        json!({ "emails": emails, "org_role": role, "firstname": "New", "lastname": "Person" }),
    )
    .await
}

async fn accept(s: &crate::common::TestServer, code: &str, password: &str) -> reqwest::Response {
    s.post(
        "/invitations/accept",
        None,
        json!({ "code": code, "password": password }),
    )
    .await
}

#[tokio::test]
async fn an_invitee_accepts_sets_a_password_and_joins_with_the_role() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let response = invite(&s, &admin, &["New.Person@Example.com"], "member").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let issued: Value = response.json().await.unwrap();
    assert_eq!(issued["invitations"][0]["email"], "new.person@example.com");
    assert!(issued["invitations"][0]["expires_at"].as_str().unwrap() > "2026");
    // The inviter never sees the code: it went by mail to the invited address only.
    assert!(issued["invitations"][0].get("code").is_none() && !issued.to_string().contains("code="));
    let code = s.secret_in_mail("new.person@example.com", "code", 1).await;

    let listed: Value = s.get("/orgs/me/invitations", Some(&admin)).await.json().await.unwrap();
    assert_eq!(listed["invitations"].as_array().unwrap().len(), 1);
    let org: Value = s.get("/orgs/me", Some(&admin)).await.json().await.unwrap();
    assert_eq!(org["org"]["invitations"][0]["org_role"], "member");
    // The code is stored only as a hash.
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM invitations")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_ne!(stored, code);

    let e = expect_error(
        accept(&s, &code, "short").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    assert_eq!(e["field"], "password");
    let joined: Value = accept(&s, &code, "a long enough password").await.json().await.unwrap();
    assert_eq!(joined["me"]["org"]["org_role"], "member");
    assert_eq!(joined["me"]["user"]["friendly_name"], "New Person");
    // Signed in, and able to sign in again with the new password.
    let token = joined["token"].as_str().unwrap();
    assert_eq!(s.get("/auth/me", Some(token)).await.status(), StatusCode::OK);
    assert_eq!(
        s.login_response("new.person@example.com", "a long enough password")
            .await
            .status(),
        StatusCode::OK
    );
    // A code works once.
    expect_error(
        accept(&s, &code, "a long enough password").await,
        StatusCode::NOT_FOUND,
        "unknown_code",
    )
    .await;
    let listed: Value = s.get("/orgs/me/invitations", Some(&admin)).await.json().await.unwrap();
    assert!(listed["invitations"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn several_addresses_at_once_all_or_nothing() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let issued: Value = invite(&s, &owner, &["a@new.test", "b@new.test", "A@new.test"], "admin")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        issued["invitations"].as_array().unwrap().len(),
        2,
        "repeats are invited once"
    );
    // One bad address refuses the whole request, naming it.
    let e = expect_error(
        invite(&s, &owner, &["c@new.test", "not an email"], "member").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    assert_eq!(e["field"], "emails");
    assert!(e["message"].as_str().unwrap().contains("not an email"));
    let listed: Value = s.get("/orgs/me/invitations", Some(&owner)).await.json().await.unwrap();
    assert_eq!(
        listed["invitations"].as_array().unwrap().len(),
        2,
        "c@new.test was not half-invited"
    );
}

#[tokio::test]
async fn taken_addresses_are_refused_at_the_field() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let e = expect_error(
        invite(&s, &owner, &["carla@bakery.test"], "member").await,
        StatusCode::CONFLICT,
        "already_member",
    )
    .await;
    assert_eq!(e["field"], "emails");
    // An address with an account in another organization is answered like an unknown one: the
    // inviter must not learn who has an account. Only its owner learns, on accepting.
    let elsewhere = invite(&s, &owner, &["admin@globex.test"], "member").await;
    let unknown = invite(&s, &owner, &["nobody-yet@globex.test"], "member").await;
    assert_eq!(elsewhere.status(), StatusCode::CREATED);
    assert_eq!(unknown.status(), StatusCode::CREATED);
    let shape = |v: &Value| {
        let one = &v["invitations"][0];
        let mut keys: Vec<String> = one.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        (keys, one["mail_status"].clone())
    };
    assert_eq!(
        shape(&elsewhere.json().await.unwrap()),
        shape(&unknown.json().await.unwrap())
    );
    let code = s.secret_in_mail("admin@globex.test", "code", 1).await;
    expect_error(
        accept(&s, &code, "demo-password").await,
        StatusCode::CONFLICT,
        "other_organization",
    )
    .await;
    assert_eq!(
        invite(&s, &owner, &["twice@new.test"], "member").await.status(),
        StatusCode::CREATED
    );
    expect_error(
        invite(&s, &owner, &["twice@new.test"], "member").await,
        StatusCode::CONFLICT,
        "already_invited",
    )
    .await;
    expect_error(
        invite(&s, &owner, &[], "member").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
}

#[tokio::test]
async fn only_owners_invite_owners_and_members_invite_nobody() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let member = s.token("member@acme.test").await;
    let owner = s.token("owner@acme.test").await;
    expect_error(
        invite(&s, &admin, &["boss@new.test"], "owner").await,
        StatusCode::FORBIDDEN,
        "cannot_assign_ownership",
    )
    .await;
    expect_error(
        invite(&s, &member, &["friend@new.test"], "member").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_error(
        s.get("/orgs/me/invitations", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_eq!(
        invite(&s, &owner, &["boss@new.test"], "owner").await.status(),
        StatusCode::CREATED
    );
    // An admin cannot resend or revoke an owner invitation either.
    let listed: Value = s.get("/orgs/me/invitations", Some(&admin)).await.json().await.unwrap();
    let id = listed["invitations"][0]["id"].as_i64().unwrap();
    expect_error(
        s.post(&format!("/orgs/me/invitations/{id}/resend"), Some(&admin), json!({}))
            .await,
        StatusCode::FORBIDDEN,
        "cannot_assign_ownership",
    )
    .await;
    expect_error(
        s.delete(&format!("/orgs/me/invitations/{id}"), Some(&admin)).await,
        StatusCode::FORBIDDEN,
        "cannot_assign_ownership",
    )
    .await;
}

#[tokio::test]
async fn expired_resent_and_revoked_invitations() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let issued: Value = invite(&s, &admin, &["late@new.test"], "member")
        .await
        .json()
        .await
        .unwrap();
    let old_code = s.secret_in_mail("late@new.test", "code", 1).await;
    let id = issued["invitations"][0]["id"].as_i64().unwrap();
    sqlx::query("UPDATE invitations SET expires_at = '2000-01-01T00:00:00.000Z'")
        .execute(&s.sql)
        .await
        .unwrap();
    expect_error(
        accept(&s, &old_code, "a long enough password").await,
        StatusCode::CONFLICT,
        "expired",
    )
    .await;

    let resent: Value = s
        .post(&format!("/orgs/me/invitations/{id}/resend"), Some(&admin), json!({}))
        .await
        .json()
        .await
        .unwrap();
    let new_code = s.secret_in_mail("late@new.test", "code", 2).await;
    assert_ne!(new_code, old_code);
    assert!(resent["expires_at"].as_str().unwrap() > "2026");
    expect_error(
        accept(&s, &old_code, "a long enough password").await,
        StatusCode::NOT_FOUND,
        "unknown_code",
    )
    .await;

    assert_eq!(
        s.delete(&format!("/orgs/me/invitations/{id}"), Some(&admin))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    expect_error(
        accept(&s, &new_code, "a long enough password").await,
        StatusCode::NOT_FOUND,
        "unknown_code",
    )
    .await;
}

#[tokio::test]
async fn globex_cannot_touch_acme_invitations() {
    let s = server().await;
    let acme = s.token("owner@acme.test").await;
    let globex = s.token("admin@globex.test").await;
    let issued: Value = invite(&s, &acme, &["someone@new.test"], "member")
        .await
        .json()
        .await
        .unwrap();
    let id = issued["invitations"][0]["id"].as_i64().unwrap();
    expect_error(
        s.post(&format!("/orgs/me/invitations/{id}/resend"), Some(&globex), json!({}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_error(
        s.delete(&format!("/orgs/me/invitations/{id}"), Some(&globex)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let theirs: Value = s.get("/orgs/me/invitations", Some(&globex)).await.json().await.unwrap();
    assert!(theirs["invitations"].as_array().unwrap().is_empty());
}

/// Remove `email` from Acme (their account stays) and invite the address again; the code mailed.
async fn invited_again(s: &crate::common::TestServer, admin: &str, email: &str) -> String {
    let id = s.user_id(email).await;
    assert_eq!(
        s.delete(&format!("/orgs/me/users/{id}"), Some(admin)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(invite(s, admin, &[email], "admin").await.status(), StatusCode::CREATED);
    // The account may have had mail before (a security notice): the invitation is the one with a code.
    let invitation = crate::common::eventually("the invitation mail", std::time::Duration::from_secs(10), || async {
        s.mails_to(email, 1)
            .await
            .into_iter()
            .rev()
            .find(|mail| mail.contains("#code="))
    })
    .await;
    crate::common::secret_in(&invitation, "code")
}

#[tokio::test]
async fn an_existing_account_accepts_with_its_own_password_and_only_with_it() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let code = invited_again(&s, &admin, "member@acme.test").await;
    let wrong = expect_error(
        accept(&s, &code, "not the demo password").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_eq!(wrong["field"], "password");
    let joined = accept(&s, &code, "demo-password").await;
    assert_eq!(joined.status(), StatusCode::OK);
    let joined: Value = joined.json().await.unwrap();
    assert_eq!(joined["next"], "done");
    assert_eq!(joined["me"]["org"]["org_role"], "admin", "the invitation's role");
    assert_eq!(
        joined["me"]["user"]["friendly_name"], "Mia Moreau",
        "the account's own name stays"
    );
    let me: Value = s.get("/auth/me", joined["token"].as_str()).await.json().await.unwrap();
    assert_eq!(me["org"]["slug"], "acme-studio");
    assert_eq!(
        s.login_response("member@acme.test", "demo-password").await.status(),
        StatusCode::OK,
        "the password is the one it had"
    );
}

#[tokio::test]
async fn an_account_with_two_factor_sign_in_still_gives_its_code() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let member = s.token("member@acme.test").await;
    let (app, _) = crate::common::set_up_two_factor(&s, &member).await;
    let code = invited_again(&s, &admin, "member@acme.test").await;
    let pending: Value = accept(&s, &code, "demo-password").await.json().await.unwrap();
    assert_eq!(pending["next"], "two_factor");
    let token = pending["token"].as_str().unwrap();
    expect_error(
        s.get("/orgs/me", Some(token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    // The next time step: the set-up used this one's code.
    let next_step = crate::common::now() + 30;
    let signed_in = s
        .post(
            "/auth/two-factor",
            Some(token),
            json!({ "code": app.generate(next_step) }),
        )
        .await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let signed_in: Value = signed_in.json().await.unwrap();
    let org: Value = s
        .get("/orgs/me", signed_in["token"].as_str())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(org["org"]["slug"], "acme-studio");
}

#[tokio::test]
async fn an_account_without_a_password_chooses_one_when_it_accepts() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    // An account nobody has set a password for (made before passwords were required at once).
    sqlx::query(
        "INSERT INTO users (email, firstname, lastname, created_at) VALUES ('quiet@new.test', '', '', '2026-01-01T00:00:00+00:00')",
    )
    .execute(&s.sql)
    .await
    .unwrap();
    assert_eq!(
        invite(&s, &admin, &["quiet@new.test"], "member").await.status(),
        StatusCode::CREATED
    );
    let code = s.secret_in_mail("quiet@new.test", "code", 1).await;
    let e = expect_error(
        accept(&s, &code, "short").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    assert_eq!(e["field"], "password");
    let joined: Value = accept(&s, &code, "a long enough password").await.json().await.unwrap();
    assert_eq!(joined["me"]["org"]["org_role"], "member");
    assert_eq!(
        joined["me"]["user"]["friendly_name"], "New Person",
        "the name the inviter typed"
    );
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'quiet@new.test'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_eq!(accounts, 1, "the same account, not a second one");
    assert_eq!(
        s.login_response("quiet@new.test", "a long enough password")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn two_acceptances_racing_let_exactly_one_in() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    for round in 0..4 {
        let email = format!("twice{round}@new.test");
        assert_eq!(
            invite(&s, &admin, &[&email], "member").await.status(),
            StatusCode::CREATED
        );
        let code = s.secret_in_mail(&email, "code", 1).await;
        let (a, b) = tokio::join!(
            accept(&s, &code, "a long enough password"),
            accept(&s, &code, "another long password")
        );
        let statuses = [a.status(), b.status()];
        assert_eq!(
            statuses.iter().filter(|s| **s == StatusCode::OK).count(),
            1,
            "round {round}: {statuses:?}"
        );
        let loser = if a.status() == StatusCode::OK { b } else { a };
        let body: Value = loser.json().await.unwrap();
        assert!(
            ["unknown_code", "account_changed"].contains(&body["error"]["code"].as_str().unwrap()),
            "round {round}: {body}"
        );
        let members = s.memberships(&email).await;
        assert_eq!(members, 1, "round {round}");
    }
}

#[tokio::test]
async fn invitation_mails_are_limited_per_address_and_per_organization_a_day() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    // One address: the invitation and two resends, then no more today.
    let created: Value = invite(&s, &admin, &["flooded@example.com"], "member")
        .await
        .json()
        .await
        .unwrap();
    let id = created["invitations"][0]["id"].as_i64().unwrap();
    let resend = format!("/orgs/me/invitations/{id}/resend");
    for _ in 0..2 {
        assert_eq!(s.post(&resend, Some(&admin), json!({})).await.status(), StatusCode::OK);
    }
    let refused = s.post(&resend, Some(&admin), json!({})).await;
    let retry: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(
        (23 * 3600..=24 * 3600).contains(&retry),
        "until a day after the first: {retry} s"
    );
    let error = expect_error(refused, StatusCode::TOO_MANY_REQUESTS, "invitation_quota").await;
    assert!(
        error["message"].as_str().unwrap().contains("flooded@example.com"),
        "{error}"
    );

    // The organization: 200 mails a day, the resends above included. A request that would pass it
    // is refused whole, and says how many are left.
    let batch = |from: usize, count: usize| -> Vec<String> {
        (from..from + count).map(|i| format!("guest-{i}@example.com")).collect()
    };
    let send = |emails: Vec<String>| {
        let admin = admin.clone();
        let s = &s;
        async move {
            s.post(
                "/orgs/me/invitations",
                Some(&admin),
                json!({ "emails": emails, "org_role": "member" }),
            )
            .await
        }
    };
    assert_eq!(send(batch(0, 100)).await.status(), StatusCode::CREATED);
    assert_eq!(send(batch(100, 90)).await.status(), StatusCode::CREATED);
    let over = expect_error(
        send(batch(190, 10)).await,
        StatusCode::TOO_MANY_REQUESTS,
        "invitation_quota",
    )
    .await;
    assert!(over["message"].as_str().unwrap().contains("7 are left"), "{over}");
    assert_eq!(send(batch(190, 7)).await.status(), StatusCode::CREATED);
    let pending: Value = s.get("/orgs/me/invitations", Some(&admin)).await.json().await.unwrap();
    assert_eq!(pending["invitations"].as_array().unwrap().len(), 198, "one + 190 + 7");
}
