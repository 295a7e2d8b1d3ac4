//! `/Users`: the organization's people, for its identity provider to find, create, change,
//! suspend and remove. Each handler reads the request, calls `domain::scim` and answers.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use common::scim::UserQuery;

use super::json;
use super::request::{id_of, read, shown_from, Asked};
use super::{base, filter, patch, Provisioner, Scim, ScimError, ScimResult};
use crate::on_db;
use crate::AppState;

/// The people a list or search asks for, as a ListResponse's total and resources.
pub async fn found(state: &AppState, org_id: i64, asked: &Asked) -> Result<(i64, Vec<serde_json::Value>), ScimError> {
    let query = UserQuery {
        filter: asked.filter.as_deref().map(filter::users).transpose()?,
        start_index: asked.start_index,
        count: asked.count,
    };
    let (total, people) = on_db!(&state.db, |pool, domain| {
        domain::scim::users(pool, org_id, &query).await
    })?;
    let base = base(state);
    Ok((
        total,
        people.iter().map(|p| asked.shown.apply(json::user(p, &base))).collect(),
    ))
}

async fn listed(state: &AppState, org_id: i64, asked: Asked) -> ScimResult {
    let (total, resources) = found(state, org_id, &asked).await?;
    Ok(Scim(StatusCode::OK, json::list(total, asked.start_index, resources)))
}

/// `GET /Users?filter=…&startIndex=…&count=…`.
pub async fn list(
    State(state): State<AppState>,
    who: Provisioner,
    Query(parameters): Query<HashMap<String, String>>,
) -> ScimResult {
    listed(&state, who.org_id, Asked::of_query(parameters)?).await
}

/// `POST /Users/.search`.
pub async fn search(State(state): State<AppState>, who: Provisioner, body: Bytes) -> ScimResult {
    let body = read(&body)?;
    listed(&state, who.org_id, Asked::new(&body)?).await
}

/// `POST /Users`: 201 with the person and their `Location`.
pub async fn create(State(state): State<AppState>, who: Provisioner, body: Bytes) -> Result<Response, ScimError> {
    let profile = json::profile(&read(&body)?, None)?;
    let created = on_db!(&state.db, |pool, domain| {
        domain::scim::create(pool, who.org_id, &profile).await
    })?;
    Ok(super::created(json::user(&created, &base(&state))))
}

/// `GET /Users/{id}`.
pub async fn get(
    State(state): State<AppState>,
    who: Provisioner,
    Path(id): Path<String>,
    Query(parameters): Query<HashMap<String, String>>,
) -> ScimResult {
    let id = id_of(&id, "user")?;
    let person = on_db!(&state.db, |pool, domain| {
        domain::scim::user(pool, who.org_id, id).await
    })?;
    Ok(Scim(
        StatusCode::OK,
        shown_from(&parameters).apply(json::user(&person, &base(&state))),
    ))
}

/// `PUT /Users/{id}`: the person becomes what the body says. An address or `active` left out
/// stays as it is (an account cannot be without them).
pub async fn replace(
    State(state): State<AppState>,
    who: Provisioner,
    Path(id): Path<String>,
    body: Bytes,
) -> ScimResult {
    let id = id_of(&id, "user")?;
    let body = read(&body)?;
    let person = on_db!(&state.db, |pool, domain| {
        domain::scim::update(pool, who.org_id, id, |current| json::profile(&body, Some(&current))).await
    })?;
    Ok(Scim(StatusCode::OK, json::user(&person, &base(&state))))
}

/// `PATCH /Users/{id}`: the operations applied in order, all or none.
pub async fn patch(State(state): State<AppState>, who: Provisioner, Path(id): Path<String>, body: Bytes) -> ScimResult {
    let id = id_of(&id, "user")?;
    let operations = patch::operations(&read(&body)?)?;
    let person = on_db!(&state.db, |pool, domain| {
        domain::scim::update(pool, who.org_id, id, |current| patch::apply(current, &operations)).await
    })?;
    Ok(Scim(StatusCode::OK, json::user(&person, &base(&state))))
}

/// `DELETE /Users/{id}`: out of the organization and signed out; the account stays.
pub async fn delete(
    State(state): State<AppState>,
    who: Provisioner,
    Path(id): Path<String>,
) -> Result<StatusCode, ScimError> {
    let id = id_of(&id, "user")?;
    on_db!(&state.db, |pool, domain| {
        domain::scim::remove(pool, who.org_id, id).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}
