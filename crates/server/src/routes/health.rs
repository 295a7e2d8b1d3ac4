//! Liveness, for load balancers and the tests.

use axum::extract::State;
use contract::Health;

use crate::error::ApiResult;
use crate::extract::Json;
use crate::{on_db, AppState};

/// Liveness, including a round trip to the database, and what the kept list answers cost.
#[utoipa::path(get, path = "/api/v1/health", tag = "health", responses((status = 200, body = Health)))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    on_db!(&state.db, |pool, domain| { domain::db::ping(pool).await })?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        answer_cache: state.answers.usage(),
    }))
}
