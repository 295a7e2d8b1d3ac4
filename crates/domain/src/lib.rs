//! The domain: one module per area, each owning its SQL and its rules. It knows no HTTP: the
//! server's handlers parse a request, call one function here and turn its answer (or its
//! [`DomainError`]) into a response.
//!
//! This source is compiled once per database, as `org-area-domain-sqlite` and
//! `org-area-domain-postgres` (see `db` and `build.rs`), so that every query is checked against
//! the schema it runs on.
//!
//! Every change to an organization's data is one write transaction that re-reads the actor's role
//! inside it ([`authorize`]), re-checks its rules in guarded statements, and records its activity
//! ([`activity::record`]) before committing: a change that fails records nothing, and every
//! recorded activity matches a committed change.

pub mod accounts;
pub mod activity;
pub mod backup;
pub mod billing;
pub mod db;
pub mod events;
pub mod idempotency;
pub mod invitations;
pub mod invoices;
pub mod lockout;
pub mod members;
pub mod orgs;
pub mod outbox;
pub mod people;
pub mod plan;
pub mod saml;
pub mod scheduled;
pub mod scim;
pub mod scim_groups;
pub mod search;
pub mod seed;
pub mod sessions;
pub mod settings;
pub mod spaces;
pub mod sso;
pub mod sso_sign_in;
pub mod sso_test;
pub mod statistics;
pub mod subscription;
pub mod throttle;
pub mod two_factor;
pub mod undo;
pub mod usage;
pub mod webhooks;

use common::{Actor, DomainError, DomainResult};
use contract::{allows, OrgRole, Permission};

pub use db::{Pool, Tx};

/// The actor's role as it is now, inside the change's transaction, when it allows `permission`.
/// A role taken away (or a removal) since the request began refuses the change.
pub async fn authorize(tx: &mut Tx, actor: &Actor, permission: Permission) -> DomainResult<OrgRole> {
    current_role(tx, actor.org_id, actor.user_id)
        .await?
        .filter(|role| allows(*role, permission))
        .ok_or_else(DomainError::role_forbids)
}

/// A person's role in the organization, read inside a transaction.
pub async fn current_role(tx: &mut Tx, org_id: i64, user_id: i64) -> DomainResult<Option<OrgRole>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT org_role AS "org_role: OrgRole" FROM org_members WHERE org_id = $1 AND user_id = $2"#,
        org_id,
        user_id
    )
    .fetch_optional(&mut **tx)
    .await?)
}
