//! Health, the OpenAPI document against the router, the JSON error body for every kind of bad
//! request, and the security headers.

use crate::common::{expect_error, expect_invalid_at, server, server_with, TestServer};
use org_area_server::client::TrustedProxies;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn health_answers_ok() {
    let s = server().await;
    let body: Value = s.get("/health", None).await.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// A documented path with its parameters filled in.
fn concrete(path: &str) -> String {
    path.replace("{org_slug}", "acme-studio")
        .replace("{kind}", "logo")
        .replace("{id}", "1")
        .replace("{user_id}", "1")
}

#[tokio::test]
async fn the_router_answers_exactly_the_documented_operations() {
    let s = server().await;
    let token = s.token("owner@acme.test").await;
    let doc: Value = s.get("/openapi.json", None).await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(doc["components"]["securitySchemes"].get("bearer").is_some());
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 25, "{} paths", paths.len());
    let mut operations: Vec<(String, String)> = Vec::new();
    for (path, item) in paths {
        for method in METHODS {
            if item.get(method).is_some() {
                operations.push((path.clone(), method.to_string()));
            }
        }
    }
    // Signing out last keeps the token alive for the rest.
    operations.sort_by_key(|(path, _)| path.ends_with("/logout"));
    // An operation's own answer, not where a redirect it answers leads.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (path, method) in &operations {
        let url = format!("{}{}", s.running.url(), concrete(path));
        let response = client
            .request(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(), &url)
            .bearer_auth(&token)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        let status = response.status();
        // An event stream never ends: its answer is its status and type, not a body to read.
        let streams = response
            .headers()
            .get("content-type")
            .is_some_and(|t| t.as_bytes().starts_with(b"text/event-stream"));
        let body = if streams {
            String::new()
        } else {
            response.text().await.unwrap_or_default()
        };
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path} is routed");
        assert!(
            !body.contains("This API endpoint was not found"),
            "{method} {path} is routed: {body}"
        );
        let declared = &paths[path][method]["responses"];
        assert!(
            declared.get(status.as_str()).is_some(),
            "{method} {path} answered {status}, which its document does not declare"
        );
    }
    // Every method the document does not list for a path is refused with 405 and an Allow header
    // naming exactly the documented ones.
    let token = s.token("owner@acme.test").await;
    for (path, item) in paths {
        let documented: Vec<&str> = METHODS.into_iter().filter(|m| item.get(*m).is_some()).collect();
        for method in METHODS.into_iter().filter(|m| !documented.contains(m)) {
            let url = format!("{}{}", s.running.url(), concrete(path));
            let response = s
                .client
                .request(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(), &url)
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            let allow = response
                .headers()
                .get("allow")
                .map(|v| v.to_str().unwrap().to_lowercase())
                .unwrap_or_default();
            for m in &documented {
                assert!(allow.contains(m), "Allow for {path} names {m}: {allow}");
            }
            expect_error(response, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
        }
    }
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    let s = server().await;
    expect_error(s.get("/no/such/thing", None).await, StatusCode::NOT_FOUND, "not_found").await;
    let token = s.token("owner@acme.test").await;
    expect_error(
        s.get("/orgs/me/spaces/not-a-number", Some(&token)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_error(
        s.get("/orgs/me/spaces/99999999999999999999999", Some(&token)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

async fn raw_post(s: &TestServer, path: &str, content_type: Option<&str>, body: Vec<u8>) -> reqwest::Response {
    let mut request = s.client.post(s.url(path)).body(body);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn bad_bodies_get_the_json_error_and_never_their_secrets_back() {
    let s = server().await;
    let json_type = Some("application/json");
    expect_error(
        raw_post(
            &s,
            "/auth/login",
            json_type,
            br#"{"email": "owner@acme.test", "#.to_vec(),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "malformed_json",
    )
    .await;
    expect_error(
        raw_post(
            &s,
            "/auth/login",
            None,
            br#"{"email":"a@b.co","password":"x"}"#.to_vec(),
        )
        .await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    let missing = expect_invalid_at(
        raw_post(&s, "/auth/login", json_type, br#"{"email":"owner@acme.test"}"#.to_vec()).await,
        "password",
    )
    .await;
    assert!(missing["message"].as_str().unwrap().contains("required"));
    // A password of the wrong type is refused at its field without being repeated.
    let typed = raw_post(
        &s,
        "/auth/login",
        json_type,
        br#"{"email":"owner@acme.test","password":74125896301}"#.to_vec(),
    )
    .await;
    assert_eq!(typed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = typed.text().await.unwrap();
    assert!(
        text.contains("\"field\":\"password\"") && !text.contains("74125896301"),
        "{text}"
    );
    // Over-long input is refused before any work.
    expect_invalid_at(
        s.post(
            "/auth/login",
            None,
            json!({ "email": "owner@acme.test", "password": "p".repeat(5000) }),
        )
        .await,
        "password",
    )
    .await;
    // A body far over the limit gets a 413 the client can read, not a closed connection.
    let huge = vec![b' '; 3 * 1024 * 1024];
    expect_error(
        raw_post(&s, "/auth/login", json_type, huge).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
    )
    .await;
}

#[tokio::test]
async fn out_of_range_queries_are_refused_at_their_parameter() {
    let s = server().await;
    let token = s.token("owner@acme.test").await;
    for (query, field) in [
        ("page=9223372036854775807", "page"),
        ("page=99999999999999999999", "page"),
        ("per_page=-1", "per_page"),
        ("page=abc", "page"),
    ] {
        expect_invalid_at(s.get(&format!("/orgs/me/users?{query}"), Some(&token)).await, field).await;
    }
    expect_invalid_at(
        s.get("/orgs/me/activities?per_page=1000", Some(&token)).await,
        "per_page",
    )
    .await;
    expect_invalid_at(s.get("/orgs/me/spaces?period=5y", Some(&token)).await, "period").await;
}

#[tokio::test]
async fn responses_carry_the_security_headers() {
    let s = server().await;
    let response = s.get("/health", None).await;
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY", "says what frame-ancestors says");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert!(headers["permissions-policy"].to_str().unwrap().contains("camera=()"));
    assert!(
        headers.get("strict-transport-security").is_none(),
        "plain HTTP straight from a client: no HSTS"
    );
}

#[tokio::test]
async fn https_through_a_trusted_proxy_gets_strict_transport_security() {
    let s = server_with(|config| config.trusted_proxies = TrustedProxies::parse("127.0.0.1").unwrap()).await;
    let response = s
        .client
        .get(s.url("/health"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert!(response.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
    let plain = s.get("/health", None).await;
    assert!(plain.headers().get("strict-transport-security").is_none());
}

/// Every schema a parameter or body points at is in the document, and what the parameters say
/// about their limits is what the server enforces.
#[tokio::test]
async fn the_documented_parameters_resolve_and_state_the_real_limits() {
    let s = server().await;
    let doc: Value = s.get("/openapi.json", None).await.json().await.unwrap();
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(
            schemas.contains_key(name),
            "{name} is referred to but not in the document"
        );
    }
    let users = doc["paths"]["/api/v1/orgs/me/users"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let per_page = users.iter().find(|p| p["name"] == "per_page").unwrap();
    assert!(
        per_page["description"]
            .as_str()
            .unwrap()
            .contains(&contract::MAX_PER_PAGE.to_string()),
        "{per_page}"
    );
    let sorts: Vec<&str> = schemas["UserSort"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(sorts, contract::UserSort::ALL.map(|s| s.as_str()));
}
