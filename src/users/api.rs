use contract::{OrgRole, OrgUser, RoleChange, UsersPage};

use super::view_state::ViewState;
use crate::api::{self, ApiError};

pub async fn users(view: ViewState) -> Result<UsersPage, ApiError> {
    let page = api::Call::get("/orgs/me/users")
        .query(&view.query().to_query())
        .fetch()
        .await;
    crate::widgets::timing::mark("org-area:users-arrived");
    page
}

pub async fn change_role(user_id: i64, org_role: OrgRole) -> Result<OrgUser, ApiError> {
    api::Call::patch(&format!("/orgs/me/users/{user_id}"))
        .json(&RoleChange { org_role })
        .fetch()
        .await
}

pub async fn remove(user_id: i64) -> Result<(), ApiError> {
    api::Call::delete(&format!("/orgs/me/users/{user_id}")).send().await
}

/// The users matching the view (all pages) as CSV; the server records the export.
pub async fn export_csv(view: ViewState) -> Result<String, ApiError> {
    api::Call::post("/orgs/me/users/export")
        .query(&view.query().to_query())
        .text()
        .await
}

/// The organization's space names by id, to show which spaces each user works on.
pub async fn space_names() -> Result<std::collections::HashMap<i64, String>, ApiError> {
    let spaces = api::Call::get("/orgs/me/spaces")
        .fetch::<contract::SpacesResponse>()
        .await?
        .spaces;
    Ok(spaces.into_iter().map(|s| (s.id, s.name)).collect())
}
