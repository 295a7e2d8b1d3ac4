//! Invitations: owners and admins invite people by email with a role; the invitee accepts with
//! the code they were given, sets a password and is signed in. No mail server is involved: the
//! inviter passes the code on.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use contract::{
    check_invite, is_valid_email, AcceptInvitation, Invitation, InviteRequest, IssuedInvitation, IssuedInvitations,
    LoginResponse, OrgRole, PendingInvitations, Permission, MIN_PASSWORD_LEN,
};
use sqlx::SqlitePool;

use crate::auth::{password, session, Caller, OrgCaller};
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::routes::auth::signed_in;
use crate::AppState;

/// How long an invitation can be accepted.
pub const LIFETIME: chrono::Duration = chrono::Duration::days(7);
/// How many addresses one request may invite.
pub const MAX_AT_ONCE: usize = 100;

fn expiry() -> String {
    db::timestamp(chrono::Utc::now() + LIFETIME)
}

/// The organization's open invitations (or just `only`), newest first.
pub async fn pending(pool: &SqlitePool, org_id: i64, only: Option<i64>) -> Result<Vec<Invitation>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, String, String, i64, bool)> = sqlx::query_as(
        "SELECT i.id, i.email, i.org_id, i.expires_at, i.org_role, i.inviter_id,
                EXISTS (SELECT 1 FROM users u WHERE u.email = i.email AND u.password_hash IS NOT NULL) AS registered
         FROM invitations i
         WHERE i.org_id = ?1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND (?2 IS NULL OR i.id = ?2)
         ORDER BY i.created_at DESC, i.id DESC",
    )
    .bind(org_id)
    .bind(only)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, email, org_id, expires_at, role, inviter_id, registered)| {
            Some(Invitation {
                id,
                email,
                org_id,
                expires_at,
                org_role: OrgRole::parse(&role)?,
                inviter_id,
                registered,
            })
        })
        .collect())
}

/// The organization's invitations that are neither accepted nor revoked.
#[utoipa::path(get, path = "/api/v1/orgs/me/invitations", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = PendingInvitations), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody)))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<PendingInvitations>> {
    let org = caller.require(Permission::InviteUsers)?;
    Ok(Json(PendingInvitations {
        invitations: pending(&state.pool, org.org_id, None).await?,
    }))
}

