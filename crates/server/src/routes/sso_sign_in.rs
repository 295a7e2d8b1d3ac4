//! "Sign in with SSO": the start (which organization's provider, and its sign-in page), the
//! provider's return (`/api/v1/sso/oidc/callback`, the redirect URI organizations register), and
//! the app's trade of the one-time code for a session.
//!
//! The return answers with a redirect to the app's `/sign-in/sso`, carrying in its fragment (never
//! sent to a server) either `handoff=CODE` or `error=REASON`, a code the app puts in its own
//! words.

use axum::extract::State;
use axum::response::Response;
use common::sso::{Attempt, Connection, Identity, Provider, SamlIdp};
use common::{ClientInfo, DomainError, Kind};
use contract::{
    LoginResponse, Permission, SsoExchange, SsoFailure, SsoRedirect, SsoStart, SsoTestResult, OIDC_CALLBACK_PATH,
};
use serde::Deserialize;

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Path, Query};
use crate::on_db;
use crate::saml;
use crate::sso_landing::{self, Landing};
use crate::AppState;

fn redirect_uri(state: &AppState) -> String {
    format!("{}{OIDC_CALLBACK_PATH}", state.links.public_url)
}

/// Start signing in through an organization's identity provider: by an address at a domain it
/// verified, or by its SSO identifier. The answer is the provider's sign-in page to send the
/// browser to; the attempt lasts ten minutes.
#[utoipa::path(post, path = "/api/v1/auth/sso", tag = "auth", request_body = SsoStart,
    responses(
        (status = 200, body = SsoRedirect),
        (status = 422, description = "No organization signs in with SSO for what was typed", body = contract::ApiErrorBody),
        (status = 429, description = "Too many starts from this address; Retry-After says when", body = contract::ApiErrorBody),
        (status = 503, description = "The identity provider could not be reached", body = contract::ApiErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    client: ClientInfo,
    Json(request): Json<SsoStart>,
) -> ApiResult<Json<SsoRedirect>> {
    let typed = request.email_or_identifier.trim().to_lowercase();
    let provider = on_db!(&state.db, |pool, domain| {
        domain::sso_sign_in::count_start(pool, &client).await?;
        domain::sso_sign_in::provider_for(pool, &state.secret_keys, &typed).await
    })?;
    let hint = typed.contains('@').then_some(typed.as_str());
    let redirect_url = match provider {
        Provider::Oidc(connection) => start_oidc(&state, &connection, hint, None).await?,
        Provider::Saml(idp) => start_saml(&state, idp, None).await?,
    };
    Ok(Json(SsoRedirect { redirect_url }))
}

fn unavailable() -> DomainError {
    DomainError::new(
        Kind::Unavailable,
        "sso_provider_unavailable",
        SsoFailure::Provider.describe_in(common::spoken()),
    )
    .retry_after(std::time::Duration::from_secs(5))
}

async fn start_oidc(
    state: &AppState,
    connection: &Connection,
    hint: Option<&str>,
    tester: Option<i64>,
) -> Result<String, DomainError> {
    let authorization = state
        .oidc
        .authorize(connection, &redirect_uri(state), hint)
        .await
        .map_err(|reason| {
            tracing::warn!(issuer = %connection.issuer, %reason, "an identity provider could not be asked to sign someone in");
            unavailable()
        })?;
    on_db!(&state.db, |pool, domain| {
        domain::sso_sign_in::begin(
            pool,
            &state.secret_keys,
            connection.org_id,
            &authorization.state,
            &authorization.nonce,
            &authorization.verifier,
            tester,
        )
        .await
    })?;
    Ok(authorization.url)
}

/// A SAML `AuthnRequest` to the provider's sign-in URL (HTTP-Redirect binding), kept by its
/// RelayState for ten minutes.
async fn start_saml(state: &AppState, idp: SamlIdp, tester: Option<i64>) -> Result<String, DomainError> {
    let ours = saml::OurSide::of(&state.links.public_url, &idp.identifier);
    let request = saml::request(&idp, &ours).map_err(|reason| {
        tracing::warn!(entity_id = %idp.entity_id, %reason, "a SAML request could not be made");
        unavailable()
    })?;
    on_db!(&state.db, |pool, domain| {
        domain::saml::begin(pool, idp.org_id, &request.relay_state, &request.id, tester).await
    })?;
    Ok(request.url)
}

/// What the identity provider sends back (RFC 6749 §4.1.2, RFC 9207's `iss`).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProviderReturn {
    /// The authorization code.
    code: Option<String>,
    /// The attempt, as the start made it.
    state: Option<String>,
    /// The provider's refusal (`access_denied`, ...).
    error: Option<String>,
    /// The issuer that answered, when the provider says.
    iss: Option<String>,
}

/// The redirect URI: the provider sends the person back here; they go on to the app's
/// `/sign-in/sso` with a one-time code, or with why not (a "Test connection" goes on to the tab).
#[utoipa::path(get, path = "/api/v1/sso/oidc/callback", tag = "auth", params(ProviderReturn),
    responses((status = 303, description = "To the app's /sign-in/sso, with #handoff=CODE or #error=REASON"),
        (status = 422, description = "A parameter holds the NUL character", body = contract::ApiErrorBody)))]
pub async fn callback(
    State(state): State<AppState>,
    client: ClientInfo,
    Query(back): Query<ProviderReturn>,
) -> Response {
    let landing = returned(&state, &client, back).await;
    sso_landing::redirect(&state, landing)
}

