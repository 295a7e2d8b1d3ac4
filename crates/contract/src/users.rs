//! The Users tab: the organization's people, one page at a time, and changes to their roles.

use crate::{Invitation, OrgRole, OrgUser};
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

/// `POST /api/v1/orgs/me/invitations`: invite one or several people with one role. Names apply
/// when a single address is invited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteRequest {
    pub emails: Vec<String>,
    #[serde(default)]
    pub firstname: String,
    #[serde(default)]
    pub lastname: String,
    pub org_role: OrgRole,
}

/// An invitation and its code. The code is shown once, to the inviter, to pass on; the server
/// keeps only its hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedInvitation {
    pub invitation: Invitation,
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedInvitations {
    pub invitations: Vec<IssuedInvitation>,
}

/// `GET /api/v1/orgs/me/invitations`: those not accepted or revoked yet (expired ones included,
/// so they can be resent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingInvitations {
    pub invitations: Vec<Invitation>,
}

/// `POST /api/v1/invitations/accept`: no session needed; the code is the proof.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptInvitation {
    pub code: String,
    #[serde(default)]
    pub firstname: String,
    #[serde(default)]
    pub lastname: String,
    pub password: String,
}

/// The shortest password a new account may set.
pub const MIN_PASSWORD_LEN: usize = 10;

/// A plausible email address: something@domain.tld, no spaces, at most 254 characters.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Addresses pasted as a list (commas, semicolons, spaces or new lines between them), trimmed,
/// lower-cased and without repeats, in the order given.
pub fn split_emails(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for email in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(|e| e.trim().to_lowercase())
    {
        if !email.is_empty() && !out.contains(&email) {
            out.push(email);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_for_shape() {
        for good in ["a@b.co", "first.last+tag@sub.example.org"] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in ["", "plain", "@b.co", "a@b", "a@.co", "a@b.", "a b@c.de", "a@b@c.de"] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn pasted_lists_are_split_and_deduplicated() {
        assert_eq!(
            split_emails("Ann@x.io, bob@y.io;\n carl@z.io  ann@x.io"),
            ["ann@x.io", "bob@y.io", "carl@z.io"]
        );
        assert!(split_emails(" ,; ").is_empty());
    }
}
