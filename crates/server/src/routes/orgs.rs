//! `GET /api/v1/orgs/me`: the caller's organization in Storyblok's `orgs/me` shape.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use contract::OrgEnvelope;

use crate::auth::Caller;
use crate::domain::orgs;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::web::held_until_sent;
use crate::AppState;

/// The caller's organization. Owners and admins get every member, space and pending invitation;
/// a member gets the organization with only themselves and the spaces they work on.
#[utoipa::path(get, path = "/api/v1/orgs/me", tag = "orgs", security(("bearer" = [])),
    responses((status = 200, body = OrgEnvelope),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let actor = caller.member()?;
    // Every member, space and invitation: megabytes for a large organization.
    let turn = state.large_answer().await?;
    let org = orgs::load(&state.pool, &actor).await?;
    Ok(held_until_sent(Json(OrgEnvelope { org }).into_response(), turn))
}
