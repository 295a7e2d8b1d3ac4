//! Health, the OpenAPI document, JSON errors for unknown paths and the security headers.

mod common;

use common::{expect_error, server};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn health_answers_ok() {
    let s = server().await;
    let body: Value = s.get("/health", None).await.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn openapi_documents_every_endpoint() {
    let s = server().await;
    let doc: Value = s.get("/openapi.json", None).await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/health", "get"),
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/logout", "post"),
        ("/api/v1/auth/me", "get"),
        ("/api/v1/orgs/me", "get"),
        ("/api/v1/orgs/me/spaces", "get"),
        ("/api/v1/orgs/me/spaces", "post"),
        ("/api/v1/orgs/me/spaces/{id}", "delete"),
        ("/api/v1/orgs/me/spaces/{id}", "get"),
        ("/api/v1/orgs/me/spaces/{id}/collaborators/{user_id}", "put"),
        ("/api/v1/orgs/me/spaces/{id}/collaborators/{user_id}", "delete"),
        ("/api/v1/orgs/me/statistics", "get"),
        ("/api/v1/me/personal-spaces", "get"),
        ("/api/v1/orgs/me/users", "get"),
        ("/api/v1/orgs/me/users.csv", "get"),
        ("/api/v1/orgs/me/users/{id}", "patch"),
        ("/api/v1/orgs/me/users/{id}", "delete"),
        ("/api/v1/orgs/me/invitations", "get"),
        ("/api/v1/orgs/me/invitations", "post"),
        ("/api/v1/orgs/me/invitations/{id}", "delete"),
        ("/api/v1/orgs/me/invitations/{id}/resend", "post"),
        ("/api/v1/invitations/accept", "post"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} is documented"
        );
    }
    assert!(doc["components"]["schemas"].get("OrgEnvelope").is_some());
    assert!(doc["components"]["securitySchemes"].get("bearer").is_some());
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    let s = server().await;
    expect_error(s.get("/no/such/thing", None).await, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn responses_carry_a_strict_content_security_policy() {
    let s = server().await;
    let response = s.get("/health", None).await;
    let csp = response.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
}
