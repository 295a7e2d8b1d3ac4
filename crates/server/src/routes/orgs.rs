//! `GET /api/v1/orgs/me`: the caller's organization in Storyblok's `orgs/me` shape.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use contract::{allows, OrgEnvelope, Permission};

use crate::answers::{self, Answer};
use crate::caller::Caller;
use crate::error::ApiResult;
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
    let key = answers::key_now(&state, &actor, "orgs/me", Some(view_of(&actor))).await?;
    // A client that holds the answer needs no turn: a 304 is a few bytes.
    if let Some(unchanged) = answers::unchanged(&key, &headers) {
        return Ok(unchanged);
    }
    // Every member, space and invitation: megabytes for a large organization, so sending it takes
    // a turn even when it was kept.
    let turn = state.large_answers.turn(actor.user_id).await?;
    let build = async {
        let org = on_db!(&state.db, |pool, domain| { domain::orgs::load(pool, &actor).await })?;
        Answer::json(&OrgEnvelope { org })
    };
    let response = state.answers.answer(key, &headers, build).await?;
    Ok(held_until_sent(response, turn))
}

/// What of the organization `actor` is shown, as the kept answer's key names it: each role sees its
/// own parts (members, invitations, settings), and a member sees only themselves.
fn view_of(actor: &common::Actor) -> String {
    if allows(actor.role, Permission::SeeMembers) {
        actor.role.as_str().to_string()
    } else {
        format!("{}:{}", actor.role.as_str(), actor.user_id)
    }
}