async fn returned(state: &AppState, client: &ClientInfo, back: ProviderReturn) -> Result<Landing, DomainError> {
    let Some(attempt_state) = back.state.clone().filter(|s| !s.is_empty()) else {
        return Ok(Landing::SignIn(Err(SsoFailure::Expired)));
    };
    let attempt: Option<Attempt> = on_db!(&state.db, |pool, domain| {
        // Each return may make this server redeem a code at the provider: counted like a start.
        domain::sso_sign_in::count_start(pool, client).await?;
        domain::sso_sign_in::take_attempt(pool, &state.secret_keys, &attempt_state).await
    })?;
    let Some(attempt) = attempt else {
        return Ok(Landing::SignIn(Err(SsoFailure::Expired)));
    };
    let connection = &attempt.connection;
    let seen = provider_identity(state, &attempt, back).await;
    if let Some(tester) = attempt.tester {
        let seen = seen.as_ref().map_err(|(_, reason)| reason.as_str());
        let provider = ("OpenID Connect", connection.issuer.as_str());
        return sso_landing::tested(state, connection.org_id, tester, provider, seen).await;
    }
    let identity = match seen {
        Ok(identity) => identity,
        Err((failure, reason)) => {
            tracing::warn!(issuer = %connection.issuer, %reason, "an identity provider's answer was not believed");
            return Ok(Landing::SignIn(Err(failure)));
        }
    };
    let finished = on_db!(&state.db, |pool, domain| {
        domain::sso_sign_in::finish(pool, connection.org_id, client, &identity).await
    })?;
    Ok(Landing::SignIn(finished))
}

/// Who the provider's answer vouches for, or what was wrong with it (the failure the person is
/// told, and the detail for the log and for a test).
async fn provider_identity(
    state: &AppState,
    attempt: &Attempt,
    back: ProviderReturn,
) -> Result<Identity, (SsoFailure, String)> {
    let connection = &attempt.connection;
    if let Some(error) = back.error {
        return Err((SsoFailure::Refused, format!("the provider answered {error}")));
    }
    // Mix-up: an answer naming another issuer than the one this attempt went to is not believed.
    if let Some(iss) = back.iss.filter(|iss| *iss != connection.issuer) {
        return Err((SsoFailure::Provider, format!("the answer names another issuer: {iss}")));
    }
    let Some(code) = back.code.filter(|c| !c.is_empty()) else {
        return Err((SsoFailure::Refused, "the provider sent no code".into()));
    };
    state
        .oidc
        .identity(
            connection,
            &redirect_uri(state),
            &code,
            &attempt.verifier,
            &attempt.nonce,
        )
        .await
        .map_err(|reason| (SsoFailure::Provider, reason))
}

/// "Test connection": a sign-in round trip with the organization's identity provider, opened in
/// a window of its own. Nobody is signed in by it: the provider's answer goes on to the tab
/// (`/settings/sso#sso_test=CODE`), which shows what came back (subject, address, name, groups)
/// or why it was not believed.
#[utoipa::path(post, path = "/api/v1/orgs/me/sso/test", tag = "sso", security(("bearer" = [])),
    responses((status = 200, body = SsoRedirect), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "No identity provider is set", body = contract::ApiErrorBody),
        (status = 503, description = "The identity provider could not be reached", body = contract::ApiErrorBody)))]
pub async fn test(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<SsoRedirect>> {
    let actor = caller.require(Permission::ManageSettings)?;
    let provider = on_db!(&state.db, |pool, domain| {
        domain::sso_sign_in::provider_of(pool, &state.secret_keys, actor.org_id).await
    })?
    .ok_or_else(|| DomainError::not_found("Identity provider"))?;
    let tester = Some(actor.user_id);
    let redirect_url = match provider {
        Provider::Oidc(connection) => start_oidc(&state, &connection, None, tester).await?,
        Provider::Saml(idp) => start_saml(&state, idp, tester).await?,
    };
    Ok(Json(SsoRedirect { redirect_url }))
}

/// What a "Test connection" saw, for the one who ran it (ten minutes).
#[utoipa::path(get, path = "/api/v1/orgs/me/sso/test/{code}", tag = "sso", security(("bearer" = [])),
    params(("code" = String, Path, description = "The code the test's return handed its window")),
    responses((status = 200, body = SsoTestResult), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "Unknown, expired, or someone else's", body = contract::ApiErrorBody)))]
pub async fn test_result(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
) -> ApiResult<Json<SsoTestResult>> {
    let actor = caller.require(Permission::ManageSettings)?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::sso_test::result(pool, &actor, &code).await
    })?))
}

/// Trade the one-time code from `/sign-in/sso#handoff=…` for a session (two minutes, once). The
/// session meets the organization's two-factor rule.
#[utoipa::path(post, path = "/api/v1/auth/sso/exchange", tag = "auth", request_body = SsoExchange,
    responses(
        (status = 200, body = LoginResponse),
        (status = 422, description = "The code is unknown, used or expired", body = contract::ApiErrorBody),
        (status = 429, description = "Too many wrong codes from this address", body = contract::ApiErrorBody)))]
pub async fn exchange(
    State(state): State<AppState>,
    client: ClientInfo,
    Json(request): Json<SsoExchange>,
) -> ApiResult<Json<LoginResponse>> {
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::sso_sign_in::exchange(pool, &client, &request.handoff).await
    })?))
}
