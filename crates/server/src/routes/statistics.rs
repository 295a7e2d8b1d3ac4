//! `GET /api/v1/orgs/me/statistics`: the series behind the dashboard's three charts and the
//! free-traffic bar; and the usage alert the console's banner shows.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use contract::{PeriodQuery, Permission, Statistics, UsageAlertState};

use crate::answers::{self, Answer};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::extract::{Json, Query};
use crate::on_db;
use crate::AppState;

/// Traffic per day (30 and 90 days) or month (12 months, all time), spaces and users over time,
/// users by role, and this billing month's traffic against the free terabyte. Each answer carries
/// an `ETag`; sent back in `If-None-Match`, it gets 304 while the organization has not changed.
#[utoipa::path(get, path = "/api/v1/orgs/me/statistics", tag = "spaces", security(("bearer" = []), ("access_token" = ["read"])),
    params(PeriodQuery, ("If-None-Match" = Option<String>, Header, description = "The ETag of an earlier answer")),
    responses((status = 200, body = Statistics, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the answer with the ETag sent", headers(("ETag" = String))), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn statistics(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PeriodQuery>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let actor = caller.require(Permission::OpenOrgArea)?;
    let period = query.period.unwrap_or_default();
    let key = answers::key_now(&state, &actor, "statistics", raw).await?;
    let day = key.day;
    let build = async {
        let statistics = on_db!(&state.db, |pool, domain| {
            domain::statistics::compute(pool, actor.org_id, period, day).await
        })?;
        Answer::json(&statistics)
    };
    state.answers.answer(key, &headers, build).await
}

/// The highest usage alert threshold (50, 80 or 100 % of the traffic the tier includes) the
/// organization's traffic crossed this billing month, for the banner owners and admins see; none
/// before the first.
#[utoipa::path(get, path = "/api/v1/orgs/me/usage-alert", tag = "spaces", security(("bearer" = []), ("access_token" = ["read"])),
    responses((status = 200, body = UsageAlertState), (status = 403, body = contract::ApiErrorBody),
        (status = 404, description = "The caller belongs to no organization", body = contract::ApiErrorBody)))]
pub async fn usage_alert(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<UsageAlertState>> {
    let actor = caller.require(Permission::OpenOrgArea)?;
    let alert = on_db!(&state.db, |pool, domain| {
        domain::usage::current(pool, actor.org_id).await
    })?;
    Ok(Json(UsageAlertState { alert }))
}