/// Invite one or several addresses with one role. All or nothing: one refused address refuses
/// the request, and the message names it.
#[utoipa::path(post, path = "/api/v1/orgs/me/invitations", tag = "users", security(("bearer" = [])),
    request_body = InviteRequest,
    responses((status = 201, body = IssuedInvitations), (status = 401, body = contract::ApiErrorBody),
        (status = 403, description = "Role may not invite, or not with this role", body = contract::ApiErrorBody),
        (status = 409, description = "Already a member, in another organization, or invited", body = contract::ApiErrorBody),
        (status = 422, description = "No or malformed addresses", body = contract::ApiErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<InviteRequest>,
) -> ApiResult<(StatusCode, Json<IssuedInvitations>)> {
    let org = caller.require(Permission::InviteUsers)?;
    check_invite(org.role, request.org_role)?;
    let emails: Vec<String> = {
        let mut seen = Vec::new();
        for email in request
            .emails
            .iter()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| !e.is_empty())
        {
            if !seen.contains(&email) {
                seen.push(email);
            }
        }
        seen
    };
    if emails.is_empty() {
        return Err(ApiError::invalid(
            "emails",
            "Enter the email address of the person to invite.",
        ));
    }
    if emails.len() > MAX_AT_ONCE {
        return Err(ApiError::invalid(
            "emails",
            format!("Invite at most {MAX_AT_ONCE} addresses at once."),
        ));
    }
    if let Some(bad) = emails.iter().find(|e| !is_valid_email(e)) {
        return Err(ApiError::invalid(
            "emails",
            format!("“{bad}” is not a valid email address."),
        ));
    }
    let access = crate::routes::settings::stored(&state.pool, org.org_id).await?.access;
    if let Some(outside) = emails.iter().find(|e| !contract::email_domain_allowed(&access, e)) {
        return Err(ApiError::invalid(
            "emails",
            format!(
                "“{outside}” is not at a domain your organization invites from ({}).",
                access.allowed_email_domains.join(", ")
            ),
        ));
    }
    for email in &emails {
        refuse_if_taken(&state.pool, org, email).await?;
    }
    let single = emails.len() == 1;
    let mut tx = state.pool.begin().await?;
    let mut issued = Vec::new();
    for email in &emails {
        let code = session::new_token();
        let id = sqlx::query(
            "INSERT INTO invitations (org_id, email, org_role, inviter_id, token_hash, created_at, expires_at, firstname, lastname)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(org.org_id)
        .bind(email)
        .bind(request.org_role.as_str())
        .bind(org.user_id)
        .bind(session::token_hash(&code))
        .bind(db::now())
        .bind(expiry())
        .bind(if single { request.firstname.trim() } else { "" })
        .bind(if single { request.lastname.trim() } else { "" })
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        issued.push((id, code));
    }
    tx.commit().await?;
    let mut invitations = Vec::new();
    for (id, code) in issued {
        let invitation = pending(&state.pool, org.org_id, Some(id))
            .await?
            .pop()
            .ok_or_else(ApiError::internal)?;
        invitations.push(IssuedInvitation { invitation, code });
    }
    Ok((StatusCode::CREATED, Json(IssuedInvitations { invitations })))
}

async fn refuse_if_taken(pool: &SqlitePool, org: OrgCaller, email: &str) -> ApiResult<()> {
    let membership: Option<i64> =
        sqlx::query_scalar("SELECT m.org_id FROM org_members m JOIN users u ON u.id = m.user_id WHERE u.email = ?")
            .bind(email)
            .fetch_optional(pool)
            .await?;
    match membership {
        Some(id) if id == org.org_id => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "already_member",
                format!("{email} is already in the organization."),
            )
            .at("emails"))
        }
        Some(_) => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "other_organization",
                format!("{email} belongs to another organization and cannot be invited."),
            )
            .at("emails"))
        }
        None => {}
    }
    let invited: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE org_id = ? AND email = ? AND accepted_at IS NULL AND revoked_at IS NULL)",
    )
    .bind(org.org_id)
    .bind(email)
    .fetch_one(pool)
    .await?;
    if invited {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "already_invited",
            format!("{email} is already invited. Resend that invitation instead."),
        )
        .at("emails"));
    }
    Ok(())
}

/// The invitation, when the caller may manage it (an admin cannot touch an owner invitation).
async fn managed(state: &AppState, org: OrgCaller, id: i64) -> ApiResult<Invitation> {
    let invitation = pending(&state.pool, org.org_id, Some(id))
        .await?
        .pop()
        .ok_or_else(|| ApiError::not_found("The invitation"))?;
    check_invite(org.role, invitation.org_role)?;
    Ok(invitation)
}

