//! The OpenAPI document of the whole API, served at `/api/v1/openapi.json`. Every handler's
//! `#[utoipa::path]` must be listed here; a test checks that each route is documented.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "org-area API", description = "The organization area: spaces, users, settings and subscription."),
    paths(
        routes::health::health, routes::auth::login, routes::auth::logout, routes::auth::me, routes::orgs::me,
        routes::spaces::org_spaces, routes::spaces::add, routes::spaces::detach, routes::spaces::personal,
        routes::statistics::statistics,
        routes::collaborators::space, routes::collaborators::put, routes::collaborators::remove,
        routes::users::list, routes::users::csv, routes::users::change_role, routes::users::remove,
        routes::invitations::list, routes::invitations::create, routes::invitations::resend, routes::invitations::revoke,
        routes::invitations::accept,
        routes::settings::get, routes::settings::put, routes::settings::upload, routes::settings::remove_image,
        routes::branding::public, routes::branding::image,
        routes::subscription::get, routes::subscription::choose, routes::subscription::cancel,
        routes::subscription::resume, routes::invoices::list, routes::invoices::get, routes::invoices::document,
        routes::billing::get_billing, routes::billing::put_billing, routes::billing::get_payment,
        routes::billing::put_payment,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
