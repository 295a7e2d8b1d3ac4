//! Everything around the API handlers: the built app's files with deep links falling back to
//! index.html, JSON for every refusal under `/api` (unknown paths, wrong methods, panics,
//! timeouts), security headers on every response, and CORS for an app hosted on another origin.

use common::text::said;
use std::any::Any;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use contract::hosting::{self, Framing};
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::client::TrustedProxies;
use crate::db::Database;
use crate::error::ApiError;
use crate::on_db;
use crate::Config;

/// The page's policy: no inline script but the bootstrap script (by its hash), wasm compiled with
/// `'wasm-unsafe-eval'`; nobody may frame it. Written once in `contract::hosting`, which also
/// writes the recipes for other hosts.
fn page_policy() -> &'static str {
    static POLICY: OnceLock<String> = OnceLock::new();
    POLICY.get_or_init(|| hosting::content_security_policy(None, Framing::Only(&[])))
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// An organization's embed pages (`/embed/{slug}/…`) may be framed by exactly the origins its
/// settings list, and by none when the list is empty (or the organization is unknown); every
/// other page by none. `X-Frame-Options` says the same to
/// browsers that predate `frame-ancestors`: `DENY` when nobody may frame, nothing when some may
/// (it cannot name several origins, and `frame-ancestors` overrides it where both are known).
async fn frame_policy(State(db): State<Database>, request: Request, next: Next) -> Response {
    let slug = contract::org_address(request.uri().path())
        .filter(|(_, embedded)| *embedded)
        .map(|(slug, _)| slug.to_string());
    let mut response = next.run(request).await;
    let origins = match slug {
        Some(slug) => on_db!(&db, |pool, domain| {
            domain::settings::frame_origins(pool, &slug).await
        })
        .unwrap_or_default(),
        None => Vec::new(),
    };
    let headers = response.headers_mut();
    if origins.is_empty() {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(page_policy()));
        }
    } else {
        // Stored origins passed `normalize_origin`, so they hold no quote, space or semicolon.
        let policy = hosting::content_security_policy(None, Framing::Only(&origins));
        if let Ok(value) = HeaderValue::from_str(&policy) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response
}

/// `Strict-Transport-Security` when the client came over HTTPS (which a trusted proxy says).
async fn transport_security(State(proxies): State<Arc<TrustedProxies>>, request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let https = peer.is_some_and(|ip| proxies.https(ip, request.headers()));
    let mut response = next.run(request).await;
    if https {
        response.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(hosting::STRICT_TRANSPORT_SECURITY),
        );
    }
    response
}

/// Every refusal under `/api` carries the JSON error body, also those made below the handlers
/// (an unknown method, a route's own rejection); `Allow` and `Retry-After` are kept.
async fn json_errors(request: Request, next: Next) -> Response {
    let api = is_api(request.uri().path());
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !api || status.as_u16() < 400 || is_json {
        return response;
    }
    let mut replaced = ApiError::for_status(status).into_response();
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            replaced.headers_mut().insert(name, value.clone());
        }
    }
    replaced
}

/// A request that takes longer than the limit is answered 503 and its work dropped.
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!("request took longer than {limit:?}");
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                said().took_too_long.to_owned(),
            )
            .retry_after(5)
            .into_response()
        }
    }
}

/// A panic in a handler is a 500 with the JSON body, never a dropped connection.
fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    ApiError::internal().into_response()
}

/// The built app: its files, and its page for every other address.
#[derive(Clone)]
struct AppFiles {
    files: ServeDir,
    index: PathBuf,
    db: Database,
}

