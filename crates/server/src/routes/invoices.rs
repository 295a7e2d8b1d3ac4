//! `/api/v1/orgs/me/invoices`: one invoice per billing period, as JSON and as an HTML document
//! that prints cleanly (and is downloaded as a file). Owners of a subscribed organization only.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use contract::{Invoice, Invoices, Permission};

use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::on_db;
use crate::AppState;

async fn owner_with_billing(state: &AppState, caller: &Caller) -> ApiResult<i64> {
    let actor = caller.require(Permission::ManageSubscription)?;
    on_db!(&state.db, |pool, domain| {
        domain::billing::require_open(pool, actor.org_id).await
    })?;
    Ok(actor.org_id)
}

#[utoipa::path(get, path = "/api/v1/orgs/me/invoices", tag = "subscription", security(("bearer" = [])),
    responses((status = 200, body = Invoices),
        (status = 403, description = "Owners of a subscribed organization only", body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Invoices>> {
    let org_id = owner_with_billing(&state, &caller).await?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::invoices::list(pool, org_id).await
    })?))
}

#[utoipa::path(get, path = "/api/v1/orgs/me/invoices/{id}", tag = "subscription", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Invoice), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn get(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<Json<Invoice>> {
    let org_id = owner_with_billing(&state, &caller).await?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::invoices::one(pool, org_id, id).await
    })?))
}

#[utoipa::path(get, path = "/api/v1/orgs/me/invoices/{id}/document", tag = "subscription", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, description = "A standalone HTML invoice that prints cleanly", content_type = "text/html"),
        (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn document(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<Response> {
    let org_id = owner_with_billing(&state, &caller).await?;
    let (file_name, html) = on_db!(&state.db, |pool, domain| {
        domain::invoices::document(pool, org_id, id).await
    })?;
    let disposition = format!("attachment; filename=\"{file_name}\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(|_| ApiError::internal())?,
            ),
            // A document on its own: its one inline stylesheet and nothing else.
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
            ),
        ],
        html,
    )
        .into_response())
}
