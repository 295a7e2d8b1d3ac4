//! The organization's settings (name, white-labeling, embedding, security and access), its logo
//! and favicon, and what of them the public may see. A save carries the version it was made on;
//! an older version is refused instead of overwriting someone else's change.

use common::branding::BrandImage;
use common::text::{fill, said};
use common::{spoken, Actor, DomainError, DomainResult, Kind};
use contract::activity_params::{FieldChange, SettingsChanged};
use contract::Params;
use contract::{
    sniff_image, ActivityKey, ImageKind, OrgSettings, Permission, PublicBranding, SettingsUpdate, StoredSettings,
    UploadedImage,
};
use serde_json::{json, Value};
use sqlx::types::{Json, JsonValue};

use crate::activity::{self, By, Change};
use crate::authorize;
use crate::db::{self, Pool, Tx};

/// The stored settings; keys a newer or older version left out read as their defaults.
pub async fn stored(pool: &Pool, org_id: i64) -> DomainResult<StoredSettings> {
    let Json(settings) = sqlx::query_scalar!(
        r#"SELECT settings AS "settings: Json<StoredSettings>" FROM orgs WHERE id = $1"#,
        org_id
    )
    .fetch_one(pool)
    .await?;
    Ok(settings)
}

/// The same, read inside a write transaction, whose rule it is to hold until it commits.
pub async fn stored_in(tx: &mut Tx, org_id: i64) -> DomainResult<StoredSettings> {
    let Json(settings) = sqlx::query_scalar!(
        r#"SELECT settings AS "settings: Json<StoredSettings>" FROM orgs WHERE id = $1"#,
        org_id
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(settings)
}

/// The settings form's fields as stored: `settings` whole, so keys this version does not know
/// are kept when it saves.
struct OrgRow {
    name: String,
    slug: String,
    settings: JsonValue,
    version: i64,
}

macro_rules! org_row {
    ($org:expr) => {
        sqlx::query_as!(
            OrgRow,
            r#"SELECT name, slug, settings AS "settings: JsonValue", version FROM orgs WHERE id = $1"#,
            $org
        )
    };
}

pub async fn load(pool: &Pool, org_id: i64) -> DomainResult<OrgSettings> {
    let row = org_row!(org_id).fetch_one(pool).await?;
    let stored: StoredSettings = serde_json::from_value(row.settings).map_err(|e| sqlx::Error::Decode(e.into()))?;
    let images = sqlx::query!(
        r#"SELECT kind AS "kind: BrandImage", content_type, CAST(length(bytes) AS BIGINT) AS "bytes!: i64", digest
           FROM org_images WHERE org_id = $1"#,
        org_id
    )
    .fetch_all(pool)
    .await?;
    let image = |kind: BrandImage| {
        images.iter().find(|i| i.kind == kind).map(|i| UploadedImage {
            url: format!(
                "{}/branding/{}/{}?v={}",
                contract::API_PREFIX,
                row.slug,
                kind.as_str(),
                i.digest.get(..16).unwrap_or(&i.digest)
            ),
            content_type: i.content_type.clone(),
            bytes: i.bytes,
        })
    };
    Ok(OrgSettings {
        version: row.version,
        logo: image(BrandImage::Logo),
        favicon: image(BrandImage::Favicon),
        name: row.name,
        slug: row.slug,
        branding: stored.branding,
        embed: stored.embed,
        access: stored.access,
        notifications: stored.notifications,
    })
}

/// Every leaf that differs between two JSON objects: `(branding.light.primary, before, after)`.
/// Lists are compared whole.
fn changed_fields(prefix: &str, before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                changed_fields(
                    &path,
                    b.get(key).unwrap_or(&Value::Null),
                    a.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (b, a) if b != a => out.push(FieldChange {
            field: prefix.to_string(),
            before: b.clone(),
            after: a.clone(),
        }),
        _ => {}
    }
}

/// What the settings form edits, as one JSON object, for comparing a save with what was there.
fn editable(name: &str, stored: &StoredSettings) -> Value {
    json!({
        "name": name,
        "branding": stored.branding,
        "embed": stored.embed,
        "access": stored.access,
        "notifications": stored.notifications,
    })
}

/// Save the settings form, guarded on the version it was filled from.
pub async fn save(pool: &Pool, actor: &Actor, update: SettingsUpdate) -> DomainResult<OrgSettings> {
    let update = update.validated(spoken()).map_err(DomainError::first_issue)?;
    let mut tx = db::write(pool).await?;
    let role = authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let current = org_row!(actor.org_id).fetch_one(&mut *tx).await?;
    if current.version != update.version {
        return Err(DomainError::conflict(
            "stale_version",
            "Someone else saved these settings after you opened them. Load their version to see it; \
             your changes are still in the form.",
        ));
    }
    // Keep keys this version does not know (Storyblok's own settings, say) as they are.
    let Value::Object(mut json) = current.settings else {
        return Err(DomainError::internal());
    };
    let before: StoredSettings =
        serde_json::from_value(Value::Object(json.clone())).map_err(|_| DomainError::internal())?;
    // Security & Access is a person's to change, never a script's.
    if actor.client.access_token.is_some() && before.access != update.access {
        let message = contract::text::integrations(spoken()).security_not_by_token;
        return Err(DomainError::refused("not_by_token", message.to_owned()).at("access"));
    }
    if before.access.allowed_regions != update.access.allowed_regions
        && !contract::allows(role, Permission::ChooseRegions)
    {
        let message = contract::text::regions(spoken()).owners_choose;
        return Err(DomainError::refused("forbidden", message.to_owned()).at("access.allowed_regions"));
    }
    let after = StoredSettings {
        branding: update.branding,
        embed: update.embed,
        access: update.access,
        notifications: update.notifications.unwrap_or_else(|| before.notifications.clone()),
    };
    if let Ok(Value::Object(fields)) = serde_json::to_value(&after) {
        json.extend(fields);
    }
    let settings = Value::Object(json);
    let saved = sqlx::query!(
        "UPDATE orgs SET name = $1, settings = $2, version = version + 1 WHERE id = $3 AND version = $4",
        update.name,
        settings,
        actor.org_id,
        update.version
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if saved == 0 {
        return Err(DomainError::internal());
    }
    let mut changes = Vec::new();
    changed_fields(
        "",
        &editable(&current.name, &before),
        &editable(&update.name, &after),
        &mut changes,
    );
    if !changes.is_empty() {
        let change = Change::new(ActivityKey::SettingsUpdate)
            .on(actor.org_id, update.name.clone())
            .with(Params::Settings(SettingsChanged { changes }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    Ok(load(pool, actor.org_id).await?)
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

/// Check an uploaded image by its bytes (the declared type must match what they are) and store it.
pub async fn upload_image(
    pool: &Pool,
    actor: &Actor,
    image: BrandImage,
    content_type: Option<&str>,
    body: &[u8],
) -> DomainResult<OrgSettings> {
    let field = image.as_str();
    if body.is_empty() {
        return Err(DomainError::invalid(field, said().choose_image.to_owned()));
    }
    let max = image.max_bytes();
    if body.len() > max {
        return Err(DomainError::new(
            Kind::TooLarge,
            "too_large",
            fill(
                said().image_too_big,
                &[&field, &(max / 1024), &body.len().div_ceil(1024)],
            ),
        )
        .at(field));
    }
    let unsupported = || {
        DomainError::new(
            Kind::UnsupportedType,
            "unsupported_type",
            fill(said().image_kind, &[&field, &accepted_names(image.accepts())]),
        )
        .at(field)
    };
    let actual = sniff_image(body)
        .filter(|k| image.accepts().contains(k))
        .ok_or_else(unsupported)?;
    if content_type.and_then(declared_kind) != Some(actual) {
        return Err(unsupported());
    }
    let digest = common::tokens::sha256_hex(body);
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let before = image_summary(&mut tx, actor.org_id, image).await?;
    let (content_type, now) = (actual.content_type(), common::now());
    sqlx::query!(
        "INSERT INTO org_images (org_id, kind, content_type, bytes, digest, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (org_id, kind) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes,
             digest = excluded.digest, updated_at = excluded.updated_at",
        actor.org_id,
        field,
        content_type,
        body,
        digest,
        now
    )
    .execute(&mut *tx)
    .await?;
    let after = json!({ "content_type": actual.content_type(), "bytes": body.len() });
    record_image_change(&mut tx, actor, image, before, after).await?;
    tx.commit().await?;
    Ok(load(pool, actor.org_id).await?)
}

pub async fn remove_image(pool: &Pool, actor: &Actor, image: BrandImage) -> DomainResult<OrgSettings> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let before = image_summary(&mut tx, actor.org_id, image).await?;
    let kind = image.as_str();
    let removed = sqlx::query!(
        "DELETE FROM org_images WHERE org_id = $1 AND kind = $2",
        actor.org_id,
        kind
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 1 {
        record_image_change(&mut tx, actor, image, before, Value::Null).await?;
    }
    tx.commit().await?;
    Ok(load(pool, actor.org_id).await?)
}

async fn image_summary(tx: &mut Tx, org_id: i64, image: BrandImage) -> DomainResult<Value> {
    let kind = image.as_str();
    let row = sqlx::query!(
        r#"SELECT content_type, CAST(length(bytes) AS BIGINT) AS "bytes!: i64" FROM org_images WHERE org_id = $1 AND kind = $2"#,
        org_id,
        kind
    )
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row
        .map(|r| json!({ "content_type": r.content_type, "bytes": r.bytes }))
        .unwrap_or(Value::Null))
}

async fn record_image_change(
    tx: &mut Tx,
    actor: &Actor,
    image: BrandImage,
    before: Value,
    after: Value,
) -> DomainResult<()> {
    let name = sqlx::query_scalar!("SELECT name FROM orgs WHERE id = $1", actor.org_id)
        .fetch_one(&mut **tx)
        .await?;
    let change = Change::new(ActivityKey::SettingsUpdate)
        .on(actor.org_id, name)
        .with(Params::Settings(SettingsChanged {
            changes: vec![FieldChange {
                field: image.as_str().to_string(),
                before,
                after,
            }],
        }));
    activity::record(tx, actor.org_id, By::Actor(actor), change).await?;
    Ok(())
}

async fn org_id_by_slug(pool: &Pool, slug: &str) -> DomainResult<Option<i64>> {
    Ok(
        sqlx::query_scalar!(r#"SELECT id AS "id!" FROM orgs WHERE slug = $1"#, slug)
            .fetch_optional(pool)
            .await?,
    )
}

/// What an organization's sign-in page wears, for anyone: no member, space or setting beyond it.
pub async fn public_branding(pool: &Pool, slug: &str) -> DomainResult<PublicBranding> {
    let id = org_id_by_slug(pool, slug)
        .await?
        .ok_or_else(|| DomainError::not_found("This organization"))?;
    Ok(load(pool, id).await?.public_branding())
}

/// An uploaded image's content type and bytes.
pub async fn image(pool: &Pool, slug: &str, image: BrandImage) -> DomainResult<(String, Vec<u8>)> {
    let id = org_id_by_slug(pool, slug)
        .await?
        .ok_or_else(|| DomainError::not_found("This organization"))?;
    let kind = image.as_str();
    let found = sqlx::query!(
        "SELECT content_type, bytes FROM org_images WHERE org_id = $1 AND kind = $2",
        id,
        kind
    )
    .fetch_optional(pool)
    .await?;
    found
        .map(|image| (image.content_type, image.bytes))
        .ok_or_else(|| DomainError::not_found("This image"))
}

/// The origins that may frame an organization's pages; none for an unknown organization.
pub async fn frame_origins(pool: &Pool, slug: &str) -> DomainResult<Vec<String>> {
    match org_id_by_slug(pool, slug).await? {
        Some(id) => Ok(stored(pool, id).await?.embed.allowed_origins),
        None => Ok(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_listed_field_by_field() {
        let before = json!({ "name": "Acme", "branding": { "light": { "primary": "#111111", "accent": "#222222" } },
            "embed": { "allowed_origins": ["https://a.example"] } });
        let after = json!({ "name": "Acme", "branding": { "light": { "primary": "#333333", "accent": "#222222" } },
            "embed": { "allowed_origins": ["https://a.example", "https://b.example"] } });
        let mut changes = Vec::new();
        changed_fields("", &before, &after, &mut changes);
        assert_eq!(
            changes,
            vec![
                FieldChange {
                    field: "branding.light.primary".into(),
                    before: json!("#111111"),
                    after: json!("#333333"),
                },
                FieldChange {
                    field: "embed.allowed_origins".into(),
                    before: json!(["https://a.example"]),
                    after: json!(["https://a.example", "https://b.example"]),
                },
            ]
        );
    }
}
