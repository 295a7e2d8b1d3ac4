//! Who is calling: passwords and the request extractor for the signed-in caller.

pub mod caller;
pub mod password;

pub use caller::{AccountCaller, AnySession, Caller, PendingSession};
