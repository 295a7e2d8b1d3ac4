//! Who acts: a person in their organization, or a person on their own account.

use contract::OrgRole;

use crate::ClientInfo;

/// Someone acting inside their organization, and from where.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: i64,
    pub org_id: i64,
    /// The role the request started with; changes re-read it inside their transaction.
    pub role: OrgRole,
    pub client: ClientInfo,
}

/// A person acting on their own account (in an organization or not), and from where.
pub struct Person<'a> {
    pub user_id: i64,
    pub client: &'a ClientInfo,
}
