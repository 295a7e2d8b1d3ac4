//! The Users endpoints against the permission table: each role, each action, the forbidden cases
//! and another organization's users.

use crate::common::{emails, expect_error, server};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn patch(s: &crate::common::TestServer, token: &str, id: i64, role: &str) -> reqwest::Response {
    s.client
        .patch(s.url(&format!("/orgs/me/users/{id}")))
        .bearer_auth(token)
        .json(&json!({ "org_role": role }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn owners_and_admins_page_search_filter_and_sort_users() {
    let s = server().await;
    for email in ["owner@acme.test", "admin@acme.test"] {
        let token = s.token(email).await;
        let page: Value = s
            .get("/orgs/me/users?per_page=4", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(page["total"], 9);
        assert_eq!(page["users"].as_array().unwrap().len(), 4);
        let last: Value = s
            .get("/orgs/me/users?per_page=4&page=3", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(last["users"].as_array().unwrap().len(), 1);
        let found: Value = s
            .get("/orgs/me/users?q=FISCH", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(emails(&found), ["lena@acme.test"]);
        let by_mail: Value = s
            .get("/orgs/me/users?q=northwind", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(emails(&by_mail), ["david@northwind.test"]);
        let admins: Value = s
            .get("/orgs/me/users?role=admin&sort=email", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            emails(&admins),
            ["admin@acme.test", "jonas@acme.test", "lena@acme.test"]
        );
        let desc: Value = s
            .get("/orgs/me/users?sort=email&dir=desc&per_page=1", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(emails(&desc), ["owner@acme.test"]);
        // LIKE wildcards are taken literally.
        let none: Value = s.get("/orgs/me/users?q=%25", Some(&token)).await.json().await.unwrap();
        assert_eq!(none["total"], 0);
    }
    let token = s.token("owner@acme.test").await;
    for (query, field) in [
        ("role=boss", "role"),
        ("per_page=501", "per_page"),
        ("page=0", "page"),
        ("sort=shoe", "sort"),
    ] {
        let e = expect_error(
            s.get(&format!("/orgs/me/users?{query}"), Some(&token)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
        )
        .await;
        assert_eq!(e["field"], field);
    }
}

#[tokio::test]
async fn members_get_no_list_and_globex_sees_only_globex() {
    let s = server().await;
    let member = s.token("member@acme.test").await;
    expect_error(
        s.get("/orgs/me/users", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let globex = s.token("admin@globex.test").await;
    let page: Value = s.get("/orgs/me/users", Some(&globex)).await.json().await.unwrap();
    assert_eq!(page["total"], 3);
    assert!(emails(&page).iter().all(|e| e.ends_with("@globex.test")));
}

#[tokio::test]
async fn role_changes_follow_the_permission_table() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let admin = s.token("admin@acme.test").await;
    let member = s.token("member@acme.test").await;
    let (mia, carla, lena, olivia, adam) = (
        s.user_id("member@acme.test").await,
        s.user_id("carla@bakery.test").await,
        s.user_id("lena@acme.test").await,
        s.user_id("owner@acme.test").await,
        s.user_id("admin@acme.test").await,
    );

    // Members change nothing.
    expect_error(
        patch(&s, &member, carla, "admin").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // Admins manage admins and members, never ownership.
    let promoted: Value = patch(&s, &admin, carla, "admin").await.json().await.unwrap();
    assert_eq!(promoted["org_role"], "admin");
    expect_error(
        patch(&s, &admin, carla, "owner").await,
        StatusCode::FORBIDDEN,
        "cannot_assign_ownership",
    )
    .await;
    expect_error(
        patch(&s, &admin, olivia, "admin").await,
        StatusCode::FORBIDDEN,
        "cannot_assign_ownership",
    )
    .await;
    // Owners assign every role.
    let owned: Value = patch(&s, &owner, lena, "owner").await.json().await.unwrap();
    assert_eq!(owned["org_role"], "owner");
    assert_eq!(patch(&s, &owner, lena, "admin").await.status(), StatusCode::OK);
    // Nobody changes their own role.
    expect_error(
        patch(&s, &owner, olivia, "admin").await,
        StatusCode::CONFLICT,
        "self_change",
    )
    .await;
    expect_error(
        patch(&s, &admin, adam, "member").await,
        StatusCode::CONFLICT,
        "self_change",
    )
    .await;

    // Organization roles never touch collaborator roles.
    let before: Value = s
        .get("/orgs/me/users?q=member%40acme", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(patch(&s, &owner, mia, "admin").await.status(), StatusCode::OK);
    let after: Value = s
        .get("/orgs/me/users?q=member%40acme", Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        before["users"][0]["roles_on_spaces"],
        after["users"][0]["roles_on_spaces"]
    );
    assert_eq!(after["users"][0]["org_role"], "admin");
}

#[tokio::test]
async fn removals_follow_the_permission_table() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let admin = s.token("admin@acme.test").await;
    let member = s.token("member@acme.test").await;
    let (erin, olivia, jonas, adam) = (
        s.user_id("erin@contoso.test").await,
        s.user_id("owner@acme.test").await,
        s.user_id("jonas@acme.test").await,
        s.user_id("admin@acme.test").await,
    );
    expect_error(
        s.delete(&format!("/orgs/me/users/{erin}"), Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_error(
        s.delete(&format!("/orgs/me/users/{olivia}"), Some(&admin)).await,
        StatusCode::FORBIDDEN,
        "cannot_assign_ownership",
    )
    .await;
    expect_error(
        s.delete(&format!("/orgs/me/users/{adam}"), Some(&admin)).await,
        StatusCode::CONFLICT,
        "self_change",
    )
    .await;
    assert_eq!(
        s.delete(&format!("/orgs/me/users/{erin}"), Some(&admin)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        s.delete(&format!("/orgs/me/users/{jonas}"), Some(&owner))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let page: Value = s.get("/orgs/me/users", Some(&owner)).await.json().await.unwrap();
    assert_eq!(page["total"], 7);
    // A removed person keeps their account but has no organization any more.
    let erin_token = s.token("erin@contoso.test").await;
    expect_error(
        s.get("/orgs/me", Some(&erin_token)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn nobody_reaches_into_another_organization() {
    let s = server().await;
    let globex = s.token("admin@globex.test").await;
    let acme = s.token("owner@acme.test").await;
    let mia = s.user_id("member@acme.test").await;
    let gina = s.user_id("admin@globex.test").await;
    expect_error(
        patch(&s, &globex, mia, "admin").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_error(
        s.delete(&format!("/orgs/me/users/{mia}"), Some(&globex)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_error(
        patch(&s, &acme, gina, "member").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_error(
        s.delete(&format!("/orgs/me/users/{gina}"), Some(&acme)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let role: String = sqlx::query_scalar("SELECT org_role FROM org_members WHERE user_id = $1")
        .bind(mia)
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_eq!(role, "member", "nothing changed");
}

#[tokio::test]
async fn the_filtered_list_exports_as_csv_for_owners_and_admins_only() {
    let s = server().await;
    sqlx::query(
        "UPDATE users SET firstname = '=HYPERLINK(\"x\")', lastname = 'Rossi, Jr.' WHERE email = 'carla@bakery.test'",
    )
    .execute(&s.sql)
    .await
    .unwrap();
    let admin = s.token("admin@acme.test").await;
    let response = s
        .post_empty("/orgs/me/users/export?role=member&sort=email", Some(&admin))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = response.text().await.unwrap();
    // Read back by a CSV reader: a header, then one row of as many cells per member, in the
    // list's order, each cell what the list says of that member.
    let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "email",
            "firstname",
            "lastname",
            "org_role",
            "sign_in_count",
            "last_sign_in_at",
            "created_at",
            "disabled",
            "two_factor",
            "spaces"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("every row has a cell per column"))
        .collect();
    let listed: Value = s
        .get("/orgs/me/users?role=member&sort=email&per_page=500", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let users = listed["users"].as_array().unwrap();
    assert_eq!(rows.len(), users.len(), "a row per member listed");
    assert_eq!(rows.len(), 5, "the five members, as filtered");
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    for (row, user) in rows.iter().zip(users) {
        assert_eq!(row.len(), header.len());
        let cell = |name: &str| {
            row.get(header.iter().position(|h| h == name).unwrap())
                .unwrap()
                .to_string()
        };
        for column in [
            "id",
            "email",
            "org_role",
            "sign_in_count",
            "last_sign_in_at",
            "created_at",
            "disabled",
            "two_factor",
        ] {
            assert_eq!(cell(column), text(&user[column]), "{column} of {}", user["email"]);
        }
        assert_eq!(cell("spaces"), user["on_spaces"].as_array().unwrap().len().to_string());
        let first = text(&user["firstname"]);
        let shown = if first.starts_with('=') {
            format!("'{first}")
        } else {
            first
        };
        assert_eq!(cell("firstname"), shown, "a formula is defused, the rest kept");
        assert_eq!(cell("lastname"), text(&user["lastname"]));
    }
    let lines: Vec<&str> = body.lines().collect();
    let carla = lines.iter().find(|l| l.contains("carla@bakery.test")).unwrap();
    assert!(
        carla.contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "formulas are defused and quotes escaped: {carla}"
    );
    assert!(carla.contains("\"Rossi, Jr.\""), "commas are quoted: {carla}");
    let member = s.token("member@acme.test").await;
    expect_error(
        s.post_empty("/orgs/me/users/export", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // Reading the list is no export: only the download is recorded, with what it held.
    let exports: Value = s
        .get("/orgs/me/activities?keys=users.export", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(exports["total"], 1, "{exports}");
    assert_eq!(exports["activities"][0]["parameters"]["rows"], 5);
    assert_eq!(exports["activities"][0]["parameters"]["role"], "member");
}

#[tokio::test]
async fn the_palette_search_finds_people_and_spaces_by_name_for_managers_only() {
    let s = crate::common::server().await;
    let admin = s.token("admin@acme.test").await;
    let found: serde_json::Value = s
        .get("/orgs/me/search?q=lena", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["users"][0]["email"], "lena@acme.test");
    assert_eq!(found["users"][0]["name"], "Lena Fischer");
    assert_eq!(found["spaces"], serde_json::json!([]));
    let found: serde_json::Value = s
        .get("/orgs/me/search?q=PORT", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let spaces: Vec<&str> = found["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        spaces,
        ["Brand Portal", "Careers Portal"],
        "case does not matter, by name"
    );
    let nothing: serde_json::Value = s.get("/orgs/me/search?q=", Some(&admin)).await.json().await.unwrap();
    assert_eq!(nothing, serde_json::json!({ "users": [], "spaces": [] }));
    // Never another organization's, never for members.
    let globex = s.token("admin@globex.test").await;
    let theirs: serde_json::Value = s
        .get("/orgs/me/search?q=lena", Some(&globex))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs["users"], serde_json::json!([]));
    let member = s.token("member@acme.test").await;
    assert_eq!(
        s.get("/orgs/me/search?q=lena", Some(&member)).await.status(),
        reqwest::StatusCode::FORBIDDEN
    );
    let long = "x".repeat(201);
    assert_eq!(
        s.get(&format!("/orgs/me/search?q={long}"), Some(&admin)).await.status(),
        reqwest::StatusCode::UNPROCESSABLE_ENTITY
    );
}
