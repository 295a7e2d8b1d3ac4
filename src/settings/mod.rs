//! The Settings tab: name, white-labeling, embedding, security and access (with the
//! organization's access tokens), and its other pages: Webhooks, and SSO & Provisioning.

mod api;
mod color_field;
mod embed_help;
mod form;
mod image_field;
mod notifications;
mod page;
mod preview;
mod regions_field;
pub(crate) mod sections;
pub mod sso;
mod text;
pub mod webhooks;

pub use page::SettingsPage;
pub use sso::SsoPage;
pub use webhooks::WebhooksPage;
