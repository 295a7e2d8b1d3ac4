//! Invitations: owners and admins invite people by email with a role; the invitee accepts with
//! the code they were given, sets a password and is signed in.

use axum::extract::State;
use axum::http::StatusCode;
use contract::{
    AcceptInvitation, Invitation, InviteRequest, IssuedInvitations, LoginResponse, PendingInvitations, Permission,
};

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Path};
use crate::on_db;
use crate::AppState;
use common::ClientInfo;

/// The organization's invitations that are neither accepted nor revoked.
#[utoipa::path(get, path = "/api/v1/orgs/me/invitations", tag = "users", security(("bearer" = []), ("access_token" = ["read"])),
    responses((status = 200, body = PendingInvitations), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<PendingInvitations>> {
    let actor = caller.require(Permission::InviteUsers)?;
    Ok(Json(PendingInvitations {
        invitations: on_db!(&state.db, |pool, domain| {
            domain::invitations::pending(pool, actor.org_id, None).await
        })?,
    }))
}

/// Invite one or several addresses with one role. Each gets a mail with a link that carries its
/// code; the code reaches nobody else. All or nothing: one refused address refuses the request,
/// and the message names it.
#[utoipa::path(post, path = "/api/v1/orgs/me/invitations", tag = "users", security(("bearer" = []), ("access_token" = ["users"])),
    request_body = InviteRequest,
    responses((status = 201, body = IssuedInvitations),
        (status = 403, description = "Role may not invite, or not with this role", body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody),
        (status = 409, description = "Already a member, in another organization, or invited", body = contract::ApiErrorBody),
        (status = 422, description = "No, too many or malformed addresses", body = contract::ApiErrorBody),
        (status = 429, description = "Over the quota: 200 invitation mails a day per organization, 3 to one address; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<InviteRequest>,
) -> ApiResult<(StatusCode, Json<IssuedInvitations>)> {
    let actor = caller.require(Permission::InviteUsers)?;
    let issued = on_db!(&state.db, |pool, domain| {
        domain::invitations::create(pool, &state.links, &actor, &request).await
    })?;
    state.mailer.wake();
    Ok((StatusCode::CREATED, Json(issued)))
}

/// A new mail with a new code and a new expiry; the old code stops working. Counts against the
/// invitation quotas like a new invitation.
#[utoipa::path(post, path = "/api/v1/orgs/me/invitations/{id}/resend", tag = "users", security(("bearer" = []), ("access_token" = ["users"])),
    params(("id" = i64, Path, description = "Invitation id")),
    responses((status = 200, body = Invitation), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody),
        (status = 429, description = "Over the quota: 3 invitation mails a day to one address, 200 per organization; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn resend(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<Json<Invitation>> {
    let actor = caller.require(Permission::InviteUsers)?;
    let invitation = on_db!(&state.db, |pool, domain| {
        domain::invitations::resend(pool, &state.links, &actor, id).await
    })?;
    state.mailer.wake();
    Ok(Json(invitation))
}

/// The invitation can no longer be accepted.
#[utoipa::path(delete, path = "/api/v1/orgs/me/invitations/{id}", tag = "users", security(("bearer" = []), ("access_token" = ["users"])),
    params(("id" = i64, Path, description = "Invitation id")),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn revoke(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::InviteUsers)?;
    on_db!(&state.db, |pool, domain| {
        domain::invitations::revoke(pool, &actor, id).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Accept an invitation with its code: a new account sets its password; an existing account
/// proves it with its password. The person joins with the invited role and is signed in.
#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "users", request_body = AcceptInvitation,
    responses((status = 200, body = LoginResponse),
        (status = 401, description = "Wrong password for an existing account", body = contract::ApiErrorBody),
        (status = 404, description = "Unknown, used or revoked code", body = contract::ApiErrorBody),
        (status = 409, description = "Expired, or already in an organization", body = contract::ApiErrorBody),
        (status = 422, description = "Password too short", body = contract::ApiErrorBody),
        (status = 429, description = "Too many failed attempts; Retry-After says when", body = contract::ApiErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    client: ClientInfo,
    Json(request): Json<AcceptInvitation>,
) -> ApiResult<Json<LoginResponse>> {
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::invitations::accept(pool, &state.hasher, &client, &request).await
    })?))
}
