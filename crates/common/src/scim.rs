//! What the domain and the server pass each other for SCIM 2.0 provisioning: the server speaks
//! the protocol (its JSON, filters and PATCH operations), the domain keeps people and rules.

use crate::Timestamp;

/// A person of the organization as the identity provider sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvisionedUser {
    pub id: i64,
    pub profile: Profile,
    pub created: Timestamp,
    pub last_modified: Timestamp,
}

/// What the identity provider says a person is; every field is written whole by a replace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    /// Unique in the organization, compared without case. A person the identity provider never
    /// named is known by their address.
    pub user_name: String,
    pub external_id: Option<String>,
    pub given_name: String,
    pub family_name: String,
    /// The account's address: it must be at a domain the organization verified.
    pub email: String,
    /// `work`, `home` or what the provider calls it; kept as sent.
    pub email_type: Option<String>,
    /// Whether the provider called the address primary (it is the only one kept).
    pub email_primary: bool,
    /// False: suspended, signed out everywhere and kept out.
    pub active: bool,
}

/// The one attribute a list may be filtered by, compared without case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserFilter {
    UserName(String),
    ExternalId(String),
    Email(String),
    Id(i64),
}

/// A page of people, counted from 1 as SCIM counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserQuery {
    pub filter: Option<UserFilter>,
    pub start_index: i64,
    pub count: i64,
}

/// One of the identity provider's groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvisionedGroup {
    pub id: i64,
    pub profile: GroupProfile,
    /// The members' names, by id, for the answer's `display`.
    pub names: Vec<(i64, String)>,
    pub created: Timestamp,
    pub last_modified: Timestamp,
}

/// What the identity provider says a group is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupProfile {
    /// Unique in the organization, compared without case.
    pub display_name: String,
    pub external_id: Option<String>,
    /// The members' ids, each once, in order.
    pub members: Vec<i64>,
}

/// The one attribute a list of groups may be filtered by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupFilter {
    DisplayName(String),
    ExternalId(String),
    Id(i64),
}

/// A page of groups, counted from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupQuery {
    pub filter: Option<GroupFilter>,
    pub start_index: i64,
    pub count: i64,
}
