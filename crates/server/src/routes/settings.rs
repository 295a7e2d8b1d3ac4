//! `GET`/`PUT /api/v1/orgs/me/settings`: name, white-labeling, embedding, security and access;
//! and the logo and favicon uploads. Owners and admins only; a save based on an older version is
//! refused instead of overwriting someone else's change.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use contract::{
    sniff_image, ImageKind, OrgSettings, Permission, SettingsUpdate, StoredSettings, UploadedImage, MAX_FAVICON_BYTES,
    MAX_LOGO_BYTES,
};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::AppState;

#[derive(sqlx::FromRow)]
struct OrgRow {
    name: String,
    slug: String,
    settings: String,
    version: i64,
}

/// The stored settings; a missing or older-shaped JSON object reads as the defaults.
pub async fn stored(pool: &SqlitePool, org_id: i64) -> Result<StoredSettings, sqlx::Error> {
    let json: String = sqlx::query_scalar("SELECT settings FROM orgs WHERE id = ?")
        .bind(org_id)
        .fetch_one(pool)
        .await?;
    Ok(serde_json::from_str(&json).unwrap_or_default())
}

pub async fn load(pool: &SqlitePool, org_id: i64) -> Result<OrgSettings, sqlx::Error> {
    let row: OrgRow = sqlx::query_as("SELECT name, slug, settings, version FROM orgs WHERE id = ?")
        .bind(org_id)
        .fetch_one(pool)
        .await?;
    let stored: StoredSettings = serde_json::from_str(&row.settings).unwrap_or_default();
    let images: Vec<(String, String, i64, String)> =
        sqlx::query_as("SELECT kind, content_type, length(bytes), digest FROM org_images WHERE org_id = ?")
            .bind(org_id)
            .fetch_all(pool)
            .await?;
    let image = |kind: &str| {
        images
            .iter()
            .find(|(k, ..)| k == kind)
            .map(|(kind, content_type, bytes, digest)| UploadedImage {
                url: format!(
                    "{}/branding/{}/{kind}?v={}",
                    contract::API_PREFIX,
                    row.slug,
                    &digest[..16]
                ),
                content_type: content_type.clone(),
                bytes: *bytes,
            })
    };
    Ok(OrgSettings {
        version: row.version,
        logo: image("logo"),
        favicon: image("favicon"),
        name: row.name,
        slug: row.slug,
        branding: stored.branding,
        embed: stored.embed,
        access: stored.access,
    })
}

#[utoipa::path(get, path = "/api/v1/orgs/me/settings", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = OrgSettings), (status = 401, body = contract::ApiErrorBody),
        (status = 403, description = "Members may not open settings", body = contract::ApiErrorBody)))]
pub async fn get(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<OrgSettings>> {
    let org = caller.require(Permission::ManageSettings)?;
    Ok(Json(load(&state.pool, org.org_id).await?))
}

#[utoipa::path(put, path = "/api/v1/orgs/me/settings", tag = "settings", security(("bearer" = [])),
    request_body = SettingsUpdate,
    responses((status = 200, body = OrgSettings), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody),
        (status = 409, description = "Someone saved a newer version first", body = contract::ApiErrorBody),
        (status = 422, description = "A field is refused; `field` names it", body = contract::ApiErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Json(update): Json<SettingsUpdate>,
) -> ApiResult<Json<OrgSettings>> {
    let org = caller.require(Permission::ManageSettings)?;
    let update = update.validated().map_err(|issues| {
        let first = issues.into_iter().next().expect("a refusal names at least one field");
        ApiError::invalid(first.field, first.message)
    })?;

    // Keep keys this version does not know (Storyblok's own settings, say) as they are.
    let current: String = sqlx::query_scalar("SELECT settings FROM orgs WHERE id = ?")
        .bind(org.org_id)
        .fetch_one(&state.pool)
        .await?;
    let mut json: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&current).unwrap_or_default();
    let stored = StoredSettings {
        branding: update.branding,
        embed: update.embed,
        access: update.access,
    };
    if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(&stored) {
        json.extend(fields);
    }

    // Guarded on the version the form was filled from: a later save by someone else wins the race
    // and this one is told, never silently overwriting it.
    let saved =
        sqlx::query("UPDATE orgs SET name = ?, settings = ?, version = version + 1 WHERE id = ? AND version = ?")
            .bind(&update.name)
            .bind(serde_json::Value::Object(json).to_string())
            .bind(org.org_id)
            .bind(update.version)
            .execute(&state.pool)
            .await?
            .rows_affected();
    if saved == 0 {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "stale_version",
            "Someone else saved these settings after you opened them. Load their version to see it; \
             your changes are still in the form.",
        ));
    }
    Ok(Json(load(&state.pool, org.org_id).await?))
}

