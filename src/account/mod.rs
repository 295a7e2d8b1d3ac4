//! The Account page (`/account`, from the user menu): the signed-in person's own name, password
//! two-factor sign-in, and its sessions. Open to every signed-in person, members included, and the only page an
//! organization that requires two-factor sign-in opens before it is set up.

mod api;
mod page;
mod password_form;
mod profile_form;
mod qr;
mod sessions;
mod text;
mod tokens;
mod two_factor;

pub use page::AccountPage;
