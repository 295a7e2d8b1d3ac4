//! Undo: removing a user, revoking an invitation, detaching a space and removing a collaborator
//! can be taken back by whoever did it for [`UNDO_SECONDS`]. The window is kept on the server, so
//! it survives a reload; undoing puts back exactly what was there.

use serde::{Deserialize, Serialize};

use crate::ActivityKey;

/// How long an action can be undone.
pub const UNDO_SECONDS: u32 = 10;

/// One action that can still be undone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UndoWindow {
    pub id: i64,
    /// The action: `org_user.destroy`, `invitation.revoke`, `space.detach` or
    /// `collaborator.destroy`.
    pub key: ActivityKey,
    /// Who or what it was done to: the person's name, the invited address, the space.
    pub name: String,
    /// RFC 3339; after it the action stays.
    pub expires_at: String,
    /// Whole seconds left when this was read, so a client need not trust its own clock.
    pub seconds_left: u32,
}

/// `GET /api/v1/orgs/me/undo`: the caller's actions that can still be undone, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UndoWindows {
    pub windows: Vec<UndoWindow>,
}
