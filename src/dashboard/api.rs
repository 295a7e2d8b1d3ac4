use contract::{AddSpaceRequest, OrgSpace, Period, PersonalSpaces, SpacesResponse, Statistics};

use crate::api::{self, ApiError};

pub async fn spaces(period: Period) -> Result<Vec<OrgSpace>, ApiError> {
    api::get::<SpacesResponse>(&format!("/orgs/me/spaces?period={}", period.as_str()))
        .await
        .map(|r| r.spaces)
}

pub async fn statistics(period: Period) -> Result<Statistics, ApiError> {
    api::get(&format!("/orgs/me/statistics?period={}", period.as_str())).await
}

pub async fn personal_spaces() -> Result<PersonalSpaces, ApiError> {
    api::get("/me/personal-spaces").await
}

pub async fn add_space(space_id: i64) -> Result<OrgSpace, ApiError> {
    api::post("/orgs/me/spaces", &AddSpaceRequest { space_id }).await
}

pub async fn detach_space(space_id: i64) -> Result<(), ApiError> {
    api::delete(&format!("/orgs/me/spaces/{space_id}")).await
}

pub async fn space(id: i64) -> Result<contract::SpaceDetail, ApiError> {
    api::get(&format!("/orgs/me/spaces/{id}")).await
}

pub async fn set_collaborator(space: i64, user: i64, role: String) -> Result<contract::SpaceDetail, ApiError> {
    api::put(
        &format!("/orgs/me/spaces/{space}/collaborators/{user}"),
        &contract::CollaboratorRole { role },
    )
    .await
}

pub async fn remove_collaborator(space: i64, user: i64) -> Result<(), ApiError> {
    api::delete(&format!("/orgs/me/spaces/{space}/collaborators/{user}")).await
}
