use contract::{ActivitiesPage, ExportFormat, OrgSpace, SpacesResponse};

use super::view_state::ViewState;
use crate::api::{self, ApiError};

pub async fn activities(view: ViewState) -> Result<ActivitiesPage, ApiError> {
    api::get(&format!("/orgs/me/activities{}", view.query(true).to_query())).await
}

/// Every activity the filters match, as a file's text.
pub async fn export(view: ViewState, format: ExportFormat) -> Result<String, ApiError> {
    let query = view.query(false).to_query();
    let joiner = if query.is_empty() { "?" } else { "&" };
    let format = format.as_str();
    api::get_text(&format!("/orgs/me/activities/export{query}{joiner}format={format}")).await
}

/// The organization's spaces, for the space filter.
pub async fn spaces() -> Result<Vec<OrgSpace>, ApiError> {
    api::get::<SpacesResponse>("/orgs/me/spaces").await.map(|r| r.spaces)
}
