//! The `/api/v1` router.

pub mod auth;
pub mod billing;
pub mod branding;
pub mod collaborators;
pub mod health;
pub mod invitations;
pub mod invoices;
pub mod members;
pub mod orgs;
pub mod settings;
pub mod spaces;
pub mod statistics;
pub mod subscription;
pub mod users;

use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, patch, post, put};
use axum::Router;

use crate::error::ApiError;
use crate::AppState;

pub fn api_router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/health", get(health::health))
        .route("/openapi.json", get(crate::openapi::document))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/orgs/me", get(orgs::me))
        .route("/orgs/me/spaces", get(spaces::org_spaces).post(spaces::add))
        .route("/orgs/me/spaces/{id}", get(collaborators::space).delete(spaces::detach))
        .route(
            "/orgs/me/spaces/{id}/collaborators/{user_id}",
            put(collaborators::put).delete(collaborators::remove),
        )
        .route("/orgs/me/statistics", get(statistics::statistics))
        .route("/orgs/me/users", get(users::list))
        .route("/orgs/me/users.csv", get(users::csv))
        .route("/orgs/me/invitations", get(invitations::list).post(invitations::create))
        .route("/orgs/me/invitations/{id}", delete(invitations::revoke))
        .route("/orgs/me/invitations/{id}/resend", post(invitations::resend))
        .route("/invitations/accept", post(invitations::accept))
        .route("/orgs/me/users/{id}", patch(users::change_role).delete(users::remove))
        .route("/me/personal-spaces", get(spaces::personal))
        .route("/orgs/me/settings", get(settings::get).put(settings::put))
        .route(
            "/orgs/me/settings/{kind}",
            put(settings::upload)
                .delete(settings::remove_image)
                // Refused with a clear message above the image limits; far larger bodies are cut off.
                .layer(DefaultBodyLimit::max(2 * 1024 * 1024)),
        )
        .route(
            "/orgs/me/subscription",
            get(subscription::get)
                .put(subscription::choose)
                .delete(subscription::cancel),
        )
        .route("/orgs/me/subscription/resume", post(subscription::resume))
        .route("/orgs/me/invoices", get(invoices::list))
        .route("/orgs/me/invoices/{id}", get(invoices::get))
        .route("/orgs/me/invoices/{id}/document", get(invoices::document))
        .route("/orgs/me/billing", get(billing::get_billing).put(billing::put_billing))
        .route("/orgs/me/payment", get(billing::get_payment).put(billing::put_payment))
        .route("/branding/{org_slug}", get(branding::public))
        .route("/branding/{org_slug}/{kind}", get(branding::image))
        // An unknown API path is a JSON 404, never the app's index.html.
        .fallback(|| async { ApiError::not_found("This API endpoint") });
    Router::new().nest(contract::API_PREFIX, v1)
}
