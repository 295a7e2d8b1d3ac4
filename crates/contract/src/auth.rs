//! Sign-in, the session and who is signed in.

use crate::text::auth;
use crate::OrgRole;
use crate::{fill, Lang};
use serde::{Deserialize, Serialize};

/// The longest email address a mail system carries (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Long enough for any passphrase, short enough that nobody makes the server hash a megabyte.
pub const MAX_PASSWORD_CHARS: usize = 1024;
/// First and last names.
pub const MAX_PERSON_NAME_CHARS: usize = 100;

/// `POST /api/v1/auth/login`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// The token of the link mailed when the account's password was refused too often in a row:
    /// with it, the right password opens the account again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlock: Option<String>,
}

impl LoginRequest {
    /// The first thing wrong with the request before any password is checked: (field, message).
    pub fn problem(&self, lang: Lang) -> Option<(&'static str, String)> {
        let email = self.email.trim();
        if email.is_empty() {
            return Some(("email", auth(lang).enter_email.to_owned()));
        }
        if email.chars().count() > MAX_EMAIL_CHARS {
            return Some(("email", fill(auth(lang).email_too_long, &[&MAX_EMAIL_CHARS])));
        }
        if self.password.is_empty() {
            return Some(("password", auth(lang).enter_password.to_owned()));
        }
        if self.password.chars().count() > MAX_PASSWORD_CHARS {
            return Some(("password", password_too_long(lang)));
        }
        None
    }
}

/// The answer to a successful sign-in. The token goes in `Authorization: Bearer`, never in a URL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    pub token: String,
    /// RFC 3339; the server refuses the token after this.
    pub expires_at: String,
    pub me: Me,
    /// What the session still needs before it opens anything.
    #[serde(default)]
    pub next: crate::SignInStep,
}

/// `GET /api/v1/auth/me`: the signed-in user and their organization, if any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user: Profile,
    #[serde(default)]
    pub org: Option<Membership>,
    /// The organization requires two-factor sign-in and this person has not set it up: nothing
    /// but the set-up (the Account page) answers until they do.
    #[serde(default)]
    pub must_set_up_two_factor: bool,
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
    /// Signs in with a second factor.
    #[serde(default)]
    pub two_factor: bool,
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

    /// Whether this person may do `permission` now: their role allows it, and two-factor sign-in
    /// their organization requires is set up (until it is, only their account answers).
    pub fn may(&self, permission: crate::Permission) -> bool {
        !self.must_set_up_two_factor && self.role().is_some_and(|role| crate::allows(role, permission))
    }
}

/// Said wherever a password is typed: sign-in, invitations, a new password.
pub fn password_too_long(lang: Lang) -> String {
    fill(auth(lang).password_too_long, &[&MAX_PASSWORD_CHARS])
}

/// Said wherever a person's name is typed.
pub fn name_too_long(lang: Lang) -> String {
    fill(auth(lang).name_too_long, &[&crate::MAX_PERSON_NAME_CHARS])
}
