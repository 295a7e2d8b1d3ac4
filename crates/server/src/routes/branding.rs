//! `GET /api/v1/branding/{org_slug}`: what an organization's sign-in page wears, for anyone.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use contract::PublicBranding;

use common::branding::BrandImage;

use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::on_db;
use crate::AppState;

#[utoipa::path(get, path = "/api/v1/branding/{org_slug}", tag = "branding",
    params(("org_slug" = String, Path)),
    responses((status = 200, body = PublicBranding), (status = 404, body = contract::ApiErrorBody)))]
pub async fn public(State(state): State<AppState>, Path(slug): Path<String>) -> ApiResult<Json<PublicBranding>> {
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::settings::public_branding(pool, &slug).await
    })?))
}

#[utoipa::path(get, path = "/api/v1/branding/{org_slug}/{kind}", tag = "branding",
    params(("org_slug" = String, Path), ("kind" = String, Path, description = "`logo` or `favicon`")),
    responses((status = 200, description = "The image, with its checked content type", content_type = "image/*"),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn image(State(state): State<AppState>, Path((slug, kind)): Path<(String, String)>) -> ApiResult<Response> {
    let image = BrandImage::named(&kind)?;
    let (content_type, bytes) = on_db!(&state.db, |pool, domain| {
        domain::settings::image(pool, &slug, image).await
    })?;
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