/// `logo` or `favicon`, with what each accepts.
fn image_rules(kind: &str) -> ApiResult<(&'static str, usize, &'static [ImageKind])> {
    match kind {
        "logo" => Ok((
            "logo",
            MAX_LOGO_BYTES,
            &[ImageKind::Png, ImageKind::Jpeg, ImageKind::Webp, ImageKind::Gif],
        )),
        "favicon" => Ok((
            "favicon",
            MAX_FAVICON_BYTES,
            &[ImageKind::Png, ImageKind::Ico, ImageKind::Gif, ImageKind::Webp],
        )),
        _ => Err(ApiError::not_found("This image")),
    }
}

/// Browsers name some types more than one way.
fn declared_kind(content_type: &str) -> Option<ImageKind> {
    match content_type.split(';').next()?.trim().to_ascii_lowercase().as_str() {
        "image/png" => Some(ImageKind::Png),
        "image/jpeg" | "image/jpg" => Some(ImageKind::Jpeg),
        "image/webp" => Some(ImageKind::Webp),
        "image/gif" => Some(ImageKind::Gif),
        "image/x-icon" | "image/vnd.microsoft.icon" => Some(ImageKind::Ico),
        _ => None,
    }
}

fn accepted_names(kinds: &[ImageKind]) -> String {
    let names: Vec<&str> = kinds
        .iter()
        .map(|k| match k {
            ImageKind::Png => "PNG",
            ImageKind::Jpeg => "JPEG",
            ImageKind::Webp => "WebP",
            ImageKind::Gif => "GIF",
            ImageKind::Ico => "ICO",
        })
        .collect();
    names.join(", ")
}

#[utoipa::path(put, path = "/api/v1/orgs/me/settings/{kind}", tag = "settings", security(("bearer" = [])),
    params(("kind" = String, Path, description = "`logo` or `favicon`")),
    request_body(content = Vec<u8>, content_type = "image/png", description = "The image's bytes"),
    responses((status = 200, body = OrgSettings), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody),
        (status = 413, description = "Larger than allowed", body = contract::ApiErrorBody),
        (status = 415, description = "Not an accepted image type", body = contract::ApiErrorBody),
        (status = 422, description = "Empty", body = contract::ApiErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Path(kind): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<OrgSettings>> {
    let org = caller.require(Permission::ManageSettings)?;
    let (field, max, accepted) = image_rules(&kind)?;
    if body.is_empty() {
        return Err(ApiError::invalid(field, "Choose an image file."));
    }
    if body.len() > max {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "The {field} can be at most {} KB; this file has {} KB.",
                max / 1024,
                body.len().div_ceil(1024)
            ),
        )
        .at(field));
    }
    let unsupported = || {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            format!("The {field} must be a {} image.", accepted_names(accepted)),
        )
        .at(field)
    };
    let actual = sniff_image(&body)
        .filter(|k| accepted.contains(k))
        .ok_or_else(unsupported)?;
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(declared_kind);
    if declared != Some(actual) {
        return Err(unsupported());
    }
    let digest: String = Sha256::digest(&body).iter().map(|b| format!("{b:02x}")).collect();
    sqlx::query(
        "INSERT INTO org_images (org_id, kind, content_type, bytes, digest, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (org_id, kind) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes,
             digest = excluded.digest, updated_at = excluded.updated_at",
    )
    .bind(org.org_id)
    .bind(field)
    .bind(actual.content_type())
    .bind(body.as_ref())
    .bind(digest)
    .bind(db::now())
    .execute(&state.pool)
    .await?;
    Ok(Json(load(&state.pool, org.org_id).await?))
}

#[utoipa::path(delete, path = "/api/v1/orgs/me/settings/{kind}", tag = "settings", security(("bearer" = [])),
    params(("kind" = String, Path, description = "`logo` or `favicon`")),
    responses((status = 200, body = OrgSettings), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn remove_image(
    State(state): State<AppState>,
    caller: Caller,
    Path(kind): Path<String>,
) -> ApiResult<Json<OrgSettings>> {
    let org = caller.require(Permission::ManageSettings)?;
    let (field, ..) = image_rules(&kind)?;
    sqlx::query("DELETE FROM org_images WHERE org_id = ? AND kind = ?")
        .bind(org.org_id)
        .bind(field)
        .execute(&state.pool)
        .await?;
    Ok(Json(load(&state.pool, org.org_id).await?))
}
