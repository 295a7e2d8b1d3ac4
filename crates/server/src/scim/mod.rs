//! `/scim/v2`: SCIM 2.0 (RFC 7643, RFC 7644) for the organization's identity provider, with the
//! bearer token Settings → SSO & Provisioning shows once. This module speaks the protocol (its
//! JSON, filters, PATCH operations and error bodies); `domain::scim` keeps the people and the
//! rules. SCIM describes itself through its discovery endpoints rather than the OpenAPI document,
//! so these routes are registered here, once, and not under `/api/v1`.

mod discovery;
mod filter;
mod group_json;
mod groups;
mod json;
mod patch;
pub mod rate;
mod request;
mod search;
mod users;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use common::{ClientInfo, DomainError, Kind};
use contract::SCIM_PATH;
use serde_json::{json, Value};

use crate::on_db;
use crate::AppState;

/// The media type of every SCIM body (RFC 7644 §8.1).
pub const MEDIA_TYPE: &str = "application/scim+json";
const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// Every SCIM route, under [`SCIM_PATH`].
pub fn router() -> Router<AppState> {
    let v2 = Router::new()
        .route("/ServiceProviderConfig", get(discovery::config))
        .route("/ResourceTypes", get(discovery::resource_types))
        .route("/ResourceTypes/{name}", get(discovery::resource_type))
        .route("/Schemas", get(discovery::schemas))
        .route("/Schemas/{id}", get(discovery::schema))
        .route("/Users", get(users::list).post(users::create))
        .route("/Users/.search", post(users::search))
        .route("/.search", post(search::everything))
        .route("/Groups", get(groups::list).post(groups::create))
        .route("/Groups/.search", post(groups::search))
        .route(
            "/Groups/{id}",
            get(groups::get)
                .put(groups::replace)
                .patch(groups::patch)
                .delete(groups::delete),
        )
        .route(
            "/Users/{id}",
            get(users::get)
                .put(users::replace)
                .patch(users::patch)
                .delete(users::delete),
        )
        .fallback(|| async { ScimError::not_found("There is no such SCIM endpoint.") })
        .method_not_allowed_fallback(|| async {
            ScimError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                None,
                "This endpoint does not take that method.",
            )
        });
    Router::new().nest(SCIM_PATH, v2)
}

/// The organization a request provisions, proven by its SCIM token.
pub struct Provisioner {
    pub org_id: i64,
}

impl FromRequestParts<AppState> for Provisioner {
    type Rejection = ScimError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim().to_owned())
            .filter(|token| !token.is_empty())
            .ok_or_else(DomainError::unauthorized)?;
        let client = ClientInfo::from_request_parts(parts, state)
            .await
            .map_err(|_| ScimError::new(StatusCode::BAD_REQUEST, None, "The client could not be told."))?
            .ip;
        let org_id = on_db!(&state.db, |pool, domain| {
            domain::scim::provisioner(pool, &token, client).await
        })?;
        state.scim_rate.take(org_id).map_err(|wait| ScimError {
            retry_after: Some(wait.as_secs().max(1)),
            ..ScimError::new(
                StatusCode::TOO_MANY_REQUESTS,
                None,
                format!(
                    "More than {} requests in a minute; try again in {} seconds.",
                    rate::PER_MINUTE,
                    wait.as_secs().max(1)
                ),
            )
        })?;
        Ok(Provisioner { org_id })
    }
}

/// A SCIM answer: its JSON with the SCIM media type.
pub struct Scim(pub StatusCode, pub Value);

impl IntoResponse for Scim {
    fn into_response(self) -> Response {
        let mut response = (self.0, axum::Json(self.1)).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE));
        response
    }
}

/// A SCIM error body (RFC 7644 §3.12): the status, the `scimType` where the RFC names one, and
/// the detail in words.
#[derive(Clone, Debug)]
pub struct ScimError {
    status: StatusCode,
    scim_type: Option<&'static str>,
    detail: String,
    retry_after: Option<u64>,
}

impl ScimError {
    pub fn new(status: StatusCode, scim_type: Option<&'static str>, detail: impl Into<String>) -> ScimError {
        ScimError {
            status,
            scim_type,
            detail: detail.into(),
            retry_after: None,
        }
    }

    pub fn bad(scim_type: &'static str, detail: impl Into<String>) -> ScimError {
        ScimError::new(StatusCode::BAD_REQUEST, Some(scim_type), detail)
    }

    pub fn not_found(detail: impl Into<String>) -> ScimError {
        ScimError::new(StatusCode::NOT_FOUND, None, detail)
    }
}

/// The `scimType`s RFC 7644 §3.12 defines for a 400, which the domain's codes may name.
const BAD_REQUEST_TYPES: [&str; 9] = [
    "invalidFilter",
    "tooMany",
    "uniqueness",
    "mutability",
    "invalidSyntax",
    "invalidPath",
    "noTarget",
    "invalidValue",
    "invalidVers",
];

impl From<DomainError> for ScimError {
    fn from(err: DomainError) -> ScimError {
        let named = BAD_REQUEST_TYPES.iter().copied().find(|t| *t == err.code);
        let (status, scim_type) = match err.kind {
            // A change the schema forbids (an owner's address or access) is the RFC's
            // "mutability", a 400.
            Kind::Refused if named == Some("mutability") => (StatusCode::BAD_REQUEST, named),
            Kind::Invalid => (StatusCode::BAD_REQUEST, named.or(Some("invalidValue"))),
            Kind::Conflict => (StatusCode::CONFLICT, Some("uniqueness")),
            kind => (crate::error::status_of(kind), None),
        };
        let detail = match &err.field {
            Some(field) if !err.message.contains(field.as_str()) => format!("{field}: {}", err.message),
            _ => err.message,
        };
        ScimError {
            status,
            scim_type,
            detail,
            retry_after: err.retry_after.map(|wait| wait.as_secs().max(1)),
        }
    }
}

impl IntoResponse for ScimError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "schemas": [ERROR_SCHEMA],
            "status": self.status.as_u16().to_string(),
            "detail": self.detail,
        });
        if let Some(scim_type) = self.scim_type {
            body["scimType"] = json!(scim_type);
        }
        let mut response = Scim(self.status, body).into_response();
        let headers = response.headers_mut();
        if let Some(secs) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// 201 with a new resource and its `Location` (its `meta.location`).
fn created(resource: Value) -> Response {
    let location = resource["meta"]["location"].as_str().unwrap_or_default().to_owned();
    let mut response = Scim(StatusCode::CREATED, resource).into_response();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The base every `meta.location` starts with: the public URL the tab shows.
fn base(state: &AppState) -> String {
    format!("{}{SCIM_PATH}", state.links.public_url)
}

/// Answer the organization's state, for handlers that only read.
type ScimResult = Result<Scim, ScimError>;
