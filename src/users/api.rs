use contract::{OrgRole, OrgUser, RoleChange, UsersPage};

use super::view_state::ViewState;
use crate::api::{self, ApiError};

pub async fn users(view: ViewState) -> Result<UsersPage, ApiError> {
    let page = api::get(&format!("/orgs/me/users{}", view.query().to_query())).await;
    crate::widgets::timing::mark("org-area:users-arrived");
    page
}

pub async fn change_role(user_id: i64, org_role: OrgRole) -> Result<OrgUser, ApiError> {
    api::patch(&format!("/orgs/me/users/{user_id}"), &RoleChange { org_role }).await
}

pub async fn remove(user_id: i64) -> Result<(), ApiError> {
    api::delete(&format!("/orgs/me/users/{user_id}")).await
}

/// The users matching the view (all pages) as CSV; the server records the export.
pub async fn export_csv(view: ViewState) -> Result<String, ApiError> {
    api::post_for_text(&format!("/orgs/me/users/export{}", view.query().to_query())).await
}

/// The organization's space names by id, to show which spaces each user works on.
pub async fn space_names() -> Result<std::collections::HashMap<i64, String>, ApiError> {
    let spaces = api::get::<contract::SpacesResponse>("/orgs/me/spaces").await?.spaces;
    Ok(spaces.into_iter().map(|s| (s.id, s.name)).collect())
}

/// Organization users whose name or email contains `q`, for pickers (a collaborator, a person to
/// filter by).
pub async fn find_users(q: String) -> Result<Vec<OrgUser>, ApiError> {
    let query = contract::UsersQuery {
        q: Some(q),
        per_page: Some(20),
        ..Default::default()
    };
    api::get::<UsersPage>(&format!("/orgs/me/users{}", query.to_query()))
        .await
        .map(|p| p.users)
}
