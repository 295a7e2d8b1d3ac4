//! The Users tab: the organization's people, one page at a time, and changes to their roles.

use crate::{OrgRole, OrgUser};
use serde::{Deserialize, Serialize};

/// `GET /api/v1/orgs/me/users`: one page of the users matching the query, and how many match.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsersPage {
    pub users: Vec<OrgUser>,
    /// How many users match the query in all.
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// `PATCH /api/v1/orgs/me/users/{id}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleChange {
    pub org_role: OrgRole,
}

/// The largest page the users endpoint serves.
pub const MAX_PER_PAGE: i64 = 200;
