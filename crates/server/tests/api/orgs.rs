//! `GET /orgs/me`: what each role receives, and that one organization never sees another's data.

use crate::common::{emails, expect_error, server};
use reqwest::StatusCode;
use serde_json::Value;

async fn org_of(s: &crate::common::TestServer, email: &str) -> Value {
    let token = s.token(email).await;
    let response = s.get("/orgs/me", Some(&token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<Value>().await.unwrap()["org"].clone()
}

#[tokio::test]
async fn owners_and_admins_see_every_member_and_space() {
    let s = server().await;
    for email in ["owner@acme.test", "admin@acme.test"] {
        let org = org_of(&s, email).await;
        assert_eq!(org["name"], "Acme Studio");
        let users = emails(&org);
        assert_eq!(users.len(), 9);
        assert_eq!(org["user_count"], 9);
        assert!(users.contains(&"member@acme.test".to_string()));
        assert_eq!(
            org["spaces"].as_array().unwrap().len(),
            8,
            "personal spaces are not in the organization"
        );
        let docs = org["spaces"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "Product Docs")
            .unwrap();
        assert_eq!(docs["owner_email"], "admin@acme.test");
        assert_eq!(docs["user_count"], 4);
        // Storyblok field names on users.
        let member = org["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == "member@acme.test")
            .unwrap();
        for field in [
            "id",
            "userid",
            "email",
            "firstname",
            "lastname",
            "friendly_name",
            "avatar",
            "org_role",
            "sign_in_count",
            "created_at",
            "last_sign_in_at",
            "disabled",
            "on_spaces",
            "roles_on_spaces",
        ] {
            assert!(member.get(field).is_some(), "user field {field}");
        }
        assert_eq!(member["org_role"], "member");
        assert_eq!(member["on_spaces"].as_array().unwrap().len(), 2);
    }
}

#[tokio::test]
async fn a_member_never_receives_the_other_members() {
    let s = server().await;
    let org = org_of(&s, "member@acme.test").await;
    assert_eq!(emails(&org), vec!["member@acme.test".to_string()]);
    assert_eq!(org["user_count"], 1);
    assert_eq!(org["invitations"].as_array().unwrap().len(), 0);
    // Only the spaces the member works on.
    let mut names: Vec<&str> = org["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, vec!["Online Shop", "Product Docs"]);
}

#[tokio::test]
async fn globex_never_reads_acme() {
    let s = server().await;
    for email in ["admin@globex.test", "owner@globex.test", "member@globex.test"] {
        let org = org_of(&s, email).await;
        assert_eq!(org["name"], "Globex");
        let body = org.to_string();
        assert!(!body.contains("acme.test"), "{email} sees no Acme user: {body}");
        assert!(!body.contains("Acme"), "{email} sees nothing of Acme");
        for space in org["spaces"].as_array().unwrap() {
            assert!(space["name"].as_str().unwrap().starts_with("Globex"));
        }
    }
    let acme = org_of(&s, "owner@acme.test").await.to_string();
    assert!(!acme.contains("globex"), "and Acme sees nothing of Globex");
}

#[tokio::test]
async fn signed_out_callers_get_401() {
    let s = server().await;
    expect_error(s.get("/orgs/me", None).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

/// `GET /orgs/me` again with the ETag of the last answer, and what came back.
async fn revalidate(s: &crate::common::TestServer, token: &str, tag: &str) -> (StatusCode, String) {
    let response = s
        .client
        .get(s.url("/orgs/me"))
        .bearer_auth(token)
        .header("If-None-Match", tag)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let tag = response.headers()["etag"].to_str().unwrap().to_string();
    (status, tag)
}

/// After a change that succeeded, the held tag gets the whole answer with a new tag, which is
/// then current.
async fn stale_after(
    s: &crate::common::TestServer,
    token: &str,
    tag: &str,
    what: &str,
    response: reqwest::Response,
) -> String {
    assert!(response.status().is_success(), "{what}: {}", response.status());
    let (status, new_tag) = revalidate(s, token, tag).await;
    assert_eq!(status, StatusCode::OK, "after {what} the answer is new");
    assert_ne!(new_tag, tag, "after {what}");
    // Then it holds, once what the change set going has settled (an invitation's mail is sent
    // in the background, and its state is part of the answer).
    let current = std::cell::RefCell::new(new_tag);
    let current = &current;
    crate::common::eventually(
        &format!("the answer after {what} to settle"),
        std::time::Duration::from_secs(5),
        move || async move {
            let seen = current.borrow().clone();
            let (status, tag) = revalidate(s, token, &seen).await;
            if status == StatusCode::NOT_MODIFIED {
                return Some(seen);
            }
            *current.borrow_mut() = tag;
            None
        },
    )
    .await
}

#[tokio::test]
async fn an_unchanged_organization_answers_304_to_its_etag_and_any_change_shown_ends_that() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let first = s.get("/orgs/me", Some(&owner)).await;
    assert_eq!(first.status(), StatusCode::OK);
    let mut tag = first.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(revalidate(&s, &owner, &tag).await.0, StatusCode::NOT_MODIFIED);
    assert_eq!(
        revalidate(&s, &owner, "\"something-else\"").await.0,
        StatusCode::OK,
        "another tag gets the whole answer"
    );

    // Each change that the answer shows makes the held tag stale: a role, a space, a
    // collaborator, an invitation, a sign-in (its count is shown), the settings.
    let lena = s.user_id("lena@acme.test").await;
    let shop = s.space_id("Online Shop").await;
    let response = s
        .client
        .patch(s.url(&format!("/orgs/me/users/{lena}")))
        .bearer_auth(&owner)
        .json(&serde_json::json!({ "org_role": "admin" }))
        .send()
        .await
        .unwrap();
    tag = stale_after(&s, &owner, &tag, "a role", response).await;
    let response = s
        .post(
            "/orgs/me/invitations",
            Some(&owner),
            serde_json::json!({ "emails": ["etag@example.com"], "org_role": "member" }),
        )
        .await;
    tag = stale_after(&s, &owner, &tag, "an invitation", response).await;
    let response = s
        .put(
            &format!("/orgs/me/spaces/{shop}/collaborators/{lena}"),
            Some(&owner),
            serde_json::json!({ "role": "editor" }),
        )
        .await;
    tag = stale_after(&s, &owner, &tag, "a collaborator", response).await;
    let response = s.login_response("member@acme.test", "demo-password").await;
    tag = stale_after(&s, &owner, &tag, "a sign-in", response).await;

    // A member's answer is their own: the owner's tag is not theirs.
    let member = s.token("member@acme.test").await;
    let (_, tag) = revalidate(&s, &owner, &tag).await;
    assert_eq!(revalidate(&s, &member, &tag).await.0, StatusCode::OK);
    // Another organization changing changes nothing here.
    let globex = s.token("admin@globex.test").await;
    let settings: Value = s.get("/orgs/me/settings", Some(&globex)).await.json().await.unwrap();
    let saved = s
        .put(
            "/orgs/me/settings",
            Some(&globex),
            serde_json::json!({
                "version": settings["version"], "name": "Globex Renamed", "branding": settings["branding"],
                "embed": settings["embed"], "access": settings["access"],
            }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(revalidate(&s, &owner, &tag).await.0, StatusCode::NOT_MODIFIED);
}
