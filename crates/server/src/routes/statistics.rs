//! `GET /api/v1/orgs/me/statistics`: the series behind the dashboard's three charts and the
//! free-traffic bar.

use axum::extract::State;
use contract::{Permission, Statistics};

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Query};
use crate::on_db;
use crate::params::PeriodQuery;
use crate::AppState;

/// Traffic per day (30 and 90 days) or month (12 months, all time), spaces and users over time,
/// users by role, and this billing month's traffic against the free terabyte.
#[utoipa::path(get, path = "/api/v1/orgs/me/statistics", tag = "spaces", security(("bearer" = [])), params(PeriodQuery),
    responses((status = 200, body = Statistics), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn statistics(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PeriodQuery>,
) -> ApiResult<Json<Statistics>> {
    let actor = caller.require(Permission::OpenOrgArea)?;
    let period = query.period()?;
    let today = chrono::Utc::now().date_naive();
    Ok(Json(on_db!(&state.db, |pool, domain| {
        domain::statistics::compute(pool, actor.org_id, period, today).await
    })?))
}
