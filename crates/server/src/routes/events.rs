//! `GET /api/v1/orgs/me/events`: the organization's changes as they happen, as Server-Sent
//! Events, for owners and admins. The app reads it with a streaming `fetch` (an `EventSource`
//! cannot send the bearer token) and refetches what is on screen.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use contract::Permission;
use futures_util::StreamExt;

use crate::caller::Caller;
use common::live::Step;

use crate::error::ApiResult;
use crate::{on_db, AppState};

/// A comment this often keeps proxies and load balancers from closing an idle stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The stream: first an event `ready` whose `id` is where it starts, then one event `change` per
/// change (its `id` the activity's id, its data a `ChangeEvent`). It ends when the session may
/// no longer follow (signed out, removed, demoted); the client then reconnects with the last id
/// it saw as `Last-Event-ID` and gets what it missed, or the reason it may not.
#[utoipa::path(get, path = "/api/v1/orgs/me/events", tag = "orgs", security(("bearer" = [])),
    params(("Last-Event-ID" = Option<i64>, Header, description = "The id of the last event seen: the stream sends the changes after it")),
    responses((status = 200, description = "An endless `text/event-stream` of `ready` and `change` events",
            content_type = "text/event-stream", body = contract::ChangeEvent),
        (status = 403, description = "Members have no access", body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 429, description = "10 streams of this person, or 200 of the organization, are open on this instance; Retry-After says when to try again", body = contract::ApiErrorBody)))]
pub async fn stream(State(state): State<AppState>, caller: Caller, headers: HeaderMap) -> ApiResult<Response> {
    let actor = caller.require(Permission::SeeMembers)?;
    let last_seen = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    let steps: futures_util::stream::BoxStream<'static, Step> = on_db!(&state.db, |pool, domain| {
        let who = domain::events::Follower {
            token: caller.token,
            user_id: actor.user_id,
            org_id: actor.org_id,
            idle: state.idle_timeout,
        };
        let follow = domain::events::Follow::new(pool.clone(), &state.changes, who, last_seen);
        Box::pin(follow.await?.steps())
    });
    let events = steps.map(|step| {
        let event = match step {
            Step::Ready(id) => Event::default()
                .event("ready")
                .id(id.to_string())
                .retry(Duration::from_secs(1))
                .data("{}"),
            Step::Change(change) => Event::default()
                .event("change")
                .id(change.id.to_string())
                .json_data(&change)
                .unwrap_or_else(|_| Event::default().comment("unencodable change")),
        };
        Ok::<_, Infallible>(event)
    });
    // A stopping instance ends its streams (it could not drain while they are open), saying when
    // to reconnect: the browser comes back, to another instance, with the last id it saw.
    let farewell = futures_util::stream::once(async {
        Ok(Event::default()
            .retry(Duration::from_millis(500))
            .comment("this instance is stopping; reconnect"))
    });
    let events = events.take_until(state.lifecycle.draining()).chain(farewell);
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    // nginx would otherwise hold events back in its buffer.
    response.headers_mut().insert(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    );
    Ok(response)
}
