//! A session as every request sees it: whose it is, their organization, and how far it has got.

use contract::OrgRole;

/// How far a session has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Signed in.
    Full,
    /// The password was right; the second factor is still owed, and the session opens nothing.
    TwoFactor,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Full => "full",
            Stage::TwoFactor => "two_factor",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        [Stage::Full, Stage::TwoFactor].into_iter().find(|s| s.as_str() == text)
    }
}

contract::stored_as_text!(Stage);

/// The person behind a live session (not revoked, not expired, account not disabled), with their
/// organization and role if they have one, and what the session may do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionUser {
    pub user_id: i64,
    pub org: Option<(i64, OrgRole)>,
    pub stage: Stage,
    /// The organization requires two-factor sign-in and this person has not set it up.
    pub must_set_up_two_factor: bool,
}
