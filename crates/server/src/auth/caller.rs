//! The signed-in caller, read from the `Authorization` header on every request: `Bearer <token>`,
//! or the token bare, as Storyblok's Management API takes it (its official clients send it so).

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use contract::{allows, OrgRole, Permission};

use crate::client::ClientInfo;
use crate::domain::{sessions, Actor};
use crate::error::{ApiError, ApiResult};
use crate::AppState;

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
        let (org_id, role) = self.org.ok_or_else(|| ApiError::not_found("Organization"))?;
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
            return Err(ApiError::role_forbids());
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

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = token(parts).ok_or_else(ApiError::unauthorized)?.to_string();
        let session = sessions::user_of(&state.pool, &token)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        let org = match (session.org_id, session.org_role.as_deref().and_then(OrgRole::parse)) {
            (Some(org_id), Some(role)) => Some((org_id, role)),
            _ => None,
        };
        let client = ClientInfo::from_request_parts(parts, state).await?;
        Ok(Caller {
            user_id: session.user_id,
            token,
            org,
            client,
        })
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
