//! What the scheduler's work reports.

/// What one round of scheduled work did, for the log and the tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub renewals: usize,
    pub charges_finished: usize,
    /// Unpaid invoices charged again, and subscriptions ended for them.
    pub collected: usize,
    /// Organizations told that their traffic crossed a usage alert threshold.
    pub usage_alerts: usize,
    /// Verified domains whose TXT record a re-check no longer found.
    pub domains_lost: usize,
    pub pruned: u64,
}
