use contract::{Org, OrgEnvelope};

use crate::api::{self, ApiError};

pub async fn org() -> Result<Org, ApiError> {
    api::get::<OrgEnvelope>("/orgs/me").await.map(|e| e.org)
}
