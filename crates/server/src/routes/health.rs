//! Health, for load balancers and the tests.

use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use contract::{DatabaseState, Health, HealthStatus};

use crate::extract::Json;
use crate::{on_db, AppState};

/// Longer than this, and the database counts as down: a balancer asks often and must not queue.
const DATABASE_ANSWERS_WITHIN: Duration = Duration::from_secs(2);

/// Whether this instance serves: 200 only when it is not draining and reached its database just
/// now; otherwise 503 with the same body saying which, so a load balancer moves away.
#[utoipa::path(get, path = "/api/v1/health", tag = "health", responses(
    (status = 200, description = "Serving", body = Health),
    (status = 503, description = "Draining before it stops, or its database cannot be reached; Retry-After says when to ask again", body = Health)))]
pub async fn health(State(state): State<AppState>) -> Response {
    let reached = tokio::time::timeout(DATABASE_ANSWERS_WITHIN, async {
        on_db!(&state.db, |pool, domain| { domain::db::ping(pool).await })
    })
    .await;
    let database = match reached {
        Ok(Ok(())) => DatabaseState::Up,
        _ => DatabaseState::Down,
    };
    let status = if state.lifecycle.is_draining() {
        HealthStatus::Draining
    } else if database == DatabaseState::Down {
        HealthStatus::Unavailable
    } else {
        HealthStatus::Ok
    };
    let body = Json(Health {
        status,
        database,
        version: env!("CARGO_PKG_VERSION").into(),
        answer_cache: state.answers.usage(),
    });
    if status == HealthStatus::Ok {
        return body.into_response();
    }
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, body).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    response
}
