//! The API's HTTP handlers, each registered once below: the router and the OpenAPI document are
//! both made from these registrations, so no operation can exist undocumented. Handlers only
//! parse, call the domain layer and answer; no route module uses another.

mod account;
mod activities;
mod auth;
mod billing;
mod branding;
mod collaborators;
mod events;
mod health;
mod invitations;
mod invoices;
mod meta;
mod orgs;
mod saml;
mod sessions;
mod settings;
mod spaces;
mod sso;
mod sso_sign_in;
mod statistics;
mod subscription;
mod tokens;
mod undo;
mod users;
mod webhooks;

use axum::Router;
use utoipa::openapi::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// Every operation of `/api/v1`, and the document that describes them.
pub fn api() -> (Router<AppState>, OpenApi) {
    let (router, doc) = OpenApiRouter::with_openapi(crate::openapi::base())
        .routes(routes!(health::health))
        .routes(routes!(meta::document))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::two_factor))
        .routes(routes!(auth::check_password))
        .routes(routes!(auth::request_reset))
        .routes(routes!(auth::confirm_reset))
        .routes(routes!(account::get, account::update))
        .routes(routes!(account::change_password))
        .routes(routes!(account::start_two_factor))
        .routes(routes!(account::verify_two_factor))
        .routes(routes!(account::disable_two_factor))
        .routes(routes!(sessions::list))
        .routes(routes!(sessions::times))
        .routes(routes!(sessions::end))
        .routes(routes!(sessions::end_others))
        .routes(routes!(orgs::me))
        .routes(routes!(events::stream))
        .routes(routes!(spaces::list, spaces::add))
        .routes(routes!(spaces::detail, spaces::detach))
        .routes(routes!(spaces::personal))
        .routes(routes!(collaborators::put, collaborators::remove))
        .routes(routes!(statistics::statistics))
        .routes(routes!(statistics::usage_alert))
        .routes(routes!(users::list))
        .routes(routes!(users::export))
        .routes(routes!(users::search))
        .routes(routes!(users::change_role, users::remove))
        .routes(routes!(invitations::list, invitations::create))
        .routes(routes!(invitations::revoke))
        .routes(routes!(invitations::resend))
        .routes(routes!(invitations::accept))
        .routes(routes!(settings::get, settings::put))
        .routes(routes!(settings::upload, settings::remove_image))
        .routes(routes!(branding::public))
        .routes(routes!(branding::image))
        .routes(routes!(subscription::get, subscription::choose, subscription::cancel))
        .routes(routes!(subscription::resume))
        .routes(routes!(invoices::list))
        .routes(routes!(invoices::get))
        .routes(routes!(invoices::document))
        .routes(routes!(billing::get_billing, billing::put_billing))
        .routes(routes!(billing::get_payment, billing::put_payment))
        .routes(routes!(activities::list))
        .routes(routes!(activities::export))
        .routes(routes!(tokens::mine, tokens::create))
        .routes(routes!(tokens::revoke_mine))
        .routes(routes!(tokens::of_organization))
        .routes(routes!(tokens::revoke_any))
        .routes(routes!(webhooks::list, webhooks::add))
        .routes(routes!(webhooks::update, webhooks::delete))
        .routes(routes!(webhooks::roll_secret))
        .routes(routes!(webhooks::enable))
        .routes(routes!(webhooks::send_test))
        .routes(routes!(webhooks::deliveries))
        .routes(routes!(webhooks::redeliver))
        .routes(routes!(sso::get, sso::put))
        .routes(routes!(sso::add))
        .routes(routes!(sso::verify))
        .routes(routes!(sso::remove))
        .routes(routes!(sso::put_oidc, sso::remove_oidc))
        .routes(routes!(saml::put, saml::remove))
        .routes(routes!(saml::metadata))
        .routes(routes!(saml::acs))
        .routes(routes!(sso::generate_scim_token, sso::revoke_scim_token))
        .routes(routes!(sso::map_group))
        .routes(routes!(sso_sign_in::start))
        .routes(routes!(sso_sign_in::callback))
        .routes(routes!(sso_sign_in::exchange))
        .routes(routes!(sso_sign_in::test))
        .routes(routes!(sso_sign_in::test_result))
        .routes(routes!(undo::list))
        .routes(routes!(undo::undo))
        .split_for_parts();
    let doc = crate::openapi::finish(doc);
    crate::openapi::publish(&doc);
    (router, doc)
}
