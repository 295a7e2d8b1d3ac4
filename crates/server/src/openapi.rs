//! The OpenAPI document. Its operations come from the same registrations as the router
//! (`routes::api`); this module adds what every operation shares: the bearer scheme, and the
//! answers any operation can give besides its own (malformed bodies, sign-in, limits, overload).

use std::sync::OnceLock;

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

static PUBLISHED: OnceLock<String> = OnceLock::new();

/// Keep the finished document as the JSON `GET /api/v1/openapi.json` serves. The first router
/// built in the process publishes it; every router is built from the same registrations.
pub fn publish(doc: &OpenApi) {
    if let Ok(json) = doc.to_json() {
        let _ = PUBLISHED.set(json);
    }
}

pub fn published() -> Option<&'static str> {
    PUBLISHED.get().map(String::as_str)
}
