//! SAML 2.0: the tab's identity provider (`/api/v1/orgs/me/sso/saml`), our metadata for each
//! organization (`/api/v1/sso/{identifier}/saml/metadata`, whose address is our entity ID), and
//! the Assertion Consumer Service the provider posts its answers to
//! (`/api/v1/sso/{identifier}/saml/acs`).
//!
//! The ACS answers like the OpenID Connect return: a redirect to the app's `/sign-in/sso`, with
//! `#handoff=CODE` or `#error=REASON` in the fragment.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use common::sso::SamlAssertion;
use common::{ClientInfo, DomainError};
use contract::{Permission, SamlChange, SsoFailure, SsoSettings};
use serde::Deserialize;

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Path};
use crate::on_db;
use crate::saml::{self, OurSide};
use crate::sso_landing::{self, Landing};
use crate::AppState;

/// Set the SAML 2.0 identity provider people sign in through: its metadata XML, or its entity
/// ID, single sign-on URL (HTTP-Redirect binding) and signing certificate. It replaces an OpenID
/// Connect provider. What cannot be read is refused at its field.
#[utoipa::path(put, path = "/api/v1/orgs/me/sso/saml", tag = "sso", security(("bearer" = [])),
    request_body = SamlChange,
    responses((status = 200, body = SsoSettings), (status = 403, body = contract::ApiErrorBody),
        (status = 422, body = contract::ApiErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<SamlChange>,
) -> ApiResult<Json<SsoSettings>> {
    let actor = caller.require(Permission::ManageSettings)?;
    let lang = common::spoken();
    // Typed again without a certificate, the same provider keeps the ones kept.
    let kept = on_db!(&state.db, |pool, domain| {
        domain::saml::idp_of(pool, actor.org_id).await
    })?
    .filter(|idp| idp.entity_id == request.entity_id.trim())
    .map(|idp| idp.certificates)
    .unwrap_or_default();
    let read = tokio::task::spawn_blocking(move || saml::read_change(&request, &kept, lang))
        .await
        .map_err(|_| DomainError::internal())?
        .map_err(|(field, message)| DomainError::invalid(field, message))?;
    Ok(Json(on_db!(&state.db, |pool, domain| {
        let idp = domain::saml::CheckedIdp {
            entity_id: &read.entity_id,
            sso_url: &read.sso_url,
            certificates: &read.certificates,
            shown: &read.shown,
        };
        domain::saml::save(pool, &actor, &idp).await?;
        domain::sso::settings(pool, &state.links, &actor).await
    })?))
}

/// Stop signing in through the SAML identity provider. Accounts stay.
#[utoipa::path(delete, path = "/api/v1/orgs/me/sso/saml", tag = "sso", security(("bearer" = [])),
    responses((status = 204), (status = 403, body = contract::ApiErrorBody), (status = 404, body = contract::ApiErrorBody)))]
pub async fn remove(State(state): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    let actor = caller.require(Permission::ManageSettings)?;
    on_db!(&state.db, |pool, domain| {
        domain::sso_sign_in::remove(pool, &actor, domain::sso_sign_in::Protocol::Saml).await
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Our SAML 2.0 service provider metadata for the organization with this SSO identifier: its
/// entity ID (this address) and its Assertion Consumer Service. Served before any identity
/// provider is set, so the provider can be set up from it first.
#[utoipa::path(get, path = "/api/v1/sso/{identifier}/saml/metadata", tag = "auth",
    params(("identifier" = String, Path, description = "The organization's SSO identifier")),
    responses((status = 200, description = "SAML 2.0 metadata (an EntityDescriptor)", content_type = "application/samlmetadata+xml", body = String),
        (status = 404, body = contract::ApiErrorBody)))]
pub async fn metadata(State(state): State<AppState>, Path(identifier): Path<String>) -> ApiResult<Response> {
    let known = on_db!(&state.db, |pool, domain| {
        domain::saml::organization(pool, &identifier).await
    })?;
    if known.is_none() {
        return Err(DomainError::not_found("Organization").into());
    }
    let xml = saml::our_metadata(&OurSide::of(&state.links.public_url, &identifier));
    Ok(([(CONTENT_TYPE, "application/samlmetadata+xml")], xml).into_response())
}

/// What the identity provider posts (HTTP-POST binding).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[allow(non_snake_case)]
pub struct ProviderPost {
    /// The answer, base64.
    SAMLResponse: Option<String>,
    /// What we sent with the request; absent when the provider started the sign-in.
    RelayState: Option<String>,
}

/// The Assertion Consumer Service: the identity provider posts its signed answer here, for a
/// sign-in we started (with our `RelayState`) or one it started. The person goes on to the
/// app's `/sign-in/sso` with a one-time code, or with why not.
#[utoipa::path(post, path = "/api/v1/sso/{identifier}/saml/acs", tag = "auth",
    params(("identifier" = String, Path, description = "The organization's SSO identifier")),
    request_body(content = ProviderPost, content_type = "application/x-www-form-urlencoded"),
    responses((status = 303, description = "To the app's /sign-in/sso, with #handoff=CODE or #error=REASON"),
        (status = 422, description = "The identifier holds the NUL character", body = contract::ApiErrorBody)))]
