//! The JSON error body every failing endpoint returns.

use serde::{Deserialize, Serialize};

/// `{ "error": { "code": "...", "message": "...", "field": "..." } }`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorDetail {
    /// Stable, machine-readable: `invalid_credentials`, `rate_limited`, `forbidden`, ...
    pub code: String,
    /// Written for people; the app shows it as is.
    pub message: String,
    /// The request field the error is about, so the app can show it there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}
