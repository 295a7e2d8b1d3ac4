//! Regions Access: every space has a region, only owners limit the regions the organization's
//! spaces may be in, a space from elsewhere is refused, and spaces already in stay, flagged.

use crate::common::{edited, expect_error, server, settings, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn get(s: &TestServer, path: &str, token: &str) -> Value {
    s.get_json(path, token).await
}

/// The settings as they are with `allowed_regions` set to `regions`.
async fn with_regions(s: &TestServer, token: &str, regions: Value) -> Value {
    edited(&settings(s, token).await, |b| b["access"]["allowed_regions"] = regions)
}

#[tokio::test]
async fn every_space_has_a_region_and_the_demo_spreads_them() {
    let s = server().await;
    let token = s.token("owner@acme.test").await;
    let listed = get(&s, "/orgs/me/spaces", &token).await;
    assert_eq!(listed["allowed_regions"], json!([]), "no limit until an owner sets one");
    let mut regions: Vec<&str> = listed["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|space| space["region"].as_str().unwrap())
        .collect();
    assert!(
        regions.iter().all(|r| ["EU", "US", "CA", "AP", "CN"].contains(r)),
        "{regions:?}"
    );
    regions.sort();
    regions.dedup();
    assert!(
        regions.len() >= 3,
        "the demo's spaces are in several regions: {regions:?}"
    );

    let shop = s.space_id("Online Shop").await;
    let detail = get(&s, &format!("/orgs/me/spaces/{shop}"), &token).await;
    assert!(detail["space"]["region"].is_string());
    let personal = get(&s, "/me/personal-spaces", &token).await;
    let personal: Vec<(&str, &str)> = personal["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["region"].as_str().unwrap()))
        .collect();
    assert_eq!(
        personal,
        [
            ("Newsletter Archive", "EU"),
            ("Olivia's Playground", "CA"),
            ("Photo Portfolio", "US")
        ]
    );
}

#[tokio::test]
async fn only_owners_limit_the_regions() {
    let s = server().await;
    let (owner, admin) = (s.token("owner@acme.test").await, s.token("admin@acme.test").await);

    let e = expect_error(
        s.put(
            "/orgs/me/settings",
            Some(&admin),
            with_regions(&s, &admin, json!(["EU"])).await,
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_eq!(e["field"], "access.allowed_regions");
    assert_eq!(
        get(&s, "/orgs/me/settings", &owner).await["access"]["allowed_regions"],
        json!([])
    );

    // Stored in one order, once each.
    let response = s
        .put(
            "/orgs/me/settings",
            Some(&owner),
            with_regions(&s, &owner, json!(["EU", "CA", "EU"])).await,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved: Value = response.json().await.unwrap();
    assert_eq!(saved["access"]["allowed_regions"], json!(["EU", "CA"]));

    // An admin still saves the rest of the settings, leaving the regions as the owner set them.
    let mut rename = with_regions(&s, &admin, json!(["EU", "CA"])).await;
    rename["name"] = json!("Acme Regional");
    assert_eq!(
        s.put("/orgs/me/settings", Some(&admin), rename).await.status(),
        StatusCode::OK
    );

    // A region that does not exist is a bad request, not a stored setting.
    let unknown = s
        .put(
            "/orgs/me/settings",
            Some(&owner),
            with_regions(&s, &owner, json!(["MARS"])).await,
        )
        .await;
    assert!(unknown.status().is_client_error(), "{}", unknown.status());
    let body: Value = unknown.json().await.unwrap();
    assert!(body["error"]["code"].is_string(), "{body}");
    assert_eq!(
        get(&s, "/orgs/me/settings", &owner).await["access"]["allowed_regions"],
        json!(["EU", "CA"])
    );
}

#[tokio::test]
async fn a_space_from_a_region_not_allowed_is_refused_and_spaces_already_in_are_flagged() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let before = get(&s, "/orgs/me/spaces", &owner).await["spaces"]
        .as_array()
        .unwrap()
        .len();
    let saved = s
        .put(
            "/orgs/me/settings",
            Some(&owner),
            with_regions(&s, &owner, json!(["EU"])).await,
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);

    let portfolio = s.space_id("Photo Portfolio").await;
    let e = expect_error(
        s.post("/orgs/me/spaces", Some(&owner), json!({ "space_id": portfolio }))
            .await,
        StatusCode::FORBIDDEN,
        "region_not_allowed",
    )
    .await;
    assert_eq!(e["field"], "space_id");
    let message = e["message"].as_str().unwrap();
    assert!(
        message.contains("Photo Portfolio") && message.contains("US") && message.contains("EU"),
        "{message}"
    );
    assert_eq!(s.space_org(portfolio).await, None, "still personal");

    let archive = s.space_id("Newsletter Archive").await;
    let added = s
        .post("/orgs/me/spaces", Some(&owner), json!({ "space_id": archive }))
        .await;
    assert_eq!(
        added.status(),
        StatusCode::CREATED,
        "a space in an allowed region joins"
    );

    // Nothing already in the organization was removed; the list says what is allowed, so the
    // spaces elsewhere can be flagged, and so do "Add space" and a space's page.
    let listed = get(&s, "/orgs/me/spaces", &owner).await;
    assert_eq!(listed["allowed_regions"], json!(["EU"]));
    let spaces = listed["spaces"].as_array().unwrap();
    assert_eq!(spaces.len(), before + 1);
    assert!(
        spaces.iter().any(|space| space["region"] != "EU"),
        "spaces elsewhere stay"
    );
    assert_eq!(
        get(&s, "/me/personal-spaces", &owner).await["allowed_regions"],
        json!(["EU"])
    );
    let detail = get(&s, &format!("/orgs/me/spaces/{archive}"), &owner).await;
    assert_eq!(detail["allowed_regions"], json!(["EU"]));

    // Lifting the limit lets the space in.
    let lifted = s
        .put(
            "/orgs/me/settings",
            Some(&owner),
            with_regions(&s, &owner, json!([])).await,
        )
        .await;
    assert_eq!(lifted.status(), StatusCode::OK);
    let added = s
        .post("/orgs/me/spaces", Some(&owner), json!({ "space_id": portfolio }))
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    assert_eq!(added.json::<Value>().await.unwrap()["region"], "US");
}
