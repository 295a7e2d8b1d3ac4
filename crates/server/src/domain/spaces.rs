//! The organization's spaces: listed with owner, collaborators and traffic; added from a person's
//! personal account and detached back to it; and their collaborators. Collaborator roles never
//! change organization roles, nor the other way round.

use axum::http::StatusCode;
use contract::{
    ActivityKey, Collaborator, OrgRole, OrgSpace, Permission, PersonalSpace, SpaceDetail, COLLABORATOR_ROLES,
};
use serde_json::json;

use crate::db::{self, Pool, Tx};
use crate::domain::activity::{self, before_after, By, Change};
use crate::domain::statistics::{month_after, traffic_since};
use crate::domain::{authorize, current_role, people, settings, Actor};
use crate::error::{ApiError, ApiResult};

#[derive(sqlx::FromRow)]
struct SpaceRow {
    id: i64,
    name: String,
    owner_id: i64,
    plan: String,
    plan_level: i64,
    created_at: String,
    owner_first: String,
    owner_last: String,
    owner_email: String,
    user_count: i64,
    traffic_bytes: i64,
    api_requests: i64,
}

/// The organization's spaces with owner, collaborator count and traffic since `since`. With
/// `only_for` set, just the spaces that user collaborates on.
pub async fn list(
    pool: &Pool,
    org_id: i64,
    since: Option<&str>,
    only_for: Option<i64>,
) -> Result<Vec<OrgSpace>, sqlx::Error> {
    let rows: Vec<SpaceRow> = sqlx::query_as(&format!(
        // While the organization is subscribed (a cancelled one until its period ends), every
        // connected space shows the premium plan; its own plan returns when it leaves.
        "SELECT s.id, s.name, s.owner_id,
                CASE WHEN sub.org_id IS NULL THEN s.plan ELSE $5 END AS plan,
                CASE WHEN sub.org_id IS NULL THEN s.plan_level ELSE $6 END AS plan_level, s.created_at,
                o.firstname AS owner_first, o.lastname AS owner_last, o.email AS owner_email,
                (SELECT COUNT(*) FROM space_collaborators c WHERE c.space_id = s.id) AS user_count,
                COALESCE(t.bytes, 0) AS traffic_bytes, COALESCE(t.requests, 0) AS api_requests
         FROM spaces s
         JOIN users o ON o.id = s.owner_id
         LEFT JOIN subscriptions sub ON sub.org_id = s.org_id AND (sub.cancel_at_period_end = 0 OR sub.period_end > $4)
         LEFT JOIN (SELECT x.space_id, CAST(SUM(x.total_bytes) AS BIGINT) AS bytes, CAST(SUM(x.api_requests) AS BIGINT) AS requests
                    FROM ({}) x GROUP BY x.space_id) t ON t.space_id = s.id
         WHERE s.org_id = $1
           AND ($3 IS NULL OR EXISTS (SELECT 1 FROM space_collaborators c WHERE c.space_id = s.id AND c.user_id = $3))
         ORDER BY lower(s.name), s.name",
        traffic_since("$1", "$2", "$7")
    ))
    .bind(org_id)
    .bind(since.unwrap_or("0000-00-00"))
    .bind(only_for)
    .bind(db::today())
    .bind(contract::PREMIUM_SPACE_PLAN)
    .bind(contract::PREMIUM_SPACE_PLAN_LEVEL)
    .bind(since.map(month_after).unwrap_or_default())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|s| OrgSpace {
            id: s.id,
            name: s.name,
            owner_id: s.owner_id,
            plan: s.plan,
            plan_level: s.plan_level,
            created_at: s.created_at,
            owner_name: people::display_name(&s.owner_first, &s.owner_last, &s.owner_email),
            owner_email: s.owner_email,
            user_count: s.user_count,
            traffic_bytes: s.traffic_bytes,
            api_requests: s.api_requests,
        })
        .collect())
}

/// Owners and admins, and members when the organization's settings let them.
pub async fn may_add(pool: &Pool, org_id: i64, role: OrgRole) -> ApiResult<()> {
    let access = settings::stored(pool, org_id).await?.access;
    if contract::may_add_spaces(role, &access) {
        Ok(())
    } else {
        Err(ApiError::forbidden(crate::say!(
            "Your organization does not let members add spaces. Ask an owner or admin.",
            "Ihre Organisation erlaubt Mitgliedern nicht, Spaces hinzuzufügen. Fragen Sie einen Eigentümer oder Admin."
        )))
    }
}

