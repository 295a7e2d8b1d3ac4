//! Looking up a domain's TXT records, which prove that an organization holds the domain. The
//! server's resolver implements [`TxtLookup`] (through `--dns-resolver`, or the system's); the
//! domain layer only reads what it found.

use std::future::Future;
use std::pin::Pin;

/// What a lookup found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxtAnswer {
    /// The name's TXT records, each one's strings joined (a long value is split into 255-byte
    /// strings on the wire); empty when the name has none or does not exist.
    Records(Vec<String>),
    /// The resolver could not answer (unreachable, timed out, a server failure): nothing is
    /// known, so nothing is concluded from it.
    Failed(String),
}

pub type TxtFuture<'a> = Pin<Box<dyn Future<Output = TxtAnswer> + Send + 'a>>;

pub trait TxtLookup: Send + Sync {
    fn txt<'a>(&'a self, name: &'a str) -> TxtFuture<'a>;
}
