//! Settings: who may read and change them, each field's validation, the stale-save conflict, the
//! logo and favicon checks, the public branding, the frame-ancestors policy, and the access rules
//! the invitation and add-space paths honour.

use crate::common::{edited, expect_error, expect_invalid_at, server, settings};
use org_area_server::{start, Config, Seed};
use reqwest::StatusCode;
use serde_json::{json, Value};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const ICO: &[u8] = &[0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0];

#[tokio::test]
async fn owners_and_admins_open_settings_members_and_strangers_do_not() {
    let s = server().await;
    for email in ["owner@acme.test", "admin@acme.test"] {
        let body = settings(&s, &s.token(email).await).await;
        assert_eq!(body["name"], "Acme Studio");
        assert_eq!(body["slug"], "acme-studio");
        assert!(body["version"].as_i64().unwrap() >= 1);
        assert_eq!(body["branding"]["light"]["primary"], "#3b4cca");
    }
    let member = s.token("member@acme.test").await;
    expect_error(
        s.get("/orgs/me/settings", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let current = settings(&s, &s.token("owner@acme.test").await).await;
    let rename = edited(&current, |b| b["name"] = json!("Taken Over"));
    expect_error(
        s.put("/orgs/me/settings", Some(&member), rename.clone()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_error(
        s.put_bytes("/orgs/me/settings/logo", &member, "image/png", PNG.to_vec())
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_error(
        s.get("/orgs/me/settings", None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;

    // Another organization's admin reads and writes their own organization, never Acme's.
    let gina = s.token("admin@globex.test").await;
    let globex = settings(&s, &gina).await;
    assert_eq!(globex["name"], "Globex");
    let saved = s
        .put(
            "/orgs/me/settings",
            Some(&gina),
            edited(&globex, |b| b["name"] = json!("Globex Corp")),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(
        settings(&s, &s.token("owner@acme.test").await).await["name"],
        "Acme Studio"
    );

    // Members get no settings inside orgs/me either.
    let org: Value = s.get("/orgs/me", Some(&member)).await.json().await.unwrap();
    assert_eq!(org["org"]["settings"], json!({}));
}

#[tokio::test]
async fn a_saved_change_shows_everywhere_and_bumps_the_version() {
    let s = server().await;
    let token = s.token("admin@acme.test").await;
    let before = settings(&s, &token).await;
    let body = edited(&before, |b| {
        b["name"] = json!("  Acme Creative  ");
        b["branding"]["app_name"] = json!("Acme Console");
        b["branding"]["sign_in_text"] = json!("Staff and clients of Acme only.\n<b>Welcome</b>");
        b["branding"]["light"]["primary"] = json!("#0B5394");
        b["branding"]["hide_powered_by"] = json!(true);
        b["embed"]["allowed_origins"] = json!(["https://Portal.Acme.example/"]);
        b["access"]["allowed_email_domains"] = json!(["@Acme.test"]);
        b["access"]["members_can_create_spaces"] = json!(true);
        b["access"]["activity_retention_days"] = json!(90);
    });
    let response = s.put("/orgs/me/settings", Some(&token), body).await;
    assert_eq!(response.status(), StatusCode::OK);
    let after: Value = response.json().await.unwrap();
    assert_eq!(after["version"], before["version"].as_i64().unwrap() + 1);
    assert_eq!(after["name"], "Acme Creative", "trimmed");
    assert_eq!(after["branding"]["light"]["primary"], "#0b5394", "normalized");
    assert_eq!(
        after["embed"]["allowed_origins"],
        json!(["https://portal.acme.example"])
    );
    assert_eq!(after["access"]["allowed_email_domains"], json!(["acme.test"]));
    assert_eq!(after["access"]["members_can_create_spaces"], true);
    assert_eq!(after["access"]["activity_retention_days"], 90);
    assert_eq!(settings(&s, &token).await, after, "what was saved is what is read");

    let me: Value = s.get("/auth/me", Some(&token)).await.json().await.unwrap();
    assert_eq!(me["org"]["name"], "Acme Creative");
    let public: Value = s.get("/branding/acme-studio", None).await.json().await.unwrap();
    assert_eq!(public["app_name"], "Acme Console");
    assert_eq!(public["org_name"], "Acme Creative");
    assert_eq!(
        public["sign_in_text"],
        "Staff and clients of Acme only.\n<b>Welcome</b>"
    );
    assert_eq!(public["hide_powered_by"], true);
}

#[tokio::test]
async fn each_field_is_validated_and_nothing_is_half_saved() {
    let s = server().await;
    let token = s.token("owner@acme.test").await;
    let before = settings(&s, &token).await;
    let cases: Vec<(&str, Box<dyn Fn(&mut Value)>)> = vec![
        ("name", Box::new(|b| b["name"] = json!(""))),
        ("name", Box::new(|b| b["name"] = json!("   "))),
        ("name", Box::new(|b| b["name"] = json!("n".repeat(81)))),
        ("name", Box::new(|b| b["name"] = json!("Two\nlines"))),
        (
            "branding.app_name",
            Box::new(|b| b["branding"]["app_name"] = json!("a".repeat(41))),
        ),
        (
            "branding.sign_in_text",
            Box::new(|b| b["branding"]["sign_in_text"] = json!("t".repeat(501))),
        ),
        (
            "branding.light.primary",
            Box::new(|b| b["branding"]["light"]["primary"] = json!("blue")),
        ),
        (
            "branding.light.primary",
            Box::new(|b| b["branding"]["light"]["primary"] = json!("#ffd700")),
        ),
        (
            "branding.dark.primary",
            Box::new(|b| b["branding"]["dark"]["primary"] = json!("#202020")),
        ),
        (
            "branding.light.accent",
            Box::new(|b| b["branding"]["light"]["accent"] = json!("#f0f0f0")),
        ),
        (
            "embed.allowed_origins",
            Box::new(|b| b["embed"]["allowed_origins"] = json!(["http://shop.example.com"])),
        ),
        (
            "embed.allowed_origins",
            Box::new(|b| b["embed"]["allowed_origins"] = json!(["https://a.example/path"])),
        ),
        (
            "embed.allowed_origins",
            Box::new(|b| b["embed"]["allowed_origins"] = json!(["https://a.example; script-src *"])),
        ),
        (
            "access.allowed_email_domains",
            Box::new(|b| b["access"]["allowed_email_domains"] = json!(["not a domain"])),
        ),
    ];
    for (field, change) in cases {
        let mut body = edited(&before, |_| {});
        body["name"] = json!("Should Not Stick");
        change(&mut body);
        expect_invalid_at(s.put("/orgs/me/settings", Some(&token), body).await, field).await;
    }
    // A colour refused for contrast says by how much.
    let body = edited(&before, |b| b["branding"]["light"]["primary"] = json!("#ffd700"));
    let error = expect_error(
        s.put("/orgs/me/settings", Some(&token), body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    let message = error["message"].as_str().unwrap();
    assert!(message.contains(":1") && message.contains("4.5"), "{message}");

    assert_eq!(settings(&s, &token).await, before, "no refused save changed anything");
}

#[tokio::test]
async fn a_save_over_a_newer_version_is_a_conflict() {
    let s = server().await;
    let owner = s.token("owner@acme.test").await;
    let admin = s.token("admin@acme.test").await;
    let seen_by_owner = settings(&s, &owner).await;
    let seen_by_admin = settings(&s, &admin).await;

    let first = s
        .put(
            "/orgs/me/settings",
            Some(&admin),
            edited(&seen_by_admin, |b| b["name"] = json!("Admin's Name")),
        )
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    let stale = edited(&seen_by_owner, |b| b["name"] = json!("Owner's Name"));
    expect_error(
        s.put("/orgs/me/settings", Some(&owner), stale).await,
        StatusCode::CONFLICT,
        "stale_version",
    )
    .await;
    assert_eq!(
        settings(&s, &owner).await["name"],
        "Admin's Name",
        "the newer save stays"
    );
}

#[tokio::test]
async fn logo_and_favicon_uploads_are_checked_and_served_with_their_type() {
    let s = server().await;
    let token = s.token("admin@acme.test").await;

    let saved = s
        .put_bytes("/orgs/me/settings/logo", &token, "image/png", PNG.to_vec())
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let body: Value = saved.json().await.unwrap();
    assert_eq!(body["logo"]["content_type"], "image/png");
    assert_eq!(body["logo"]["bytes"], PNG.len());
    let url = body["logo"]["url"].as_str().unwrap().to_string();
    assert!(url.starts_with("/api/v1/branding/acme-studio/logo?v="), "{url}");

    let image = s.client.get(format!("{}{url}", s.running.url())).send().await.unwrap();
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.headers()["x-content-type-options"], "nosniff");
    assert_eq!(image.bytes().await.unwrap().as_ref(), PNG);

    // Bytes that are not the image they claim to be, or not an accepted image at all.
    let html = b"<html><script>alert(1)</script></html>".to_vec();
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec();
    for (kind, content_type, bytes) in [
        ("logo", "image/png", html.clone()),
        ("logo", "image/svg+xml", svg),
        ("logo", "image/gif", PNG.to_vec()),
        ("logo", "image/x-icon", ICO.to_vec()),
        ("favicon", "text/html", html),
    ] {
        let error = expect_error(
            s.put_bytes(&format!("/orgs/me/settings/{kind}"), &token, content_type, bytes)
                .await,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
        )
        .await;
        assert_eq!(error["field"], kind);
    }
    let mut big = PNG.to_vec();
    big.resize(contract::MAX_FAVICON_BYTES + 1, 0);
    let error = expect_error(
        s.put_bytes("/orgs/me/settings/favicon", &token, "image/png", big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
    )
    .await;
    assert_eq!(error["field"], "favicon");
    expect_error(
        s.put_bytes("/orgs/me/settings/logo", &token, "image/png", Vec::new())
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    expect_error(
        s.put_bytes("/orgs/me/settings/banner", &token, "image/png", PNG.to_vec())
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    let favicon = s
        .put_bytes(
            "/orgs/me/settings/favicon",
            &token,
            "image/vnd.microsoft.icon",
            ICO.to_vec(),
        )
        .await;
    assert_eq!(favicon.status(), StatusCode::OK);
    let served = s
        .client
        .get(format!("{}/api/v1/branding/acme-studio/favicon", s.running.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(served.headers()["content-type"], "image/x-icon");

    let removed: Value = s
        .delete("/orgs/me/settings/logo", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(removed["logo"], Value::Null);
    let gone = s
        .client
        .get(format!("{}/api/v1/branding/acme-studio/logo", s.running.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn public_branding_needs_no_sign_in_and_leaks_no_member_data() {
    let s = server().await;
    let token = s.token("owner@acme.test").await;
    let current = settings(&s, &token).await;
    let body = edited(&current, |b| {
        b["branding"]["app_name"] = json!("Acme Console");
        b["embed"]["allowed_origins"] = json!(["https://portal.acme.example"]);
        b["access"]["allowed_email_domains"] = json!(["acme.test"]);
    });
    assert_eq!(
        s.put("/orgs/me/settings", Some(&token), body).await.status(),
        StatusCode::OK
    );

    let response = s.get("/branding/acme-studio", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    let public: Value = serde_json::from_str(&text).unwrap();
    let mut keys: Vec<&str> = public.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "app_name",
            "dark",
            "embed_origins",
            "favicon_url",
            "hide_powered_by",
            "light",
            "logo_url",
            "org_name",
            "sign_in_text",
            "slug"
        ]
    );
    // The sites that may embed it are public anyway (every embed page's `frame-ancestors` names
    // them); an embedded app needs them to know which host page it may talk to.
    assert_eq!(public["embed_origins"], json!(["https://portal.acme.example"]));
    for secret in ["@", "acme.test", "Olivia", "Online Shop", "version"] {
        assert!(!text.contains(secret), "public branding mentions {secret}: {text}");
    }
    expect_error(
        s.get("/branding/no-such-org", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn frame_ancestors_lists_exactly_the_allowed_origins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>app</title>").unwrap();
    let running = start(Config {
        bind: "127.0.0.1:0".parse().unwrap(),
        database_url: format!("sqlite://{}", dir.path().join("test.db").display()),
        seed: Seed::Demo,
        static_dir: Some(dir.path().to_path_buf()),
        ..Config::default()
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    let policy = |path: &'static str| {
        let client = client.clone();
        let url = format!("{}{path}", running.url());
        async move {
            let response = client.get(url).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path} serves the app");
            let csp = response.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_string();
            csp.split(';')
                .map(str::trim)
                .find(|d| d.starts_with("frame-ancestors"))
                .unwrap()
                .to_string()
        }
    };
    assert_eq!(
        policy("/embed/acme-studio/").await,
        "frame-ancestors 'none'",
        "empty list: nobody"
    );

    let login: Value = client
        .post(format!("{}/api/v1/auth/login", running.url()))
        .json(&json!({ "email": "owner@acme.test", "password": "demo-password" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap();
    let current: Value = client
        .get(format!("{}/api/v1/orgs/me/settings", running.url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let body = edited(&current, |b| {
        b["embed"]["allowed_origins"] = json!(["https://portal.acme.example", "http://127.0.0.1:9999"])
    });
    let saved = client
        .put(format!("{}/api/v1/orgs/me/settings", running.url()))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::OK);

    let allowed = "frame-ancestors https://portal.acme.example http://127.0.0.1:9999";
    assert_eq!(policy("/embed/acme-studio/").await, allowed);
    assert_eq!(policy("/embed/acme-studio/users").await, allowed);
    // The branded address is for whole pages; frames get the embed address.
    assert_eq!(policy("/o/acme-studio/sign-in").await, "frame-ancestors 'none'");
    // Another organization, an unknown one, and the unbranded app stay unframeable.
    assert_eq!(policy("/embed/globex/").await, "frame-ancestors 'none'");
    assert_eq!(policy("/embed/nobody/").await, "frame-ancestors 'none'");
    assert_eq!(policy("/users").await, "frame-ancestors 'none'");
    assert_eq!(policy("/").await, "frame-ancestors 'none'");
}

#[tokio::test]
async fn invitations_go_only_to_allowed_domains() {
    let s = server().await;
    let token = s.token("admin@acme.test").await;
    let current = settings(&s, &token).await;
    let body = edited(&current, |b| {
        b["access"]["allowed_email_domains"] = json!(["acme.test"])
    });
    assert_eq!(
        s.put("/orgs/me/settings", Some(&token), body).await.status(),
        StatusCode::OK
    );

    let refused = s
        .post(
            "/orgs/me/invitations",
            Some(&token),
            json!({ "emails": ["new@acme.test", "x@elsewhere.test"], "org_role": "member" }),
        )
        .await;
    let error = expect_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    assert_eq!(error["field"], "emails");
    assert!(error["message"].as_str().unwrap().contains("x@elsewhere.test"));
    let pending: Value = s.get("/orgs/me/invitations", Some(&token)).await.json().await.unwrap();
    assert!(!pending.to_string().contains("new@acme.test"), "all or nothing");

    let accepted = s
        .post(
            "/orgs/me/invitations",
            Some(&token),
            json!({ "emails": ["new@acme.test"], "org_role": "member" }),
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn members_add_spaces_only_when_the_organization_allows_it() {
    let s = server().await;
    let member_id = s.user_id("member@acme.test").await;
    let space: i64 = sqlx::query_scalar(
        "INSERT INTO spaces (name, owner_id, created_at) VALUES ('Mia''s Notes', $1, '2026-01-01T00:00:00Z') RETURNING id",
    )
    .bind(member_id)
    .fetch_one(&s.sql)
    .await
    .unwrap();
    let member = s.token("member@acme.test").await;
    let me: Value = s.get("/auth/me", Some(&member)).await.json().await.unwrap();
    assert_eq!(me["org"]["can_add_spaces"], false);
    expect_error(
        s.get("/me/personal-spaces", Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_error(
        s.post("/orgs/me/spaces", Some(&member), json!({ "space_id": space }))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    let owner = s.token("owner@acme.test").await;
    let current = settings(&s, &owner).await;
    let body = edited(&current, |b| b["access"]["members_can_create_spaces"] = json!(true));
    assert_eq!(
        s.put("/orgs/me/settings", Some(&owner), body).await.status(),
        StatusCode::OK
    );

    let me: Value = s.get("/auth/me", Some(&member)).await.json().await.unwrap();
    assert_eq!(me["org"]["can_add_spaces"], true);
    let personal: Value = s.get("/me/personal-spaces", Some(&member)).await.json().await.unwrap();
    assert!(
        personal.to_string().contains("Mia's Notes"),
        "the picker lists the member's own spaces"
    );
    let added = s
        .post("/orgs/me/spaces", Some(&member), json!({ "space_id": space }))
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    assert!(s.space_org(space).await.is_some());
    // Still a member: detaching stays with owners and admins.
    expect_error(
        s.delete(&format!("/orgs/me/spaces/{space}"), Some(&member)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}
