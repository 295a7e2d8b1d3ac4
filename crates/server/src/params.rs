//! Query parameters shared by several endpoints, with their OpenAPI descriptions.

use contract::Period;
use serde::Deserialize;

use crate::error::{ApiError, ApiResult};

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
