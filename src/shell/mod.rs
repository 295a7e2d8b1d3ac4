//! The frame around every screen of the organization area (with the guard in front of it), and the
//! pages that are not screens.

mod guard;
mod idle_warning;
mod layout;
mod no_access;
mod not_found;
mod other_organization;
mod tabs;
pub(crate) mod text;
mod unavailable;
mod usage_banner;
mod user_menu;

pub use guard::Guarded;
pub use layout::Layout;
pub use no_access::NoAccess;
pub use not_found::NotFound;
pub use other_organization::OtherOrganization;