/// Everything that is not an API operation: the app's files, the app's page for any other
/// address (deep links), or a JSON 404 under `/api`. A missing file is a 404, never the page: a
/// script that is not there must not arrive as HTML.
async fn not_an_operation(app: Option<AppFiles>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    if is_api(&path) {
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
    app_page(&app, &path, gzip).await
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

/// `index.html` for an address of the app; at an organization's address with its brand inlined,
/// so the first paint already wears it.
async fn app_page(app: &AppFiles, path: &str, gzip: bool) -> Response {
    let Ok(html) = tokio::fs::read_to_string(&app.index).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Served at the root: an unknown address deep down still finds the files.
    let mut html = hosting::pin_prefix(&html, "/");
    if let Some((slug, _)) = contract::org_address(path) {
        if let Ok(brand) = on_db!(&app.db, |pool, domain| {
            domain::settings::public_branding(pool, slug).await
        }) {
            let json = serde_json::to_string(&brand).unwrap_or_default();
            let tag = format!(
                "<meta name=\"{}\" content=\"{}\">",
                hosting::meta::BRAND,
                hosting::escape_attribute(&json)
            );
            html = html.replacen(hosting::BRAND_SLOT, &tag, 1);
        }
    }
    let html_type = (header::CONTENT_TYPE, "text/html; charset=utf-8");
    // The page differs per address (the brand), so it is compressed per request rather than
    // ahead like the other files: about 4 KB to 2, on the first request of every visit.
    let vary = (header::VARY, "accept-encoding");
    if gzip {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        if let Ok(body) = encoder.write_all(html.as_bytes()).and_then(|()| encoder.finish()) {
            return ([html_type, vary, (header::CONTENT_ENCODING, "gzip")], body).into_response();
        }
    }
    ([html_type, vary], html).into_response()
}

/// After a change through this instance, its event streams look for it at once instead of at
/// their next look (SQLite's poll; PostgreSQL's notice usually arrives first anyway).
async fn wake_streams_after_writes(
    State(changed_here): State<Arc<tokio::sync::Notify>>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let response = next.run(request).await;
    if writes && response.status().is_success() {
        changed_here.notify_one();
    }
    response
}

pub fn wrap(
    api: Router,
    config: &Config,
    db: Database,
    proxies: Arc<TrustedProxies>,
    changed_here: Arc<tokio::sync::Notify>,
) -> Router {
    let app = config.static_dir.as_ref().map(|dir| AppFiles {
        files: ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        index: dir.join("index.html"),
        db: db.clone(),
    });
    let mut router = api
        .fallback(move |request: Request| not_an_operation(app.clone(), request))
        .layer(middleware::from_fn_with_state(db.clone(), crate::idempotency::once))
        .layer(middleware::from_fn(json_errors))
        .layer(middleware::from_fn_with_state(changed_here, wake_streams_after_writes))
        .layer(middleware::from_fn_with_state(config.request_timeout, time_limit))
        // A body that trickles in is cut off (a slow client would otherwise hold its connection
        // and its handler until the request's own time limit).
        .layer(RequestBodyTimeoutLayer::new(config.body_timeout))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn(crate::lang::in_the_callers_language));
    if !config.allowed_origins.is_empty() {
        let origins: Vec<HeaderValue> = config.allowed_origins.iter().filter_map(|o| o.parse().ok()).collect();
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
                .allow_headers([
                    header::AUTHORIZATION,
                    header::CONTENT_TYPE,
                    header::IF_MATCH,
                    header::IF_NONE_MATCH,
                    header::ACCEPT_LANGUAGE,
                    HeaderName::from_static("last-event-id"),
                    HeaderName::from_static(contract::BACKGROUND_HEADER),
                ])
                .expose_headers([
                    header::ETAG,
                    header::RETRY_AFTER,
                    header::CONTENT_DISPOSITION,
                    HeaderName::from_static("total"),
                    HeaderName::from_static("per-page"),
                ]),
        );
    }
    router
        .layer(middleware::from_fn_with_state(db, frame_policy))
        .layer(middleware::from_fn_with_state(proxies, transport_security))
        .layer(middleware::map_response(cache_policy))
        .layer(middleware::map_response(every_answer))
}

/// The headers every answer carries (`contract::hosting::EVERY_ANSWER`), unless it set its own.
async fn every_answer(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in hosting::EVERY_ANSWER {
        if let Ok(name) = HeaderName::from_bytes(name.as_bytes()) {
            if !headers.contains_key(&name) {
                headers.insert(name, HeaderValue::from_static(value));
            }
        }
    }
    response
}

/// Files with a content hash in their name never change: cached for a year. Everything else
/// (index.html, embed.js, deep links) is checked with the server each time, so a new build shows
/// at once. API answers are never stored.
async fn cache_policy(uri: axum::http::Uri, mut response: Response) -> Response {
    let path = uri.path();
    let value = if is_api(path) {
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
