//! The caller's organization in the shape of Storyblok's `GET /v1/orgs/me`.

use contract::{allows, Org, Permission};

use crate::db::{self, Pool};
use crate::domain::{invitations, members, spaces, Actor};

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

/// The ETag of what [`load`] answers `actor` now: the organization's revision (which triggers
/// raise on every change to what `load` reads, migrations `*_org_revision.sql`), who asks (a
/// member sees less), and today's date (a cancelled subscription's premium plans end with its
/// period).
pub async fn etag(pool: &Pool, actor: &Actor) -> Result<String, sqlx::Error> {
    use sha2::{Digest, Sha256};
    let revision: i64 = sqlx::query_scalar("SELECT revision FROM orgs WHERE id = $1")
        .bind(actor.org_id)
        .fetch_one(pool)
        .await?;
    let seen = format!(
        "{}:{revision}:{}:{}:{}",
        actor.org_id,
        actor.user_id,
        actor.role.as_str(),
        db::today()
    );
    let digest = Sha256::digest(seen.as_bytes());
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    Ok(format!("\"{hex}\""))
}

/// Owners and admins get every member, space and pending invitation; a member gets the
/// organization with only themselves and the spaces they work on.
pub async fn load(pool: &Pool, actor: &Actor) -> Result<Org, sqlx::Error> {
    let sees_members = allows(actor.role, Permission::SeeMembers);
    let row: OrgRow = sqlx::query_as(
        "SELECT id, name, slug, plan, plan_level, max_spaces, max_collaborators, settings FROM orgs WHERE id = $1",
    )
    .bind(actor.org_id)
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
            serde_json::from_str(&row.settings).unwrap_or_else(|_| serde_json::json!({}))
        } else {
            serde_json::json!({})
        },
        users,
        spaces,
        invitations,
    })
}
