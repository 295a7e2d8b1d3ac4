//! The built app's files: each file as it is (precompressed where the build made it so), the
//! app's page for any other address (deep links), and how long each may be cached.

use std::path::PathBuf;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use contract::hosting;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::db::Database;
use crate::error::ApiError;

/// The built app: its files, and its page for every other address.
#[derive(Clone)]
pub(super) struct AppFiles {
    pub files: ServeDir,
    pub index: PathBuf,
    pub db: Database,
}

/// Everything that is not an API operation: the app's files, the app's page for any other
/// address (deep links), or a JSON 404 under `/api`. A missing file is a 404, never the page: a
/// script that is not there must not arrive as HTML.
pub(super) async fn not_an_operation(app: Option<AppFiles>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    if super::is_api(&path) {
        return ApiError::not_found("This API endpoint").into_response();
    }
    let Some(app) = app else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let is_page = matches!(*request.method(), Method::GET | Method::HEAD);
    let gzip = accepts_gzip(request.headers());
    let response = match app.files.clone().oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    let last = path.rsplit('/').next().unwrap_or("");
    if response.status() != StatusCode::NOT_FOUND || !is_page || last.contains('.') {
        return response;
    }
    super::brand::app_page(&app, &path, gzip).await
}

/// Whether the client takes gzip (`Accept-Encoding: gzip`, not refused with `q=0`).
fn accepts_gzip(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let refused = |q: &str| q.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) == Some(0.0);
            parts.next().is_some_and(|name| name.eq_ignore_ascii_case("gzip")) && !parts.any(refused)
        })
}

/// Files with a content hash in their name never change: cached for a year. Everything else
/// (index.html, embed.js, deep links) is checked with the server each time, so a new build shows
/// at once. API answers are never stored.
pub(super) async fn cache_policy(uri: axum::http::Uri, mut response: Response) -> Response {
    let path = uri.path();
    let value = if super::is_api(path) {
        // An API answer may allow itself to be kept (an image whose address names its bytes).
        if response.headers().contains_key(header::CACHE_CONTROL) {
            return response;
        }
        "no-store"
    } else if response.status().is_success() {
        hosting::cache_control(path)
    } else {
        hosting::REVALIDATE
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}
