//! The signed-in caller, read from the `Authorization` header on every request: `Bearer <token>`,
//! or the token bare, as Storyblok's Management API takes it (its official clients send it so).
//!
//! A session is in one of three states. Signed in: every endpoint answers ([`Caller`]). A second
//! factor owed: only `POST /auth/two-factor` and sign-out answer ([`PendingSession`]). Two-factor
//! sign-in required by the organization but not set up: only the person's own account (to set it
//! up), who am I and sign-out answer ([`AccountCaller`]); everything else says why with 403.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use common::session::{SessionUser, Stage};
use common::text::said;
use common::{Actor, ClientInfo, DomainError};
use contract::{allows, OrgRole, Permission};

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

/// A live session of any state, with its token and the client.
async fn session(parts: &mut Parts, state: &AppState) -> ApiResult<(SessionUser, String, ClientInfo)> {
    let token = token(parts).ok_or_else(DomainError::unauthorized)?.to_string();
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
