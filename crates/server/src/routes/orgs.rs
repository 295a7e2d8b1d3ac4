//! `GET /api/v1/orgs/me`: the caller's organization in Storyblok's `orgs/me` shape.

use axum::extract::State;
use axum::Json;
use contract::{allows, Org, OrgEnvelope, Permission};
use sqlx::SqlitePool;

use crate::auth::{Caller, OrgCaller};
use crate::error::ApiResult;
use crate::routes::members::{self, UserRow, USER_COLUMNS};
use crate::AppState;

/// The caller's organization. Owners and admins get every member, space and pending invitation;
/// a member gets the organization with only themselves and the spaces they work on.
#[utoipa::path(get, path = "/api/v1/orgs/me", tag = "orgs", security(("bearer" = [])),
    responses((status = 200, body = OrgEnvelope),
        (status = 401, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<OrgEnvelope>> {
    let member = caller.member()?;
    // A subscription whose period ended renews or ends before the plan is reported.
    crate::routes::subscription::settle(&state.pool, state.payments.as_ref(), member.org_id).await?;
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

pub async fn load_org(pool: &SqlitePool, caller: OrgCaller) -> Result<Org, sqlx::Error> {
    let sees_members = allows(caller.role, Permission::SeeMembers);
    let row: OrgRow = sqlx::query_as(
        "SELECT id, name, slug, plan, plan_level, max_spaces, max_collaborators, settings FROM orgs WHERE id = ?",
    )
    .bind(caller.org_id)
    .fetch_one(pool)
    .await?;

    // Members see only themselves: the API never lists other members to them.
    let users: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM org_members m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = ?1 AND (?2 OR u.id = ?3) ORDER BY u.id"
    ))
    .bind(caller.org_id)
    .bind(sees_members)
    .bind(caller.user_id)
    .fetch_all(pool)
    .await?;

    let only_for = (!sees_members).then_some(caller.user_id);
    let spaces = crate::routes::spaces::list(pool, caller.org_id, None, only_for).await?;
    let only_ids = only_for.map(|id| vec![id]);
    let mut roles = members::roles_on_spaces(pool, caller.org_id, only_ids.as_deref()).await?;

    let invitations = if allows(caller.role, Permission::InviteUsers) {
        crate::routes::invitations::pending(pool, caller.org_id, None).await?
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
        .filter_map(|row| {
            let spaces = roles.remove(&row.id).unwrap_or_default();
            members::to_org_user(row, spaces)
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
        // Embedding and access rules are for those who may change them.
        settings: if allows(caller.role, Permission::ManageSettings) {
            serde_json::from_str(&row.settings).unwrap_or_else(|_| serde_json::json!({}))
        } else {
            serde_json::json!({})
        },
        users,
        spaces,
        invitations,
    })
}
