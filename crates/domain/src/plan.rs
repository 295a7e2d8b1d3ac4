//! The organization's plan and limits, which follow its subscription's tier.

use common::DomainResult;
use contract::{TierId, FREE_MAX_COLLABORATORS, FREE_MAX_SPACES, FREE_PLAN};

use crate::db::Tx;

/// The organization's plan and limits follow the tier; without one, the free plan's.
pub async fn set_org_plan(tx: &mut Tx, org_id: i64, tier: Option<TierId>) -> DomainResult<()> {
    let (plan, level, spaces, collaborators) = match tier.map(TierId::tier) {
        Some(t) => (t.id.as_str(), t.plan_level, t.max_spaces, t.max_collaborators),
        None => (FREE_PLAN, 0, FREE_MAX_SPACES, FREE_MAX_COLLABORATORS),
    };
    sqlx::query!(
        "UPDATE orgs SET plan = $1, plan_level = $2, max_spaces = $3, max_collaborators = $4 WHERE id = $5",
        plan,
        level,
        spaces,
        collaborators,
        org_id
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}
