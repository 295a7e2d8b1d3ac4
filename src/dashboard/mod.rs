//! The organization's dashboard: spaces with owners, users and traffic, the three charts, the free
//! terabyte, and adding or detaching spaces.

mod add_space;
mod api;
mod charts;
mod free_traffic;
mod member_add_space;
mod page;
mod space_page;
mod spaces_table;
mod text;
mod view_state;

pub use member_add_space::MemberAddSpace;
pub use page::DashboardPage;
pub use space_page::SpacePage;
