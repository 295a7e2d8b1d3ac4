//! The Users tab: every person of the organization (the team and the customers), their roles,
//! role changes and removal.

mod api;
mod page;
mod users_table;
mod view_state;

pub use page::UsersPage;