/// A new code and a new expiry; the old code stops working.
#[utoipa::path(post, path = "/api/v1/orgs/me/invitations/{id}/resend", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Invitation id")),
    responses((status = 200, body = IssuedInvitation), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn resend(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<Json<IssuedInvitation>> {
    let org = caller.require(Permission::InviteUsers)?;
    managed(&state, org, id).await?;
    let code = session::new_token();
    sqlx::query("UPDATE invitations SET token_hash = ?, expires_at = ? WHERE id = ? AND org_id = ?")
        .bind(session::token_hash(&code))
        .bind(expiry())
        .bind(id)
        .bind(org.org_id)
        .execute(&state.pool)
        .await?;
    let invitation = pending(&state.pool, org.org_id, Some(id))
        .await?
        .pop()
        .ok_or_else(ApiError::internal)?;
    Ok(Json(IssuedInvitation { invitation, code }))
}

/// The invitation can no longer be accepted.
#[utoipa::path(delete, path = "/api/v1/orgs/me/invitations/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Invitation id")),
    responses((status = 204), (status = 401, body = contract::ApiErrorBody), (status = 403, body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn revoke(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let org = caller.require(Permission::InviteUsers)?;
    managed(&state, org, id).await?;
    sqlx::query("UPDATE invitations SET revoked_at = ? WHERE id = ? AND org_id = ?")
        .bind(db::now())
        .bind(id)
        .bind(org.org_id)
        .execute(&state.pool)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(sqlx::FromRow)]
struct OpenInvitation {
    id: i64,
    org_id: i64,
    email: String,
    org_role: String,
    expires_at: String,
    firstname: String,
    lastname: String,
}

/// Accept an invitation with its code: a new account sets its password; an existing account
/// proves it with its password. The person joins with the invited role and is signed in.
#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "users", request_body = AcceptInvitation,
    responses((status = 200, body = LoginResponse),
        (status = 401, description = "Wrong password for an existing account", body = contract::ApiErrorBody),
        (status = 404, description = "Unknown, used or revoked code", body = contract::ApiErrorBody),
        (status = 409, description = "Expired, or already in an organization", body = contract::ApiErrorBody),
        (status = 422, description = "Password too short", body = contract::ApiErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    Json(request): Json<AcceptInvitation>,
) -> ApiResult<Json<LoginResponse>> {
    let open: Option<OpenInvitation> = sqlx::query_as(
        "SELECT id, org_id, email, org_role, expires_at, firstname, lastname FROM invitations
         WHERE token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(session::token_hash(request.code.trim()))
    .fetch_optional(&state.pool)
    .await?;
    let invitation = open.ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_code",
            "This invitation code is not valid, or it was used or revoked.",
        )
        .at("code")
    })?;
    if invitation.expires_at <= db::now() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "expired",
            "This invitation has expired. Ask for a new one: it can be resent.",
        )
        .at("code"));
    }
    let existing: Option<(i64, Option<String>)> = sqlx::query_as("SELECT id, password_hash FROM users WHERE email = ?")
        .bind(&invitation.email)
        .fetch_optional(&state.pool)
        .await?;
    let user_id = match existing {
        Some((id, Some(phc))) => {
            let ok = password::check(request.password.clone(), Some(phc)).await;
            if !ok {
                return Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "invalid_credentials",
                    "This address already has an account: enter its password to accept.",
                )
                .at("password"));
            }
            id
        }
        other => {
            if request.password.chars().count() < MIN_PASSWORD_LEN {
                return Err(ApiError::invalid(
                    "password",
                    format!("Choose a password of at least {MIN_PASSWORD_LEN} characters."),
                ));
            }
            let candidate = request.password.clone();
            let phc = tokio::task::spawn_blocking(move || password::hash(&candidate))
                .await
                .map_err(|_| ApiError::internal())?;
            let first = Some(request.firstname.trim())
                .filter(|s| !s.is_empty())
                .unwrap_or(&invitation.firstname)
                .to_string();
            let last = Some(request.lastname.trim())
                .filter(|s| !s.is_empty())
                .unwrap_or(&invitation.lastname)
                .to_string();
            match other {
                Some((id, None)) => {
                    sqlx::query("UPDATE users SET password_hash = ?, firstname = ?, lastname = ? WHERE id = ?")
                        .bind(phc)
                        .bind(first)
                        .bind(last)
                        .bind(id)
                        .execute(&state.pool)
                        .await?;
                    id
                }
                _ => sqlx::query(
                    "INSERT INTO users (email, firstname, lastname, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                )
                .bind(&invitation.email)
                .bind(first)
                .bind(last)
                .bind(phc)
                .bind(db::now())
                .execute(&state.pool)
                .await?
                .last_insert_rowid(),
            }
        }
    };
    let mut tx = state.pool.begin().await?;
    let joined = sqlx::query(
        "INSERT INTO org_members (org_id, user_id, org_role, created_at)
         SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM org_members WHERE user_id = ?)",
    )
    .bind(invitation.org_id)
    .bind(user_id)
    .bind(&invitation.org_role)
    .bind(db::now())
    .bind(user_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if joined == 0 {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "other_organization",
            "This account already belongs to an organization.",
        )
        .at("code"));
    }
    sqlx::query("UPDATE invitations SET accepted_at = ? WHERE id = ?")
        .bind(db::now())
        .bind(invitation.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Json(signed_in(&state.pool, user_id).await?))
}
