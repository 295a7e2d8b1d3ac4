//! The caller's organization in the shape of Storyblok's `GET /v1/orgs/me`.

use common::{Actor, DomainResult};
use contract::{allows, Org, Permission};
use sqlx::types::Json;

use crate::db::Pool;
use crate::{invitations, members, spaces};

/// The organization's revision: raised by every change to what [`load`] and the list answers read
/// (triggers, migrations `*_org_revision.sql`), so an answer kept under it stays true until it
/// moves. A cancelled subscription's premium plans end with its period, so kept answers are keyed
/// by the day as well.
pub async fn revision(pool: &Pool, org_id: i64) -> DomainResult<i64> {
    Ok(sqlx::query_scalar!("SELECT revision FROM orgs WHERE id = $1", org_id)
        .fetch_one(pool)
        .await?)
}

/// Owners and admins get every member, space and pending invitation; a member gets the
/// organization with only themselves and the spaces they work on.
pub async fn load(pool: &Pool, actor: &Actor) -> DomainResult<Org> {
    let sees_members = allows(actor.role, Permission::SeeMembers);
    let row = sqlx::query!(
        r#"SELECT id AS "id!", name, slug, plan, plan_level, max_spaces, max_collaborators,
                  settings AS "settings: Json<serde_json::Value>"
           FROM orgs WHERE id = $1"#,
        actor.org_id
    )
    .fetch_one(pool)
    .await?;
    // Members see only themselves: the API never lists other members to them.
    let only = (!sees_members).then_some(actor.user_id);
    let users = members::everyone(pool, actor.org_id, only).await?;
    let spaces = spaces::list(pool, actor.org_id, None, only).await?;
    let invitations = if allows(actor.role, Permission::InviteUsers) {
        invitations::pending(pool, actor.org_id, None).await?
    } else {
        Vec::new()
    };
    let user_count = if sees_members {
        members::count(pool, actor.org_id).await?
    } else {
        users.len() as i64
    };
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
        settings: if allows(actor.role, Permission::ManageSettings) {
            row.settings.0
        } else {
            serde_json::json!({})
        },
        users,
        spaces,
        invitations,
    })
}
