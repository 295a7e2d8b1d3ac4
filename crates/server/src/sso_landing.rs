//! Where a browser goes after the identity provider sent it back, whichever protocol: the app's
//! `/sign-in/sso` with a one-time code for a session (or why not), or, for "Test connection", the
//! tab with a code for what came back. Both in the fragment, which no server ever sees.

use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use common::sso::Identity;
use common::DomainError;
use contract::{SsoFailure, SSO_TEST_LANDING};

use crate::on_db;
use crate::AppState;

pub enum Landing {
    /// A sign-in: the code the app trades for a session, or why not.
    SignIn(Result<String, SsoFailure>),
    /// A test: the code its window reads the result with.
    Test(String),
}

/// The redirect to the app for `landing`; a failure on our side is the provider's (a short
/// reason, the detail in the log).
pub fn redirect(state: &AppState, landing: Result<Landing, DomainError>) -> Response {
    let (page, fragment) = match landing {
        Ok(Landing::SignIn(Ok(handoff))) => ("/sign-in/sso", format!("handoff={handoff}")),
        Ok(Landing::SignIn(Err(failure))) => ("/sign-in/sso", format!("error={}", failure.as_str())),
        Ok(Landing::Test(code)) => (SSO_TEST_LANDING, format!("sso_test={code}")),
        Err(err) => {
            tracing::warn!(error = %err, "single sign-on could not be finished");
            ("/sign-in/sso", format!("error={}", SsoFailure::Provider.as_str()))
        }
    };
    let location = format!("{}{page}#{fragment}", state.links.public_url);
    (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
}

/// Keep what a test saw for the one who ran it: who the provider vouched for, or why its answer
/// was not believed. Nobody is signed in.
pub async fn tested(
    state: &AppState,
    org_id: i64,
    tester: i64,
    (protocol, issuer): (&str, &str),
    seen: Result<&Identity, &str>,
) -> Result<Landing, DomainError> {
    let code = on_db!(&state.db, |pool, domain| {
        let result = domain::sso_test::outcome(pool, org_id, protocol, issuer, seen).await?;
        domain::sso_test::record(pool, org_id, tester, &result).await
    })?;
    Ok(Landing::Test(code))
}
