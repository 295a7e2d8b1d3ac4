//! The security headers every answer carries: who may frame a page, HTTPS for good, the page's
//! content policy, and which other origins may call the API (CORS).

use std::sync::{Arc, OnceLock};

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use contract::hosting::{self, Framing};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::client::TrustedProxies;
use crate::db::Database;
use crate::on_db;

/// The page's policy: no inline script but the bootstrap script (by its hash), wasm compiled with
/// `'wasm-unsafe-eval'`; nobody may frame it. Written once in `contract::hosting`, which also
/// writes the recipes for other hosts.
fn page_policy() -> &'static str {
    static POLICY: OnceLock<String> = OnceLock::new();
    POLICY.get_or_init(|| hosting::content_security_policy(None, Framing::Only(&[])))
}

/// An organization's embed pages (`/embed/{slug}/…`) may be framed by exactly the origins its
/// settings list, and by none when the list is empty (or the organization is unknown); every
/// other page by none. `X-Frame-Options` says the same to
/// browsers that predate `frame-ancestors`: `DENY` when nobody may frame, nothing when some may
/// (it cannot name several origins, and `frame-ancestors` overrides it where both are known).
pub(super) async fn frame_policy(State(db): State<Database>, request: Request, next: Next) -> Response {
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
pub(super) async fn transport_security(
    State(proxies): State<Arc<TrustedProxies>>,
    request: Request,
    next: Next,
) -> Response {
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

/// The headers every answer carries (`contract::hosting::EVERY_ANSWER`), unless it set its own.
pub(super) async fn every_answer(mut response: Response) -> Response {
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

/// CORS for an app hosted on other origins than the API's, when any are configured.
pub(super) fn cors(allowed_origins: &[String]) -> Option<CorsLayer> {
    if allowed_origins.is_empty() {
        return None;
    }
    let origins: Vec<HeaderValue> = allowed_origins.iter().filter_map(|o| o.parse().ok()).collect();
    Some(
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
    )
}
