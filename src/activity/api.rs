use contract::{ActivitiesPage, OrgSpace, SpacesResponse};

use super::view_state::ViewState;
use crate::api::{self, ApiError};

pub async fn activities(view: ViewState) -> Result<ActivitiesPage, ApiError> {
    api::get(&format!("/orgs/me/activities{}", view.api_query(true))).await
}

/// Every activity the filters match, as a file's text (`csv` or `json`).
pub async fn export(view: ViewState, format: &str) -> Result<String, ApiError> {
    let query = view.api_query(false);
    let joiner = if query.is_empty() { "?" } else { "&" };
    api::get_text(&format!("/orgs/me/activities/export{query}{joiner}format={format}")).await
}

/// The organization's spaces, for the space filter.
pub async fn spaces() -> Result<Vec<OrgSpace>, ApiError> {
    api::get::<SpacesResponse>("/orgs/me/spaces").await.map(|r| r.spaces)
}
