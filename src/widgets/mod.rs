//! Small pieces used by several screens.

mod badge;
mod confirm_dialog;
mod error_panel;
pub mod format;
mod loading;

pub use badge::DeprecatedBadge;
pub use confirm_dialog::ConfirmDialog;
pub use error_panel::ErrorPanel;
pub use loading::Loading;
