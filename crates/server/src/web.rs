//! Everything around the API handlers: the built app's files with deep links falling back to
//! index.html, JSON for every refusal under `/api` (unknown paths, wrong methods, panics,
//! timeouts), security headers on every response, and CORS for an app hosted on another origin.

use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::client::TrustedProxies;
use crate::db::Pool;
use crate::error::ApiError;
use crate::Config;

/// The app passes this policy: no inline script, wasm compiled with `'wasm-unsafe-eval'` only.
/// Written once; who may frame the page is added per address.
macro_rules! policy_without_framing {
    () => {
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    };
}
const POLICY_WITHOUT_FRAMING: &str = policy_without_framing!();

/// Every page but an organization's own: no other site may frame it.
pub const CONTENT_SECURITY_POLICY: &str = concat!(policy_without_framing!(), "; frame-ancestors 'none'");

/// Browser features the app never uses, switched off for it and anything it might load.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), \
     microphone=(), payment=(), usb=(), interest-cohort=()";

/// HTTPS only from now on, for a year, once a page arrived over HTTPS.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// An organization's pages may be framed by exactly the origins its settings list, and by none
/// when the list is empty (or the organization is unknown). `X-Frame-Options` says the same to
/// browsers that predate `frame-ancestors`: `DENY` when nobody may frame, nothing when some may
/// (it cannot name several origins, and `frame-ancestors` overrides it where both are known).
async fn frame_policy(State(pool): State<Pool>, request: Request, next: Next) -> Response {
    let slug = contract::org_address(request.uri().path()).map(|(slug, _)| slug.to_string());
    let mut response = next.run(request).await;
    let origins = match slug {
        Some(slug) => crate::domain::settings::frame_origins(&pool, &slug)
            .await
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let headers = response.headers_mut();
    if origins.is_empty() {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CONTENT_SECURITY_POLICY),
            );
        }
    } else {
        // Stored origins passed `normalize_origin`, so they hold no quote, space or semicolon.
        let policy = format!("{POLICY_WITHOUT_FRAMING}; frame-ancestors {}", origins.join(" "));
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
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
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
                "The server took too long to answer. Please try again.",
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

/// Everything that is not an API operation: the app's files (deep links get index.html), or a
/// JSON 404 under `/api`.
async fn not_an_operation(files: Option<ServeDir<ServeFile>>, request: Request) -> Response {
    if is_api(request.uri().path()) {
        return ApiError::not_found("This API endpoint").into_response();
    }
    match files {
        Some(files) => match files.oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        },
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

pub fn wrap(api: Router, config: &Config, pool: Pool, proxies: Arc<TrustedProxies>) -> Router {
    let files = config.static_dir.as_ref().map(|dir| {
        ServeDir::new(dir)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(ServeFile::new(dir.join("index.html")))
    });
    let mut router = api
        .fallback(move |request: Request| not_an_operation(files.clone(), request))
        .layer(middleware::from_fn(json_errors))
        .layer(middleware::from_fn_with_state(config.request_timeout, time_limit))
        .layer(CatchPanicLayer::custom(panic_response));
    if !config.allowed_origins.is_empty() {
        let origins: Vec<HeaderValue> = config.allowed_origins.iter().filter_map(|o| o.parse().ok()).collect();
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::IF_MATCH])
                .expose_headers([
                    header::RETRY_AFTER,
                    header::CONTENT_DISPOSITION,
                    HeaderName::from_static("total"),
                    HeaderName::from_static("per-page"),
                ]),
        );
    }
    router
        .layer(middleware::from_fn_with_state(pool, frame_policy))
        .layer(middleware::from_fn_with_state(proxies, transport_security))
        .layer(middleware::map_response(cache_policy))
        .layer(header_if_missing(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_if_missing(header::REFERRER_POLICY, "no-referrer"))
        .layer(header_if_missing(
            HeaderName::from_static("permissions-policy"),
            PERMISSIONS_POLICY,
        ))
        .layer(header_if_missing(
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
}

/// A response body that keeps `permit` until the body has been sent (or the client left).
struct Holding {
    body: Body,
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl http_body::Body for Holding {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::pin::Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// The response, holding a turn for large answers until it is sent: a large answer's memory is
/// freed only then.
pub fn held_until_sent(response: Response, permit: tokio::sync::OwnedSemaphorePermit) -> Response {
    response.map(|body| Body::new(Holding { body, _permit: permit }))
}

fn header_if_missing(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// Files with a content hash in their name never change: cache them for a year. Everything else
/// (index.html, deep links) is checked with the server each time, so a new build shows at once.
/// API answers are never stored.
async fn cache_policy(uri: axum::http::Uri, mut response: Response) -> Response {
    let path = uri.path();
    let value = if is_api(path) {
        // An API answer may allow itself to be kept (an image whose address names its bytes).
        if response.headers().contains_key(header::CACHE_CONTROL) {
            return response;
        }
        "no-store"
    } else if is_hashed_asset(path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// trunk names assets `name-<hex digest>.ext` (16 digits, fewer when it starts with zeros); so
/// does the boot script.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_content_hashed_files_are_immutable() {
        assert!(super::is_hashed_asset("/org-area-c3341b9c3ee7d72c_bg.wasm"));
        assert!(super::is_hashed_asset("/main-64bd0c168c889ba2.css"));
        assert!(super::is_hashed_asset("/boot-6548ee1787182c5e.js"));
        assert!(super::is_hashed_asset("/org-area-48d85c66617e31a.js"));
        assert!(!super::is_hashed_asset("/index.html"));
        assert!(!super::is_hashed_asset("/users"));
        assert!(!super::is_hashed_asset("/spaces/12"));
    }
}
