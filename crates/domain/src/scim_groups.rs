//! SCIM Groups: the identity provider's groups of the organization's people, and the role a group
//! gives its members, chosen in the tab. Someone in groups that give roles has the highest of them;
//! someone who leaves the last such group gets the tab's default role; owners keep theirs. Roles
//! are settled in the transaction that changes a group, for the people whose groups changed, so a
//! role set by hand is left alone until groups speak for that person.

use common::scim::{GroupFilter, GroupProfile, GroupQuery, ProvisionedGroup};
use common::{spoken, Actor, DomainError, DomainResult, Timestamp};
use contract::activity_params::{BeforeAfter, Params, RoleChanged};
use contract::text::scim as texts;
use contract::{fill, ActivityKey, OrgRole, Permission, ScimGroup, ScimGroupChange};

use crate::activity::{self, By, Change};
use crate::db::{self, Db, Pool, Tx};
use crate::scim::MAX_TEXT_CHARS;
use crate::{authorize, people};

struct Row {
    id: i64,
    display_name: String,
    external_id: Option<String>,
    org_role: Option<OrgRole>,
    created: Timestamp,
    last_modified: Timestamp,
}

struct Wanted {
    name: Option<String>,
    external_id: Option<String>,
    id: Option<i64>,
}

impl Wanted {
    fn of(filter: Option<&GroupFilter>) -> Wanted {
        let mut wanted = Wanted {
            name: None,
            external_id: None,
            id: None,
        };
        match filter {
            Some(GroupFilter::DisplayName(name)) => wanted.name = Some(name.to_lowercase()),
            Some(GroupFilter::ExternalId(id)) => wanted.external_id = Some(id.clone()),
            Some(GroupFilter::Id(id)) => wanted.id = Some(*id),
            None => {}
        }
        wanted
    }
}

async fn rows<'c, E>(executor: E, org_id: i64, w: &Wanted, limit: i64, offset: i64) -> DomainResult<Vec<Row>>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    Ok(sqlx::query_as!(
        Row,
        r#"SELECT id AS "id!", display_name, external_id, org_role AS "org_role: OrgRole",
                  created_at AS "created: Timestamp", updated_at AS "last_modified: Timestamp"
           FROM scim_groups
           WHERE org_id = $1 AND (display_name_key = $2 OR $2 IS NULL) AND (external_id = $3 OR $3 IS NULL)
             AND (id = $4 OR $4 IS NULL)
           ORDER BY id LIMIT $5 OFFSET $6"#,
        org_id,
        w.name,
        w.external_id,
        w.id,
        limit,
        offset
    )
    .fetch_all(executor)
    .await?)
}

/// The members of a group who are in the organization, with their names.
async fn members<'c, E>(executor: E, org_id: i64, group_id: i64) -> DomainResult<Vec<(i64, String)>>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    let rows = sqlx::query!(
        r#"SELECT u.id AS "id!", u.firstname, u.lastname, u.email
           FROM scim_group_members g JOIN users u ON u.id = g.user_id
           JOIN org_members m ON m.user_id = u.id AND m.org_id = $1
           WHERE g.group_id = $2 ORDER BY u.id"#,
        org_id,
        group_id
    )
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, people::display_name(&r.firstname, &r.lastname, &r.email)))
        .collect())
}

fn into_group(row: Row, names: Vec<(i64, String)>) -> ProvisionedGroup {
    ProvisionedGroup {
        id: row.id,
        profile: GroupProfile {
            display_name: row.display_name,
            external_id: row.external_id,
            members: names.iter().map(|(id, _)| *id).collect(),
        },
        names,
        created: row.created,
        last_modified: row.last_modified,
    }
}

/// One page of the organization's groups, and how many match in all.
pub async fn groups(pool: &Pool, org_id: i64, query: &GroupQuery) -> DomainResult<(i64, Vec<ProvisionedGroup>)> {
    let w = Wanted::of(query.filter.as_ref());
    let total = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM scim_groups
           WHERE org_id = $1 AND (display_name_key = $2 OR $2 IS NULL) AND (external_id = $3 OR $3 IS NULL)
             AND (id = $4 OR $4 IS NULL)"#,
        org_id,
        w.name,
        w.external_id,
        w.id
    )
    .fetch_one(pool)
    .await?;
    let (limit, offset) = (query.count.max(0), (query.start_index - 1).max(0));
    let mut found = Vec::new();
    for row in rows(pool, org_id, &w, limit, offset).await? {
        let names = members(pool, org_id, row.id).await?;
        found.push(into_group(row, names));
    }
    Ok((total, found))
}

async fn row(tx: &mut Tx, org_id: i64, id: i64) -> DomainResult<Row> {
    let w = Wanted::of(Some(&GroupFilter::Id(id)));
    rows(&mut **tx, org_id, &w, 1, 0)
        .await?
        .pop()
        .ok_or_else(|| DomainError::not_found("The group"))
}

async fn whole(tx: &mut Tx, org_id: i64, id: i64) -> DomainResult<ProvisionedGroup> {
    let row = row(tx, org_id, id).await?;
    let names = members(&mut **tx, org_id, id).await?;
    Ok(into_group(row, names))
}

