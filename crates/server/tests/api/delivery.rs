//! The server as the app's host: the page at every address of the app (an organization's with its
//! brand inlined, safely), content-hashed files kept for a year, a missing file never answered
//! with the page, and the bootstrap script allowed by its hash.

use crate::common::server_with;
use base64::Engine;
use contract::hosting::{meta, BOOTSTRAP_SCRIPT, BRAND_SLOT};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::Digest;

/// A built app in miniature: the page (as the build writes its head) and two files.
fn app_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\n\
         <meta name=\"{prefix}\" content=\"\">\n{BRAND_SLOT}\n<script>{BOOTSTRAP_SCRIPT}</script>\n\
         <title></title></head><body></body></html>",
        prefix = meta::PREFIX
    );
    std::fs::write(dir.path().join("index.html"), page).unwrap();
    std::fs::write(dir.path().join("main-0123456789abcdef.css"), "body{}").unwrap();
    std::fs::write(dir.path().join("embed.js"), "// embed").unwrap();
    dir
}

/// The content of the page's meta tag `name`, decoded as a browser would.
fn meta_content(html: &str, name: &str) -> Option<String> {
    let opening = format!("<meta name=\"{name}\" content=\"");
    let start = html.find(&opening)? + opening.len();
    let end = start + html[start..].find('"')?;
    Some(
        html[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[tokio::test]
async fn every_address_of_the_app_gets_the_page_and_an_organizations_wears_its_brand() {
    let files = app_files();
    let s = server_with(|c| c.static_dir = Some(files.path().to_path_buf())).await;
    let get = |path: &str| s.client.get(format!("{}{path}", s.running.url())).send();

    let plain = get("/users/12").await.unwrap();
    assert_eq!(plain.status(), StatusCode::OK);
    assert_eq!(plain.headers()["cache-control"], "no-cache");
    assert!(plain.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let policy = plain.headers()["content-security-policy"].to_str().unwrap().to_string();
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(BOOTSTRAP_SCRIPT.as_bytes()));
    assert!(
        policy.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';")),
        "the bootstrap script is allowed by its hash, nothing else inline: {policy}"
    );
    let html = plain.text().await.unwrap();
    assert_eq!(
        meta_content(&html, meta::BRAND),
        None,
        "no organization at this address"
    );
    assert_eq!(
        meta_content(&html, meta::PREFIX).as_deref(),
        Some("/"),
        "served at the root"
    );

    let branded = get("/o/acme-studio/users").await.unwrap().text().await.unwrap();
    let brand: Value = serde_json::from_str(&meta_content(&branded, meta::BRAND).expect("brand inlined")).unwrap();
    assert_eq!(brand["slug"], "acme-studio");
    assert_eq!(brand["org_name"], "Acme Studio");
    let at = |needle: &str| branded.find(needle).unwrap();
    assert!(
        at(meta::BRAND) < at("<script>"),
        "the brand comes before the script that paints it"
    );

    let embedded = get("/embed/acme-studio/").await.unwrap().text().await.unwrap();
    assert!(meta_content(&embedded, meta::BRAND).is_some());
    let unknown = get("/o/no-such-org/").await.unwrap();
    assert_eq!(unknown.status(), StatusCode::OK, "the app says what is wrong");
    assert_eq!(meta_content(&unknown.text().await.unwrap(), meta::BRAND), None);
}

#[tokio::test]
async fn an_inlined_brand_is_text_in_an_attribute_never_markup() {
    let files = app_files();
    let s = server_with(|c| c.static_dir = Some(files.path().to_path_buf())).await;
    let token = s.token("owner@acme.test").await;
    let mut settings: Value = s.get("/orgs/me/settings", Some(&token)).await.json().await.unwrap();
    let hostile = "Acme\"><script>alert(1)</script>&amp;";
    settings["branding"]["app_name"] = json!(hostile);
    settings["branding"]["sign_in_text"] = json!("</script><img src=x onerror=alert(2)>");
    let body = json!({
        "version": settings["version"], "name": settings["name"], "branding": settings["branding"],
        "embed": settings["embed"], "access": settings["access"],
    });
    let saved = s.put("/orgs/me/settings", Some(&token), body).await;
    assert_eq!(saved.status(), StatusCode::OK, "{}", saved.text().await.unwrap());

    let html = s
        .client
        .get(format!("{}/o/acme-studio/", s.running.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<script>alert"), "no markup from the brand: {html}");
    assert!(!html.contains("<img"), "no markup from the brand: {html}");
    assert_eq!(html.matches("<script>").count(), 1, "only the bootstrap script");
    let brand: Value = serde_json::from_str(&meta_content(&html, meta::BRAND).unwrap()).unwrap();
    assert_eq!(brand["app_name"], hostile, "the name arrives as it was typed");
}

#[tokio::test]
async fn hashed_files_are_kept_for_a_year_and_missing_files_are_404() {
    let files = app_files();
    let s = server_with(|c| c.static_dir = Some(files.path().to_path_buf())).await;
    let get = |path: &str| s.client.get(format!("{}{path}", s.running.url())).send();

    let hashed = get("/main-0123456789abcdef.css").await.unwrap();
    assert_eq!(hashed.status(), StatusCode::OK);
    assert_eq!(hashed.headers()["cache-control"], "public, max-age=31536000, immutable");
    let embed = get("/embed.js").await.unwrap();
    assert_eq!(embed.status(), StatusCode::OK);
    assert_eq!(
        embed.headers()["cache-control"],
        "no-cache",
        "the embed script keeps its name"
    );

    // A file an old page still asks for, after a deploy: not the page under its name.
    for missing in [
        "/main-fedcba9876543210.css",
        "/app/split_users-0123456789abcdef.wasm",
        "/app.js",
    ] {
        let response = get(missing).await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{missing}");
        assert_ne!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{missing}"
        );
    }
}

#[tokio::test]
async fn the_page_is_sent_gzipped_to_clients_that_take_it() {
    use std::io::Read;
    let files = app_files();
    let s = server_with(|c| c.static_dir = Some(files.path().to_path_buf())).await;
    let url = format!("{}/o/acme-studio/users", s.running.url());
    let get = |encodings: Option<&str>| {
        let request = s.client.get(&url);
        match encodings {
            Some(e) => request.header("accept-encoding", e),
            None => request,
        }
        .send()
    };
    let plain = get(None).await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let plain = plain.text().await.unwrap();

    let zipped = get(Some("br;q=1, gzip;q=0.8")).await.unwrap();
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    assert!(
        zipped.headers().get_all("vary").iter().any(|v| v
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("accept-encoding")),
        "caches keep the two apart"
    );
    let bytes = zipped.bytes().await.unwrap();
    assert!(bytes.len() < plain.len());
    let mut html = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut html)
        .unwrap();
    assert_eq!(html, plain, "the same page, brand and all");

    let refused = get(Some("gzip;q=0, identity")).await.unwrap();
    assert!(refused.headers().get("content-encoding").is_none());
}
