//! The list answers kept per organization and revision: each change shows at once in every list
//! it touches (the activity log included), an ETag revalidates, and the users search finds by
//! any piece of a name or address, through the trigram index and without it.

use crate::common::{emails, server};
use reqwest::StatusCode;
use serde_json::{json, Value};

const LISTS: [&str; 5] = [
    "/orgs/me/users?sort=email",
    "/orgs/me/spaces?period=all",
    "/orgs/me/statistics?period=30d",
    "/orgs/me/activities?page=1",
    "/orgs/me",
];

/// Each list with its ETag and body, asked twice: the second time from what is kept.
async fn read_lists(s: &crate::common::TestServer, token: &str) -> Vec<(String, Value)> {
    let mut seen = Vec::new();
    for path in LISTS {
        let first = s.get(path, Some(token)).await;
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        let tag = first.headers()["etag"].to_str().unwrap().to_string();
        let first: Value = first.json().await.unwrap();
        let again = s.get(path, Some(token)).await;
        assert_eq!(again.headers()["etag"].to_str().unwrap(), tag, "{path}");
        assert_eq!(
            again.json::<Value>().await.unwrap(),
            first,
            "{path}: the kept answer is the same"
        );
        seen.push((tag, first));
    }
    seen
}

async fn with_tag(s: &crate::common::TestServer, path: &str, token: &str, tag: &str) -> reqwest::Response {
    s.client
        .get(s.url(path))
        .bearer_auth(token)
        .header("if-none-match", tag)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn each_change_shows_at_once_in_every_list_it_touches() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    // Signed in first: a sign-in changes the users list (sign-ins, last sign-in).
    let admin = s.token("admin@acme.test").await;
    let before = read_lists(&s, &owner).await;
    for (path, (tag, _)) in LISTS.iter().zip(&before) {
        let held = with_tag(&s, path, &owner, tag).await;
        assert_eq!(held.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(held.headers()["etag"].to_str().unwrap(), tag);
    }
    // An admin asks the same: the answers are the organization's, not the asker's.
    let users = with_tag(&s, LISTS[0], &admin, &before[0].0).await;
    assert_eq!(users.status(), StatusCode::NOT_MODIFIED);

    let member = s.user_id("member@acme.test").await;
    let changed = s
        .client
        .patch(s.url(&format!("/orgs/me/users/{member}")))
        .bearer_auth(&owner)
        .json(&json!({ "org_role": "admin" }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    let docs = s.space_id("Product Docs").await;
    assert_eq!(
        s.delete(&format!("/orgs/me/spaces/{docs}"), Some(&owner))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );

    let after = read_lists(&s, &owner).await;
    for (path, ((old, _), (new, _))) in LISTS.iter().zip(before.iter().zip(&after)) {
        assert_ne!(old, new, "{path}: a new ETag after the changes");
        assert_eq!(with_tag(&s, path, &owner, old).await.status(), StatusCode::OK, "{path}");
    }
    let users = &after[0].1["users"];
    let promoted = users.as_array().unwrap().iter().find(|u| u["id"] == member).unwrap();
    assert_eq!(promoted["org_role"], "admin");
    let spaces = after[1].1["spaces"].as_array().unwrap();
    assert!(
        spaces.iter().all(|space| space["id"] != docs),
        "the detached space is gone"
    );
    assert_eq!(spaces.len() + 1, before[1].1["spaces"].as_array().unwrap().len());
    let newest = &after[3].1["activities"];
    assert_eq!(newest[0]["key"], "space.detach", "{newest}");
    assert_eq!(newest[1]["key"], "org_user.update", "{newest}");
    assert_eq!(
        after[3].1["total"].as_i64().unwrap(),
        before[3].1["total"].as_i64().unwrap() + 2
    );

    let org = &after[4].1["org"];
    let promoted = org["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == member)
        .unwrap();
    assert_eq!(promoted["org_role"], "admin", "orgs/me shows the new role");
    assert!(org["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .all(|space| space["id"] != docs));

    let health: Value = s.get("/health", None).await.json().await.unwrap();
    let cache = &health["answer_cache"];
    assert!(cache["hits"].as_u64().unwrap() >= 10, "{cache}");
    assert!(cache["entries"].as_u64().unwrap() >= 5, "{cache}");
    assert!(
        cache["bytes"].as_u64().unwrap() <= cache["limit_bytes"].as_u64().unwrap(),
        "{cache}"
    );
}

/// `orgs/me` is kept per view: a member's answer holds only themselves, so one member is never
/// given another's, whoever asked first.
#[tokio::test]
async fn a_kept_organization_is_only_ever_given_to_whoever_sees_the_same() {
    let s = server().await;
    let mut tags = Vec::new();
    for email in [
        "member@acme.test",
        "carla@bakery.test",
        "owner@acme.test",
        "admin@acme.test",
    ] {
        let token = s.token(email).await;
        for _ in 0..2 {
            let response = s.get("/orgs/me", Some(&token)).await;
            assert_eq!(response.status(), StatusCode::OK, "{email}");
            let tag = response.headers()["etag"].to_str().unwrap().to_string();
            let org: Value = response.json().await.unwrap();
            let seen = emails(&org["org"]);
            if email.starts_with("owner") || email.starts_with("admin") {
                assert_eq!(seen.len(), 9, "{email} sees everyone");
            } else {
                assert_eq!(seen, vec![email.to_string()], "{email} sees only themselves");
            }
            tags.push(tag);
        }
    }
    for pair in tags.chunks(2) {
        assert_eq!(pair[0], pair[1], "asked again, the same answer");
    }
    let mut distinct = tags.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "each view its own answer: {tags:?}");
}

#[tokio::test]
async fn members_are_refused_before_anything_kept_is_looked_at() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let kept = s.get("/orgs/me/users", Some(&owner)).await;
    let tag = kept.headers()["etag"].to_str().unwrap().to_string();
    let member = s.token("member@acme.test").await;
    for response in [
        s.get("/orgs/me/users", Some(&member)).await,
        with_tag(&s, "/orgs/me/users", &member, &tag).await,
    ] {
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(s.get("/orgs/me/users", None).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_users_search_finds_any_piece_of_a_name_or_address_as_it_is_now() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let search = |q: &'static str| {
        let (s, owner) = (&s, owner.clone());
        async move {
            let url = format!("/orgs/me/users?q={}", urlencoding(q));
            let response = s.get(&url, Some(&owner)).await;
            assert_eq!(response.status(), StatusCode::OK, "q={q}");
            emails(&response.json::<Value>().await.unwrap())
        }
    };
    // Three letters or more go through the index; fewer are scanned; both ignore case.
    assert_eq!(search("ISCHE").await, ["lena@acme.test"]);
    assert_eq!(search("na fi").await, ["lena@acme.test"], "across first and last name");
    assert_eq!(search("hwind.te").await, ["david@northwind.test"]);
    assert!(search("fi").await.contains(&"lena@acme.test".to_string()));
    // What the index's query language would read as operators is only text.
    for q in ["\"", "fis\"ch", "fisch*", "NOT fisch", "lena OR david", "^lena", "a:b"] {
        assert!(search(q).await.is_empty(), "q={q}");
    }

    let lena = s.token("lena@acme.test").await;
    let renamed = s
        .client
        .patch(s.url("/me/account"))
        .bearer_auth(&lena)
        .json(&json!({ "firstname": "Lena", "lastname": "Quirinus" }))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(search("quirin").await, ["lena@acme.test"]);
    assert!(search("ischer").await.is_empty(), "the old name no longer finds her");
}

/// `q` as a query-string value.
fn urlencoding(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
