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

/// A sign-in factor whose failures in a row are counted, each on its own: the password, and the
/// second factor (an authentication or a recovery code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Factor {
    Password,
    Code,
}

impl Factor {
    pub fn as_str(self) -> &'static str {
        match self {
            Factor::Password => "password",
            Factor::Code => "code",
        }
    }

    pub fn parse(text: &str) -> Option<Factor> {
        [Factor::Password, Factor::Code]
            .into_iter()
            .find(|f| f.as_str() == text)
    }

    /// Failures in a row after which the factor waits for proof by mail. A person mistypes a
    /// password a few times; a hundred in a row is somebody else. Codes are six digits, so ten
    /// guesses in a row are already one in a hundred thousand.
    pub const fn limit(self) -> i64 {
        match self {
            Factor::Password => 100,
            Factor::Code => 10,
        }
    }
}

contract::stored_as_text!(Factor);

/// What a personal access token carries into a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenGrant {
    pub token_id: i64,
    /// `"name #id"`, as its activities name it.
    pub label: String,
    pub user_id: i64,
    pub org_id: i64,
    /// The role its person holds now.
    pub role: contract::OrgRole,
    pub scopes: Vec<contract::TokenScope>,
}
