//! `GET /api/v1/openapi.json`: the API's own description.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// This document: every operation the server answers, with every status each can return.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn document() -> Response {
    match crate::openapi::published() {
        Some(json) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            json,
        )
            .into_response(),
        None => ApiError::internal().into_response(),
    }
}
