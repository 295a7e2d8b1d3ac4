//! The discovery endpoints (RFC 7644 §4): what this service supports, its one resource type
//! (User) and the schemas, the User's published exactly as `json::user` writes and reads it (a
//! client fills what it is told exists, so nothing is listed that is not kept).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{json, Value};

use super::group_json::GROUP_SCHEMA;
use super::json::{list, USER_SCHEMA};
use super::{base, Provisioner, Scim, ScimError, ScimResult};
use crate::AppState;

const SCHEMA_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const RESOURCE_TYPE_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const CONFIG_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
/// The most people one page holds.
pub const MAX_RESULTS: i64 = 200;

/// `GET /ServiceProviderConfig`.
pub async fn config(State(state): State<AppState>, _: Provisioner) -> ScimResult {
    Ok(Scim(
        StatusCode::OK,
        json!({
            "schemas": [CONFIG_SCHEMA],
            "patch": { "supported": true },
            "bulk": { "supported": false, "maxOperations": 0, "maxPayloadSize": 0 },
            "filter": { "supported": true, "maxResults": MAX_RESULTS },
            "changePassword": { "supported": false },
            "sort": { "supported": false },
            "etag": { "supported": false },
            "authenticationSchemes": [{
                "type": "oauthbearertoken",
                "name": "SCIM token",
                "description": "The bearer token generated under Settings → SSO & Provisioning.",
                "primary": true,
            }],
            "meta": {
                "resourceType": "ServiceProviderConfig",
                "location": format!("{}/ServiceProviderConfig", base(&state)),
            },
        }),
    ))
}

fn user_type(base: &str) -> Value {
    json!({
        "schemas": [RESOURCE_TYPE_SCHEMA],
        "id": "User",
        "name": "User",
        "endpoint": "/Users",
        "description": "A person of the organization.",
        "schema": USER_SCHEMA,
        "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User") },
    })
}

fn group_type(base: &str) -> Value {
    json!({
        "schemas": [RESOURCE_TYPE_SCHEMA],
        "id": "Group",
        "name": "Group",
        "endpoint": "/Groups",
        "description": "A group of the organization's people; the tab chooses the role it gives.",
        "schema": GROUP_SCHEMA,
        "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/Group") },
    })
}

/// `GET /ResourceTypes`.
pub async fn resource_types(State(state): State<AppState>, _: Provisioner) -> ScimResult {
    let base = base(&state);
    Ok(Scim(
        StatusCode::OK,
        list(2, 1, vec![user_type(&base), group_type(&base)]),
    ))
}

/// `GET /ResourceTypes/{name}`.
pub async fn resource_type(State(state): State<AppState>, _: Provisioner, Path(name): Path<String>) -> ScimResult {
    match name.as_str() {
        "User" => Ok(Scim(StatusCode::OK, user_type(&base(&state)))),
        "Group" => Ok(Scim(StatusCode::OK, group_type(&base(&state)))),
        _ => Err(ScimError::not_found(format!("There is no resource type “{name}”."))),
    }
}

/// `GET /Schemas`.
pub async fn schemas(State(state): State<AppState>, _: Provisioner) -> ScimResult {
    let all = all_schemas(&base(&state));
    Ok(Scim(StatusCode::OK, list(all.len() as i64, 1, all)))
}

/// `GET /Schemas/{id}`.
pub async fn schema(State(state): State<AppState>, _: Provisioner, Path(id): Path<String>) -> ScimResult {
    all_schemas(&base(&state))
        .into_iter()
        .find(|s| s["id"] == id.as_str())
        .map(|s| Scim(StatusCode::OK, s))
        .ok_or_else(|| ScimError::not_found(format!("There is no schema “{id}”.")))
}

/// One attribute's definition (RFC 7643 §7), `readWrite`, returned by default, not unique,
/// unless changed with the methods below.
struct Attr(Value);

