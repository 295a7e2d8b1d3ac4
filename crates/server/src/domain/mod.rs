//! The domain layer: one module per area, each owning its SQL and its rules. HTTP handlers in
//! `routes/` only parse a request, call one function here and answer.
//!
//! Every change to an organization's data is one write transaction that re-reads the actor's role
//! inside it ([`authorize`]), re-checks its rules in guarded statements, and records its activity
//! ([`activity::record`]) before committing: a change that fails records nothing, and every
//! recorded activity matches a committed change.

pub mod accounts;
pub mod activity;
pub mod billing;
pub mod events;
pub mod invitations;
pub mod invoices;
pub mod mail;
pub mod members;
pub mod orgs;
pub mod people;
pub mod sessions;
pub mod settings;
pub mod spaces;
pub mod statistics;
pub mod subscription;
pub mod throttle;
pub mod totp;

use contract::{allows, OrgRole, Permission};

use crate::client::ClientInfo;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};

/// Someone acting inside their organization, and from where.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: i64,
    pub org_id: i64,
    /// The role the request started with; changes re-read it with [`authorize`].
    pub role: OrgRole,
    pub client: ClientInfo,
}

/// The actor's role as it is now, inside the change's transaction, when it allows `permission`.
/// A role taken away (or a removal) since the request began refuses the change.
pub async fn authorize(tx: &mut Tx, actor: &Actor, permission: Permission) -> ApiResult<OrgRole> {
    let role = current_role(tx, actor.org_id, actor.user_id)
        .await?
        .filter(|role| allows(*role, permission))
        .ok_or_else(ApiError::role_forbids)?;
    Ok(role)
}

/// A person's role in the organization, read inside a transaction.
pub async fn current_role(tx: &mut Tx, org_id: i64, user_id: i64) -> Result<Option<OrgRole>, sqlx::Error> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT org_role FROM org_members WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(role.as_deref().and_then(OrgRole::parse))
}

/// The `%needle%` of a LIKE search, with LIKE's own wildcards taken literally (`ESCAPE '\'`).
pub fn like_pattern(q: &str) -> String {
    let escaped = q
        .trim()
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// A page number and size as a LIMIT and OFFSET, refusing what is out of range (no overflow
/// whatever a client sends).
pub fn page_window(page: Option<i64>, per_page: Option<i64>, default: i64, max: i64) -> ApiResult<(i64, i64, i64)> {
    let per_page = per_page.unwrap_or(default);
    if !(1..=max).contains(&per_page) {
        return Err(ApiError::invalid(
            "per_page",
            format!("Page size must be between 1 and {max}."),
        ));
    }
    let page = page.unwrap_or(1);
    if !(1..=MAX_PAGE).contains(&page) {
        return Err(ApiError::invalid(
            "page",
            format!("Pages start at 1 and end at {MAX_PAGE}."),
        ));
    }
    Ok((page, per_page, (page - 1) * per_page))
}

/// Far beyond any real list, small enough that `page × per_page` cannot overflow.
pub const MAX_PAGE: i64 = 1_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_out_of_range_are_refused_not_overflowed() {
        assert_eq!(page_window(None, None, 50, 200).unwrap(), (1, 50, 0));
        assert_eq!(page_window(Some(3), Some(10), 50, 200).unwrap(), (3, 10, 20));
        for (page, per_page, field) in [
            (Some(0), None, "page"),
            (Some(i64::MAX), None, "page"),
            (Some(-1), None, "page"),
            (None, Some(0), "per_page"),
            (None, Some(201), "per_page"),
        ] {
            let err = page_window(page, per_page, 50, 200).unwrap_err();
            assert_eq!(err.field.as_deref(), Some(field));
        }
    }

    #[test]
    fn like_wildcards_are_literal() {
        assert_eq!(like_pattern(" A%b_c\\ "), "%a\\%b\\_c\\\\%");
    }
}
