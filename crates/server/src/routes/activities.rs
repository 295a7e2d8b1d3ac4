//! `GET /api/v1/orgs/me/activities`: who changed what and when, with Storyblok's filters, and
//! its export. Owners and admins only; nothing edits or deletes an activity.

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use contract::{ActivitiesPage, ActivitiesQuery, ExportFormat, ExportQuery, Permission};

use common::filters::ActivityFilter;
use common::DomainResult;
use futures_util::stream::BoxStream;

use crate::answers::{self, Answer};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::on_db;
use crate::AppState;

/// One page, newest first. Like Storyblok's API, the `Total` and `Per-Page` headers say how many
/// match and how many a page holds. Each answer carries an `ETag`; sent back in `If-None-Match`,
/// it gets 304 while the organization has not changed.
#[utoipa::path(get, path = "/api/v1/orgs/me/activities", tag = "activities", security(("bearer" = []), ("access_token" = ["read"])),
    params(ActivitiesQuery, ("If-None-Match" = Option<String>, Header, description = "The ETag of an earlier answer")),
    responses((status = 200, body = ActivitiesPage,
            headers(("Total" = i64, description = "How many activities match"), ("Per-Page" = i64), ("ETag" = String))),
        (status = 304, description = "Unchanged since the answer with the ETag sent", headers(("ETag" = String))),
        (status = 403, description = "Members have no access", body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<ActivitiesQuery>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let actor = caller.require(Permission::SeeMembers)?;
    let filter = ActivityFilter::of(&query)?;
    let key = answers::key_now(&state, &actor, "activities", raw).await?;
    let build = async {
        let page = on_db!(&state.db, |pool, domain| {
            domain::activity::page(pool, actor.org_id, &filter, query.page, query.per_page).await
        })?;
        Ok(Answer::json(&page)?
            .with_header(HeaderName::from_static("total"), HeaderValue::from(page.total))
            .with_header(HeaderName::from_static("per-page"), HeaderValue::from(page.per_page)))
    };
    state.answers.answer(key, &headers, build).await
}

/// Every activity matching the filters (up to 100,000, newest first), as a CSV or JSON file,
/// read and sent a thousand at a time.
#[utoipa::path(get, path = "/api/v1/orgs/me/activities/export", tag = "activities", security(("bearer" = []), ("access_token" = ["read"])),
    params(ActivitiesQuery, ExportQuery),
    responses((status = 200, description = "The activities as a file", content(
            (String = "text/csv"), (Vec<contract::Activity> = "application/json"))),
        (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<ActivitiesQuery>,
    Query(export): Query<ExportQuery>,
) -> ApiResult<Response> {
    let actor = caller.require(Permission::SeeMembers)?;
    let filter = ActivityFilter::of(&query)?;
    let format = export.format.unwrap_or_default();
    // Read and sent a thousand at a time: no turn for large answers is needed.
    let chunks: BoxStream<'static, DomainResult<String>> = on_db!(&state.db, |pool, domain| {
        Box::pin(domain::activity::export(pool, actor.org_id, filter, format).await?)
    });
    let (content_type, file) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "activities.csv"),
        ExportFormat::Json => ("application/json", "activities.json"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")).map_err(|_| ApiError::internal())?,
            ),
        ],
        Body::from_stream(chunks),
    )
        .into_response())
}
