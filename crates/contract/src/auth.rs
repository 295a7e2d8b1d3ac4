//! Sign-in, the session and who is signed in.

use crate::OrgRole;
use serde::{Deserialize, Serialize};

/// `POST /api/v1/auth/login`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// The answer to a successful sign-in. The token goes in `Authorization: Bearer`, never in a URL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    pub token: String,
    /// RFC 3339; the server refuses the token after this.
    pub expires_at: String,
    pub me: Me,
}

/// `GET /api/v1/auth/me`: the signed-in user and their organization, if any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user: Profile,
    #[serde(default)]
    pub org: Option<Membership>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    pub id: i64,
    pub email: String,
    #[serde(default)]
    pub firstname: String,
    #[serde(default)]
    pub lastname: String,
    #[serde(default)]
    pub friendly_name: String,
}

/// The signed-in user's place in their organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Membership {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub org_role: OrgRole,
    /// Whether this person may add spaces from their personal account: owners and admins always,
    /// members when the organization's settings allow it.
    #[serde(default)]
    pub can_add_spaces: bool,
    /// For owners: Invoices, Billing information and Payment information are open (the
    /// organization has subscribed).
    #[serde(default)]
    pub billing_open: bool,
}

impl Me {
    pub fn role(&self) -> Option<OrgRole> {
        self.org.as_ref().map(|m| m.org_role)
    }
}
