//! `GET /orgs/me`: what each role receives, and that one organization never sees another's data.

mod common;

use common::{emails, expect_error, server};
use reqwest::StatusCode;
use serde_json::Value;

async fn org_of(s: &common::TestServer, email: &str) -> Value {
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
