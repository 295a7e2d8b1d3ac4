//! The Settings tab: name, white-labeling, embedding, security and access (with the
//! organization's access tokens), and its second page, Webhooks.

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
mod text;
pub mod webhooks;

pub use page::SettingsPage;
pub use webhooks::WebhooksPage;
