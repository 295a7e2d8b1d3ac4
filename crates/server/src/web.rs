//! Everything around the API: the built app's files with deep links falling back to index.html,
//! security headers on every response, and CORS for an app hosted on another origin.

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use sqlx::SqlitePool;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

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

/// An organization's pages may be framed by exactly the origins its settings list, and by none
/// when the list is empty (or the organization is unknown).
async fn frame_policy(State(pool): State<SqlitePool>, request: Request, next: Next) -> Response {
    let slug = contract::org_address(request.uri().path()).map(|(slug, _)| slug.to_string());
    let mut response = next.run(request).await;
    if let Some(slug) = slug {
        let origins = match org_id_by_slug(&pool, &slug).await {
            Some(id) => crate::routes::settings::stored(&pool, id)
                .await
                .map(|s| s.embed.allowed_origins)
                .unwrap_or_default(),
            None => Vec::new(),
        };
        // Stored origins passed `normalize_origin`, so they hold no quote, space or semicolon.
        let ancestors = if origins.is_empty() {
            "'none'".to_string()
        } else {
            origins.join(" ")
        };
        if let Ok(value) = HeaderValue::from_str(&format!("{POLICY_WITHOUT_FRAMING}; frame-ancestors {ancestors}")) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response
}

async fn org_id_by_slug(pool: &SqlitePool, slug: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT id FROM orgs WHERE slug = ?")
        .bind(slug)
        .fetch_optional(pool)
        .await
        .ok()
        .flatten()
}

pub fn wrap(api: Router, config: &Config, pool: SqlitePool) -> Router {
    let mut router = api;
    if let Some(dir) = &config.static_dir {
        let files = ServeDir::new(dir)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(ServeFile::new(dir.join("index.html")));
        router = router.fallback_service(files);
    }
    if !config.allowed_origins.is_empty() {
        let origins: Vec<HeaderValue> = config.allowed_origins.iter().filter_map(|o| o.parse().ok()).collect();
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::IF_MATCH]),
        );
    }
    router
        .layer(middleware::from_fn_with_state(pool, frame_policy))
        .layer(middleware::map_response(cache_policy))
        .layer(header_if_missing(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header_if_missing(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_if_missing(header::REFERRER_POLICY, "no-referrer"))
        .layer(header_if_missing(
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
}

fn header_if_missing(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// Files with a content hash in their name never change: cache them for a year. Everything else
/// (index.html, deep links) is checked with the server each time, so a new build shows at once.
/// API answers are never stored.
async fn cache_policy(uri: axum::http::Uri, mut response: Response) -> Response {
    let path = uri.path();
    let value = if path.starts_with(contract::API_PREFIX) {
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
