//! A webhook delivery between the domain's outbox and the server's sender (the domain is built
//! once per database; these types are the one both builds hand over).

use crate::Timestamp;

/// How long a delivery is retried before it counts as failed.
pub const RETRY_FOR: chrono::Duration = chrono::Duration::hours(24);

/// A delivery taken by a sender, with what it needs to sign and post it.
#[derive(Clone, Debug)]
pub struct Due {
    pub id: i64,
    pub endpoint_id: i64,
    pub org_id: i64,
    pub url: String,
    pub event: String,
    /// The secrets that sign it: the current one, and the one before while it still signs.
    pub secrets: Vec<String>,
    /// This try's number.
    pub attempts: i64,
    pub created_at: Timestamp,
    /// The JSON body.
    pub body: serde_json::Value,
}

/// How one try went.
#[derive(Clone, Debug)]
pub struct Tried {
    /// The receiver's status; none when it could not be reached.
    pub status: Option<i64>,
    pub duration_ms: i64,
    /// The start of the answer, or why there was none.
    pub excerpt: String,
    /// A 2xx.
    pub delivered: bool,
    /// When to try again; none to give up (it has been tried for [`RETRY_FOR`]).
    pub next_attempt_at: Option<Timestamp>,
}