/// One group.
pub async fn group(pool: &Pool, org_id: i64, id: i64) -> DomainResult<ProvisionedGroup> {
    let mut tx = pool.begin().await?;
    whole(&mut tx, org_id, id).await
}

/// A name that fits, free in the organization, and members who are its people.
async fn checked(tx: &mut Tx, org_id: i64, profile: &GroupProfile, except: Option<i64>) -> DomainResult<()> {
    let lang = spoken();
    let name = profile.display_name.trim();
    if name.is_empty() {
        return Err(DomainError::invalid("displayName", texts(lang).enter_display_name));
    }
    for (field, value) in [
        ("displayName", Some(name)),
        ("externalId", profile.external_id.as_deref()),
    ] {
        if value.is_some_and(|v| v.chars().count() > MAX_TEXT_CHARS) {
            let message = fill(texts(lang).too_long, &[&field, &MAX_TEXT_CHARS]);
            return Err(DomainError::invalid(field, message));
        }
    }
    let key = name.to_lowercase();
    let taken = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM scim_groups
           WHERE org_id = $1 AND display_name_key = $2 AND (id <> $3 OR $3 IS NULL)"#,
        org_id,
        key,
        except
    )
    .fetch_one(&mut **tx)
    .await?;
    if taken > 0 {
        let message = fill(texts(lang).group_name_taken, &[&name]);
        return Err(DomainError::conflict("uniqueness", message).at("displayName"));
    }
    for member in &profile.members {
        let here = sqlx::query_scalar!(
            r#"SELECT COUNT(*) AS "n!: i64" FROM org_members WHERE org_id = $1 AND user_id = $2"#,
            org_id,
            member
        )
        .fetch_one(&mut **tx)
        .await?;
        if here == 0 {
            let message = fill(texts(lang).no_such_member, &[member]);
            return Err(DomainError::invalid("members", message));
        }
    }
    Ok(())
}

