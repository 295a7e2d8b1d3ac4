//! The organization's spaces: list with traffic, the caller's personal spaces, add and detach.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use contract::{AddSpaceRequest, OrgSpace, Period, Permission, PersonalSpace, PersonalSpaces, SpacesResponse};
use serde::Deserialize;
use sqlx::SqlitePool;

use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::routes::auth::display_name;
use crate::AppState;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct PeriodQuery {
    /// `30d` (default), `90d`, `12m` or `all`.
    pub period: Option<String>,
}

impl PeriodQuery {
    pub fn period(&self) -> ApiResult<Period> {
        match self.period.as_deref() {
            None => Ok(Period::default()),
            Some(p) => {
                Period::parse(p).ok_or_else(|| ApiError::invalid("period", "Period must be 30d, 90d, 12m or all."))
            }
        }
    }
}

/// The first day counted by `period`, `YYYY-MM-DD`; None for all time.
/// The organization's traffic rows (`space_id`, `date`, `api_requests`, `total_bytes`) from the
/// day bound to the parameter `since` on: whole months from the monthly roll-up, the rest of the
/// first month day by day (`month_after` is bound to the first day of the next month). A year is
/// then about 13 rows per space instead of 365; monthly rows are dated `YYYY-MM`. Each part starts
/// from the organization's spaces, so every read is a range of the (space, date) key.
pub fn traffic_since(org: &str, since: &str, month_after: &str) -> String {
    format!(
        "SELECT m.space_id, m.month AS date, m.api_requests, m.total_bytes
             FROM spaces ts JOIN traffic_monthly m ON m.space_id = ts.id AND m.month > substr({since}, 1, 7)
             WHERE ts.org_id = {org}
         UNION ALL
         SELECT d.space_id, d.date, d.api_requests, d.total_bytes
             FROM spaces ts JOIN traffic d ON d.space_id = ts.id AND d.date >= {since} AND d.date < {month_after}
             WHERE ts.org_id = {org}"
    )
}

/// The first day of the month after `day` (`YYYY-MM-DD`).
pub fn month_after(day: &str) -> String {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| crate::routes::statistics::next_month(d).format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

pub fn period_start(period: Period, today: chrono::NaiveDate) -> Option<String> {
    period.days().map(|days| {
        (today - chrono::Duration::days(days - 1))
            .format("%Y-%m-%d")
            .to_string()
    })
}

#[derive(sqlx::FromRow)]
struct SpaceRow {
    id: i64,
    name: String,
    owner_id: i64,
    plan: String,
    plan_level: i64,
    created_at: String,
    owner_first: String,
    owner_last: String,
    owner_email: String,
    user_count: i64,
    traffic_bytes: i64,
    api_requests: i64,
}

/// The organization's spaces with owner, collaborator count and traffic since `since`. With
/// `only_for` set, just the spaces that user collaborates on.
pub async fn list(
    pool: &SqlitePool,
    org_id: i64,
    since: Option<&str>,
    only_for: Option<i64>,
) -> Result<Vec<OrgSpace>, sqlx::Error> {
    let rows: Vec<SpaceRow> = sqlx::query_as(&format!(
        // While the organization is subscribed (a cancelled one until its period ends), every
        // connected space shows the premium plan; its own plan returns when it leaves.
        "SELECT s.id, s.name, s.owner_id,
                CASE WHEN sub.org_id IS NULL THEN s.plan ELSE ?5 END AS plan,
                CASE WHEN sub.org_id IS NULL THEN s.plan_level ELSE ?6 END AS plan_level, s.created_at,
                o.firstname AS owner_first, o.lastname AS owner_last, o.email AS owner_email,
                (SELECT COUNT(*) FROM space_collaborators c WHERE c.space_id = s.id) AS user_count,
                COALESCE(t.bytes, 0) AS traffic_bytes, COALESCE(t.requests, 0) AS api_requests
         FROM spaces s
         JOIN users o ON o.id = s.owner_id
         LEFT JOIN subscriptions sub ON sub.org_id = s.org_id AND (sub.cancel_at_period_end = 0 OR sub.period_end > ?4)
         LEFT JOIN (SELECT x.space_id, SUM(x.total_bytes) AS bytes, SUM(x.api_requests) AS requests
                    FROM ({}) x GROUP BY x.space_id) t ON t.space_id = s.id
         WHERE s.org_id = ?1
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM space_collaborators c WHERE c.space_id = s.id AND c.user_id = ?3))
         ORDER BY s.name COLLATE NOCASE",
        traffic_since("?1", "?2", "?7")
    ))
    .bind(org_id)
    .bind(since.unwrap_or("0000-00-00"))
    .bind(only_for)
    .bind(crate::routes::subscription::today())
    .bind(contract::PREMIUM_SPACE_PLAN)
    .bind(contract::PREMIUM_SPACE_PLAN_LEVEL)
    .bind(since.map(month_after).unwrap_or_default())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|s| OrgSpace {
            id: s.id,
            name: s.name,
            owner_id: s.owner_id,
            plan: s.plan,
            plan_level: s.plan_level,
            created_at: s.created_at,
            owner_name: display_name(&s.owner_first, &s.owner_last, &s.owner_email),
            owner_email: s.owner_email,
            user_count: s.user_count,
            traffic_bytes: s.traffic_bytes,
            api_requests: s.api_requests,
        })
        .collect())
}

