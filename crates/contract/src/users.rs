//! The Users tab: the organization's people, one page at a time, and changes to their roles.

use crate::text::auth;
use crate::{fill, Lang};
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

/// The largest page the users endpoint serves (the users list offers it as its longest page).
pub const MAX_PER_PAGE: i64 = 500;

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

/// The invitations just sent. Their codes went by email to the invited addresses only; the
/// server keeps only their hashes and nobody else ever sees them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedInvitations {
    pub invitations: Vec<Invitation>,
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
/// How many addresses one request may invite.
pub const MAX_INVITES_AT_ONCE: usize = 100;
/// Invitation codes are 43 characters; anything much longer is not one.
pub const MAX_CODE_CHARS: usize = 128;

fn too_long(value: &str, max: usize) -> bool {
    value.chars().count() > max
}

impl InviteRequest {
    /// The addresses to invite, trimmed, lower-cased and without repeats, or the first problem
    /// (field, message). The list's length is checked before anything else is done with it.
    pub fn addresses(&self, lang: Lang) -> Result<Vec<String>, (&'static str, String)> {
        if self.emails.len() > MAX_INVITES_AT_ONCE {
            return Err(("emails", fill(auth(lang).too_many_invites, &[&MAX_INVITES_AT_ONCE])));
        }
        for (field, value) in [("firstname", &self.firstname), ("lastname", &self.lastname)] {
            if too_long(value, crate::MAX_PERSON_NAME_CHARS) {
                return Err((field, crate::auth::name_too_long(lang)));
            }
        }
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for email in self
            .emails
            .iter()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| !e.is_empty())
        {
            if !is_valid_email(&email) {
                let shown: String = email.chars().take(60).collect();
                return Err(("emails", fill(auth(lang).not_an_email, &[&shown])));
            }
            if seen.insert(email.clone()) {
                out.push(email);
            }
        }
        if out.is_empty() {
            return Err(("emails", auth(lang).enter_invitee_email.to_owned()));
        }
        Ok(out)
    }
}

impl AcceptInvitation {
    /// The first problem with the request that needs no database: (field, message).
    pub fn problem(&self, lang: Lang) -> Option<(&'static str, String)> {
        if self.code.trim().is_empty() || too_long(&self.code, MAX_CODE_CHARS) {
            return Some(("code", auth(lang).enter_invitation_code.to_owned()));
        }
        for (field, value) in [("firstname", &self.firstname), ("lastname", &self.lastname)] {
            if too_long(value, crate::MAX_PERSON_NAME_CHARS) {
                return Some((field, crate::auth::name_too_long(lang)));
            }
        }
        if self.password.is_empty() {
            return Some(("password", auth(lang).enter_new_password.to_owned()));
        }
        if too_long(&self.password, crate::MAX_PASSWORD_CHARS) {
            return Some(("password", crate::auth::password_too_long(lang)));
        }
        None
    }
}

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
    let mut seen = std::collections::HashSet::new();
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty() && seen.insert(e.clone()))
        .collect()
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

    fn invite(emails: &[&str]) -> InviteRequest {
        InviteRequest {
            emails: emails.iter().map(|e| e.to_string()).collect(),
            firstname: String::new(),
            lastname: String::new(),
            org_role: OrgRole::Member,
        }
    }

    #[test]
    fn invitation_lists_are_bounded_before_they_are_read() {
        let many: Vec<String> = (0..=MAX_INVITES_AT_ONCE).map(|i| format!("p{i}@x.io")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(invite(&refs).addresses(Lang::En).unwrap_err().0, "emails");
        assert_eq!(
            invite(&[" A@x.io", "a@x.io", "", "b@x.io"]).addresses(Lang::En),
            Ok(vec!["a@x.io".to_string(), "b@x.io".to_string()])
        );
        assert!(invite(&["", " "]).addresses(Lang::En).is_err());
        assert!(invite(&["nope"]).addresses(Lang::En).unwrap_err().1.contains("nope"));
        let mut named = invite(&["a@x.io"]);
        named.lastname = "x".repeat(crate::MAX_PERSON_NAME_CHARS + 1);
        assert_eq!(named.addresses(Lang::En).unwrap_err().0, "lastname");
    }

    #[test]
    fn acceptance_refuses_what_needs_no_database() {
        let accept = |code: &str, password: &str| AcceptInvitation {
            code: code.into(),
            firstname: String::new(),
            lastname: String::new(),
            password: password.into(),
        };
        assert_eq!(accept("", "long enough pw").problem(Lang::En).unwrap().0, "code");
        assert_eq!(
            accept(&"c".repeat(MAX_CODE_CHARS + 1), "pw")
                .problem(Lang::En)
                .unwrap()
                .0,
            "code"
        );
        assert_eq!(accept("code", "").problem(Lang::En).unwrap().0, "password");
        assert_eq!(
            accept("code", &"p".repeat(crate::MAX_PASSWORD_CHARS + 1))
                .problem(Lang::En)
                .unwrap()
                .0,
            "password"
        );
        assert_eq!(accept("code", "a fine password").problem(Lang::En), None);
    }
}
