//! Storyblok's official JavaScript client works against this API unchanged: the token bare in
//! `Authorization` (as it sends it), `orgs/me`, and `orgs/me/activities` with Storyblok's filters
//! and its paging by the `Total` header.
//!
//! Ignored by a plain `cargo test`: it needs Node.js and the npm packages, which `cargo xtask
//! test` installs before running the ignored tests.

use crate::common::server;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and storyblok-js-client from npm; `cargo xtask test` runs it"]
async fn storyblok_js_client_reads_the_organization_and_its_activities() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let owner_id = s.user_id("owner@acme.test").await;
    // Something to find: the owner changes a role and an admin exports the users list.
    let jonas = s.user_id("jonas@acme.test").await;
    let changed = s
        .client
        .patch(s.url(&format!("/orgs/me/users/{jonas}")))
        .bearer_auth(&owner)
        .json(&json!({ "org_role": "member" }))
        .send()
        .await
        .unwrap();
    assert!(changed.status().is_success());
    let admin = s.token("admin@acme.test").await;
    s.post_empty("/orgs/me/users/export", Some(&admin)).await;

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/storyblok/client.mjs");
    let output = tokio::process::Command::new("node")
        .args([script, &s.running.url(), &owner, &owner_id.to_string()])
        .output()
        .await
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the client failed: {stderr}");
    let read: Value = serde_json::from_slice(&output.stdout).expect("one JSON line");
    assert_eq!(read["org"], "Acme Studio");
    assert_eq!(read["users"], 9);
    assert_eq!(read["total"], 1, "{read}");
    assert_eq!(
        read["filtered"],
        json!([{ "key": "org_user.update", "owner_id": owner_id, "type": "OrgUser" }])
    );
    // Two sign-ins, the role change and the export, read two to a page through `Total`.
    assert_eq!(read["all"], 4, "{read}");
}

/// The same client with a personal access token instead of a session: what scripts and CI use.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and storyblok-js-client from npm; `cargo xtask test` runs it"]
async fn storyblok_js_client_reads_with_a_personal_access_token() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let owner_id = s.user_id("owner@acme.test").await;
    let made: Value = s
        .post(
            "/me/tokens",
            Some(&owner),
            json!({ "name": "storyblok-js-client", "expires_in_days": 30, "scopes": ["read"], "password": "demo-password" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = made["token"].as_str().unwrap();
    let jonas = s.user_id("jonas@acme.test").await;
    let changed = s
        .client
        .patch(s.url(&format!("/orgs/me/users/{jonas}")))
        .bearer_auth(&owner)
        .json(&json!({ "org_role": "member" }))
        .send()
        .await
        .unwrap();
    assert!(changed.status().is_success());

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/storyblok/client.mjs");
    let output = tokio::process::Command::new("node")
        .args([script, &s.running.url(), token, &owner_id.to_string()])
        .output()
        .await
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the client failed: {stderr}");
    let read: Value = serde_json::from_slice(&output.stdout).expect("one JSON line");
    assert_eq!(read["org"], "Acme Studio");
    assert_eq!(read["users"], 9);
    assert_eq!(
        read["filtered"],
        json!([{ "key": "org_user.update", "owner_id": owner_id, "type": "OrgUser" }])
    );
    // Revoked, the same script is turned away.
    let id = made["summary"]["id"].as_i64().unwrap();
    assert!(s
        .delete(&format!("/me/tokens/{id}"), Some(&owner))
        .await
        .status()
        .is_success());
    let refused = tokio::process::Command::new("node")
        .args([script, &s.running.url(), token, &owner_id.to_string()])
        .output()
        .await
        .expect("node runs");
    assert!(!refused.status.success(), "a revoked token still reads");
}
