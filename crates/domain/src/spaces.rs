//! The organization's spaces: listed with owner, collaborators and traffic; added from a person's
//! personal account and detached back to it; and their collaborators. Collaborator roles never
//! change organization roles, nor the other way round.

use chrono::NaiveDate;
use common::text::{fill, said};
use common::{iso, Actor, DomainError, DomainResult, Timestamp};
use contract::activity_params::{BeforeAfter, CollaboratorChanged};
use contract::Params;
use contract::{
    ActivityKey, Collaborator, OrgRole, OrgSpace, Permission, PersonalSpace, PersonalSpaces, Region, SpaceDetail,
    COLLABORATOR_ROLES,
};

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::statistics::{with_traffic_since, Since};
use crate::undo::{self, Restore};
use crate::{authorize, current_role, people, settings};

struct SpaceRow {
    id: i64,
    name: String,
    owner_id: i64,
    plan: String,
    plan_level: i64,
    created_at: Timestamp,
    owner_first: String,
    owner_last: String,
    owner_email: String,
    user_count: i64,
    traffic_bytes: i64,
    api_requests: i64,
    region: Region,
}

/// The organization's spaces with owner, collaborator count and traffic since `since` (all
/// time without). With `only_for` set, just the spaces that user collaborates on.
pub async fn list(
    pool: &Pool,
    org_id: i64,
    since: Option<NaiveDate>,
    only_for: Option<i64>,
) -> DomainResult<Vec<OrgSpace>> {
    let since = since.map(Since::new).unwrap_or_else(Since::ever);
    let (today, premium) = (common::today(), contract::PREMIUM_SPACE_PLAN);
    // While the organization is subscribed (a cancelled one until its period ends), every
    // connected space shows the premium plan; its own plan returns when it leaves.
    let rows = with_traffic_since!(query_as!(
        SpaceRow,
        r#"SELECT s.id AS "id!", s.name, s.owner_id,
                  CASE WHEN sub.org_id IS NULL THEN s.plan ELSE $7 END AS "plan!: String",
                  CASE WHEN sub.org_id IS NULL THEN s.plan_level ELSE $8 END AS "plan_level!: i64",
                  s.created_at AS "created_at: Timestamp",
                  o.firstname AS owner_first, o.lastname AS owner_last, o.email AS owner_email,
                  (SELECT COUNT(*) FROM space_collaborators c WHERE c.space_id = s.id) AS "user_count!: i64",
                  CAST(COALESCE(t.bytes, 0) AS BIGINT) AS "traffic_bytes!: i64",
                  CAST(COALESCE(t.requests, 0) AS BIGINT) AS "api_requests!: i64",
                  s.region AS "region: Region"
           FROM spaces s
           JOIN users o ON o.id = s.owner_id
           LEFT JOIN subscriptions sub ON sub.org_id = s.org_id AND (NOT sub.cancel_at_period_end OR sub.period_end > $6)
           LEFT JOIN (SELECT x.space_id, CAST(SUM(x.total_bytes) AS BIGINT) AS bytes,
                             CAST(SUM(x.api_requests) AS BIGINT) AS requests
                      FROM ("#,
        r#") x GROUP BY x.space_id) t ON t.space_id = s.id
           WHERE s.org_id = $1
             AND (EXISTS (SELECT 1 FROM space_collaborators c WHERE c.space_id = s.id AND c.user_id = $5) OR $5 IS NULL)
           ORDER BY lower(s.name), s.name"#,
        org_id,
        since.day,
        since.month,
        since.month_after,
        only_for,
        today,
        premium,
        contract::PREMIUM_SPACE_PLAN_LEVEL
    ))
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
            created_at: iso(s.created_at),
            owner_name: people::display_name(&s.owner_first, &s.owner_last, &s.owner_email),
            owner_email: s.owner_email,
            user_count: s.user_count,
            traffic_bytes: s.traffic_bytes,
            api_requests: s.api_requests,
            region: s.region,
        })
        .collect())
}

/// Owners and admins, and members when the organization's settings let them.
pub async fn may_add(pool: &Pool, org_id: i64, role: OrgRole) -> DomainResult<()> {
    let access = settings::stored(pool, org_id).await?.access;
    if contract::may_add_spaces(role, &access) {
        Ok(())
    } else {
        Err(DomainError::refused("forbidden", said().members_cannot_add.to_owned()))
    }
}

