use contract::{ActivitiesPage, ExportFormat, ExportQuery, OrgSpace, SpacesResponse};

use super::view_state::ViewState;
use crate::api::{ApiError, Call};

pub async fn activities(view: ViewState) -> Result<ActivitiesPage, ApiError> {
    Call::get("/orgs/me/activities")
        .query(&view.query(true).to_query())
        .fetch()
        .await
}

/// Every activity the filters match, as a file's text.
pub async fn export(view: ViewState, format: ExportFormat) -> Result<String, ApiError> {
    Call::get("/orgs/me/activities/export")
        .query(&view.query(false).to_query())
        .query(&ExportQuery { format: Some(format) }.to_query())
        .text()
        .await
}

/// The organization's spaces, for the space filter.
pub async fn spaces() -> Result<Vec<OrgSpace>, ApiError> {
    Call::get("/orgs/me/spaces")
        .fetch::<SpacesResponse>()
        .await
        .map(|r| r.spaces)
}
