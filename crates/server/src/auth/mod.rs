//! Who is calling: passwords, sessions, the login rate limit and the request extractor.

pub mod caller;
pub mod password;
pub mod rate_limit;
pub mod session;

pub use caller::{Caller, OrgCaller};
