//! Speaking to an organization's OpenID Connect provider: its discovery document (which names its
//! endpoints and holds its signing keys), the authorization request (code flow with PKCE, a
//! state and a nonce), and the code's redemption, whose ID token is verified against the
//! provider's keys, issuer, audience, expiry and nonce before anything in it is believed.
//!
//! The client follows no redirect and waits at most 10 seconds; the provider's answers are never
//! shown to people beyond a short reason.

use std::time::Duration;

use common::sso::{Connection, Identity};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl,
    LoginHint, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};

/// A client made from a discovery document: its authorization endpoint is known, its token and
/// userinfo endpoints are as the document says.
type DiscoveredClient =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// An authorization request about to be sent, with what checks its answer.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

pub struct Oidc {
    http: reqwest::Client,
}

impl Oidc {
    pub fn new() -> Result<Oidc, reqwest::Error> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .user_agent("org-area-sso/1")
            .build()?;
        Ok(Oidc { http })
    }

    async fn metadata(&self, issuer: &str) -> Result<CoreProviderMetadata, String> {
        let issuer = IssuerUrl::new(issuer.trim().to_owned()).map_err(|e| e.to_string())?;
        CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| reason(&e))
    }

    /// A client of the organization's provider, as its discovery document describes it now.
    async fn client(&self, connection: &Connection, redirect_uri: &str) -> Result<DiscoveredClient, String> {
        let metadata = self.metadata(&connection.issuer).await?;
        let redirect = RedirectUrl::new(redirect_uri.to_owned()).map_err(|e| e.to_string())?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(connection.client_id.clone()),
            Some(ClientSecret::new(connection.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }

    /// Whether the issuer describes itself (its discovery document and its keys), before it is
    /// kept.
    pub async fn check(&self, issuer: &str) -> Result<(), String> {
        self.metadata(issuer).await.map(|_| ())
    }

    /// The provider's sign-in page for a new attempt.
    pub async fn authorize(
        &self,
        connection: &Connection,
        redirect_uri: &str,
        login_hint: Option<&str>,
    ) -> Result<Authorization, String> {
        let client = self.client(connection, redirect_uri).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge);
        if let Some(hint) = login_hint {
            request = request.set_login_hint(LoginHint::new(hint.to_owned()));
        }
        let (url, state, nonce) = request.url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
        })
    }

    /// Redeem the code and read the person from the verified ID token.
    pub async fn identity(
        &self,
        connection: &Connection,
        redirect_uri: &str,
        code: &str,
        verifier: &str,
        nonce: &str,
    ) -> Result<Identity, String> {
        let client = self.client(connection, redirect_uri).await?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| e.to_string())?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| reason(&e))?;
        let id_token = tokens.id_token().ok_or("the provider sent no ID token")?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(nonce.to_owned()))
            .map_err(|e| e.to_string())?;
        let email = claims
            .email()
            .map(|e| e.as_str().to_owned())
            .ok_or("the ID token names no email")?;
        let first = |claim: Option<&openidconnect::LocalizedClaim<openidconnect::EndUserGivenName>>| {
            claim.and_then(|c| c.get(None)).map(|n| n.as_str().to_owned())
        };
        let family = claims
            .family_name()
            .and_then(|c| c.get(None))
            .map(|n| n.as_str().to_owned());
        Ok(Identity {
            issuer: claims.issuer().as_str().to_owned(),
            subject: claims.subject().as_str().to_owned(),
            email,
            email_verified: claims.email_verified().unwrap_or(false),
            given_name: first(claims.given_name()).unwrap_or_default(),
            family_name: family.unwrap_or_default(),
            groups: groups_claim(&id_token.to_string()),
        })
    }
}

/// The `groups` claim of an ID token whose signature and claims were verified just before (a
/// claim the crate's standard claims do not carry), or none.
fn groups_claim(id_token: &str) -> Vec<String> {
    use base64::Engine;
    let payload = id_token.split('.').nth(1).unwrap_or_default();
    let Ok(json) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')) else {
        return Vec::new();
    };
    let claims: serde_json::Value = serde_json::from_slice(&json).unwrap_or_default();
    match &claims["groups"] {
        serde_json::Value::Array(groups) => groups
            .iter()
            .filter_map(|g| {
                g.as_str()
                    .map(str::to_owned)
                    .or_else(|| g.is_number().then(|| g.to_string()))
            })
            .collect(),
        serde_json::Value::String(one) => vec![one.clone()],
        _ => Vec::new(),
    }
}

/// An error and its causes, in one line.
fn reason(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}
