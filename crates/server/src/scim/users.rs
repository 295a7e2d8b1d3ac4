//! `/Users`: the organization's people, for its identity provider to find, create, change,
//! suspend and remove. Each handler reads the request, calls `domain::scim` and answers.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use common::scim::UserQuery;
use serde_json::Value;

use super::discovery::MAX_RESULTS;
use super::json::{self, member, Shown};
use super::{base, filter, patch, Provisioner, Scim, ScimError, ScimResult};
use crate::on_db;
use crate::AppState;

/// What a list or a search asks for.
struct Asked {
    query: UserQuery,
    shown: Shown,
}

/// A number a client sent, as text (a query) or as JSON (a search).
fn number(value: Option<&Value>, name: &str) -> Result<Option<i64>, ScimError> {
    let read = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        Some(_) => None,
    };
    read.map(Some)
        .ok_or_else(|| ScimError::bad("invalidValue", format!("{name} is a whole number.")))
}

/// A list of attribute names, as a comma-separated text or a JSON list.
fn names(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => Some(items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(",")),
        _ => None,
    }
}

impl Asked {
    /// From the parameters of RFC 7644 §3.4.2, read from a query or a search body alike.
    fn new(parameters: &Value) -> Result<Asked, ScimError> {
        let filter = match member(parameters, "filter") {
            Some(Value::String(f)) if !f.trim().is_empty() => Some(filter::parse(f)?),
            Some(Value::String(_)) | None => None,
            Some(_) => return Err(ScimError::bad("invalidFilter", "A filter is a string.")),
        };
        // Out of range asks for what is nearest (RFC 7644 §3.4.2.4): from the first, none to all.
        let start_index = number(member(parameters, "startIndex"), "startIndex")?
            .unwrap_or(1)
            .max(1);
        let count = number(member(parameters, "count"), "count")?
            .unwrap_or(MAX_RESULTS)
            .clamp(0, MAX_RESULTS);
        let shown = Shown::new(
            names(member(parameters, "attributes")).as_deref(),
            names(member(parameters, "excludedAttributes")).as_deref(),
        );
        Ok(Asked {
            query: UserQuery {
                filter,
                start_index,
                count,
            },
            shown,
        })
    }
}

async fn listed(state: &AppState, org_id: i64, asked: Asked) -> ScimResult {
    let (total, people) = on_db!(&state.db, |pool, domain| {
        domain::scim::users(pool, org_id, &asked.query).await
    })?;
    let base = base(state);
    let resources = people.iter().map(|p| asked.shown.apply(json::user(p, &base))).collect();
    Ok(Scim(
        StatusCode::OK,
        json::list(total, asked.query.start_index, resources),
    ))
}

/// `GET /Users?filter=…&startIndex=…&count=…`.
pub async fn list(
    State(state): State<AppState>,
    who: Provisioner,
    Query(parameters): Query<HashMap<String, String>>,
) -> ScimResult {
    let parameters = serde_json::to_value(parameters).unwrap_or_default();
    listed(&state, who.org_id, Asked::new(&parameters)?).await
}

/// `POST /Users/.search` (and `/.search`: people are the only resources here).
pub async fn search(State(state): State<AppState>, who: Provisioner, body: Bytes) -> ScimResult {
    let body = read(&body)?;
    listed(&state, who.org_id, Asked::new(&body)?).await
}

/// A request body as JSON.
fn read(body: &Bytes) -> Result<Value, ScimError> {
    serde_json::from_slice(body).map_err(|e| ScimError::bad("invalidSyntax", format!("The body is not JSON: {e}.")))
}

/// The id in a path: people's ids are numbers, so anything else is nobody.
fn id_of(id: &str) -> Result<i64, ScimError> {
    id.parse()
        .map_err(|_| ScimError::not_found(format!("There is no user “{id}”.")))
}

fn shown_from(parameters: &HashMap<String, String>) -> Shown {
    let get = |name: &str| {
        parameters
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    Shown::new(get("attributes"), get("excludedAttributes"))
}

/// `POST /Users`: 201 with the person and their `Location`.
pub async fn create(State(state): State<AppState>, who: Provisioner, body: Bytes) -> Result<Response, ScimError> {
    let profile = json::profile(&read(&body)?, None)?;
    let created = on_db!(&state.db, |pool, domain| {
        domain::scim::create(pool, who.org_id, &profile).await
    })?;
    let resource = json::user(&created, &base(&state));
    let location = resource["meta"]["location"].as_str().unwrap_or_default().to_owned();
    let mut response = Scim(StatusCode::CREATED, resource).into_response();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// `GET /Users/{id}`.
pub async fn get(
    State(state): State<AppState>,
    who: Provisioner,
    Path(id): Path<String>,
    Query(parameters): Query<HashMap<String, String>>,
) -> ScimResult {
    let id = id_of(&id)?;
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
    let id = id_of(&id)?;
    let body = read(&body)?;
    let person = on_db!(&state.db, |pool, domain| {
        domain::scim::update(pool, who.org_id, id, |current| json::profile(&body, Some(&current))).await
    })?;
    Ok(Scim(StatusCode::OK, json::user(&person, &base(&state))))
}

/// `PATCH /Users/{id}`: the operations applied in order, all or none.
pub async fn patch(State(state): State<AppState>, who: Provisioner, Path(id): Path<String>, body: Bytes) -> ScimResult {
    let id = id_of(&id)?;
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
    let id = id_of(&id)?;
    on_db!(&state.db, |pool, domain| {
        domain::scim::remove(pool, who.org_id, id).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}
