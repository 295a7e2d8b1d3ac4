//! Personal access tokens for the Management API: the person's own (Account → Access tokens,
//! where they are made) and every token of the organization (Settings → Security & Access, for
//! owners and admins). One list component serves both.

mod api;
mod generate;
mod list;
mod text;

pub use generate::GenerateToken;
pub use list::{TokenList, Whose};
pub use text::t as texts;
