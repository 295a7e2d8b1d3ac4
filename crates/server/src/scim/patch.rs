//! PATCH (RFC 7644 §3.5.2): `add`, `replace` and `remove` operations on a person, applied in
//! order to the profile as it is, inside the domain's transaction. Paths may carry the schema's
//! URN and a value filter (`emails[type eq "work"].value`: there is one address). Attributes this
//! service does not keep (an enterprise extension's department, a title) are ignored, as in a
//! create: identity providers send them to every application.

use common::scim::{GroupProfile, Profile};
use common::{DomainError, DomainResult};
use serde_json::Value;

use super::group_json::member_ids;
use super::json::{bare, chosen_email, flag, member, refused as scim};

const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    Add,
    Replace,
    Remove,
}

/// One operation, read and checked before anything is applied.
#[derive(Clone, Debug)]
pub struct Operation {
    verb: Verb,
    path: Option<String>,
    value: Value,
}

/// The operations of a PatchOp body.
pub fn operations(body: &Value) -> DomainResult<Vec<Operation>> {
    let schemas_ok = member(body, "schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|s| s.as_str() == Some(PATCH_SCHEMA)));
    if !schemas_ok {
        return Err(scim(
            "invalidSyntax",
            format!("A PATCH body names the schema {PATCH_SCHEMA}."),
        ));
    }
    let Some(Value::Array(list)) = member(body, "Operations") else {
        return Err(scim("invalidSyntax", "A PATCH body has a list of Operations."));
    };
    list.iter()
        .map(|op| {
            let verb = match member(op, "op")
                .and_then(Value::as_str)
                .map(str::to_lowercase)
                .as_deref()
            {
                Some("add") => Verb::Add,
                Some("replace") => Verb::Replace,
                Some("remove") => Verb::Remove,
                _ => return Err(scim("invalidSyntax", "Each operation's op is add, replace or remove.")),
            };
            let path = match member(op, "path") {
                None => None,
                Some(Value::String(path)) => Some(path.clone()),
                Some(_) => return Err(scim("invalidPath", "A path is a string.")),
            };
            let value = member(op, "value").cloned().unwrap_or(Value::Null);
            match (verb, &path) {
                (Verb::Remove, None) => Err(scim("noTarget", "A remove names the path it removes.")),
                (Verb::Add | Verb::Replace, None) if !value.is_object() => Err(scim(
                    "invalidValue",
                    "Without a path, the value is an object of attributes.",
                )),
                _ => Ok(Operation { verb, path, value }),
            }
        })
        .collect()
}

/// The profile after the operations.
pub fn apply(mut profile: Profile, operations: &[Operation]) -> DomainResult<Profile> {
    for op in operations {
        match &op.path {
            Some(path) => set(&mut profile, op.verb, &flatten(path)?, &op.value)?,
            None => {
                for (name, value) in op.value.as_object().into_iter().flatten() {
                    set(&mut profile, op.verb, &bare(name), value)?;
                }
            }
        }
    }
    Ok(profile)
}

/// The group after the operations. Members are added, removed (by `members[value eq "…"]`, or
/// by a list of values, as Entra ID sends) or replaced; `displayName` and `externalId` are set.
pub fn apply_group(mut group: GroupProfile, operations: &[Operation]) -> DomainResult<GroupProfile> {
    for op in operations {
        match &op.path {
            Some(path) => set_group(&mut group, op.verb, path, &op.value)?,
            None => {
                for (name, value) in op.value.as_object().into_iter().flatten() {
                    set_group(&mut group, op.verb, name, value)?;
                }
            }
        }
    }
    Ok(group)
}

fn set_group(g: &mut GroupProfile, verb: Verb, path: &str, value: &Value) -> DomainResult<()> {
    let bare_path = bare(path);
    // `members[value eq "42"]`: the one member it names.
    if let Some(inner) = bare_path
        .strip_prefix("members[")
        .and_then(|rest| rest.strip_suffix(']'))
    {
        let named = inner
            .strip_prefix("value eq ")
            .and_then(|v| serde_json::from_str::<String>(v.trim()).ok())
            .and_then(|v| v.parse::<i64>().ok())
            .ok_or_else(|| scim("invalidFilter", format!("“{path}” names members by value eq \"id\".")))?;
        return match verb {
            Verb::Remove => {
                g.members.retain(|m| *m != named);
                Ok(())
            }
            _ => Err(scim(
                "invalidPath",
                "A member is added with the path members and a value.",
            )),
        };
    }
    match (bare_path.as_str(), verb) {
        ("displayname", Verb::Remove) => return Err(required("displayName")),
        ("displayname", _) => g.display_name = string(value, "displayName")?,
        ("externalid", Verb::Remove) => g.external_id = None,
        ("externalid", _) => g.external_id = Some(string(value, "externalId")?),
        ("members", Verb::Add) => {
            for id in member_ids(value)? {
                if !g.members.contains(&id) {
                    g.members.push(id);
                }
            }
        }
        ("members", Verb::Replace) => g.members = member_ids(value)?,
        ("members", Verb::Remove) if value.is_null() => g.members.clear(),
        ("members", Verb::Remove) => {
            let gone = member_ids(value)?;
            g.members.retain(|m| !gone.contains(m));
        }
        _ => {}
    }
    Ok(())
}

/// A path without its URN, in lower case, with its value filter taken out: there is one address,
/// so `emails[type eq "work"].value` is `emails.value`.
fn flatten(path: &str) -> DomainResult<String> {
    let path = bare(path);
    match path.split_once('[') {
        None => Ok(path),
        Some((outer, inner)) => match inner.split_once(']') {
            Some((_, after)) => Ok(format!("{outer}{after}")),
            None => Err(scim(
                "invalidPath",
                format!("“{path}” opens a filter it does not close."),
            )),
        },
    }
}

fn string(value: &Value, name: &str) -> DomainResult<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        // Microsoft Entra ID sends some single values as a list of one `{"value": …}`.
        Value::Array(items) if items.len() == 1 => string(member(&items[0], "value").unwrap_or(&items[0]), name),
        _ => Err(scim("invalidValue", format!("{name} is a string."))),
    }
}

