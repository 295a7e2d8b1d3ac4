//! A group as SCIM's Group resource, both ways. Members are people of the organization, named by
//! their ids (`value`); `type` and `$ref` are written here, never read. No `display`: a client
//! compares members as it sent them, and the names are the Users' own.

use common::iso;
use common::scim::{GroupProfile, ProvisionedGroup};
use common::DomainResult;
use serde_json::{json, Value};

use super::json::{member, refused};

pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";

/// A group's SCIM id: `g` and its number. Ids are unique across all resources (RFC 7643 §3.1),
/// and people's are bare numbers.
pub fn scim_id(id: i64) -> String {
    format!("g{id}")
}

/// The group a SCIM id names, if it names one.
pub fn parse_id(id: &str) -> Option<i64> {
    id.strip_prefix('g')?.parse().ok()
}

/// The Group resource of a group.
pub fn group(g: &ProvisionedGroup, base: &str) -> Value {
    let members: Vec<Value> = g
        .names
        .iter()
        .map(|(id, _)| {
            json!({
                "value": id.to_string(),
                "type": "User",
                "$ref": format!("{base}/Users/{id}"),
            })
        })
        .collect();
    let mut group = json!({
        "schemas": [GROUP_SCHEMA],
        "id": scim_id(g.id),
        "displayName": g.profile.display_name,
        "members": members,
        "meta": {
            "resourceType": "Group",
            "created": iso(g.created),
            "lastModified": iso(g.last_modified),
            "location": format!("{base}/Groups/{}", scim_id(g.id)),
        },
    });
    if let Some(external_id) = &g.profile.external_id {
        group["externalId"] = json!(external_id);
    }
    group
}

/// The people a `members` value names, by their ids (a list of `{"value": …}`, or one).
pub fn member_ids(value: &Value) -> DomainResult<Vec<i64>> {
    let entries = match value {
        Value::Array(entries) => entries.as_slice(),
        Value::Object(_) => std::slice::from_ref(value),
        Value::Null => return Ok(Vec::new()),
        _ => return Err(refused("invalidValue", "members is a list of {\"value\": user id}.")),
    };
    entries
        .iter()
        .map(|entry| {
            let id = member(entry, "value")
                .and_then(Value::as_str)
                .and_then(|v| v.parse().ok());
            id.ok_or_else(|| refused("invalidValue", "Each member's value is a user's id."))
        })
        .collect()
}

/// What a Group body says (a create, or a replace: members left out are none).
pub fn profile(body: &Value) -> DomainResult<GroupProfile> {
    if !body.is_object() {
        return Err(refused("invalidSyntax", "A Group is a JSON object."));
    }
    let text = |name: &str| match member(body, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(refused("invalidValue", format!("{name} must be a string."))),
    };
    Ok(GroupProfile {
        display_name: text("displayName")?.unwrap_or_default(),
        external_id: text("externalId")?,
        members: member(body, "members").map(member_ids).transpose()?.unwrap_or_default(),
    })
}
