//! `GET /api/v1/orgs/me/activities`: who changed what and when, with Storyblok's filters, and
//! its export. Owners and admins only; nothing edits or deletes an activity.

use axum::extract::State;
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use contract::{ActivitiesPage, Permission};
use serde::Deserialize;

use crate::auth::Caller;
use crate::domain::activity;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::params::ActivitiesQuery;
use crate::AppState;

/// One page, newest first. Like Storyblok's API, the `Total` and `Per-Page` headers say how many
/// match and how many a page holds.
#[utoipa::path(get, path = "/api/v1/orgs/me/activities", tag = "activities", security(("bearer" = [])),
    params(ActivitiesQuery),
    responses((status = 200, body = ActivitiesPage,
            headers(("Total" = i64, description = "How many activities match"), ("Per-Page" = i64))),
        (status = 403, description = "Members have no access", body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<ActivitiesQuery>,
) -> ApiResult<Response> {
    let actor = caller.require(Permission::SeeMembers)?;
    let filter = query.filter()?;
    let page = activity::page(&state.pool, actor.org_id, &filter, query.page, query.per_page).await?;
    let headers = [
        (HeaderName::from_static("total"), HeaderValue::from(page.total)),
        (HeaderName::from_static("per-page"), HeaderValue::from(page.per_page)),
    ];
    Ok((headers, Json(page)).into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ExportFormat {
    /// `csv` (default) or `json`.
    pub format: Option<String>,
}

/// Every activity matching the filters (up to 100,000, newest first), as a CSV or JSON file.
#[utoipa::path(get, path = "/api/v1/orgs/me/activities/export", tag = "activities", security(("bearer" = [])),
    params(ActivitiesQuery, ExportFormat),
    responses((status = 200, description = "The activities as a file", content(
            (String = "text/csv"), (Vec<contract::Activity> = "application/json"))),
        (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<ActivitiesQuery>,
    Query(format): Query<ExportFormat>,
) -> ApiResult<Response> {
    let actor = caller.require(Permission::SeeMembers)?;
    let filter = query.filter()?;
    let json = match format.format.as_deref() {
        None | Some("csv") => false,
        Some("json") => true,
        Some(_) => return Err(ApiError::invalid("format", "The export format must be csv or json.")),
    };
    let activities = activity::all(&state.pool, actor.org_id, &filter).await?;
    let (content_type, file, body) = if json {
        let body = serde_json::to_string(&activities).map_err(|_| ApiError::internal())?;
        ("application/json", "activities.json", body)
    } else {
        (
            "text/csv; charset=utf-8",
            "activities.csv",
            activity::to_csv(&activities),
        )
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")).map_err(|_| ApiError::internal())?,
            ),
        ],
        body,
    )
        .into_response())
}