/// The person's own spaces that are in no organization, what "Add space" offers, with the regions
/// the organization takes spaces from.
pub async fn personal(pool: &Pool, org_id: i64, user_id: i64) -> DomainResult<PersonalSpaces> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", name, created_at AS "created_at: Timestamp", region AS "region: Region" FROM spaces
           WHERE owner_id = $1 AND org_id IS NULL ORDER BY lower(name), name"#,
        user_id
    )
    .fetch_all(pool)
    .await?;
    let spaces = rows
        .into_iter()
        .map(|r| PersonalSpace {
            id: r.id,
            name: r.name,
            created_at: iso(r.created_at),
            region: r.region,
        })
        .collect();
    Ok(PersonalSpaces {
        spaces,
        allowed_regions: settings::stored(pool, org_id).await?.access.allowed_regions,
    })
}

fn already_added(here: bool) -> DomainError {
    let message = if here {
        said().space_in_yours.to_owned()
    } else {
        said().space_in_other.to_owned()
    };
    DomainError::conflict("already_in_organization", message).at("space_id")
}

/// Move one of the actor's personal spaces into the organization.
pub async fn add(pool: &Pool, actor: &Actor, space_id: i64) -> DomainResult<OrgSpace> {
    let mut tx = db::write(pool).await?;
    let role = current_role(&mut tx, actor.org_id, actor.user_id)
        .await?
        .ok_or_else(DomainError::role_forbids)?;
    may_add(pool, actor.org_id, role).await?;
    let found = sqlx::query!(
        r#"SELECT name, owner_id, org_id, region AS "region: Region" FROM spaces WHERE id = $1"#,
        space_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let space = found.ok_or_else(|| DomainError::not_found("The space").at("space_id"))?;
    if space.owner_id != actor.user_id {
        return Err(DomainError::refused("not_your_space", said().own_spaces_only.to_owned()).at("space_id"));
    }
    if space.org_id.is_some() {
        return Err(already_added(space.org_id == Some(actor.org_id)));
    }
    // Read in the write transaction: an owner narrowing the regions meanwhile is seen.
    let allowed = settings::stored_in(&mut tx, actor.org_id).await?.access.allowed_regions;
    if !contract::region_allowed(&allowed, space.region) {
        let message = fill(
            contract::text::regions(common::spoken()).not_allowed,
            &[&space.name, &space.region.as_str(), &contract::region_codes(&allowed)],
        );
        return Err(DomainError::refused("region_not_allowed", message).at("space_id"));
    }
    let room = sqlx::query!(
        r#"SELECT (SELECT COUNT(*) FROM spaces WHERE org_id = $1) AS "count!: i64",
                  (SELECT max_spaces FROM orgs WHERE id = $1) AS "max!: i64""#,
        actor.org_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let max = room.max;
    if room.count >= max {
        return Err(DomainError::conflict("space_limit", fill(said().spaces_full, &[&max])).at("space_id"));
    }
    // Guarded: the space is still personal and the organization still has room.
    let now = common::now();
    let moved = sqlx::query!(
        "UPDATE spaces SET org_id = $1, added_at = $2 WHERE id = $3 AND owner_id = $4 AND org_id IS NULL
         AND (SELECT COUNT(*) FROM spaces WHERE org_id = $1) < (SELECT max_spaces FROM orgs WHERE id = $1)",
        actor.org_id,
        now,
        space_id,
        actor.user_id
    )
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
        .ok_or_else(DomainError::internal)
}

/// Move a space out of the organization, back to its owner's personal account. Its collaborators
/// stay on it.
pub async fn detach(pool: &Pool, actor: &Actor, space_id: i64) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSpaces).await?;
    let name = space_in_org(&mut tx, actor.org_id, space_id).await?;
    let added_at = sqlx::query_scalar!(
        r#"SELECT added_at AS "added_at: Timestamp" FROM spaces WHERE id = $1"#,
        space_id
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE spaces SET org_id = NULL, added_at = NULL WHERE id = $1 AND org_id = $2",
        space_id,
        actor.org_id
    )
    .execute(&mut *tx)
    .await?;
    let change = Change::new(ActivityKey::SpaceDetach)
        .on(space_id, name.clone())
        .in_space(space_id);
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    undo::open(&mut tx, actor, &name, Restore::Space { space_id, added_at }).await?;
    tx.commit().await?;
    Ok(())
}

