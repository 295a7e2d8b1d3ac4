//! The organization's spaces: the list with traffic, one space, adding and detaching, and the
//! caller's personal spaces that "Add space" offers.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use contract::{AddSpaceRequest, OrgSpace, PeriodQuery, Permission, PersonalSpaces, SpaceDetail, SpacesResponse};

use crate::answers::{self, Answer};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Path, Query};
use crate::on_db;
use crate::AppState;

/// Every space of the caller's organization with its owner, users and traffic in the period.
/// Each answer carries an `ETag`; sent back in `If-None-Match`, it gets 304 while the
/// organization has not changed.
#[utoipa::path(get, path = "/api/v1/orgs/me/spaces", tag = "spaces", security(("bearer" = []), ("access_token" = ["read"])),
    params(PeriodQuery, ("If-None-Match" = Option<String>, Header, description = "The ETag of an earlier answer")),
    responses((status = 200, body = SpacesResponse, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the answer with the ETag sent", headers(("ETag" = String))),
        (status = 403, description = "Members have no access", body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PeriodQuery>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let actor = caller.require(Permission::OpenOrgArea)?;
    let period = query.period.unwrap_or_default();
    let key = answers::key_now(&state, &actor, "spaces", raw).await?;
    let day = key.day;
    let build = async {
        let (spaces, allowed_regions) = on_db!(&state.db, |pool, domain| {
            let since = domain::statistics::period_start(period, day);
            let spaces = domain::spaces::list(pool, actor.org_id, since, None).await?;
            let access = domain::settings::stored(pool, actor.org_id).await?.access;
            Ok::<_, common::DomainError>((spaces, access.allowed_regions))
        })?;
        Answer::json(&SpacesResponse {
            period,
            spaces,
            allowed_regions,
        })
    };
    state.answers.answer(key, &headers, build).await
}

/// Move one of the caller's personal spaces into the organization.
#[utoipa::path(post, path = "/api/v1/orgs/me/spaces", tag = "spaces", security(("bearer" = []), ("access_token" = ["spaces"])), request_body = AddSpaceRequest,
    responses((status = 201, body = OrgSpace),
        (status = 403, description = "Not the caller's space, the role may not add spaces, or the space's region is not allowed", body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody),
        (status = 409, description = "Already in an organization, or the space limit is reached", body = contract::ApiErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<AddSpaceRequest>,
) -> ApiResult<(StatusCode, Json<OrgSpace>)> {
    let actor = caller.member()?;
    let space = on_db!(&state.db, |pool, domain| {
        domain::spaces::add(pool, &actor, request.space_id).await
    })?;
    Ok((StatusCode::CREATED, Json(space)))
}

/// A space of the caller's organization and its collaborators.
#[utoipa::path(get, path = "/api/v1/orgs/me/spaces/{id}", tag = "spaces", security(("bearer" = []), ("access_token" = ["read"])),
    params(("id" = i64, Path, description = "Space id")),
    responses((status = 200, body = SpaceDetail), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<Json<SpaceDetail>> {
    let actor = caller.require(Permission::OpenOrgArea)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::spaces::detail(pool, actor.org_id, id).await
    })?))
}

/// Move a space out of the organization, back to its owner's personal account. Its collaborators
/// stay on it.
#[utoipa::path(delete, path = "/api/v1/orgs/me/spaces/{id}", tag = "spaces", security(("bearer" = []), ("access_token" = ["spaces"])),
    params(("id" = i64, Path, description = "Space id")),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "No such space in the caller's organization", body = contract::ApiErrorBody)))]
pub async fn detach(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::ManageSpaces)?;
    on_db!(&state.db, |pool, domain| {
        domain::spaces::detach(pool, &actor, id).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's own spaces that are in no organization: what "Add space" offers.
#[utoipa::path(get, path = "/api/v1/me/personal-spaces", tag = "spaces", security(("bearer" = []), ("access_token" = ["spaces"])),
    responses((status = 200, body = PersonalSpaces), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn personal(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<PersonalSpaces>> {
    let actor = caller.member()?;
    on_db!(&state.db, |pool, domain| {
        domain::spaces::may_add(pool, actor.org_id, actor.role).await
    })?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::spaces::personal(pool, actor.org_id, actor.user_id).await
    })?))
}
