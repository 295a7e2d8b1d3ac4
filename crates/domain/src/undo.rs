//! Undo: a destructive action (removing a user, revoking an invitation, detaching a space,
//! removing a collaborator) keeps what it took away for [`contract::UNDO_SECONDS`], in its own
//! transaction. Whoever did it may put it back within that window, once: the same roles,
//! collaborations, space and invitation (its mail state untouched, no mail sent again), guarded
//! against what changed meanwhile. Both the action and its undo are activities.

use common::text::said;
use common::{iso, Actor, DomainError, DomainResult, Timestamp};
use contract::activity_params::{BeforeAfter, CollaboratorChanged, Invited, Rejoined};
use contract::{ActivityKey, OrgRole, Params, Permission, UndoWindow, UNDO_SECONDS};
use serde::{Deserialize, Serialize};
use sqlx::types::Json;

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::{authorize, people};

/// What an action took away, to be put back.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub(crate) enum Restore {
    /// A person's place in the organization and their roles on its spaces.
    Member {
        user_id: i64,
        org_role: OrgRole,
        joined_at: Timestamp,
        collaborations: Vec<(i64, String)>,
    },
    /// A pending invitation, as it was before it was revoked.
    Invitation { id: i64, revoked_at: Timestamp },
    /// A space in the organization since `added_at`.
    Space { space_id: i64, added_at: Option<Timestamp> },
    /// A person's role on one space.
    Collaborator { space_id: i64, user_id: i64, role: String },
}

impl Restore {
    fn undoes(&self) -> ActivityKey {
        match self {
            Restore::Member { .. } => ActivityKey::OrgUserDestroy,
            Restore::Invitation { .. } => ActivityKey::InvitationRevoke,
            Restore::Space { .. } => ActivityKey::SpaceDetach,
            Restore::Collaborator { .. } => ActivityKey::CollaboratorDestroy,
        }
    }

    /// What the person undoing must still be allowed to do.
    fn needs(&self) -> Permission {
        match self {
            Restore::Member { .. } | Restore::Invitation { .. } => Permission::InviteUsers,
            Restore::Space { .. } => Permission::ManageSpaces,
            Restore::Collaborator { .. } => Permission::ManageCollaborators,
        }
    }
}

/// Keep what `actor`'s action took away, in the action's transaction. Changes made with an access
/// token open no window: a script does not see the notice, and a person should not be offered to
/// undo what a script did.
pub(crate) async fn open(tx: &mut Tx, actor: &Actor, name: &str, restore: Restore) -> DomainResult<()> {
    if actor.client.access_token.is_some() {
        return Ok(());
    }
    let now = common::now();
    let expires = now + chrono::Duration::seconds(i64::from(UNDO_SECONDS));
    let key = restore.undoes().as_str();
    let restore = serde_json::to_value(&restore).map_err(|_| DomainError::internal())?;
    sqlx::query!(
        "INSERT INTO undo_windows (org_id, user_id, key, name, restore, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        actor.org_id,
        actor.user_id,
        key,
        name,
        restore,
        now,
        expires
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The actor's actions that can still be undone, newest first.
pub async fn open_windows(pool: &Pool, actor: &Actor) -> DomainResult<Vec<UndoWindow>> {
    let now = common::now();
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", key AS "key: ActivityKey", name, expires_at AS "expires_at: Timestamp"
           FROM undo_windows WHERE org_id = $1 AND user_id = $2 AND undone_at IS NULL AND expires_at > $3
           ORDER BY id DESC"#,
        actor.org_id,
        actor.user_id,
        now
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| UndoWindow {
            id: r.id,
            key: r.key,
            name: r.name,
            seconds_left: u32::try_from((r.expires_at - now).num_milliseconds().div_euclid(1000) + 1).unwrap_or(0),
            expires_at: iso(r.expires_at),
        })
        .collect())
}

fn gone() -> DomainError {
    DomainError::conflict("undo_expired", said().undo_expired.to_owned())
}

fn changed_meanwhile() -> DomainError {
    DomainError::conflict("undo_conflict", said().undo_conflict.to_owned())
}