/// Every space of the caller's organization with its owner, users and traffic in the period.
#[utoipa::path(get, path = "/api/v1/orgs/me/spaces", tag = "spaces", security(("bearer" = [])), params(PeriodQuery),
    responses((status = 200, body = SpacesResponse), (status = 401, body = contract::ApiErrorBody),
        (status = 403, description = "Members have no access", body = contract::ApiErrorBody),
        (status = 422, description = "Unknown period", body = contract::ApiErrorBody)))]
pub async fn org_spaces(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PeriodQuery>,
) -> ApiResult<Json<SpacesResponse>> {
    let org = caller.require(Permission::OpenOrgArea)?;
    let period = query.period()?;
    let since = period_start(period, chrono::Utc::now().date_naive());
    let spaces = list(&state.pool, org.org_id, since.as_deref(), None).await?;
    Ok(Json(SpacesResponse { period, spaces }))
}

/// Owners and admins, and members when the organization's settings let them.
async fn may_add_spaces(state: &AppState, caller: &Caller) -> ApiResult<crate::auth::OrgCaller> {
    let org = caller.member()?;
    let access = crate::routes::settings::stored(&state.pool, org.org_id).await?.access;
    if !contract::may_add_spaces(org.role, &access) {
        return Err(ApiError::forbidden(
            "Your organization does not let members add spaces. Ask an owner or admin.",
        ));
    }
    Ok(org)
}

/// The caller's own spaces that are in no organization: what "Add space" offers.
#[utoipa::path(get, path = "/api/v1/me/personal-spaces", tag = "spaces", security(("bearer" = [])),
    responses((status = 200, body = PersonalSpaces), (status = 401, body = contract::ApiErrorBody),
        (status = 403, body = contract::ApiErrorBody)))]
pub async fn personal(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<PersonalSpaces>> {
    may_add_spaces(&state, &caller).await?;
    let spaces: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, created_at FROM spaces WHERE owner_id = ? AND org_id IS NULL ORDER BY name COLLATE NOCASE",
    )
    .bind(caller.user_id)
    .fetch_all(&state.pool)
    .await?;
    let spaces = spaces
        .into_iter()
        .map(|(id, name, created_at)| PersonalSpace { id, name, created_at })
        .collect();
    Ok(Json(PersonalSpaces { spaces }))
}

/// Move one of the caller's personal spaces into the organization.
#[utoipa::path(post, path = "/api/v1/orgs/me/spaces", tag = "spaces", security(("bearer" = [])), request_body = AddSpaceRequest,
    responses((status = 201, body = OrgSpace), (status = 401, body = contract::ApiErrorBody),
        (status = 403, description = "Not the caller's space, or the role may not add spaces", body = contract::ApiErrorBody),
        (status = 404, body = contract::ApiErrorBody),
        (status = 409, description = "Already in an organization, or the space limit is reached", body = contract::ApiErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<AddSpaceRequest>,
) -> ApiResult<(StatusCode, Json<OrgSpace>)> {
    let org = may_add_spaces(&state, &caller).await?;
    let found: Option<(i64, Option<i64>)> = sqlx::query_as("SELECT owner_id, org_id FROM spaces WHERE id = ?")
        .bind(request.space_id)
        .fetch_optional(&state.pool)
        .await?;
    let Some((owner_id, current_org)) = found else {
        return Err(ApiError::not_found("The space").at("space_id"));
    };
    if owner_id != caller.user_id {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "not_your_space",
            "You can only add spaces from your own personal account.",
        )
        .at("space_id"));
    }
    if current_org.is_some() {
        return Err(already_added(current_org == Some(org.org_id)));
    }
    let (count, max): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM spaces WHERE org_id = ?1), (SELECT max_spaces FROM orgs WHERE id = ?1)",
    )
    .bind(org.org_id)
    .fetch_one(&state.pool)
    .await?;
    if count >= max {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "space_limit",
            format!("The organization already has its maximum of {max} spaces."),
        )
        .at("space_id"));
    }
    // Guarded update: if someone moved the space meanwhile, nothing changes and we say so.
    let moved =
        sqlx::query("UPDATE spaces SET org_id = ?, added_at = ? WHERE id = ? AND owner_id = ? AND org_id IS NULL")
            .bind(org.org_id)
            .bind(db::now())
            .bind(request.space_id)
            .bind(caller.user_id)
            .execute(&state.pool)
            .await?
            .rows_affected();
    if moved == 0 {
        return Err(already_added(false));
    }
    let space = list(&state.pool, org.org_id, None, None)
        .await?
        .into_iter()
        .find(|s| s.id == request.space_id);
    space
        .map(|s| (StatusCode::CREATED, Json(s)))
        .ok_or_else(ApiError::internal)
}

fn already_added(here: bool) -> ApiError {
    let message = if here {
        "This space is already in your organization."
    } else {
        "This space is already in an organization."
    };
    ApiError::new(StatusCode::CONFLICT, "already_in_organization", message).at("space_id")
}

/// Move a space out of the organization, back to its owner's personal account. Its collaborators
/// stay on it.
#[utoipa::path(delete, path = "/api/v1/orgs/me/spaces/{id}", tag = "spaces", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Space id")),
    responses((status = 204), (status = 401, body = contract::ApiErrorBody), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "No such space in the caller's organization", body = contract::ApiErrorBody)))]
pub async fn detach(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    let org = caller.require(Permission::ManageSpaces)?;
    let detached = sqlx::query("UPDATE spaces SET org_id = NULL, added_at = NULL WHERE id = ? AND org_id = ?")
        .bind(id)
        .bind(org.org_id)
        .execute(&state.pool)
        .await?
        .rows_affected();
    if detached == 0 {
        return Err(ApiError::not_found("The space"));
    }
    Ok(StatusCode::NO_CONTENT)
}