/// The person's own spaces that are in no organization: what "Add space" offers.
pub async fn personal(pool: &Pool, user_id: i64) -> Result<Vec<PersonalSpace>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, created_at FROM spaces WHERE owner_id = $1 AND org_id IS NULL ORDER BY lower(name), name",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, created_at)| PersonalSpace { id, name, created_at })
        .collect())
}

fn already_added(here: bool) -> ApiError {
    let message = if here {
        crate::say!(
            "This space is already in your organization.",
            "Dieser Space gehört schon zu Ihrer Organisation."
        )
    } else {
        crate::say!(
            "This space is already in an organization.",
            "Dieser Space gehört schon zu einer Organisation."
        )
    };
    ApiError::conflict("already_in_organization", message).at("space_id")
}

#[derive(sqlx::FromRow)]
struct SpaceOwner {
    name: String,
    owner_id: i64,
    org_id: Option<i64>,
}

/// Move one of the actor's personal spaces into the organization.
pub async fn add(pool: &Pool, actor: &Actor, space_id: i64) -> ApiResult<OrgSpace> {
    let mut tx = db::write(pool).await?;
    let role = current_role(&mut tx, actor.org_id, actor.user_id)
        .await?
        .ok_or_else(ApiError::role_forbids)?;
    may_add(pool, actor.org_id, role).await?;
    let found: Option<SpaceOwner> = sqlx::query_as("SELECT name, owner_id, org_id FROM spaces WHERE id = $1")
        .bind(space_id)
        .fetch_optional(&mut *tx)
        .await?;
    let space = found.ok_or_else(|| ApiError::not_found("The space").at("space_id"))?;
    if space.owner_id != actor.user_id {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "not_your_space",
            crate::say!(
                "You can only add spaces from your own personal account.",
                "Sie können nur Spaces aus Ihrem eigenen persönlichen Konto hinzufügen."
            ),
        )
        .at("space_id"));
    }
    if space.org_id.is_some() {
        return Err(already_added(space.org_id == Some(actor.org_id)));
    }
    let (count, max): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM spaces WHERE org_id = $1), (SELECT max_spaces FROM orgs WHERE id = $1)",
    )
    .bind(actor.org_id)
    .fetch_one(&mut *tx)
    .await?;
    if count >= max {
        return Err(ApiError::conflict(
            "space_limit",
            crate::say!(
                "The organization already has its maximum of {max} spaces.",
                "Die Organisation hat schon die Höchstzahl von {max} Spaces."
            ),
        )
        .at("space_id"));
    }
    // Guarded: the space is still personal and the organization still has room.
    let moved = sqlx::query(
        "UPDATE spaces SET org_id = $1, added_at = $2 WHERE id = $3 AND owner_id = $4 AND org_id IS NULL
         AND (SELECT COUNT(*) FROM spaces WHERE org_id = $1) < (SELECT max_spaces FROM orgs WHERE id = $1)",
    )
    .bind(actor.org_id)
    .bind(db::now())
    .bind(space_id)
    .bind(actor.user_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if moved == 0 {
        return Err(already_added(false));
    }
    let change = Change::new(ActivityKey::SpaceAdd)
        .on(space_id, space.name)
        .in_space(space_id);
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    list(pool, actor.org_id, None, None)
        .await?
        .into_iter()
        .find(|s| s.id == space_id)
        .ok_or_else(ApiError::internal)
}

/// Move a space out of the organization, back to its owner's personal account. Its collaborators
/// stay on it.
pub async fn detach(pool: &Pool, actor: &Actor, space_id: i64) -> ApiResult<()> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSpaces).await?;
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM spaces WHERE id = $1 AND org_id = $2")
        .bind(space_id)
        .bind(actor.org_id)
        .fetch_optional(&mut *tx)
        .await?;
    let name = name.ok_or_else(|| ApiError::not_found("The space"))?;
    sqlx::query("UPDATE spaces SET org_id = NULL, added_at = NULL WHERE id = $1 AND org_id = $2")
        .bind(space_id)
        .bind(actor.org_id)
        .execute(&mut *tx)
        .await?;
    let change = Change::new(ActivityKey::SpaceDetach)
        .on(space_id, name)
        .in_space(space_id);
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CollaboratorRow {
    user_id: i64,
    email: String,
    firstname: String,
    lastname: String,
    role: String,
    org_role: Option<String>,
}