async fn set_members(tx: &mut Tx, group_id: i64, members: &[i64]) -> DomainResult<()> {
    sqlx::query!("DELETE FROM scim_group_members WHERE group_id = $1", group_id)
        .execute(&mut **tx)
        .await?;
    for member in members {
        sqlx::query!(
            "INSERT INTO scim_group_members (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            group_id,
            member
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A new group with its members. It gives no role until one is chosen in the tab.
pub async fn create_group(pool: &Pool, org_id: i64, profile: &GroupProfile) -> DomainResult<ProvisionedGroup> {
    let now = common::now();
    let mut tx = db::write(pool).await?;
    checked(&mut tx, org_id, profile, None).await?;
    let name = profile.display_name.trim();
    let key = name.to_lowercase();
    let id = sqlx::query_scalar!(
        r#"INSERT INTO scim_groups (org_id, display_name, display_name_key, external_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $5) RETURNING id AS "id!""#,
        org_id,
        name,
        key,
        profile.external_id,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    set_members(&mut tx, id, &profile.members).await?;
    let created = whole(&mut tx, org_id, id).await?;
    tx.commit().await?;
    Ok(created)
}

/// Change a group to what `change` makes of it, and settle the roles of those who came or went
/// when the group gives a role.
pub async fn update_group(
    pool: &Pool,
    org_id: i64,
    id: i64,
    change: impl FnOnce(GroupProfile) -> DomainResult<GroupProfile>,
) -> DomainResult<ProvisionedGroup> {
    let mut tx = db::write(pool).await?;
    let before = whole(&mut tx, org_id, id).await?;
    let mut after = change(before.profile.clone())?;
    after.display_name = after.display_name.trim().to_owned();
    let mut seen = std::collections::HashSet::new();
    after.members.retain(|m| seen.insert(*m));
    if after == before.profile {
        return Ok(before);
    }
    checked(&mut tx, org_id, &after, Some(id)).await?;
    let (now, key) = (common::now(), after.display_name.to_lowercase());
    sqlx::query!(
        "UPDATE scim_groups SET display_name = $1, display_name_key = $2, external_id = $3, updated_at = $4 WHERE id = $5",
        after.display_name,
        key,
        after.external_id,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    set_members(&mut tx, id, &after.members).await?;
    let moved: Vec<i64> = before
        .profile
        .members
        .iter()
        .filter(|m| !after.members.contains(m))
        .chain(after.members.iter().filter(|m| !before.profile.members.contains(m)))
        .copied()
        .collect();
    if role_of(&mut tx, id).await?.is_some() {
        settle_roles(&mut tx, org_id, &moved).await?;
    }
    let updated = whole(&mut tx, org_id, id).await?;
    tx.commit().await?;
    Ok(updated)
}

async fn role_of(tx: &mut Tx, id: i64) -> DomainResult<Option<OrgRole>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT org_role AS "org_role: OrgRole" FROM scim_groups WHERE id = $1"#,
        id
    )
    .fetch_one(&mut **tx)
    .await?)
}

/// Delete a group; its members' roles are settled without it.
pub async fn remove_group(pool: &Pool, org_id: i64, id: i64) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    let before = whole(&mut tx, org_id, id).await?;
    let gave_role = role_of(&mut tx, id).await?.is_some();
    sqlx::query!("DELETE FROM scim_groups WHERE id = $1 AND org_id = $2", id, org_id)
        .execute(&mut *tx)
        .await?;
    if gave_role {
        settle_roles(&mut tx, org_id, &before.profile.members).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Give each of these people the role their groups give now: the highest, or the default role
/// when no group of theirs gives one. Owners keep theirs. A lesser role ends their tokens, as a
/// demotion by hand does.
pub(crate) async fn settle_roles(tx: &mut Tx, org_id: i64, people: &[i64]) -> DomainResult<()> {
    let default = sqlx::query_scalar!(
        r#"SELECT sso_default_role AS "role: OrgRole" FROM orgs WHERE id = $1"#,
        org_id
    )
    .fetch_one(&mut **tx)
    .await?;
    for &user_id in people {
        let Some(current) = sqlx::query_scalar!(
            r#"SELECT org_role AS "role: OrgRole" FROM org_members WHERE org_id = $1 AND user_id = $2"#,
            org_id,
            user_id
        )
        .fetch_optional(&mut **tx)
        .await?
        else {
            continue;
        };
        if current == OrgRole::Owner {
            continue;
        }
        let given = sqlx::query_scalar!(
            r#"SELECT g.org_role AS "role!: OrgRole" FROM scim_groups g JOIN scim_group_members gm ON gm.group_id = g.id
               WHERE g.org_id = $1 AND gm.user_id = $2 AND g.org_role IS NOT NULL"#,
            org_id,
            user_id
        )
        .fetch_all(&mut **tx)
        .await?;
        // Roles order from the most to the least: the smallest is the highest.
        let wanted = given.into_iter().min().unwrap_or(default);
        if wanted == current {
            continue;
        }
        let role_text = wanted.as_str();
        sqlx::query!(
            "UPDATE org_members SET org_role = $1 WHERE org_id = $2 AND user_id = $3",
            role_text,
            org_id,
            user_id
        )
        .execute(&mut **tx)
        .await?;
        if wanted > current {
            crate::accounts::tokens::revoke_all_of(tx, org_id, user_id).await?;
        }
        let name = people::name_of(tx, user_id).await?.unwrap_or_default();
        let change = Change::new(ActivityKey::OrgUserUpdate)
            .on(user_id, name)
            .to(user_id)
            .with(Params::RoleChanged(RoleChanged {
                org_role: BeforeAfter::new(current, wanted),
            }));
        activity::record(tx, org_id, By::Server, change).await?;
    }
    Ok(())
}

/// The tab's list of groups.
pub async fn listed(pool: &Pool, org_id: i64) -> DomainResult<Vec<ScimGroup>> {
    let rows = sqlx::query!(
        r#"SELECT g.id AS "id!", g.display_name, g.org_role AS "org_role: OrgRole",
                  (SELECT COUNT(*) FROM scim_group_members gm JOIN org_members m ON m.user_id = gm.user_id AND m.org_id = g.org_id
                   WHERE gm.group_id = g.id) AS "members!: i64"
           FROM scim_groups g WHERE g.org_id = $1 ORDER BY g.display_name_key"#,
        org_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ScimGroup {
            id: r.id,
            display_name: r.display_name,
            members: r.members,
            org_role: r.org_role,
        })
        .collect())
}

/// Choose the role a group gives (owners and admins, in the tab), and settle its members' roles.
pub async fn map(pool: &Pool, actor: &Actor, id: i64, request: &ScimGroupChange) -> DomainResult<ScimGroup> {
    if request.org_role == Some(OrgRole::Owner) {
        return Err(DomainError::invalid("org_role", texts(spoken()).group_never_owner));
    }
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let group = row(&mut tx, actor.org_id, id).await?;
    if group.org_role != request.org_role {
        let role = request.org_role.map(OrgRole::as_str);
        let now = common::now();
        sqlx::query!(
            "UPDATE scim_groups SET org_role = $1, updated_at = $2 WHERE id = $3",
            role,
            now,
            id
        )
        .execute(&mut *tx)
        .await?;
        let everyone: Vec<i64> = members(&mut *tx, actor.org_id, id)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        settle_roles(&mut tx, actor.org_id, &everyone).await?;
        let said = match request.org_role {
            Some(role) => format!("SCIM group “{}”: {}", group.display_name, role.as_str()),
            None => format!("SCIM group “{}”: no role", group.display_name),
        };
        let change = Change::new(ActivityKey::SsoUpdate).on(actor.org_id, said);
        activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    }
    tx.commit().await?;
    listed(pool, actor.org_id)
        .await?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or_else(|| DomainError::not_found("The group"))
}

/// Take someone out of every group of the organization (they left it).
pub(crate) async fn leave_all(tx: &mut Tx, org_id: i64, user_id: i64) -> DomainResult<()> {
    sqlx::query!(
        "DELETE FROM scim_group_members WHERE user_id = $1 AND group_id IN (SELECT id FROM scim_groups WHERE org_id = $2)",
        user_id,
        org_id
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}