/// A space of the organization and its collaborators.
pub async fn detail(pool: &Pool, org_id: i64, space_id: i64) -> DomainResult<SpaceDetail> {
    let space = list(pool, org_id, None, None)
        .await?
        .into_iter()
        .find(|s| s.id == space_id)
        .ok_or_else(|| DomainError::not_found("The space"))?;
    let rows = sqlx::query!(
        r#"SELECT u.id AS "user_id!", u.email, u.firstname, u.lastname, c.role, m.org_role AS "org_role?: OrgRole"
           FROM space_collaborators c JOIN users u ON u.id = c.user_id
           LEFT JOIN org_members m ON m.user_id = u.id AND m.org_id = $1
           WHERE c.space_id = $2 ORDER BY lower(u.firstname || ' ' || u.lastname), u.id"#,
        org_id,
        space_id
    )
    .fetch_all(pool)
    .await?;
    let collaborators = rows
        .into_iter()
        .map(|r| Collaborator {
            user_id: r.user_id,
            friendly_name: people::display_name(&r.firstname, &r.lastname, &r.email),
            email: r.email,
            role: r.role,
            org_role: r.org_role,
        })
        .collect();
    let allowed_regions = settings::stored(pool, org_id).await?.access.allowed_regions;
    Ok(SpaceDetail {
        space,
        collaborators,
        allowed_regions,
    })
}

/// The space's name when it is in the organization.
async fn space_in_org(tx: &mut Tx, org_id: i64, space_id: i64) -> DomainResult<String> {
    let name = sqlx::query_scalar!(
        "SELECT name FROM spaces WHERE id = $1 AND org_id = $2",
        space_id,
        org_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    name.ok_or_else(|| DomainError::not_found("The space"))
}

/// Add an organization user to the space, or change their collaborator role there.
pub async fn put_collaborator(
    pool: &Pool,
    actor: &Actor,
    space_id: i64,
    user_id: i64,
    role: &str,
) -> DomainResult<SpaceDetail> {
    if !COLLABORATOR_ROLES.contains(&role) {
        return Err(DomainError::invalid("role", said().collaborator_role.to_owned()));
    }
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageCollaborators).await?;
    let space_name = space_in_org(&mut tx, actor.org_id, space_id).await?;
    if current_role(&mut tx, actor.org_id, user_id).await?.is_none() {
        return Err(DomainError::not_found("The user").at("user_id"));
    }
    let before = sqlx::query_scalar!(
        "SELECT role FROM space_collaborators WHERE space_id = $1 AND user_id = $2",
        space_id,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO space_collaborators (space_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (space_id, user_id) DO UPDATE SET role = excluded.role",
        space_id,
        user_id,
        role
    )
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
            .with(Params::Collaborator(CollaboratorChanged {
                collaborator: person,
                role: BeforeAfter::new(before.clone(), Some(role.to_string())),
            }));
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    Ok(detail(pool, actor.org_id, space_id).await?)
}

/// Take a collaborator off the space. Their organization membership stays.
pub async fn remove_collaborator(pool: &Pool, actor: &Actor, space_id: i64, user_id: i64) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageCollaborators).await?;
    let space_name = space_in_org(&mut tx, actor.org_id, space_id).await?;
    let before = sqlx::query_scalar!(
        "DELETE FROM space_collaborators WHERE space_id = $1 AND user_id = $2 RETURNING role",
        space_id,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let before = before.ok_or_else(|| DomainError::not_found("The collaborator"))?;
    let person = people::name_of(&mut tx, user_id).await?.unwrap_or_default();
    let change = Change::new(ActivityKey::CollaboratorDestroy)
        .on(space_id, space_name)
        .to(user_id)
        .in_space(space_id)
        .with(Params::Collaborator(CollaboratorChanged {
            collaborator: person.clone(),
            role: BeforeAfter::new(Some(before.clone()), None),
        }));
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    let restore = Restore::Collaborator {
        space_id,
        user_id,
        role: before,
    };
    undo::open(&mut tx, actor, &person, restore).await?;
    tx.commit().await?;
    Ok(())
}