/// A space of the organization and its collaborators.
pub async fn detail(pool: &Pool, org_id: i64, space_id: i64) -> ApiResult<SpaceDetail> {
    let space = list(pool, org_id, None, None)
        .await?
        .into_iter()
        .find(|s| s.id == space_id)
        .ok_or_else(|| ApiError::not_found("The space"))?;
    let rows: Vec<CollaboratorRow> = sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.firstname, u.lastname, c.role, m.org_role
         FROM space_collaborators c JOIN users u ON u.id = c.user_id
         LEFT JOIN org_members m ON m.user_id = u.id AND m.org_id = $1
         WHERE c.space_id = $2 ORDER BY lower(u.firstname || ' ' || u.lastname), u.id",
    )
    .bind(org_id)
    .bind(space_id)
    .fetch_all(pool)
    .await?;
    let collaborators = rows
        .into_iter()
        .map(|r| Collaborator {
            user_id: r.user_id,
            friendly_name: people::display_name(&r.firstname, &r.lastname, &r.email),
            email: r.email,
            role: r.role,
            org_role: r.org_role.as_deref().and_then(OrgRole::parse),
        })
        .collect();
    Ok(SpaceDetail { space, collaborators })
}

/// The space's name when it is in the organization.
async fn space_in_org(tx: &mut Tx, org_id: i64, space_id: i64) -> ApiResult<String> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM spaces WHERE id = $1 AND org_id = $2")
        .bind(space_id)
        .bind(org_id)
        .fetch_optional(&mut **tx)
        .await?;
    name.ok_or_else(|| ApiError::not_found("The space"))
}

/// Add an organization user to the space, or change their collaborator role there.
pub async fn put_collaborator(
    pool: &Pool,
    actor: &Actor,
    space_id: i64,
    user_id: i64,
    role: &str,
) -> ApiResult<SpaceDetail> {
    if !COLLABORATOR_ROLES.contains(&role) {
        return Err(ApiError::invalid(
            "role",
            crate::say!(
                "The collaborator role must be admin, editor or viewer.",
                "Die Rolle im Space muss admin, editor oder viewer sein."
            ),
        ));
    }
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageCollaborators).await?;
    let space_name = space_in_org(&mut tx, actor.org_id, space_id).await?;
    if current_role(&mut tx, actor.org_id, user_id).await?.is_none() {
        return Err(ApiError::not_found("The user").at("user_id"));
    }
    let before: Option<String> =
        sqlx::query_scalar("SELECT role FROM space_collaborators WHERE space_id = $1 AND user_id = $2")
            .bind(space_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    sqlx::query(
        "INSERT INTO space_collaborators (space_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (space_id, user_id) DO UPDATE SET role = excluded.role",
    )
    .bind(space_id)
    .bind(user_id)
    .bind(role)
    .execute(&mut *tx)
    .await?;
    if before.as_deref() != Some(role) {
        let key = if before.is_some() {
            ActivityKey::CollaboratorUpdate
        } else {
            ActivityKey::CollaboratorCreate
        };
        let person = people::name_of(&mut tx, user_id).await?.unwrap_or_default();
        let change = Change::new(key)
            .on(space_id, space_name)
            .to(user_id)
            .in_space(space_id)
            .with(json!({ "collaborator": person, "role": before_after(before, role) }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    detail(pool, actor.org_id, space_id).await
}

/// Take a collaborator off the space. Their organization membership stays.
pub async fn remove_collaborator(pool: &Pool, actor: &Actor, space_id: i64, user_id: i64) -> ApiResult<()> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageCollaborators).await?;
    let space_name = space_in_org(&mut tx, actor.org_id, space_id).await?;
    let before: Option<String> =
        sqlx::query_scalar("DELETE FROM space_collaborators WHERE space_id = $1 AND user_id = $2 RETURNING role")
            .bind(space_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let before = before.ok_or_else(|| ApiError::not_found("The collaborator"))?;
    let person = people::name_of(&mut tx, user_id).await?.unwrap_or_default();
    let change = Change::new(ActivityKey::CollaboratorDestroy)
        .on(space_id, space_name)
        .to(user_id)
        .in_space(space_id)
        .with(json!({ "collaborator": person, "role": before_after(before, serde_json::Value::Null) }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(())
}
