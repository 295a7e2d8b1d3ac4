//! The dashboard's endpoints: spaces with traffic, statistics, personal spaces, add and detach.

use crate::common::{expect_error, server};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn owners_and_admins_list_spaces_with_owner_users_and_traffic() {
    let s = server().await;
    for email in ["owner@acme.test", "admin@acme.test"] {
        let token = s.token(email).await;
        let body: Value = s
            .get("/orgs/me/spaces?period=30d", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(body["period"], "30d");
        let spaces = body["spaces"].as_array().unwrap();
        assert_eq!(spaces.len(), 8);
        let shop = spaces.iter().find(|s| s["name"] == "Online Shop").unwrap();
        assert_eq!(shop["owner_email"], "owner@acme.test");
        assert_eq!(shop["owner_name"], "Olivia Owens");
        assert_eq!(shop["user_count"], 5);
        assert!(shop["traffic_bytes"].as_i64().unwrap() > 0);
    }
    // A longer period counts more traffic.
    let token = s.token("owner@acme.test").await;
    let total = |body: Value| {
        body["spaces"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["traffic_bytes"].as_i64().unwrap())
            .sum::<i64>()
    };
    let month = total(
        s.get("/orgs/me/spaces?period=30d", Some(&token))
            .await
            .json()
            .await
            .unwrap(),
    );
    let year = total(
        s.get("/orgs/me/spaces?period=12m", Some(&token))
            .await
            .json()
            .await
            .unwrap(),
    );
    assert!(
        year > month * 6,
        "12 months ({year}) is much more than 30 days ({month})"
    );
    let e = expect_error(
        s.get("/orgs/me/spaces?period=forever", Some(&token)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    assert_eq!(e["field"], "period");
}

#[tokio::test]
async fn statistics_follow_the_period() {
    let s = server().await;
    let token = s.token("admin@acme.test").await;
    let daily: Value = s
        .get("/orgs/me/statistics?period=30d", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(daily["granularity"], "day");
    assert_eq!(daily["traffic"].as_array().unwrap().len(), 30);
    assert_eq!(daily["spaces"].as_array().unwrap().last().unwrap()["count"], 8);
    assert_eq!(daily["users"].as_array().unwrap().last().unwrap()["count"], 9);
    assert_eq!(daily["users_by_role"], json!({ "owner": 1, "admin": 3, "member": 5 }));
    let free = &daily["free_traffic"];
    assert_eq!(free["included_bytes"], 1_000_000_000_000i64);
    assert!(free["used_bytes"].as_i64().unwrap() > 0);
    assert!(free["period_start"].as_str().unwrap().ends_with("-01"));

    let monthly: Value = s
        .get("/orgs/me/statistics?period=12m", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(monthly["granularity"], "month");
    let months = monthly["traffic"].as_array().unwrap();
    assert!((12..=13).contains(&months.len()), "{} months", months.len());
    assert!(months.iter().all(|p| p["date"].as_str().unwrap().len() == 7));
    let all: Value = s
        .get("/orgs/me/statistics?period=all", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        all["traffic"].as_array().unwrap().len() >= 13,
        "all time reaches back 13 months"
    );
    // The spaces chart grows: the seeded spaces joined at different times.
    let counts: Vec<i64> = all["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["count"].as_i64().unwrap())
        .collect();
    assert!(
        counts.first() < counts.last() && counts.windows(2).all(|w| w[0] <= w[1]),
        "{counts:?}"
    );
}

#[tokio::test]
async fn members_and_strangers_are_refused() {
    let s = server().await;
    let member = s.token("member@acme.test").await;
    for path in ["/orgs/me/spaces", "/orgs/me/statistics", "/me/personal-spaces"] {
        expect_error(s.get(path, Some(&member)).await, StatusCode::FORBIDDEN, "forbidden").await;
        expect_error(s.get(path, None).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    }
    let docs = s.space_id("Product Docs").await;
    expect_error(
        s.post("/orgs/me/spaces", Some(&member), json!({ "space_id": docs }))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_error(
        s.delete(&format!("/orgs/me/spaces/{docs}"), Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert!(s.space_org(docs).await.is_some(), "nothing changed");
}

#[tokio::test]
async fn globex_can_neither_see_nor_touch_acme_spaces() {
    let s = server().await;
    let globex = s.token("admin@globex.test").await;
    let body: Value = s
        .get("/orgs/me/spaces?period=all", Some(&globex))
        .await
        .json()
        .await
        .unwrap();
    assert!(body["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["name"].as_str().unwrap().starts_with("Globex")));
    let docs = s.space_id("Product Docs").await;
    let acme = s.space_org(docs).await;
    expect_error(
        s.delete(&format!("/orgs/me/spaces/{docs}"), Some(&globex)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // An Acme admin's personal space cannot be pulled into Globex either.
    let sandbox = s.space_id("Adam's Sandbox").await;
    expect_error(
        s.post("/orgs/me/spaces", Some(&globex), json!({ "space_id": sandbox }))
            .await,
        StatusCode::FORBIDDEN,
        "not_your_space",
    )
    .await;
    assert_eq!(s.space_org(docs).await, acme);
    assert_eq!(s.space_org(sandbox).await, None);
    // Globex's statistics hold none of Acme's traffic.
    let acme_token = s.token("owner@acme.test").await;
    let g: Value = s
        .get("/orgs/me/statistics?period=30d", Some(&globex))
        .await
        .json()
        .await
        .unwrap();
    let a: Value = s
        .get("/orgs/me/statistics?period=30d", Some(&acme_token))
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(g["free_traffic"]["used_bytes"], a["free_traffic"]["used_bytes"]);
    assert_eq!(g["users_by_role"], json!({ "owner": 1, "admin": 1, "member": 1 }));
}

#[tokio::test]
async fn add_a_personal_space_then_detach_it() {
    let s = server().await;
    let token = s.token("admin@acme.test").await;
    let personal: Value = s.get("/me/personal-spaces", Some(&token)).await.json().await.unwrap();
    let names: Vec<&str> = personal["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Adam's Sandbox", "Conference Microsite", "Recipe Blog"],
        "only the admin's own, in no organization"
    );

    let recipe = s.space_id("Recipe Blog").await;
    let response = s
        .post("/orgs/me/spaces", Some(&token), json!({ "space_id": recipe }))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let added: Value = response.json().await.unwrap();
    assert_eq!(added["name"], "Recipe Blog");
    assert_eq!(added["owner_email"], "admin@acme.test");
    let listed: Value = s.get("/orgs/me/spaces", Some(&token)).await.json().await.unwrap();
    assert_eq!(listed["spaces"].as_array().unwrap().len(), 9);
    let stats: Value = s
        .get("/orgs/me/statistics?period=30d", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        stats["spaces"].as_array().unwrap().last().unwrap()["count"],
        9,
        "the chart counts it at once"
    );

    // Adding it again, by anyone, is a conflict that changes nothing.
    let e = expect_error(
        s.post("/orgs/me/spaces", Some(&token), json!({ "space_id": recipe }))
            .await,
        StatusCode::CONFLICT,
        "already_in_organization",
    )
    .await;
    assert_eq!(e["field"], "space_id");
    let personal: Value = s.get("/me/personal-spaces", Some(&token)).await.json().await.unwrap();
    assert_eq!(personal["spaces"].as_array().unwrap().len(), 2);

    assert_eq!(
        s.delete(&format!("/orgs/me/spaces/{recipe}"), Some(&token))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(s.space_org(recipe).await, None, "back in the owner's personal account");
    expect_error(
        s.delete(&format!("/orgs/me/spaces/{recipe}"), Some(&token)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn spaces_of_others_or_in_organizations_cannot_be_added() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    // Someone else's personal space.
    let sandbox = s.space_id("Adam's Sandbox").await;
    expect_error(
        s.post("/orgs/me/spaces", Some(&owner), json!({ "space_id": sandbox }))
            .await,
        StatusCode::FORBIDDEN,
        "not_your_space",
    )
    .await;
    // A space already in this organization, and one in another organization.
    let marketing = s.space_id("Marketing Website").await;
    expect_error(
        s.post("/orgs/me/spaces", Some(&owner), json!({ "space_id": marketing }))
            .await,
        StatusCode::CONFLICT,
        "already_in_organization",
    )
    .await;
    let globex_store = s.space_id("Globex Store").await;
    expect_error(
        s.post("/orgs/me/spaces", Some(&owner), json!({ "space_id": globex_store }))
            .await,
        StatusCode::FORBIDDEN,
        "not_your_space",
    )
    .await;
    expect_error(
        s.post("/orgs/me/spaces", Some(&owner), json!({ "space_id": 999_999 }))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(s.space_org(sandbox).await, None);

    // The organization's space limit.
    sqlx::query("UPDATE orgs SET max_spaces = 8 WHERE name = 'Acme Studio'")
        .execute(&s.sql)
        .await
        .unwrap();
    let playground = s.space_id("Olivia's Playground").await;
    expect_error(
        s.post("/orgs/me/spaces", Some(&owner), json!({ "space_id": playground }))
            .await,
        StatusCode::CONFLICT,
        "space_limit",
    )
    .await;
    assert_eq!(s.space_org(playground).await, None);
}

#[tokio::test]
async fn the_large_demo_has_250_spaces_and_10000_users() {
    let s = crate::common::server_seeded(org_area_server::Seed::DemoLarge).await;
    let token = s.token("owner@acme.test").await;
    let spaces: Value = s
        .get("/orgs/me/spaces?period=all", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(spaces["spaces"].as_array().unwrap().len(), 250);
    let org: Value = s.get("/orgs/me", Some(&token)).await.json().await.unwrap();
    assert_eq!(org["org"]["user_count"], 10_000);
    assert_eq!(org["org"]["users"].as_array().unwrap().len(), 10_000);
    // Globex is untouched.
    let globex = s.token("admin@globex.test").await;
    let theirs: Value = s.get("/orgs/me", Some(&globex)).await.json().await.unwrap();
    assert_eq!(theirs["org"]["user_count"], 3);
}

async fn put_collaborator(
    s: &crate::common::TestServer,
    token: &str,
    space: i64,
    user: i64,
    role: &str,
) -> reqwest::Response {
    s.client
        .put(s.url(&format!("/orgs/me/spaces/{space}/collaborators/{user}")))
        .bearer_auth(token)
        .json(&json!({ "role": role }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn organization_users_join_and_leave_spaces_without_touching_their_org_role() {
    let s = server().await;
    let admin = s.token("admin@acme.test").await;
    let blog = s.space_id("Blog").await;
    let carla = s.user_id("carla@bakery.test").await;

    let detail: Value = s
        .get(&format!("/orgs/me/spaces/{blog}"), Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["space"]["name"], "Blog");
    assert_eq!(detail["collaborators"].as_array().unwrap().len(), 2);

    let added: Value = put_collaborator(&s, &admin, blog, carla, "viewer")
        .await
        .json()
        .await
        .unwrap();
    let entry = added["collaborators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["user_id"] == carla)
        .unwrap()
        .clone();
    assert_eq!(entry["role"], "viewer");
    assert_eq!(entry["org_role"], "member", "the organization role is untouched");
    let changed: Value = put_collaborator(&s, &admin, blog, carla, "editor")
        .await
        .json()
        .await
        .unwrap();
    assert!(changed["collaborators"].to_string().contains("editor"));
    let page: Value = s
        .get("/orgs/me/users?q=carla", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["users"][0]["roles_on_spaces"][blog.to_string()], json!(["editor"]));
    assert_eq!(page["users"][0]["org_role"], "member");

    assert_eq!(
        s.delete(&format!("/orgs/me/spaces/{blog}/collaborators/{carla}"), Some(&admin))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let page: Value = s
        .get("/orgs/me/users?q=carla", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert!(page["users"][0]["roles_on_spaces"].get(blog.to_string()).is_none());
    assert_eq!(page["users"][0]["org_role"], "member", "still in the organization");
}

#[tokio::test]
async fn collaborators_are_checked_for_role_space_user_and_caller() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let member = s.token("member@acme.test").await;
    let globex = s.token("admin@globex.test").await;
    let blog = s.space_id("Blog").await;
    let store = s.space_id("Globex Store").await;
    let carla = s.user_id("carla@bakery.test").await;
    let gina = s.user_id("admin@globex.test").await;

    let e = expect_error(
        put_collaborator(&s, &owner, blog, carla, "superuser").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    assert_eq!(e["field"], "role");
    let e = expect_error(
        put_collaborator(&s, &owner, blog, gina, "viewer").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(e["field"], "user_id");
    expect_error(
        put_collaborator(&s, &owner, store, carla, "viewer").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_error(
        s.get(&format!("/orgs/me/spaces/{store}"), Some(&owner)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_error(
        put_collaborator(&s, &member, blog, carla, "viewer").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_error(
        put_collaborator(&s, &globex, blog, carla, "viewer").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_error(
        s.delete(&format!("/orgs/me/spaces/{blog}/collaborators/{carla}"), Some(&globex))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM space_collaborators WHERE space_id = $1")
        .bind(blog)
        .fetch_one(&s.sql)
        .await
        .unwrap();
    assert_eq!(count, 2, "nothing changed");
}

/// The monthly roll-up behind long periods gives the same totals as summing every day, and
/// follows new traffic.
#[tokio::test]
async fn traffic_totals_match_the_daily_rows_for_every_period() {
    let s = server().await;
    let token = s.token("owner@acme.test").await;
    let org: i64 = sqlx::query_scalar("SELECT id FROM orgs WHERE slug = 'acme-studio'")
        .fetch_one(&s.sql)
        .await
        .unwrap();
    let shop = s.space_id("Online Shop").await;
    // A day of traffic arriving late, in an old month, must reach the roll-up too.
    let days_ago = |d: i64| (chrono::Utc::now().date_naive() - chrono::Duration::days(d)).to_string();
    // Days travel as text; `date(…)` makes one a day in either database.
    sqlx::query("DELETE FROM traffic WHERE space_id = $1 AND date = date($2)")
        .bind(shop)
        .bind(days_ago(200))
        .execute(&s.sql)
        .await
        .unwrap();
    sqlx::query("INSERT INTO traffic (space_id, date, api_requests, total_bytes) VALUES ($1, date($2), 7, 1234567)")
        .bind(shop)
        .bind(days_ago(200))
        .execute(&s.sql)
        .await
        .unwrap();
    for (period, days) in [
        ("30d", Some(30)),
        ("90d", Some(90)),
        ("12m", Some(365)),
        ("all", None::<i64>),
    ] {
        let since = match days {
            Some(d) => days_ago(d - 1),
            None => "1970-01-01".to_string(),
        };
        let expected: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(t.total_bytes), 0) AS BIGINT) FROM traffic t JOIN spaces s ON s.id = t.space_id
             WHERE s.org_id = $1 AND t.date >= date($2)",
        )
        .bind(org)
        .bind(since)
        .fetch_one(&s.sql)
        .await
        .unwrap();
        let listed: Value = s
            .get(&format!("/orgs/me/spaces?period={period}"), Some(&token))
            .await
            .json()
            .await
            .unwrap();
        let listed: i64 = listed["spaces"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["traffic_bytes"].as_i64().unwrap())
            .sum();
        let stats: Value = s
            .get(&format!("/orgs/me/statistics?period={period}"), Some(&token))
            .await
            .json()
            .await
            .unwrap();
        let charted: i64 = stats["traffic"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["total_bytes"].as_i64().unwrap())
            .sum();
        assert_eq!(listed, expected, "spaces list, {period}");
        assert_eq!(charted, expected, "statistics, {period}");
    }
}
