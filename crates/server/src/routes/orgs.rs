//! `GET /api/v1/orgs/me`: the caller's organization in Storyblok's `orgs/me` shape.

use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::Json;
use contract::{allows, Invitation, Org, OrgEnvelope, OrgRole, OrgUser, Permission};
use sqlx::SqlitePool;

use crate::auth::{Caller, OrgCaller};
use crate::error::ApiResult;
use crate::routes::auth::display_name;
use crate::AppState;

/// The caller's organization. Owners and admins get every member, space and pending invitation;
/// a member gets the organization with only themselves and the spaces they work on.
#[utoipa::path(get, path = "/api/v1/orgs/me", tag = "orgs", security(("bearer" = [])),
    responses((status = 200, body = OrgEnvelope),
        (status = 401, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<OrgEnvelope>> {
    let member = caller.member()?;
    Ok(Json(OrgEnvelope {
        org: load_org(&state.pool, member).await?,
    }))
}

#[derive(sqlx::FromRow)]
struct OrgRow {
    id: i64,
    name: String,
    slug: String,
    plan: String,
    plan_level: i64,
    max_spaces: i64,
    max_collaborators: i64,
    settings: String,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    firstname: String,
    lastname: String,
    avatar: Option<String>,
    org_role: String,
    sign_in_count: i64,
    created_at: String,
    last_sign_in_at: Option<String>,
    disabled: bool,
}

pub async fn load_org(pool: &SqlitePool, caller: OrgCaller) -> Result<Org, sqlx::Error> {
    let sees_members = allows(caller.role, Permission::SeeMembers);
    let row: OrgRow = sqlx::query_as(
        "SELECT id, name, slug, plan, plan_level, max_spaces, max_collaborators, settings FROM orgs WHERE id = ?",
    )
    .bind(caller.org_id)
    .fetch_one(pool)
    .await?;

    // Members see only themselves: the API never lists other members to them.
    let users: Vec<UserRow> = sqlx::query_as(
        "SELECT u.id, u.email, u.firstname, u.lastname, u.avatar, m.org_role, u.sign_in_count, u.created_at,
                u.last_sign_in_at, u.disabled
         FROM org_members m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = ?1 AND (?2 OR u.id = ?3) ORDER BY u.id",
    )
    .bind(caller.org_id)
    .bind(sees_members)
    .bind(caller.user_id)
    .fetch_all(pool)
    .await?;

    let only_for = (!sees_members).then_some(caller.user_id);
    let spaces = crate::routes::spaces::list(pool, caller.org_id, None, only_for).await?;

    // Collaborations on the organization's spaces only; personal spaces stay private.
    let collaborations: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT c.user_id, c.space_id, c.role FROM space_collaborators c JOIN spaces s ON s.id = c.space_id
         WHERE s.org_id = ? ORDER BY c.space_id",
    )
    .bind(caller.org_id)
    .fetch_all(pool)
    .await?;
    let mut roles_by_user: HashMap<i64, BTreeMap<String, Vec<String>>> = HashMap::new();
    for (user_id, space_id, role) in collaborations {
        roles_by_user
            .entry(user_id)
            .or_default()
            .entry(space_id.to_string())
            .or_default()
            .push(role);
    }

    let invitations: Vec<Invitation> = if allows(caller.role, Permission::InviteUsers) {
        let rows: Vec<(i64, String, i64, String, String, i64, bool)> = sqlx::query_as(
            "SELECT i.id, i.email, i.org_id, i.expires_at, i.org_role, i.inviter_id,
                    EXISTS (SELECT 1 FROM users u WHERE u.email = i.email) AS registered
             FROM invitations i WHERE i.org_id = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL
             ORDER BY i.created_at DESC",
        )
        .bind(caller.org_id)
        .fetch_all(pool)
        .await?;
        rows.into_iter()
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
            .collect()
    } else {
        Vec::new()
    };

    let user_count = if sees_members {
        sqlx::query_scalar("SELECT COUNT(*) FROM org_members WHERE org_id = ?")
            .bind(caller.org_id)
            .fetch_one(pool)
            .await?
    } else {
        users.len() as i64
    };

    let users = users
        .into_iter()
        .filter_map(|u| {
            let roles_on_spaces = roles_by_user.remove(&u.id).unwrap_or_default();
            let on_spaces = roles_on_spaces.keys().filter_map(|k| k.parse().ok()).collect();
            Some(OrgUser {
                id: u.id,
                userid: u.email.clone(),
                friendly_name: Some(display_name(&u.firstname, &u.lastname, &u.email)),
                firstname: Some(u.firstname),
                lastname: Some(u.lastname),
                email: u.email,
                avatar: u.avatar,
                org_role: OrgRole::parse(&u.org_role)?,
                sign_in_count: u.sign_in_count,
                created_at: u.created_at,
                last_sign_in_at: u.last_sign_in_at,
                disabled: u.disabled,
                on_spaces,
                roles_on_spaces,
            })
        })
        .collect();

    Ok(Org {
        id: row.id,
        name: row.name,
        slug: row.slug,
        plan: row.plan,
        plan_level: row.plan_level,
        user_count,
        max_spaces: row.max_spaces,
        max_collaborators: row.max_collaborators,
        settings: serde_json::from_str(&row.settings).unwrap_or_else(|_| serde_json::json!({})),
        users,
        spaces,
        invitations,
    })
}
