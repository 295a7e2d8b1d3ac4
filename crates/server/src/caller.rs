//! The signed-in caller, read from the `Authorization` header on every request: `Bearer <token>`,
//! or the token bare, as Storyblok's Management API takes it (its official clients send it so).
//!
//! A session is in one of three states. Signed in: every endpoint answers ([`Caller`]). A second
//! factor owed: only `POST /auth/two-factor` and sign-out answer ([`PendingSession`]). Two-factor
//! sign-in required by the organization but not set up: only the person's own account (to set it
//! up), who am I and sign-out answer ([`AccountCaller`]); everything else says why with 403.
//!
//! A personal access token (`oat_…`) is taken where a session is, but only by [`Caller`], and
//! only on an operation whose OpenAPI security names the scope it needs (`access_token`, see
//! `openapi::token_scope`) when the token holds that scope: every other operation (one's account,
//! sessions, subscription, billing, tokens, webhooks) refuses it with 403.

use axum::extract::{FromRequestParts, MatchedPath};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use common::session::{SessionUser, Stage};
use common::text::said;
use common::{Actor, ClientInfo, DomainError};
use contract::text::integrations;
use contract::{allows, fill, OrgRole, Permission, ACCESS_TOKEN_PREFIX};

use crate::error::{ApiError, ApiResult};
use crate::{on_db, AppState};

/// Any signed-in person, with their organization membership if they have one.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user_id: i64,
    pub token: String,
    pub org: Option<(i64, OrgRole)>,
    pub client: ClientInfo,
}

impl Caller {
    /// The caller acting in their organization; 404 when they have none.
    pub fn member(&self) -> ApiResult<Actor> {
        let (org_id, role) = self.org.ok_or_else(|| DomainError::not_found("Organization"))?;
        Ok(Actor {
            user_id: self.user_id,
            org_id,
            role,
            client: self.client.clone(),
        })
    }

    /// The caller acting in their organization, when their role allows `permission`; 403
    /// otherwise. Changes check again inside their transaction.
    pub fn require(&self, permission: Permission) -> ApiResult<Actor> {
        let actor = self.member()?;
        if !allows(actor.role, permission) {
            return Err(DomainError::role_forbids().into());
        }
        Ok(actor)
    }
}

/// The token of `Authorization: Bearer <token>` or `Authorization: <token>`.
fn token(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let token = match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        Some(_) => return None,
        None if value.eq_ignore_ascii_case("bearer") => return None,
        None => value,
    };
    (!token.is_empty()).then_some(token)
}

/// Refuse a personal access token where only a person signed in may act.
fn no_access_token(token: &str) -> ApiResult<()> {
    if token.starts_with(ACCESS_TOKEN_PREFIX) {
        let message = integrations(common::spoken()).not_by_token;
        return Err(DomainError::refused("not_by_token", message.to_owned()).into());
    }
    Ok(())
}

/// The caller behind a personal access token, when the operation takes tokens and the token
/// holds the scope it needs.
async fn token_caller(parts: &mut Parts, state: &AppState, token: String) -> ApiResult<Caller> {
    let mut client = ClientInfo::from_request_parts(parts, state).await?;
    let ip = client.ip.to_string();
    let grant = on_db!(&state.db, |pool, domain| {
        domain::accounts::tokens::grant_of(pool, &token, &ip).await
    })
    .map_err(DomainError::from)?
    .ok_or_else(DomainError::unauthorized)?;
    let texts = integrations(common::spoken());
    let path = parts
        .extensions
        .get::<MatchedPath>()
        .map(|p| p.as_str())
        .unwrap_or_default();
    let needed = crate::openapi::token_scope(&parts.method, path)
        .ok_or_else(|| DomainError::refused("not_by_token", texts.not_by_token.to_owned()))?;
    if !grant.scopes.contains(&needed) {
        let message = fill(texts.missing_scope, &[&needed.as_str()]);
        return Err(DomainError::refused("missing_scope", message).at("scope").into());
    }
    client.access_token = Some(grant.label);
    Ok(Caller {
        user_id: grant.user_id,
        token,
        org: Some((grant.org_id, grant.role)),
        client,
    })
}

/// A live session of any state, with its token and the client.
async fn session(parts: &mut Parts, state: &AppState) -> ApiResult<(SessionUser, String, ClientInfo)> {
    let token = token(parts).ok_or_else(DomainError::unauthorized)?.to_string();
    no_access_token(&token)?;
    let background = parts
        .headers
        .get(contract::BACKGROUND_HEADER)
        .is_some_and(|v| v.as_bytes() == b"1");
    let session = on_db!(&state.db, |pool, domain| {
        let touch = if background {
            domain::sessions::Touch::No
        } else {
            domain::sessions::Touch::Yes
        };
        domain::sessions::user_of(pool, &token, touch, state.idle_timeout).await
    })
    .map_err(DomainError::from)?
    .ok_or_else(DomainError::unauthorized)?;
    let client = ClientInfo::from_request_parts(parts, state).await?;
    Ok((session, token, client))
}

fn caller(session: SessionUser, token: String, client: ClientInfo) -> Caller {
    Caller {
        user_id: session.user_id,
        token,
        org: session.org,
        client,
    }
}

fn set_up_first() -> DomainError {
    DomainError::refused("two_factor_setup_required", said().two_factor_required.to_owned())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(token) = token(parts).filter(|t| t.starts_with(ACCESS_TOKEN_PREFIX)) {
            return token_caller(parts, state, token.to_owned()).await;
        }
        let (session, token, client) = session(parts, state).await?;
        if session.stage != Stage::Full {
            return Err(DomainError::unauthorized().into());
        }
        if session.must_set_up_two_factor {
            return Err(set_up_first().into());
        }
        Ok(caller(session, token, client))
    }
}

/// A signed-in person on their own account, also while their organization waits for them to set
/// up two-factor sign-in.
pub struct AccountCaller(pub Caller);

impl FromRequestParts<AppState> for AccountCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let (session, token, client) = session(parts, state).await?;
        if session.stage != Stage::Full {
            return Err(DomainError::unauthorized().into());
        }
        Ok(AccountCaller(caller(session, token, client)))
    }
}

/// A session that still owes its second factor.
pub struct PendingSession {
    pub session: SessionUser,
    pub token: String,
    pub client: ClientInfo,
}

impl FromRequestParts<AppState> for PendingSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let (session, token, client) = session(parts, state).await?;
        if session.stage != Stage::TwoFactor {
            return Err(DomainError::conflict("no_code_owed", said().no_code_owed.to_owned()).into());
        }
        Ok(PendingSession { session, token, client })
    }
}

/// Any live session, whatever it may do (signing out).
pub struct AnySession(pub Caller);

impl FromRequestParts<AppState> for AnySession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let (session, token, client) = session(parts, state).await?;
        Ok(AnySession(caller(session, token, client)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn parts(authorization: &str) -> Parts {
        Request::builder()
            .header(AUTHORIZATION, authorization)
            .body(())
            .unwrap()
            .into_parts()
            .0
    }

    #[test]
    fn the_token_is_taken_with_or_without_bearer() {
        assert_eq!(token(&parts("Bearer abc")), Some("abc"));
        assert_eq!(token(&parts("bearer  abc ")), Some("abc"));
        assert_eq!(token(&parts("abc")), Some("abc"));
        assert_eq!(token(&parts("Basic abc")), None);
        assert_eq!(token(&parts("Bearer ")), None);
    }
}
