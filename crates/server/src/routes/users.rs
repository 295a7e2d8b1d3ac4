//! The Users tab's endpoints: the members one page at a time, the export, role changes and
//! removal, and the command palette's search. The rules live in `contract::roles`; the domain re-checks them inside each change.

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use contract::{OrgUser, Permission, RoleChange, SearchQuery, SearchResults, UsersPage, UsersQuery, MAX_PER_PAGE};

use crate::answers::{self, Answer};
use crate::caller::Caller;
use common::filters::{page_window, UserFilter};

use crate::error::ApiResult;
use crate::extract::{Json, Path, Query};
use crate::large::held_until_sent;
use crate::on_db;
use crate::AppState;

fn filter(query: &UsersQuery) -> ApiResult<UserFilter> {
    Ok(UserFilter::of(query)?)
}

/// The organization's users matching the query, one page at a time. Members get 403: they never
/// receive the list of other members. Each answer carries an `ETag`; sent back in
/// `If-None-Match`, it gets 304 while the organization has not changed.
#[utoipa::path(get, path = "/api/v1/orgs/me/users", tag = "users", security(("bearer" = []), ("access_token" = ["read"])),
    params(UsersQuery, ("If-None-Match" = Option<String>, Header, description = "The ETag of an earlier answer")),
    responses((status = 200, body = UsersPage, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the answer with the ETag sent", headers(("ETag" = String))),
        (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<UsersQuery>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let actor = caller.require(Permission::SeeMembers)?;
    let (page, per_page, offset) = page_window(query.page, query.per_page, 50, MAX_PER_PAGE)?;
    let filter = filter(&query)?;
    let key = answers::key_now(&state, &actor, "users", raw).await?;
    let build = async {
        let (total, users) = on_db!(&state.db, |pool, domain| {
            domain::members::matching(pool, actor.org_id, &filter, Some((per_page, offset))).await
        })?;
        Answer::json(&UsersPage {
            users,
            total,
            page,
            per_page,
        })
    };
    state.answers.answer(key, &headers, build).await
}

/// Every user matching the query as CSV, for a spreadsheet; recorded in the activity log. Cells
/// a spreadsheet would read as a formula are prefixed with `'`.
#[utoipa::path(post, path = "/api/v1/orgs/me/users/export", tag = "users", security(("bearer" = []), ("access_token" = ["read"])), params(UsersQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 429, description = "This person's previous large answer is still being sent", body = contract::ApiErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<UsersQuery>,
) -> ApiResult<impl IntoResponse> {
    let actor = caller.require(Permission::SeeMembers)?;
    let turn = state.large_answers.turn(actor.user_id).await?;
    let csv = on_db!(&state.db, |pool, domain| {
        domain::members::export_csv(pool, &actor, &filter(&query)?).await
    })?;
    let response = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"users.csv\""),
        ],
        csv,
    )
        .into_response();
    Ok(held_until_sent(response, turn))
}

/// Give a user another organization role. Only owners assign or take away ownership; nobody
/// changes their own role; the organization keeps an owner or admin, and while subscribed an owner.
#[utoipa::path(patch, path = "/api/v1/orgs/me/users/{id}", tag = "users", security(("bearer" = []), ("access_token" = ["users"])),
    params(("id" = i64, Path, description = "User id")), request_body = RoleChange,
    responses((status = 200, body = OrgUser),
        (status = 403, description = "Role not allowed, or ownership", body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody),
        (status = 409, description = "Own role, or the last owner or admin", body = contract::ApiErrorBody)))]
pub async fn change_role(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<i64>,
    Json(change): Json<RoleChange>,
) -> ApiResult<Json<OrgUser>> {
    let actor = caller.require(Permission::InviteUsers)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::members::change_role(pool, &actor, user_id, change.org_role).await
    })?))
}

/// Remove a user from the organization and from its spaces. Their account and own spaces stay.
#[utoipa::path(delete, path = "/api/v1/orgs/me/users/{id}", tag = "users", security(("bearer" = []), ("access_token" = ["users"])),
    params(("id" = i64, Path, description = "User id")),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody), (status = 409, body = contract::ApiErrorBody)))]
pub async fn remove(State(state): State<AppState>, caller: Caller, Path(user_id): Path<i64>) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::InviteUsers)?;
    on_db!(&state.db, |pool, domain| {
        domain::members::remove(pool, &actor, user_id).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The command palette's search: the first five people and the first five spaces of the
/// organization whose name (or, for people, address) holds `q`.
#[utoipa::path(get, path = "/api/v1/orgs/me/search", tag = "users", security(("bearer" = []), ("access_token" = ["read"])),
    params(SearchQuery),
    responses((status = 200, body = SearchResults), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 422, description = "A search longer than 200 characters", body = contract::ApiErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<SearchQuery>,
) -> ApiResult<Json<SearchResults>> {
    let actor = caller.require(Permission::SeeMembers)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::search::find(pool, actor.org_id, &query.q).await
    })?))
}
