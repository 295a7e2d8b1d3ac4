//! The frame around every screen of the organization area, and the pages that are not screens.

mod idle_warning;
mod layout;
mod no_access;
mod not_found;
mod other_organization;
mod tabs;
pub(crate) mod text;
mod unavailable;
mod user_menu;

pub use layout::Layout;
pub use no_access::NoAccess;
pub use not_found::NotFound;
pub use other_organization::OtherOrganization;
