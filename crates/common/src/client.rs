//! The client of a request as the domain keeps it: its address (for throttling and the activity
//! log) and its browser. How the HTTP layer finds them (trusted proxies) is its own business.

use std::net::IpAddr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientInfo {
    pub ip: IpAddr,
    /// The browser's `User-Agent`, cut to a length worth keeping.
    pub user_agent: Option<String>,
    /// The personal access token the request came with, by name and id (`"CI deploy #4"`); none
    /// for a browser session. Activities name it.
    pub access_token: Option<String>,
}

impl ClientInfo {
    /// For work the server does on its own (scheduled renewals).
    pub fn server() -> ClientInfo {
        ClientInfo {
            ip: IpAddr::from([127, 0, 0, 1]),
            user_agent: None,
            access_token: None,
        }
    }
}
