//! Finding people of the organization by name or email, for the pickers of several screens (a
//! collaborator to add, a person to filter the activity by).

use contract::{OrgUser, UsersPage, UsersQuery};

use super::{ApiError, Call};

/// Organization users whose name or email contains `q`: the first twenty.
pub async fn find(q: String) -> Result<Vec<OrgUser>, ApiError> {
    let query = UsersQuery {
        q: Some(q),
        per_page: Some(20),
        ..UsersQuery::default()
    };
    Call::get("/orgs/me/users")
        .query(&query.to_query())
        .fetch::<UsersPage>()
        .await
        .map(|page| page.users)
}
