//! `GET`/`PUT /api/v1/orgs/me/settings` and the logo and favicon uploads. Owners and admins only.

use axum::extract::State;
use axum::http::{header, HeaderMap};
use contract::{OrgSettings, Permission, SettingsUpdate};

use crate::caller::Caller;
use common::branding::BrandImage;

use crate::error::ApiResult;
use crate::extract::{Json, Path, Upload};
use crate::on_db;
use crate::AppState;

#[utoipa::path(get, path = "/api/v1/orgs/me/settings", tag = "settings", security(("bearer" = []), ("access_token" = ["settings"])),
    responses((status = 200, body = OrgSettings),
        (status = 403, description = "Members may not open settings", body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn get(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<OrgSettings>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::settings::load(pool, actor.org_id).await
    })?))
}

#[utoipa::path(put, path = "/api/v1/orgs/me/settings", tag = "settings", security(("bearer" = []), ("access_token" = ["settings"])),
    request_body = SettingsUpdate,
    responses((status = 200, body = OrgSettings), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 409, description = "Someone saved a newer version first", body = contract::ApiErrorBody),
        (status = 422, description = "A field is refused; `field` names it", body = contract::ApiErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Json(update): Json<SettingsUpdate>,
) -> ApiResult<Json<OrgSettings>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::settings::save(pool, &actor, update).await
    })?))
}

#[utoipa::path(put, path = "/api/v1/orgs/me/settings/{kind}", tag = "settings", security(("bearer" = []), ("access_token" = ["settings"])),
    params(("kind" = String, Path, description = "`logo` or `favicon`")),
    request_body(content = Vec<u8>, content_type = "image/png", description = "The image's bytes"),
    responses((status = 200, body = OrgSettings), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody),
        (status = 413, description = "Larger than allowed", body = contract::ApiErrorBody),
        (status = 415, description = "Not an accepted image type", body = contract::ApiErrorBody),
        (status = 422, description = "Empty", body = contract::ApiErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Path(kind): Path<String>,
    headers: HeaderMap,
    Upload(body): Upload,
) -> ApiResult<Json<OrgSettings>> {
    let actor = caller.require(Permission::ManageSettings)?;
    let image = BrandImage::named(&kind)?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::settings::upload_image(pool, &actor, image, content_type, &body).await
    })?))
}

#[utoipa::path(delete, path = "/api/v1/orgs/me/settings/{kind}", tag = "settings", security(("bearer" = []), ("access_token" = ["settings"])),
    params(("kind" = String, Path, description = "`logo` or `favicon`")),
    responses((status = 200, body = OrgSettings), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn remove_image(
    State(state): State<AppState>,
    caller: Caller,
    Path(kind): Path<String>,
) -> ApiResult<Json<OrgSettings>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::settings::remove_image(pool, &actor, BrandImage::named(&kind)?).await
    })?))
}
