//! The Settings tab: name, white-labeling, embedding, security and access.

mod api;
mod color_field;
mod embed_help;
mod form;
mod image_field;
mod page;
mod preview;
mod text;

pub use page::SettingsPage;
