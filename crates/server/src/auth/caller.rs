//! The signed-in caller, read from `Authorization: Bearer <token>` on every request.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use contract::{allows, OrgRole, Permission};

use crate::error::{ApiError, ApiResult};
use crate::AppState;

/// Any signed-in user, with their organization membership if they have one.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user_id: i64,
    pub token: String,
    pub org: Option<(i64, OrgRole)>,
}

/// A caller acting inside their organization with a role that allows the action.
#[derive(Clone, Copy, Debug)]
pub struct OrgCaller {
    pub user_id: i64,
    pub org_id: i64,
    pub role: OrgRole,
}

impl Caller {
    /// The caller's organization, if any; 404 when they have none.
    pub fn member(&self) -> ApiResult<OrgCaller> {
        let (org_id, role) = self.org.ok_or_else(|| ApiError::not_found("Organization"))?;
        Ok(OrgCaller {
            user_id: self.user_id,
            org_id,
            role,
        })
    }

    /// The caller's organization, when their role allows `permission`; 403 otherwise.
    pub fn require(&self, permission: Permission) -> ApiResult<OrgCaller> {
        let member = self.member()?;
        if !allows(member.role, permission) {
            return Err(ApiError::forbidden(
                "Your role in this organization does not allow this.",
            ));
        }
        Ok(member)
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    (!token.is_empty()).then_some(token)
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or_else(ApiError::unauthorized)?.to_string();
        let user_id = crate::auth::session::user_of(&state.pool, &token)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        let membership: Option<(i64, String)> =
            sqlx::query_as("SELECT org_id, org_role FROM org_members WHERE user_id = ?")
                .bind(user_id)
                .fetch_optional(&state.pool)
                .await?;
        let org = membership.and_then(|(org_id, role)| OrgRole::parse(&role).map(|r| (org_id, r)));
        Ok(Caller { user_id, token, org })
    }
}