pub async fn acs(
    State(state): State<AppState>,
    client: ClientInfo,
    Path(identifier): Path<String>,
    body: Bytes,
) -> Response {
    let posted: ProviderPost = serde_urlencoded::from_bytes(&body).unwrap_or(ProviderPost {
        SAMLResponse: None,
        RelayState: None,
    });
    let landing = answered(&state, &client, &identifier, posted).await;
    sso_landing::redirect(&state, landing)
}

async fn answered(
    state: &AppState,
    client: &ClientInfo,
    identifier: &str,
    posted: ProviderPost,
) -> Result<Landing, DomainError> {
    let relay_state = posted.RelayState.filter(|r| !r.is_empty());
    let found = on_db!(&state.db, |pool, domain| {
        // Each answer is XML and signature work: counted like a start, from the client's address.
        domain::sso_sign_in::count_start(pool, client).await?;
        let Some(idp) = domain::saml::idp_by_identifier(pool, identifier).await? else {
            return Ok(Landing::SignIn(Err(SsoFailure::Expired)));
        };
        // A RelayState we do not know is not ours: the attempt expired or was used, or the
        // provider passes its own with a sign-in it starts, and then the answer must say it
        // answers no request.
        let request = match &relay_state {
            Some(relay) => domain::saml::take_request(pool, idp.org_id, relay).await?,
            None => None,
        };
        Ok::<_, DomainError>((idp, request))
    })?;
    let (idp, request) = found;
    let tester = request.as_ref().and_then(|r| r.tester);
    let verified = match posted.SAMLResponse.filter(|r| !r.is_empty()) {
        None => Err((SsoFailure::Refused, "the provider posted no SAMLResponse".to_owned())),
        Some(response) => {
            let ours = OurSide::of(&state.links.public_url, identifier);
            let (idp, request_id) = (idp.clone(), request.map(|r| r.id));
            tokio::task::spawn_blocking(move || saml::verify(&idp, &ours, &response, request_id.as_deref()))
                .await
                .map_err(|_| DomainError::internal())?
                .map_err(|reason| (SsoFailure::Provider, reason))
        }
    };
    if let Some(tester) = tester {
        let seen = verified
            .as_ref()
            .map(|a| &a.identity)
            .map_err(|(_, reason)| reason.as_str());
        return sso_landing::tested(state, idp.org_id, tester, ("SAML 2.0", &idp.entity_id), seen).await;
    }
    let assertion: SamlAssertion = match verified {
        Ok(assertion) => assertion,
        Err((failure, reason)) => {
            tracing::warn!(entity_id = %idp.entity_id, %reason, "a SAML answer was not believed");
            return Ok(Landing::SignIn(Err(failure)));
        }
    };
    let finished = on_db!(&state.db, |pool, domain| {
        if !domain::saml::take_assertion(pool, idp.org_id, &assertion).await? {
            tracing::warn!(entity_id = %idp.entity_id, "a SAML assertion was posted again (a replay)");
            return Ok(Landing::SignIn(Err(SsoFailure::Expired)));
        }
        domain::sso_sign_in::finish(pool, idp.org_id, client, &assertion.identity).await
    })?;
    Ok(Landing::SignIn(finished))
}
