//! `GET /api/v1/branding/{org_slug}`: what an organization's sign-in page wears, for anyone. It
//! carries the brand and the organization's name only: no member, space or setting beyond it.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use contract::PublicBranding;

use crate::error::{ApiError, ApiResult};
use crate::routes::settings;
use crate::AppState;

async fn org_id(state: &AppState, slug: &str) -> ApiResult<i64> {
    sqlx::query_scalar("SELECT id FROM orgs WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&state.pool)
        .await?
        .ok_or_else(|| ApiError::not_found("This organization"))
}

#[utoipa::path(get, path = "/api/v1/branding/{org_slug}", tag = "branding",
    params(("org_slug" = String, Path)),
    responses((status = 200, body = PublicBranding), (status = 404, body = contract::ApiErrorBody)))]
pub async fn public(State(state): State<AppState>, Path(slug): Path<String>) -> ApiResult<Json<PublicBranding>> {
    let id = org_id(&state, &slug).await?;
    Ok(Json(settings::load(&state.pool, id).await?.public_branding()))
}

#[utoipa::path(get, path = "/api/v1/branding/{org_slug}/{kind}", tag = "branding",
    params(("org_slug" = String, Path), ("kind" = String, Path, description = "`logo` or `favicon`")),
    responses((status = 200, description = "The image, with its checked content type"),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn image(State(state): State<AppState>, Path((slug, kind)): Path<(String, String)>) -> ApiResult<Response> {
    let id = org_id(&state, &slug).await?;
    let found: Option<(String, Vec<u8>)> =
        sqlx::query_as("SELECT content_type, bytes FROM org_images WHERE org_id = ? AND kind = ?")
            .bind(id)
            .bind(&kind)
            .fetch_optional(&state.pool)
            .await?;
    let (content_type, bytes) = found.ok_or_else(|| ApiError::not_found("This image"))?;
    let content_type = HeaderValue::from_str(&content_type).map_err(|_| ApiError::internal())?;
    // Its address changes with its bytes (`?v=`), so it may be kept; a short time without it.
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300")),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            ),
        ],
        bytes,
    )
        .into_response())
}
