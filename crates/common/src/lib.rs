//! What the org-area domain and its HTTP server share, needing neither a database driver nor
//! HTTP: the domain's error ([`DomainError`]), who acts ([`Actor`]) and from where
//! ([`ClientInfo`]), the language a request is answered in, passwords, tokens and codes, the
//! letters mail carries, list filters, and the payment gateway.
//!
//! The domain is compiled once per database (`crates/domain`); everything that crosses between it
//! and the server lives here, so both copies speak the same types.

pub mod actor;
pub mod branding;
pub mod client;
pub mod csv;
pub mod dns;
pub mod error;
pub mod filters;
pub mod idempotency;
pub mod lang;
pub mod live;
pub mod mail;
pub mod password;
pub mod payments;
pub mod scheduled;
pub mod scim;
pub mod secrets;
pub mod session;
pub mod sso;
pub mod strength;
pub mod text;
pub mod tokens;
pub mod totp;
pub mod webhooks;

pub use actor::{Actor, Person};
pub use client::ClientInfo;
pub use error::{DomainError, DomainResult, Kind};
pub use lang::{spoken, Lang};

/// A moment in time as the database keeps it: UTC, to the millisecond.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// Now, to the millisecond: what both databases store alike (PostgreSQL keeps microseconds,
/// SQLite the text sqlx writes), so a value reads back as it was written on either.
pub fn now() -> Timestamp {
    millis(chrono::Utc::now())
}

/// `t` without what is finer than a millisecond.
pub fn millis(t: Timestamp) -> Timestamp {
    use chrono::SubsecRound;
    t.trunc_subsecs(3)
}

/// A moment as the API shows it: RFC 3339 in UTC with milliseconds (`2026-11-29T10:00:00.000Z`),
/// which sorts by time as text.
pub fn iso(t: Timestamp) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Today in UTC.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// An HTTP entity tag for an answer that depends on exactly `seen`: its digest, quoted.
pub fn etag_of(seen: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(seen.as_bytes());
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// A day as the API shows it: `YYYY-MM-DD`.
pub fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_kept_to_the_millisecond_and_shown_in_utc() {
        let t: Timestamp = "2026-11-29T10:00:00.123456789+01:00".parse().unwrap();
        assert_eq!(iso(millis(t)), "2026-11-29T09:00:00.123Z");
        assert_eq!(
            iso(millis("2026-11-29T10:00:00Z".parse().unwrap())),
            "2026-11-29T10:00:00.000Z"
        );
        use chrono::Timelike;
        assert_eq!(now().nanosecond() % 1_000_000, 0);
    }
}
