//! What a SCIM request asks, read the same way for every resource: a body as JSON, an id in the
//! path, and a list's or search's filter text, paging and attribute selection (RFC 7644 §3.4.2).

use std::collections::HashMap;

use axum::body::Bytes;
use serde_json::Value;

use super::discovery::MAX_RESULTS;
use super::json::{member, Shown};
use super::ScimError;

/// What a list or a search asks for; the filter is read by the resource it filters.
pub struct Asked {
    pub filter: Option<String>,
    pub start_index: i64,
    pub count: i64,
    pub shown: Shown,
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
    /// From a query's parameters or a search body alike.
    pub fn new(parameters: &Value) -> Result<Asked, ScimError> {
        let filter = match member(parameters, "filter") {
            Some(Value::String(f)) if !f.trim().is_empty() => Some(f.clone()),
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
            filter,
            start_index,
            count,
            shown,
        })
    }

    /// From a query string's parameters.
    pub fn of_query(parameters: HashMap<String, String>) -> Result<Asked, ScimError> {
        Asked::new(&serde_json::to_value(parameters).unwrap_or_default())
    }
}

/// A request body as JSON.
pub fn read(body: &Bytes) -> Result<Value, ScimError> {
    serde_json::from_slice(body).map_err(|e| ScimError::bad("invalidSyntax", format!("The body is not JSON: {e}.")))
}

/// The id in a path: ids are numbers, so anything else names nothing.
pub fn id_of(id: &str, what: &str) -> Result<i64, ScimError> {
    id.parse()
        .map_err(|_| ScimError::not_found(format!("There is no {what} “{id}”.")))
}

/// The attributes a single resource's answer carries, from its query string.
pub fn shown_from(parameters: &HashMap<String, String>) -> Shown {
    let get = |name: &str| {
        parameters
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    Shown::new(get("attributes"), get("excludedAttributes"))
}
