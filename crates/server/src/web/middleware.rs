//! The limits and promises of every request: JSON for every refusal under `/api`, a time limit,
//! a panic answered as a 500, and event streams woken by a write through this instance.

use std::any::Any;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use common::text::said;

use crate::error::ApiError;

/// Every refusal under `/api` carries the JSON error body, also those made below the handlers
/// (an unknown method, a route's own rejection); `Allow` and `Retry-After` are kept.
pub(super) async fn json_errors(request: Request, next: Next) -> Response {
    let api = super::is_api(request.uri().path());
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
pub(super) async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
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
pub(super) fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    ApiError::internal().into_response()
}

/// After a change through this instance, its event streams look for it at once instead of at
/// their next look (SQLite's poll; PostgreSQL's notice usually arrives first anyway), and so does
/// its webhook sender.
pub(super) async fn wake_after_writes(
    State(wake): State<super::AfterWrites>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let response = next.run(request).await;
    if writes && response.status().is_success() {
        wake.streams.notify_one();
        wake.webhooks.wake.notify_waiters();
    }
    response
}
