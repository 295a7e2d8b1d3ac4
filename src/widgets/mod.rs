//! Small pieces used by several screens.

mod badge;
mod error_panel;
mod loading;

pub use badge::DeprecatedBadge;
pub use error_panel::ErrorPanel;
pub use loading::Loading;
