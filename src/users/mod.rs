//! The Users tab: every person of the organization (the team and the customers), their roles,
//! role changes and removal.

mod accept_page;
mod add_user;
mod api;
mod invitations_api;
mod page;
mod pager;
mod pending_invitations;
mod text;
mod users_table;
mod view_state;

pub use accept_page::AcceptInvitationPage;
pub use page::UsersPage;
