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

/// Which members a users list or export holds.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct UsersQuery {
    /// Part of a name or email address.
    pub q: Option<String>,
    /// `owner`, `admin` or `member`.
    pub role: Option<String>,
    /// `name` (default), `email`, `role`, `sign_ins`, `last_sign_in` or `created`.
    pub sort: Option<String>,
    /// `asc` (default) or `desc`.
    pub dir: Option<String>,
    /// From 1.
    pub page: Option<i64>,
    /// 1 to 200, default 50.
    pub per_page: Option<i64>,
}

/// Storyblok's activity filters, and paging.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct ActivitiesQuery {
    /// From this date (`2026-11-01`) or time (RFC 3339) on.
    pub created_at_gte: Option<String>,
    /// Up to this date (the whole day) or time.
    pub created_at_lte: Option<String>,
    /// Comma-separated ids of the people who acted.
    pub by_owner_ids: Option<String>,
    /// Comma-separated trackable types: `OrgUser`, `Invitation`, `Space`, `Collaborator`, `Settings`,
    /// `Subscription`, `Invoice`, `BillingInfo`, `PaymentMethod`, `Session`, `UsersExport`.
    pub types: Option<String>,
    /// Comma-separated keys such as `org_user.update`.
    pub keys: Option<String>,
    /// Only activities about this space.
    pub space_id: Option<i64>,
    /// From 1.
    pub page: Option<i64>,
    /// 1 to 100, default 25.
    pub per_page: Option<i64>,
    /// The `snapshot` of the first page: later pages then stay stable while activities arrive.
    pub snapshot: Option<i64>,
}

impl ActivitiesQuery {
    pub fn filter(&self) -> ApiResult<common::filters::ActivityFilter> {
        let filter = common::filters::ActivityFilterText {
            created_at_gte: self.created_at_gte.clone(),
            created_at_lte: self.created_at_lte.clone(),
            by_owner_ids: self.by_owner_ids.clone(),
            types: self.types.clone(),
            keys: self.keys.clone(),
            space_id: self.space_id,
            snapshot: self.snapshot,
        }
        .parse()?;
        Ok(filter)
    }
}
