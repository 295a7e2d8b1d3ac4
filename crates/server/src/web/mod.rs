//! Everything around the API handlers, stacked by [`wrap`]: the built app's files with deep links
//! falling back to its page ([`files`], with the organization's brand inlined by [`brand`]), JSON
//! for every refusal under `/api` and the limits on a request ([`middleware`]), and the security
//! headers and CORS of every answer ([`security`]).

mod brand;
mod files;
mod middleware;
mod security;

use std::sync::Arc;

use axum::extract::Request;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::ServeDir;
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::client::TrustedProxies;
use crate::db::Database;
use crate::Config;

/// Whether a path is the API's (its refusals are JSON, its answers never cached).
fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Who hears of a change made through this instance as soon as its answer is sent.
#[derive(Clone)]
pub struct AfterWrites {
    /// The event streams.
    pub streams: Arc<tokio::sync::Notify>,
    /// The webhook sender.
    pub webhooks: Arc<crate::webhooks::WebhookSender>,
}

/// The API's router with everything around it, outermost last.
pub fn wrap(
    api: Router,
    config: &Config,
    db: Database,
    proxies: Arc<TrustedProxies>,
    after_writes: AfterWrites,
) -> Router {
    let app = config.static_dir.as_ref().map(|dir| files::AppFiles {
        files: ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        index: dir.join("index.html"),
        db: db.clone(),
    });
    let mut router = api
        .fallback(move |request: Request| files::not_an_operation(app.clone(), request))
        .layer(axum::middleware::from_fn_with_state(
            db.clone(),
            crate::idempotency::once,
        ))
        .layer(axum::middleware::from_fn(middleware::json_errors))
        .layer(axum::middleware::from_fn_with_state(
            after_writes,
            middleware::wake_after_writes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            config.request_timeout,
            middleware::time_limit,
        ))
        // A body that trickles in is cut off (a slow client would otherwise hold its connection
        // and its handler until the request's own time limit).
        .layer(RequestBodyTimeoutLayer::new(config.body_timeout))
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(axum::middleware::from_fn(crate::lang::in_the_callers_language));
    if let Some(cors) = security::cors(&config.allowed_origins) {
        router = router.layer(cors);
    }
    router
        .layer(axum::middleware::from_fn_with_state(db, security::frame_policy))
        .layer(axum::middleware::from_fn_with_state(
            proxies,
            security::transport_security,
        ))
        .layer(axum::middleware::map_response(files::cache_policy))
        .layer(axum::middleware::map_response(security::every_answer))
}
