//! Storyblok's official JavaScript client works against this API unchanged: the token bare in
//! `Authorization` (as it sends it), `orgs/me`, and `orgs/me/activities` with Storyblok's filters
//! and its paging by the `Total` header; with a session's token, and with a personal access token.
//!
//! Ignored by a plain `cargo test`: it needs Node.js and the npm packages, which `cargo xtask
//! test` installs before running the ignored tests.

use crate::common::{server, TestServer};
use serde_json::{json, Value};

/// Something to find: the owner makes Jonas a member.
async fn owner_demotes_jonas(s: &TestServer, owner: &str) {
    let jonas = s.user_id("jonas@acme.test").await;
    let changed = s
        .client
        .patch(s.url(&format!("/orgs/me/users/{jonas}")))
        .bearer_auth(owner)
        .json(&json!({ "org_role": "member" }))
        .send()
        .await
        .unwrap();
    assert!(changed.status().is_success());
}

/// The client reading with `token`: what it read, or why it could not.
async fn client_reads(s: &TestServer, token: &str, owner_id: i64) -> Result<Value, String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/storyblok/client.mjs");
    let output = tokio::process::Command::new("node")
        .args([script, &s.running.url(), token, &owner_id.to_string()])
        .output()
        .await
        .expect("node runs");
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(serde_json::from_slice(&output.stdout).expect("one JSON line"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs node and storyblok-js-client from npm; `cargo xtask test` runs it"]
async fn storyblok_js_client_reads_the_organization_and_its_activities() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let owner_id = s.user_id("owner@acme.test").await;
    // Something to find: the owner changes a role and an admin exports the users list.
    owner_demotes_jonas(&s, &owner).await;
    let admin = s.token("admin@acme.test").await;
    s.post_empty("/orgs/me/users/export", Some(&admin)).await;

    let read = client_reads(&s, &owner, owner_id).await.expect("the client reads");
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
    owner_demotes_jonas(&s, &owner).await;

    let read = client_reads(&s, token, owner_id).await.expect("the client reads");
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
    assert!(
        client_reads(&s, token, owner_id).await.is_err(),
        "a revoked token still reads"
    );
}