impl Attr {
    fn new(name: &str, kind: &str, description: &str) -> Attr {
        Attr(json!({
            "name": name,
            "type": kind,
            "multiValued": false,
            "description": description,
            "required": false,
            "caseExact": false,
            "mutability": "readWrite",
            "returned": "default",
            "uniqueness": "none",
        }))
    }
    fn required(mut self) -> Attr {
        self.0["required"] = json!(true);
        self
    }
    fn many(mut self) -> Attr {
        self.0["multiValued"] = json!(true);
        self
    }
    fn case_exact(mut self) -> Attr {
        self.0["caseExact"] = json!(true);
        self
    }
    fn read_only(mut self) -> Attr {
        self.0["mutability"] = json!("readOnly");
        self
    }
    fn unique(mut self) -> Attr {
        self.0["uniqueness"] = json!("server");
        self
    }
    fn immutable(mut self) -> Attr {
        self.0["mutability"] = json!("immutable");
        self
    }
    fn references(mut self, kinds: &[&str]) -> Attr {
        self.0["referenceTypes"] = json!(kinds);
        self
    }
    fn canonical(mut self, values: &[&str]) -> Attr {
        self.0["canonicalValues"] = json!(values);
        self
    }
    fn of(mut self, sub: Vec<Attr>) -> Attr {
        self.0["subAttributes"] = Value::Array(sub.into_iter().map(|a| a.0).collect());
        self
    }
}

fn schema_of(id: &str, name: &str, description: &str, attributes: Vec<Attr>, base: &str) -> Value {
    json!({
        "schemas": [SCHEMA_SCHEMA],
        "id": id,
        "name": name,
        "description": description,
        "attributes": attributes.into_iter().map(|a| a.0).collect::<Vec<_>>(),
        "meta": { "resourceType": "Schema", "location": format!("{base}/Schemas/{id}") },
    })
}

/// The User as kept here: what `json::user` writes.
fn user_schema(base: &str) -> Value {
    let s = "string";
    schema_of(
        USER_SCHEMA,
        "User",
        "A person of the organization. The address must be at a domain the organization verified.",
        vec![
            Attr::new("userName", s, "Unique in the organization, compared without case.")
                .required()
                .unique(),
            Attr::new("name", "complex", "The person's name.").of(vec![
                Attr::new("givenName", s, "Given name."),
                Attr::new("familyName", s, "Family name."),
            ]),
            Attr::new(
                "emails",
                "complex",
                "The account's address: one is kept, the primary one if several are sent.",
            )
            .many()
            .required()
            .of(vec![
                Attr::new("value", s, "The address, at a verified domain.").required(),
                Attr::new("type", s, "What kind of address it is.").canonical(&["work", "home", "other"]),
                Attr::new("primary", "boolean", "Whether the provider calls it primary."),
            ]),
            // Every account is active or not, so it is always given (and cannot be removed).
            Attr::new(
                "active",
                "boolean",
                "False suspends the person: signed out everywhere and kept out.",
            )
            .required(),
        ],
        base,
    )
}

/// The Group as kept here: what `group_json::group` writes.
fn group_schema(base: &str) -> Value {
    schema_of(
        GROUP_SCHEMA,
        "Group",
        "A group of the organization's people.",
        vec![
            Attr::new(
                "displayName",
                "string",
                "Unique in the organization, compared without case.",
            )
            .required()
            .unique(),
            Attr::new("members", "complex", "People of the organization.")
                .many()
                .of(vec![
                    Attr::new("value", "string", "The person's id.").immutable(),
                    Attr::new("$ref", "reference", "The person's URI.")
                        .immutable()
                        .references(&["User"]),
                    Attr::new("type", "string", "What the member is.")
                        .immutable()
                        .canonical(&["User"]),
                ]),
        ],
        base,
    )
}

