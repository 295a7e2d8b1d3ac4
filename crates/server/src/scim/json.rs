//! A person as SCIM's User resource, both ways, and the answer's shape: lists, and the
//! `attributes`/`excludedAttributes` a client may ask for. Attribute names are compared without
//! case (RFC 7643 §2.1), and a name may carry its schema's URN.

use common::iso;
use common::scim::{Profile, ProvisionedUser};
use serde_json::{json, Map, Value};

use common::{DomainError, DomainResult, Kind};

/// A refusal with the `scimType` RFC 7644 §3.12 names (the SCIM error body carries it).
pub fn refused(scim_type: &'static str, message: impl Into<String>) -> DomainError {
    DomainError::new(Kind::Invalid, scim_type, message)
}

pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/// A page of resources as a ListResponse.
pub fn list(total: i64, start_index: i64, resources: Vec<Value>) -> Value {
    json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start_index,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    })
}

/// The User resource of a person; unassigned attributes are left out.
pub fn user(person: &ProvisionedUser, base: &str) -> Value {
    let p = &person.profile;
    let mut user = json!({
        "schemas": [USER_SCHEMA],
        "id": person.id.to_string(),
        "userName": p.user_name,
        "active": p.active,
        "meta": {
            "resourceType": "User",
            "created": iso(person.created),
            "lastModified": iso(person.last_modified),
            "location": format!("{base}/Users/{}", person.id),
        },
    });
    if let Some(external_id) = &p.external_id {
        user["externalId"] = json!(external_id);
    }
    let mut name = Map::new();
    for (key, value) in [("givenName", &p.given_name), ("familyName", &p.family_name)] {
        if !value.is_empty() {
            name.insert(key.into(), json!(value));
        }
    }
    if !name.is_empty() {
        user["name"] = Value::Object(name);
    }
    let mut email = json!({ "value": p.email, "primary": p.email_primary });
    if let Some(kind) = &p.email_type {
        email["type"] = json!(kind);
    }
    user["emails"] = json!([email]);
    user
}

/// An attribute's name without its schema's URN, in lower case: `urn:…:User:userName` and
/// `USERNAME` are both `username`.
pub fn bare(name: &str) -> String {
    let name = name.trim();
    // The URN ends at its last colon; a value filter after it may hold colons of its own.
    let name = match name.strip_prefix("urn:") {
        Some(_) => {
            let head = name.split('[').next().unwrap_or(name);
            &name[head.rfind(':').map_or(0, |i| i + 1)..]
        }
        None => name,
    };
    name.to_lowercase()
}

/// An object's member by name, in any case.
pub fn member<'a>(object: &'a Value, name: &str) -> Option<&'a Value> {
    object
        .as_object()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
        .filter(|value| !value.is_null())
}

fn text(object: &Value, name: &str) -> DomainResult<Option<String>> {
    match member(object, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(refused("invalidValue", format!("{name} must be a string."))),
    }
}

/// A boolean as clients send it: `true`, or `"True"` (Microsoft Entra ID sends strings).
pub fn flag(value: &Value, name: &str) -> DomainResult<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(refused("invalidValue", format!("{name} must be true or false."))),
    }
}

/// One address as `emails` gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub value: String,
    pub kind: Option<String>,
    /// Absent counts as primary: it is the one address kept.
    pub primary: bool,
}

/// The address an `emails` value names: its primary entry, else its first.
pub fn chosen_email(emails: &Value) -> DomainResult<Option<Email>> {
    let entries = match emails {
        Value::Array(entries) => entries.as_slice(),
        Value::Object(_) => std::slice::from_ref(emails),
        Value::Null => return Ok(None),
        _ => return Err(refused("invalidValue", "emails must be a list of addresses.")),
    };
    let primary = entries
        .iter()
        .find(|e| member(e, "primary").is_some_and(|p| flag(p, "primary").unwrap_or(false)));
    let Some(entry) = primary.or(entries.first()) else {
        return Ok(None);
    };
    let Some(value) = text(entry, "value")? else {
        return Ok(None);
    };
    let primary = match member(entry, "primary") {
        Some(flagged) => flag(flagged, "primary")?,
        None => true,
    };
    Ok(Some(Email {
        value,
        kind: text(entry, "type")?,
        primary,
    }))
}

