//! Small pieces used by several screens.

mod badge;
mod confirm_dialog;
mod error_panel;
pub mod format;
mod loader;
mod loading;
pub mod url;

pub use badge::DeprecatedBadge;
pub use confirm_dialog::ConfirmDialog;
pub use error_panel::ErrorPanel;
pub use loader::{load_view, Loader};
pub use loading::Loading;
