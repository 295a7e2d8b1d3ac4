//! `/Groups`: the identity provider's groups of the organization's people. The role a group
//! gives is chosen in the tab, never by the provider. Each handler reads the request, calls
//! `domain::scim_groups` and answers.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use common::scim::GroupQuery;
use serde_json::Value;

use super::group_json;
use super::json;
use super::request::{read, shown_from, Asked};
use super::{base, filter, patch, Provisioner, Scim, ScimError, ScimResult};
use crate::on_db;
use crate::AppState;

/// The group a path names.
fn group_id(id: &str) -> Result<i64, ScimError> {
    group_json::parse_id(id).ok_or_else(|| ScimError::not_found(format!("There is no group “{id}”.")))
}

/// The groups a list or search asks for, as a ListResponse's total and resources.
pub async fn found(state: &AppState, org_id: i64, asked: &Asked) -> Result<(i64, Vec<Value>), ScimError> {
    let query = GroupQuery {
        filter: asked.filter.as_deref().map(filter::groups).transpose()?,
        start_index: asked.start_index,
        count: asked.count,
    };
    let (total, groups) = on_db!(&state.db, |pool, domain| {
        domain::scim_groups::groups(pool, org_id, &query).await
    })?;
    let base = base(state);
    Ok((
        total,
        groups
            .iter()
            .map(|g| asked.shown.apply(group_json::group(g, &base)))
            .collect(),
    ))
}

async fn listed(state: &AppState, org_id: i64, asked: Asked) -> ScimResult {
    let (total, resources) = found(state, org_id, &asked).await?;
    Ok(Scim(StatusCode::OK, json::list(total, asked.start_index, resources)))
}

/// `GET /Groups?filter=…`.
pub async fn list(
    State(state): State<AppState>,
    who: Provisioner,
    Query(parameters): Query<HashMap<String, String>>,
) -> ScimResult {
    listed(&state, who.org_id, Asked::of_query(parameters)?).await
}

/// `POST /Groups/.search`.
pub async fn search(State(state): State<AppState>, who: Provisioner, body: Bytes) -> ScimResult {
    listed(&state, who.org_id, Asked::new(&read(&body)?)?).await
}

/// `POST /Groups`: 201 with the group and its `Location`.
pub async fn create(State(state): State<AppState>, who: Provisioner, body: Bytes) -> Result<Response, ScimError> {
    let profile = group_json::profile(&read(&body)?)?;
    let created = on_db!(&state.db, |pool, domain| {
        domain::scim_groups::create_group(pool, who.org_id, &profile).await
    })?;
    Ok(super::created(group_json::group(&created, &base(&state))))
}

/// `GET /Groups/{id}`.
pub async fn get(
    State(state): State<AppState>,
    who: Provisioner,
    Path(id): Path<String>,
    Query(parameters): Query<HashMap<String, String>>,
) -> ScimResult {
    let id = group_id(&id)?;
    let group = on_db!(&state.db, |pool, domain| {
        domain::scim_groups::group(pool, who.org_id, id).await
    })?;
    Ok(Scim(
        StatusCode::OK,
        shown_from(&parameters).apply(group_json::group(&group, &base(&state))),
    ))
}

/// `PUT /Groups/{id}`: the group becomes what the body says, members included.
pub async fn replace(
    State(state): State<AppState>,
    who: Provisioner,
    Path(id): Path<String>,
    body: Bytes,
) -> ScimResult {
    let id = group_id(&id)?;
    let profile = group_json::profile(&read(&body)?)?;
    let group = on_db!(&state.db, |pool, domain| {
        domain::scim_groups::update_group(pool, who.org_id, id, |_| Ok(profile)).await
    })?;
    Ok(Scim(StatusCode::OK, group_json::group(&group, &base(&state))))
}

/// `PATCH /Groups/{id}`: the operations applied in order, all or none.
pub async fn patch(State(state): State<AppState>, who: Provisioner, Path(id): Path<String>, body: Bytes) -> ScimResult {
    let id = group_id(&id)?;
    let operations = patch::operations(&read(&body)?)?;
    let group = on_db!(&state.db, |pool, domain| {
        domain::scim_groups::update_group(pool, who.org_id, id, |current| patch::apply_group(current, &operations))
            .await
    })?;
    Ok(Scim(StatusCode::OK, group_json::group(&group, &base(&state))))
}

/// `DELETE /Groups/{id}`: the group goes; its members stay, their roles settled without it.
pub async fn delete(
    State(state): State<AppState>,
    who: Provisioner,
    Path(id): Path<String>,
) -> Result<StatusCode, ScimError> {
    let id = group_id(&id)?;
    on_db!(&state.db, |pool, domain| {
        domain::scim_groups::remove_group(pool, who.org_id, id).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}
