use contract::{AddSpaceRequest, OrgSpace, Period, PeriodQuery, PersonalSpaces, SpacesResponse, Statistics};

use crate::api::{self, ApiError};

pub async fn spaces(period: Period) -> Result<SpacesResponse, ApiError> {
    api::Call::get("/orgs/me/spaces")
        .query(&PeriodQuery::of(period).to_query())
        .fetch()
        .await
}

pub async fn statistics(period: Period) -> Result<Statistics, ApiError> {
    api::Call::get("/orgs/me/statistics")
        .query(&PeriodQuery::of(period).to_query())
        .fetch()
        .await
}

pub async fn personal_spaces() -> Result<PersonalSpaces, ApiError> {
    api::Call::get("/me/personal-spaces").fetch().await
}

pub async fn add_space(space_id: i64) -> Result<OrgSpace, ApiError> {
    api::Call::post("/orgs/me/spaces")
        .json(&AddSpaceRequest { space_id })
        .fetch()
        .await
}

pub async fn detach_space(space_id: i64) -> Result<(), ApiError> {
    api::Call::delete(&format!("/orgs/me/spaces/{space_id}")).send().await
}

pub async fn space(id: i64) -> Result<contract::SpaceDetail, ApiError> {
    api::Call::get(&format!("/orgs/me/spaces/{id}")).fetch().await
}

pub async fn set_collaborator(space: i64, user: i64, role: String) -> Result<contract::SpaceDetail, ApiError> {
    api::Call::put(&format!("/orgs/me/spaces/{space}/collaborators/{user}"))
        .json(&contract::CollaboratorRole { role })
        .fetch()
        .await
}

pub async fn remove_collaborator(space: i64, user: i64) -> Result<(), ApiError> {
    api::Call::delete(&format!("/orgs/me/spaces/{space}/collaborators/{user}"))
        .send()
        .await
}
