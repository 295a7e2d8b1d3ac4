//! Small pieces used by several screens.

mod badge;
mod brand;
mod confirm_dialog;
pub mod download;
mod error_panel;
mod field_issues;
pub mod format;
pub mod fragment;
mod keep_focus;
mod loader;
mod loading;
pub mod markup;
mod modal;
mod notice_bar;
mod sort_header;
mod submit;
pub mod text;
mod text_field;
pub mod timing;
pub mod url;

pub use badge::DeprecatedBadge;
pub use brand::{Brand, PoweredBy};
pub use confirm_dialog::ConfirmDialog;
pub use error_panel::ErrorPanel;
pub use field_issues::FieldIssues;
pub use keep_focus::keep_focus_across_redraw;
pub use loader::{load_view, Loader};
pub use loading::Loading;
pub use modal::modal_keys;
pub use notice_bar::{Notice, NoticeBar};
pub use sort_header::SortHeader;
pub use submit::Submit;
pub use text_field::TextField;
