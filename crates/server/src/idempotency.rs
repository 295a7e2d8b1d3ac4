//! `Idempotency-Key` on the organization's changes (`/api/v1/orgs/…`, with a session): the same
//! request sent again with the same key is applied once, and answered as the first time. The key
//! is claimed inside the change's own transaction (`common::idempotency`), so after a crash a
//! retried request finds it claimed exactly when its change was committed.
//!
//! Other requests ignore the header: signing in and the account's own pages answer with secrets
//! (session tokens, two-factor seeds) that must never be kept.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use common::idempotency::{Kept, Pending};
use common::tokens::sha256_hex;

use crate::error::ApiError;
use crate::{on_db, Database};

pub const HEADER: &str = "idempotency-key";

/// Put in a response's extensions by a change whose answer holds a secret shown once (a webhook
/// endpoint's signing secret): its answer is never kept, so a retry with the key learns only that
/// the change was applied.
#[derive(Clone, Copy, Debug)]
pub struct HoldsSecret;
/// An answer larger than this is not kept: a retry learns that its change was applied.
const LARGEST_KEPT_ANSWER: usize = 256 << 10;

pub async fn once(State(db): State<Database>, request: Request, next: Next) -> Response {
    let change = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) && request.uri().path().starts_with("/api/v1/orgs/");
    let headers = request.headers();
    let (true, Some(key), Some(credentials)) = (change, headers.get(HEADER), headers.get(header::AUTHORIZATION)) else {
        return next.run(request).await;
    };
    let Some(key) = key.to_str().ok().filter(|k| (1..=255).contains(&k.len())) else {
        return ApiError::invalid("Idempotency-Key", "An Idempotency-Key is 1 to 255 visible characters.")
            .into_response();
    };
    let (key, scope) = (key.to_string(), sha256_hex(credentials.as_bytes()));
    let (parts, body) = request.into_parts();
    // Read under the largest limit any change has (its own, lower or not, applies after).
    let body = match crate::extract::read_body(body, crate::extract::UPLOAD_LIMIT).await {
        Ok(body) => body,
        Err(refused) => return refused.into_response(),
    };
    let request_text = [format!("{} {}\n", parts.method, parts.uri).as_bytes(), &body[..]].concat();
    let pending = Pending::new(scope, key, sha256_hex(&request_text));

    let kept = on_db!(&db, |pool, domain| {
        domain::idempotency::kept(pool, &pending.scope, &pending.key).await
    });
    match kept {
        Err(err) => return ApiError::from(err).into_response(),
        Ok(Some(kept)) if kept.fingerprint != pending.fingerprint => {
            return ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "This Idempotency-Key was used with another request. Use a new key for each change.",
            )
            .at("Idempotency-Key")
            .into_response()
        }
        Ok(Some(kept)) => return replay(kept),
        Ok(None) => {}
    }

    let response = pending
        .serve(next.run(Request::from_parts(parts, Body::from(body))))
        .await;
    if !pending.was_claimed() || response.status().is_server_error() {
        return response;
    }
    // The change committed with the key: keep its answer (JSON, or none) for a retry.
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    let (parts, body) = response.into_parts();
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        return ApiError::internal().into_response();
    };
    let secret = parts.extensions.get::<HoldsSecret>().is_some();
    let keepable = !secret && (body.is_empty() || (json && body.len() <= LARGEST_KEPT_ANSWER));
    let text = keepable.then(|| String::from_utf8_lossy(&body).into_owned());
    let status = i64::from(parts.status.as_u16());
    if let Err(err) = on_db!(&db, |pool, domain| {
        domain::idempotency::keep_answer(pool, &pending, status, text.as_deref()).await
    }) {
        tracing::warn!(error = %err, "an idempotent answer was not kept; a retry learns only that it was applied");
    }
    Response::from_parts(parts, Body::from(body))
}

/// The kept answer of the first request with this key.
fn replay(kept: Kept) -> Response {
    let (Some(status), Some(body)) = (kept.status, kept.body) else {
        return ApiError::from(common::idempotency::in_use()).into_response();
    };
    let status = StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK);
    let json = !body.is_empty();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if json {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    headers.insert(
        HeaderName::from_static("idempotent-replayed"),
        HeaderValue::from_static("true"),
    );
    response
}
