//! `GET /api/v1/orgs/me`: the caller's organization in Storyblok's `orgs/me` shape.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use contract::OrgEnvelope;

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::large::held_until_sent;
use crate::on_db;
use crate::AppState;

/// The caller's organization. Owners and admins get every member, space and pending invitation;
/// a member gets the organization with only themselves and the spaces they work on. Each answer
/// carries an `ETag`; sent back in `If-None-Match`, it gets 304 while nothing shown has changed.
#[utoipa::path(get, path = "/api/v1/orgs/me", tag = "orgs", security(("bearer" = []), ("access_token" = ["read"])),
    params(("If-None-Match" = Option<String>, Header, description = "The ETag of an earlier answer")),
    responses((status = 200, body = OrgEnvelope, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the answer with the ETag sent", headers(("ETag" = String))),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 429, description = "This person's previous large answer is still being sent", body = contract::ApiErrorBody)))]
pub async fn me(State(state): State<AppState>, caller: Caller, headers: HeaderMap) -> ApiResult<Response> {
    let actor = caller.member()?;
    // Read before the answer is: a change in between gives the answer an older tag, which the next
    // request then finds outdated, never a newer tag on older data.
    let tag = on_db!(&state.db, |pool, domain| { domain::orgs::etag(pool, &actor).await })?;
    let tag_value = HeaderValue::from_str(&tag).expect("an ETag is visible ASCII");
    if crate::answers::holds(&headers, &tag) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, tag_value)]).into_response());
    }
    // Every member, space and invitation: megabytes for a large organization.
    let turn = state.large_answers.turn(actor.user_id).await?;
    let org = on_db!(&state.db, |pool, domain| { domain::orgs::load(pool, &actor).await })?;
    let mut response = Json(OrgEnvelope { org }).into_response();
    response.headers_mut().insert(header::ETAG, tag_value);
    Ok(held_until_sent(response, turn))
}
