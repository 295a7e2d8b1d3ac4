//! What an open event stream sends, step by step.

use contract::ChangeEvent;

pub enum Step {
    /// First, the id the stream starts after (the client's `Last-Event-ID` from now on).
    Ready(i64),
    Change(ChangeEvent),
}