/// Put back what the action of window `id` took away.
pub async fn undo(pool: &Pool, actor: &Actor, id: i64) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    let now = common::now();
    let taken = sqlx::query!(
        r#"UPDATE undo_windows SET undone_at = $1
           WHERE id = $2 AND org_id = $3 AND user_id = $4 AND undone_at IS NULL AND expires_at > $1
           RETURNING name, restore AS "restore: Json<Restore>""#,
        now,
        id,
        actor.org_id,
        actor.user_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(window) = taken else {
        let exists = sqlx::query_scalar!(
            r#"SELECT id AS "id!" FROM undo_windows WHERE id = $1 AND org_id = $2 AND user_id = $3"#,
            id,
            actor.org_id,
            actor.user_id
        )
        .fetch_optional(&mut *tx)
        .await?;
        return Err(match exists {
            Some(_) => gone(),
            None => DomainError::not_found("The action"),
        });
    };
    let Json(restore) = window.restore;
    authorize(&mut tx, actor, restore.needs()).await?;
    let change = match restore {
        Restore::Member {
            user_id,
            org_role,
            joined_at,
            collaborations,
        } => {
            // Back only if they joined no organization meanwhile (a person is in one at most).
            let role = org_role.as_str();
            let back = sqlx::query!(
                "INSERT INTO org_members (org_id, user_id, org_role, created_at)
                 SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM org_members WHERE user_id = $2)",
                actor.org_id,
                user_id,
                role,
                joined_at
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if back == 0 {
                return Err(changed_meanwhile());
            }
            let mut spaces_back = 0;
            for (space_id, role) in collaborations {
                if role_back(&mut tx, actor.org_id, space_id, user_id, &role).await? {
                    spaces_back += 1;
                }
            }
            Change::new(ActivityKey::OrgUserRestore)
                .on(user_id, window.name)
                .to(user_id)
                .with(Params::Rejoined(Rejoined { org_role, spaces_back }))
        }
        Restore::Invitation { id, revoked_at } => {
            // Pending again, with the expiry and mail state it had; never while another invitation
            // to the address is pending or it joined.
            let row = sqlx::query!(
                r#"UPDATE invitations SET revoked_at = NULL
                   WHERE id = $1 AND org_id = $2 AND revoked_at = $3 AND accepted_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM invitations o WHERE o.org_id = $2 AND o.id <> $1 AND o.email = invitations.email
                                   AND o.accepted_at IS NULL AND o.revoked_at IS NULL)
                   RETURNING email, org_role AS "org_role: OrgRole""#,
                id,
                actor.org_id,
                revoked_at
            )
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(changed_meanwhile)?;
            Change::new(ActivityKey::InvitationRestore)
                .on(id, row.email.clone())
                .with(Params::Invitation(Invited {
                    email: row.email,
                    org_role: Some(row.org_role),
                }))
        }
        Restore::Space { space_id, added_at } => {
            // Back from its owner's personal account, if it is still there and there is room.
            let back = sqlx::query!(
                "UPDATE spaces SET org_id = $1, added_at = $2 WHERE id = $3 AND org_id IS NULL
                 AND (SELECT COUNT(*) FROM spaces WHERE org_id = $1) < (SELECT max_spaces FROM orgs WHERE id = $1)",
                actor.org_id,
                added_at,
                space_id
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if back == 0 {
                return Err(changed_meanwhile());
            }
            Change::new(ActivityKey::SpaceRestore)
                .on(space_id, window.name)
                .in_space(space_id)
        }
        Restore::Collaborator {
            space_id,
            user_id,
            role,
        } => {
            if !role_back(&mut tx, actor.org_id, space_id, user_id, &role).await? {
                return Err(changed_meanwhile());
            }
            let space = sqlx::query_scalar!("SELECT name FROM spaces WHERE id = $1", space_id)
                .fetch_one(&mut *tx)
                .await?;
            let person = people::name_of(&mut tx, user_id).await?.unwrap_or_default();
            Change::new(ActivityKey::CollaboratorRestore)
                .on(space_id, space)
                .to(user_id)
                .in_space(space_id)
                .with(Params::Collaborator(CollaboratorChanged {
                    collaborator: person,
                    role: BeforeAfter::new(None, Some(role)),
                }))
        }
    };
    activity::record(&mut tx, actor.org_id, By::Actor(actor), change).await?;
    tx.commit().await?;
    Ok(())
}

/// A person's role on a space, given back unless the space left the organization or they have a
/// role there again; whether it was.
async fn role_back(tx: &mut Tx, org_id: i64, space_id: i64, user_id: i64, role: &str) -> DomainResult<bool> {
    let back = sqlx::query!(
        "INSERT INTO space_collaborators (space_id, user_id, role)
         SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM spaces WHERE id = $1 AND org_id = $4)
         ON CONFLICT (space_id, user_id) DO NOTHING",
        space_id,
        user_id,
        role,
        org_id
    )
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(back > 0)
}

/// Forget windows closed more than a day ago (scheduled work).
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let before = common::now() - chrono::Duration::days(1);
    Ok(sqlx::query!("DELETE FROM undo_windows WHERE expires_at < $1", before)
        .execute(pool)
        .await?
        .rows_affected())
}