/// What a User body says. `current` is the person as they are, for a replace: what a replace
/// leaves out that an account cannot be without (its address, whether it is active) stays.
pub fn profile(body: &Value, current: Option<&Profile>) -> DomainResult<Profile> {
    if !body.is_object() {
        return Err(refused("invalidSyntax", "A User is a JSON object."));
    }
    let user_name = text(body, "userName")?.unwrap_or_default();
    let name = member(body, "name");
    let name_part = |part: &str| -> DomainResult<String> {
        Ok(match name {
            Some(name) => text(name, part)?.unwrap_or_default(),
            None => String::new(),
        })
    };
    let email = match member(body, "emails").map(chosen_email).transpose()?.flatten() {
        Some(found) => found,
        None => match current {
            Some(current) if !user_name.contains('@') => Email {
                value: current.email.clone(),
                kind: current.email_type.clone(),
                primary: current.email_primary,
            },
            // A userName that is an address names it (as Okta's usually is).
            _ => Email {
                value: if user_name.contains('@') {
                    user_name.clone()
                } else {
                    String::new()
                },
                kind: None,
                primary: true,
            },
        },
    };
    let active = match member(body, "active") {
        Some(value) => flag(value, "active")?,
        None => current.is_none_or(|c| c.active),
    };
    Ok(Profile {
        user_name,
        external_id: text(body, "externalId")?,
        given_name: name_part("givenName")?,
        family_name: name_part("familyName")?,
        email: email.value,
        email_type: email.kind,
        email_primary: email.primary,
        active,
    })
}

/// Which attributes an answer carries (RFC 7644 §3.9). `id`, `schemas` and `meta` are always
/// returned: what a resource is, and its type in a search across types.
#[derive(Clone, Default)]
pub struct Shown {
    only: Vec<String>,
    without: Vec<String>,
}

impl Shown {
    /// From the comma-separated lists a query or a search body gives.
    pub fn new(attributes: Option<&str>, excluded: Option<&str>) -> Shown {
        let names = |list: Option<&str>| -> Vec<String> {
            list.unwrap_or_default()
                .split(',')
                .map(bare)
                .filter(|n| !n.is_empty())
                .collect()
        };
        Shown {
            only: names(attributes),
            without: names(excluded),
        }
    }

    pub fn apply(&self, mut resource: Value) -> Value {
        let Some(object) = resource.as_object_mut() else {
            return resource;
        };
        let always = |key: &str| key == "id" || key == "schemas" || key == "meta";
        if !self.only.is_empty() {
            let keys: Vec<String> = object.keys().cloned().collect();
            for key in keys {
                let lower = key.to_lowercase();
                let whole = self.only.contains(&lower);
                let parts: Vec<&str> = self
                    .only
                    .iter()
                    .filter_map(|n| n.strip_prefix(&format!("{lower}.")))
                    .collect();
                if always(&key) || whole {
                    continue;
                }
                if parts.is_empty() {
                    object.remove(&key);
                } else if let Some(Value::Object(inner)) = object.get_mut(&key) {
                    inner.retain(|k, _| parts.contains(&k.to_lowercase().as_str()));
                }
            }
        }
        for name in &self.without {
            match name.split_once('.') {
                Some((outer, inner)) => {
                    if let Some((_, Value::Object(o))) = object.iter_mut().find(|(k, _)| k.to_lowercase() == outer) {
                        o.retain(|k, _| k.to_lowercase() != inner);
                    }
                }
                None => object.retain(|k, _| always(k) || k.to_lowercase() != *name),
            }
        }
        resource
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_urn_and_case() {
        assert_eq!(bare("urn:ietf:params:scim:schemas:core:2.0:User:userName"), "username");
        assert_eq!(
            bare("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName"),
            "name.givenname"
        );
        assert_eq!(bare(" Emails "), "emails");
        assert_eq!(
            bare("urn:ietf:params:scim:schemas:core:2.0:User:emails[value eq \"a:b\"]"),
            "emails[value eq \"a:b\"]"
        );
    }

    #[test]
    fn entra_strings_are_flags() {
        assert!(!flag(&json!("False"), "active").unwrap());
        assert!(flag(&json!(true), "active").unwrap());
        assert!(flag(&json!(1), "active").is_err());
    }

    #[test]
    fn the_primary_address_is_the_one_kept() {
        let emails =
            json!([{ "value": "a@x.test", "type": "home" }, { "value": "b@x.test", "type": "work", "primary": true }]);
        let chosen = chosen_email(&emails).unwrap().unwrap();
        assert_eq!(
            (chosen.value.as_str(), chosen.kind.as_deref(), chosen.primary),
            ("b@x.test", Some("work"), true)
        );
    }

    #[test]
    fn shown_keeps_id_and_what_was_asked() {
        let user = json!({ "schemas": [], "id": "1", "userName": "a", "name": { "givenName": "A", "familyName": "B" }, "active": true });
        let only = Shown::new(Some("name.familyName"), None).apply(user.clone());
        assert_eq!(only, json!({ "schemas": [], "id": "1", "name": { "familyName": "B" } }));
        let kept = Shown::new(Some("userName"), Some("meta")).apply(json!({ "id": "1", "meta": {}, "active": true }));
        assert_eq!(kept, json!({ "id": "1", "meta": {} }));
        let without = Shown::new(None, Some("active,id")).apply(user);
        assert!(without.get("active").is_none() && without.get("id").is_some());
    }
}
