//! The OpenAPI document. Its operations come from the same registrations as the router
//! (`routes::api`); this module adds what every operation shares: the bearer scheme, and the
//! answers any operation can give besides its own (malformed bodies, sign-in, limits, overload).

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::http::Method;
use contract::TokenScope;

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder};
use utoipa::OpenApi as _;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "org-area API",
        description = "The organization area: spaces, users, settings, subscription and activities. \
            Every refusal carries `{\"error\": {\"code\", \"message\", \"field\"}}`. \
            `message` is written for people in the language `Accept-Language` asks for (English or \
            German; English otherwise); `code` and `field` are the same in every language."
    ),
    components(schemas(
        contract::ApiErrorBody,
        contract::UserSort,
        contract::SortDir,
        contract::ExportFormat
    ))
)]
struct Base;

/// The document before any operation is registered.
pub fn base() -> OpenApi {
    Base::openapi()
}

fn error(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ApiErrorBody")))
                    .build(),
            )
            .build(),
    )
}

/// Add the answers an operation can give besides those its handler declares.
fn complete_operation(operation: &mut Operation) {
    let params = operation.parameters.as_deref().unwrap_or_default();
    let has_query = params.iter().any(|p| p.parameter_in == ParameterIn::Query);
    let has_path = params.iter().any(|p| p.parameter_in == ParameterIn::Path);
    let has_body = operation.request_body.is_some();
    let signed_in = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let mut add = |status: &str, description: &str, applies: bool| {
        if applies {
            operation
                .responses
                .responses
                .entry(status.to_string())
                .or_insert_with(|| error(description));
        }
    };
    add("400", "The body is not valid JSON", has_body);
    add("401", "No session, or it ended", signed_in);
    // Any signed-in call can meet an organization that requires two-factor sign-in of someone who
    // has not set it up yet (`two_factor_setup_required`), whatever else the operation refuses.
    add(
        "403",
        "Not allowed: the role may not do this, or two-factor sign-in must be set up first",
        signed_in,
    );
    add("404", "Nothing exists at this address", has_path);
    add("413", "The body is larger than this endpoint accepts", has_body);
    add("415", "The body is not of a type this endpoint accepts", has_body);
    add(
        "422",
        "A parameter or field is missing, of the wrong type or refused; `field` names it",
        has_body || has_query,
    );
    add("500", "Something went wrong on the server", true);
    add(
        "503",
        "The server is busy or took too long; Retry-After says when to try again",
        true,
    );
}

/// The finished document: the bearer scheme and every operation's shared answers.
pub fn finish(mut doc: OpenApi) -> OpenApi {
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
    );
    components.add_security_scheme(
        TOKEN_SCHEME,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "A personal access token (`oat_…`, made under Account → Access tokens), as \
                     `Bearer TOKEN` or bare. The operation's scope is named in its security; \
                     operations without this scheme refuse tokens with 403.",
                ))
                .build(),
        ),
    );
    for item in doc.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            complete_operation(operation);
        }
    }
    doc
}

/// The security scheme of personal access tokens; its scopes are [`TokenScope`]'s names.
pub const TOKEN_SCHEME: &str = "access_token";

static PUBLISHED: OnceLock<String> = OnceLock::new();
static TOKEN_SCOPES: OnceLock<HashMap<(Method, String), TokenScope>> = OnceLock::new();

/// The scope each operation that takes personal access tokens needs, read from the document: the
/// registrations' `security((TOKEN_SCHEME = ["read"]))` are the one list, for the callers' check
/// and for the readers of the document alike.
fn token_scopes_of(doc: &OpenApi) -> HashMap<(Method, String), TokenScope> {
    let mut scopes = HashMap::new();
    let Ok(serde_json::Value::Object(paths)) = serde_json::to_value(&doc.paths.paths) else {
        return scopes;
    };
    for (path, item) in paths {
        let serde_json::Value::Object(operations) = item else {
            continue;
        };
        for (method, operation) in operations {
            let Ok(method) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            let requirements = operation["security"].as_array().cloned().unwrap_or_default();
            let named = requirements.iter().filter_map(|r| r[TOKEN_SCHEME].as_array()).flatten();
            if let Some(scope) = named.filter_map(|s| s.as_str().and_then(TokenScope::parse)).next() {
                scopes.insert((method, path.clone()), scope);
            }
        }
    }
    scopes
}

/// The scope a personal access token needs for the operation at `path` (the route's template,
/// `/api/v1/orgs/me/users/{user_id}`); None when the operation takes no tokens.
pub fn token_scope(method: &Method, path: &str) -> Option<TokenScope> {
    TOKEN_SCOPES.get()?.get(&(method.clone(), path.to_owned())).copied()
}

/// Keep the finished document as the JSON `GET /api/v1/openapi.json` serves. The first router
/// built in the process publishes it; every router is built from the same registrations.
pub fn publish(doc: &OpenApi) {
    if let Ok(json) = doc.to_json() {
        let _ = PUBLISHED.set(json);
    }
    let _ = TOKEN_SCOPES.set(token_scopes_of(doc));
}

pub fn published() -> Option<&'static str> {
    PUBLISHED.get().map(String::as_str)
}
