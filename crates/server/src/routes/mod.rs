//! The `/api/v1` router.

pub mod auth;
pub mod health;
pub mod orgs;

use axum::routing::{get, post};
use axum::Router;

use crate::error::ApiError;
use crate::AppState;

pub fn api_router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/health", get(health::health))
        .route("/openapi.json", get(crate::openapi::document))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/orgs/me", get(orgs::me))
        // An unknown API path is a JSON 404, never the app's index.html.
        .fallback(|| async { ApiError::not_found("This API endpoint") });
    Router::new().nest(contract::API_PREFIX, v1)
}
