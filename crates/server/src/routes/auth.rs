//! Sign-in, sign-out and who am I.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::Json;
use contract::{LoginRequest, LoginResponse, Me, Membership, OrgRole, Profile};
use sqlx::SqlitePool;

use crate::auth::{password, session, Caller};
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::AppState;

#[derive(sqlx::FromRow)]
struct Credentials {
    id: i64,
    password_hash: Option<String>,
    disabled: bool,
}

/// Sign in with email and password. Repeated failures for one email or one client are refused
/// with 429 for a while.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "Wrong email or password", body = contract::ApiErrorBody),
        (status = 403, description = "Account disabled", body = contract::ApiErrorBody),
        (status = 422, description = "Empty email or password", body = contract::ApiErrorBody),
        (status = 429, description = "Too many failed attempts", body = contract::ApiErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    Json(request): Json<LoginRequest>,
) -> ApiResult<Json<LoginResponse>> {
    let email = request.email.trim().to_lowercase();
    if email.is_empty() {
        return Err(ApiError::invalid("email", "Enter your email address."));
    }
    if request.password.is_empty() {
        return Err(ApiError::invalid("password", "Enter your password."));
    }
    let email_key = format!("email:{email}");
    let keys = [email_key.clone(), format!("ip:{}", client.ip())];
    if let Some(wait) = state.login_limiter.blocked(&keys, Instant::now()) {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let mut err = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("Too many failed sign-in attempts. Try again in {minutes} minute(s)."),
        );
        err.retry_after_secs = Some(wait.as_secs().max(1));
        return Err(err);
    }

    let found: Option<Credentials> = sqlx::query_as("SELECT id, password_hash, disabled FROM users WHERE email = ?")
        .bind(&email)
        .fetch_optional(&state.pool)
        .await?;
    let stored = found.as_ref().and_then(|c| c.password_hash.clone());
    let ok = password::check(request.password.clone(), stored).await;

    let Some(user) = found.filter(|_| ok) else {
        state.login_limiter.record_failure(&keys, Instant::now());
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            "The email or password is not correct.",
        )
        .at("password"));
    };
    if user.disabled {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "account_disabled",
            "This account has been disabled. Ask your organization's admin.",
        ));
    }
    state.login_limiter.clear(&email_key);
    Ok(Json(signed_in(&state.pool, user.id).await?))
}

/// Count the sign-in and open a session: what signing in and accepting an invitation both end in.
pub async fn signed_in(pool: &SqlitePool, user_id: i64) -> Result<LoginResponse, sqlx::Error> {
    sqlx::query("UPDATE users SET sign_in_count = sign_in_count + 1, last_sign_in_at = ? WHERE id = ?")
        .bind(db::now())
        .bind(user_id)
        .execute(pool)
        .await?;
    let (token, expires_at) = session::create(pool, user_id).await?;
    Ok(LoginResponse {
        token,
        expires_at,
        me: load_me(pool, user_id).await?,
    })
}

/// Sign out: the session is revoked on the server, so the token is useless from now on.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = contract::ApiErrorBody)))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    session::revoke(&state.pool, &caller.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user and their organization membership.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = contract::ApiErrorBody)))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Me>> {
    Ok(Json(load_me(&state.pool, caller.user_id).await?))
}

#[derive(sqlx::FromRow)]
struct MeRow {
    id: i64,
    email: String,
    firstname: String,
    lastname: String,
    org_id: Option<i64>,
    org_name: Option<String>,
    org_slug: Option<String>,
    org_role: Option<String>,
}

pub async fn load_me(pool: &SqlitePool, user_id: i64) -> Result<Me, sqlx::Error> {
    let row: MeRow = sqlx::query_as(
        "SELECT u.id, u.email, u.firstname, u.lastname, o.id AS org_id, o.name AS org_name, o.slug AS org_slug, m.org_role
         FROM users u LEFT JOIN org_members m ON m.user_id = u.id LEFT JOIN orgs o ON o.id = m.org_id
         WHERE u.id = ?",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    let org = match (
        row.org_id,
        row.org_name,
        row.org_slug,
        row.org_role.as_deref().and_then(OrgRole::parse),
    ) {
        (Some(id), Some(name), Some(slug), Some(org_role)) => {
            let access = crate::routes::settings::stored(pool, id).await?.access;
            Some(Membership {
                id,
                name,
                slug,
                org_role,
                can_add_spaces: contract::may_add_spaces(org_role, &access),
                billing_open: contract::allows(org_role, contract::Permission::ManageSubscription)
                    && crate::routes::subscription::billing_open(pool, id).await?,
            })
        }
        _ => None,
    };
    let friendly_name = display_name(&row.firstname, &row.lastname, &row.email);
    Ok(Me {
        user: Profile {
            id: row.id,
            email: row.email,
            firstname: row.firstname,
            lastname: row.lastname,
            friendly_name,
        },
        org,
    })
}

/// "First Last", or the email when no name is known.
pub fn display_name(first: &str, last: &str, email: &str) -> String {
    let name = format!("{} {}", first.trim(), last.trim()).trim().to_string();
    if name.is_empty() {
        email.to_string()
    } else {
        name
    }
}
