//! The contract between the org-area app and its API server: the JSON types both sides speak and
//! the organization's permission rules. Both sides compile this one crate, so they cannot drift.

pub mod account;
pub mod activity;
pub mod activity_params;
pub mod auth;
pub mod dashboard;
pub mod error;
pub mod hosting;
pub mod i18n;
pub mod integrations;
pub mod lang;
pub mod org;
pub mod query;
pub mod regions;
pub mod roles;
pub mod saml;
pub mod settings;
pub mod sso;
#[cfg(feature = "sqlx")]
pub mod stored;
pub mod subscription;
pub mod text;
pub mod undo;
pub mod usage;
pub mod users;

pub use account::*;
pub use activity::*;
pub use activity_params::Params;
pub use auth::*;
pub use dashboard::*;
pub use error::*;
pub use i18n::fill;
pub use integrations::*;
pub use lang::Lang;
pub use org::*;
pub use query::{ActivitiesQuery, ExportFormat, ExportQuery, PeriodQuery, SearchQuery, SortDir, UserSort, UsersQuery};
pub use regions::*;
pub use roles::*;
pub use saml::*;
pub use settings::*;
pub use sso::*;
pub use subscription::*;
pub use undo::*;
pub use usage::*;
pub use users::*;

/// Every API path starts with this prefix.
pub const API_PREFIX: &str = "/api/v1";