/// The three schemas that describe the discovery answers themselves (RFC 7643 §7).
fn meta_schemas(base: &str) -> Vec<Value> {
    let (s, r) = ("string", "reference");
    let attribute_fields = || {
        vec![
            Attr::new("name", s, "The attribute's name.").required().case_exact(),
            Attr::new("type", s, "Its data type.").required(),
            Attr::new("multiValued", "boolean", "Whether it holds many values.").required(),
            Attr::new("description", s, "What it is."),
            Attr::new("required", "boolean", "Whether it must be given."),
            Attr::new("canonicalValues", s, "Suggested values.").many(),
            Attr::new("caseExact", "boolean", "Whether case matters."),
            Attr::new("mutability", s, "How it may change."),
            Attr::new("returned", s, "When it is returned."),
            Attr::new("uniqueness", s, "How unique it is."),
            Attr::new("referenceTypes", s, "What a reference may name.").many(),
        ]
    };
    let mut attribute = attribute_fields();
    attribute.push(
        Attr::new("subAttributes", "complex", "Its sub-attributes.")
            .many()
            .of(attribute_fields()),
    );
    let supported = |what: &str| {
        Attr::new(what, "complex", "Whether it is supported.")
            .required()
            .of(vec![Attr::new("supported", "boolean", "Supported.").required()])
    };
    vec![
        schema_of(
            RESOURCE_TYPE_SCHEMA,
            "ResourceType",
            "A kind of resource the service provides.",
            vec![
                Attr::new("id", s, "Its id.").read_only(),
                Attr::new("name", s, "Its name.").required().read_only(),
                Attr::new("description", s, "What it is.").read_only(),
                Attr::new("endpoint", r, "Where it is served, relative to the base URL.")
                    .required()
                    .read_only(),
                Attr::new("schema", r, "Its core schema's URI.")
                    .required()
                    .read_only()
                    .case_exact(),
                Attr::new("schemaExtensions", "complex", "Extensions of its schema.")
                    .many()
                    .read_only()
                    .of(vec![
                        Attr::new("schema", r, "The extension's URI.").required().case_exact(),
                        Attr::new("required", "boolean", "Whether it must be given.").required(),
                    ]),
            ],
            base,
        ),
        schema_of(
            CONFIG_SCHEMA,
            "ServiceProviderConfig",
            "What the service supports.",
            vec![
                Attr::new("documentationUri", r, "Help about the service.").read_only(),
                supported("patch").read_only(),
                Attr::new("bulk", "complex", "Bulk operations.")
                    .required()
                    .read_only()
                    .of(vec![
                        Attr::new("supported", "boolean", "Supported.").required(),
                        Attr::new("maxOperations", "integer", "Most operations at once.").required(),
                        Attr::new("maxPayloadSize", "integer", "Largest payload.").required(),
                    ]),
                Attr::new("filter", "complex", "Filtering.")
                    .required()
                    .read_only()
                    .of(vec![
                        Attr::new("supported", "boolean", "Supported.").required(),
                        Attr::new("maxResults", "integer", "Most results at once.").required(),
                    ]),
                supported("changePassword").read_only(),
                supported("sort").read_only(),
                supported("etag").read_only(),
                Attr::new("authenticationSchemes", "complex", "How clients authenticate.")
                    .many()
                    .required()
                    .read_only()
                    .of(vec![
                        Attr::new("type", s, "The scheme.").required(),
                        Attr::new("name", s, "Its name.").required(),
                        Attr::new("description", s, "What it is.").required(),
                        Attr::new("specUri", r, "Its specification."),
                        Attr::new("documentationUri", r, "Its help."),
                        Attr::new("primary", "boolean", "The preferred scheme."),
                    ]),
            ],
            base,
        ),
        schema_of(
            SCHEMA_SCHEMA,
            "Schema",
            "A resource's schema.",
            vec![
                Attr::new("id", s, "Its URI.").required().read_only(),
                Attr::new("name", s, "Its name.").read_only(),
                Attr::new("description", s, "What it is.").read_only(),
                Attr::new("attributes", "complex", "Its attributes.")
                    .many()
                    .required()
                    .read_only()
                    .of(attribute),
            ],
            base,
        ),
    ]
}

fn all_schemas(base: &str) -> Vec<Value> {
    let mut all = vec![user_schema(base), group_schema(base)];
    all.extend(meta_schemas(base));
    all
}