fn required(name: &str) -> DomainError {
    scim(
        "mutability",
        format!("{name} is required; it can be replaced, not removed."),
    )
}

fn set(p: &mut Profile, verb: Verb, path: &str, value: &Value) -> DomainResult<()> {
    let remove = verb == Verb::Remove;
    match path {
        "username" if remove => return Err(required("userName")),
        "username" => p.user_name = string(value, "userName")?,
        "externalid" if remove => p.external_id = None,
        "externalid" => p.external_id = Some(string(value, "externalId")?),
        "active" if remove => return Err(required("active")),
        "active" => p.active = flag(value, "active").map_err(|_| scim("invalidValue", "active is true or false."))?,
        "name" if remove => (p.given_name, p.family_name) = (String::new(), String::new()),
        "name" => {
            if !value.is_object() {
                return Err(scim("invalidValue", "name is an object."));
            }
            for (part, target) in [("givenName", &mut p.given_name), ("familyName", &mut p.family_name)] {
                match member(value, part) {
                    Some(v) => *target = string(v, part)?,
                    // A replace sets the whole name; an add only what it names.
                    None if verb == Verb::Replace => target.clear(),
                    None => {}
                }
            }
        }
        "name.givenname" if remove => p.given_name.clear(),
        "name.givenname" => p.given_name = string(value, "name.givenName")?,
        "name.familyname" if remove => p.family_name.clear(),
        "name.familyname" => p.family_name = string(value, "name.familyName")?,
        "emails" | "emails.value" if remove => return Err(required("emails")),
        "emails" => {
            let email = chosen_email(value)
                .map_err(|_| scim("invalidValue", "emails is a list of addresses."))?
                .ok_or_else(|| scim("invalidValue", "emails holds an address."))?;
            p.email = email.value;
            p.email_primary = email.primary;
            if email.kind.is_some() || verb == Verb::Replace {
                p.email_type = email.kind;
            }
        }
        "emails.value" => p.email = string(value, "emails.value")?,
        "emails.type" if remove => p.email_type = None,
        "emails.type" => p.email_type = Some(string(value, "emails.type")?),
        "emails.primary" if remove => p.email_primary = true,
        "emails.primary" => {
            p.email_primary =
                flag(value, "emails.primary").map_err(|_| scim("invalidValue", "primary is true or false."))?
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ada() -> Profile {
        Profile {
            user_name: "ada@acme.test".into(),
            external_id: Some("00u1".into()),
            given_name: "Ada".into(),
            family_name: "Lovelace".into(),
            email: "ada@acme.test".into(),
            email_type: Some("work".into()),
            email_primary: true,
            active: true,
        }
    }

    fn patched(ops: Value) -> DomainResult<Profile> {
        let body = json!({ "schemas": [PATCH_SCHEMA], "Operations": ops });
        apply(ada(), &operations(&body)?)
    }

    #[test]
    fn okta_deactivates_with_a_value_object() {
        let p = patched(json!([{ "op": "replace", "value": { "active": false } }])).unwrap();
        assert!(!p.active);
    }

    #[test]
    fn entra_sends_capitalised_ops_string_flags_and_filtered_paths() {
        let p = patched(json!([
            { "op": "Replace", "path": "active", "value": "False" },
            { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "ada.l@acme.test" },
            { "op": "Add", "path": "name.givenName", "value": "Augusta" },
            { "op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "R&D" },
        ]))
        .unwrap();
        assert!(!p.active);
        assert_eq!(p.email, "ada.l@acme.test");
        assert_eq!(p.given_name, "Augusta");
        assert_eq!(p.family_name, "Lovelace");
    }

    #[test]
    fn removing_what_is_required_is_refused_and_the_rest_is_cleared() {
        assert_eq!(
            patched(json!([{ "op": "remove", "path": "userName" }]))
                .unwrap_err()
                .code,
            "mutability"
        );
        assert_eq!(patched(json!([{ "op": "remove" }])).unwrap_err().code, "noTarget");
        let p = patched(json!([{ "op": "remove", "path": "externalId" }, { "op": "remove", "path": "name" }])).unwrap();
        assert_eq!((p.external_id, p.given_name.as_str()), (None, ""));
    }

    #[test]
    fn okta_and_entra_change_members_their_ways() {
        let group = GroupProfile {
            display_name: "Leads".into(),
            external_id: None,
            members: vec![1, 2],
        };
        let body = json!({ "schemas": [PATCH_SCHEMA], "Operations": [
            { "op": "add", "path": "members", "value": [{ "value": "3" }] },
            { "op": "remove", "path": "members[value eq \"1\"]" },
            { "op": "Remove", "path": "members", "value": [{ "value": "2" }] },
            { "op": "replace", "value": { "displayName": "Team leads" } },
        ]});
        let after = apply_group(group, &operations(&body).unwrap()).unwrap();
        assert_eq!((after.display_name.as_str(), after.members), ("Team leads", vec![3]));
    }

    #[test]
    fn a_body_without_the_patch_schema_is_refused() {
        let body = json!({ "Operations": [] });
        assert_eq!(operations(&body).unwrap_err().code, "invalidSyntax");
    }
}
