//! Throttling of every password or code check (OWASP ASVS 5.0 §6.3, NIST SP 800-63B §5.2.2).
//!
//! An attempt counts the moment it starts, before the slow check runs, so a burst of parallel
//! guesses is held to the limit. Counters live in the database (shared by every server instance,
//! kept across restarts) and are claimed with one guarded upsert per key inside one write
//! transaction: all keys or none.
//!
//! Three counters, each failing on its own:
//! - one account from one client address: a few failures, then that pair waits;
//! - one client address across accounts: credential stuffing slows the address. An account at an
//!   address it has signed in from before skips this one, so strangers behind the same NAT or
//!   office exit cannot lock its people out;
//! - one account from addresses it has never signed in from: a slow guess from many addresses
//!   is held down too, while the person keeps signing in from addresses they have used before.
//!   So no stranger at another address can lock a person out of their own. Codes always count
//!   here: an address becomes known only by a complete sign-in, and a code guess from a known
//!   address is still a guess at the account.
//!
//! A success gives back what its attempt took and clears the account's count at that address.
//! Failures in a row, whatever the address, are the business of [`crate::lockout`].

use common::text::{fill, said};
use std::net::IpAddr;

use chrono::Duration;
use common::{DomainError, DomainResult, Kind, Timestamp};

use crate::db::{self, Pool, Tx};

/// One counter's rule: at most `max` attempts without success within `window`.
#[derive(Clone, Copy, Debug)]
struct Limit {
    max: i64,
    window: Duration,
}

const ACCOUNT_AT_ADDRESS: Limit = Limit {
    max: 5,
    window: Duration::minutes(15),
};
const ADDRESS: Limit = Limit {
    max: 20,
    window: Duration::minutes(15),
};
const ACCOUNT_FROM_NEW_ADDRESSES: Limit = Limit {
    max: 50,
    window: Duration::hours(1),
};
/// A sign-in through single sign-on counts twice (its start and the provider's return).
const SSO_STARTS_AT_ADDRESS: Limit = Limit {
    max: 600,
    window: Duration::minutes(15),
};
/// Rows older than the longest window are of no use.
pub const LONGEST_WINDOW: Duration = Duration::hours(1);
/// An address someone signed in from stays theirs this long.
pub const KNOWN_CLIENT_DAYS: i64 = 90;

/// What is being checked; each kind counts on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secret {
    Password,
    InvitationCode,
    /// Asking for a password reset mail (so nobody floods an inbox).
    ResetRequest,
    /// The token of a password reset link.
    ResetToken,
    /// An authentication or recovery code.
    SecondFactor,
    /// "Sign in with SSO": each start asks an identity provider for its discovery document, and
    /// each return (the OpenID Connect callback, a SAML answer) redeems a code or checks a
    /// signature.
    SsoStart,
    /// The one-time code single sign-on hands the app.
    SsoHandoff,
    /// A SCIM bearer token: only wrong ones are counted (a provider's own traffic is not).
    ScimToken,
}

impl Secret {
    fn as_str(self) -> &'static str {
        match self {
            Secret::Password => "password",
            Secret::InvitationCode => "invitation",
            Secret::ResetRequest => "reset-request",
            Secret::ResetToken => "reset-token",
            Secret::SecondFactor => "second-factor",
            Secret::SsoStart => "sso-start",
            Secret::SsoHandoff => "sso-handoff",
            Secret::ScimToken => "scim-token",
        }
    }

    /// The address's counter. Starting single sign-on proves nothing and guesses nothing, but
    /// a whole office signs in from one address at nine: it gets room for that.
    fn address_limit(self) -> Limit {
        match self {
            Secret::SsoStart => SSO_STARTS_AT_ADDRESS,
            _ => ADDRESS,
        }
    }
}

/// The address as throttling sees it: IPv4 whole, IPv6 by its /64 (one subscriber's network,
/// which hands out addresses at will).
pub fn client_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// An attempt in flight: it holds its place in each counter until it ends.
#[must_use = "end the attempt with `succeeded`, or drop it on failure (it stays counted)"]
pub struct Attempt {
    account_key: Option<String>,
    shared_keys: Vec<String>,
    /// Counters a success empties: the account's share, after a proof by mail (the failures in
    /// it were a stranger's).
    cleared_keys: Vec<String>,
    remember: Option<(i64, String)>,
}

/// The throttle said no: when to try again.
pub struct Throttled {
    pub wait: std::time::Duration,
}

impl Throttled {
    /// `what` was attempted, as [`common::text::Said`] names it (`said().attempt_sign_in`).
    pub fn into_error(self, what: &str) -> DomainError {
        let minutes = self.wait.as_secs().div_ceil(60).max(1);
        let message = match minutes {
            1 => fill(said().too_many_attempts_minute, &[&what]),
            _ => fill(said().too_many_attempts, &[&what, &minutes]),
        };
        DomainError::new(Kind::Throttled, "rate_limited", message).retry_after(self.wait)
    }
}

/// Who is trying: the account (an email address; empty when no account is named) and where from.
pub struct Subject<'a> {
    pub secret: Secret,
    pub account: &'a str,
    pub user_id: Option<i64>,
    pub client: IpAddr,
    /// The attempt brings a live unlock link (see [`crate::lockout`]): the person proved by mail
    /// that it is them, so the account's share, which strangers may have filled, is not theirs.
    pub proven: bool,
}

/// Count an attempt before its check, or refuse it.
pub async fn begin(pool: &Pool, subject: Subject<'_>) -> DomainResult<Result<Attempt, Throttled>> {
    let secret = subject.secret.as_str();
    let client = client_key(subject.client);
    let known = match subject.user_id {
        Some(user_id) => is_known_client(pool, user_id, &client).await?,
        None => false,
    };
    let account = subject.account.trim().to_lowercase();
    // The address's counter (not for an account at home there) and the account's own (not for
    // passwords at home, always for codes): both get their place back on success. The
    // account-at-address counter is cleared instead.
    let mut claims: Vec<(String, Limit)> = Vec::new();
    if !known {
        claims.push((format!("{secret}:address:{client}"), subject.secret.address_limit()));
    }
    if !account.is_empty() && !subject.proven && (!known || subject.secret == Secret::SecondFactor) {
        claims.push((format!("{secret}:account:{account}"), ACCOUNT_FROM_NEW_ADDRESSES));
    }
    let shared_keys: Vec<String> = claims.iter().map(|(key, _)| key.clone()).collect();
    let cleared_keys = if subject.proven && !account.is_empty() {
        vec![format!("{secret}:account:{account}")]
    } else {
        Vec::new()
    };
    let account_key = (!account.is_empty()).then(|| format!("{secret}:account-at:{account}|{client}"));
    if let Some(key) = &account_key {
        claims.push((key.clone(), ACCOUNT_AT_ADDRESS));
    }

    let now = common::now();
    // Each claim is one guarded upsert, atomic on its row; claims are taken in the same order
    // (address, account, account at address) by every attempt, so two never wait on each other.
    let mut tx = db::write_rows(pool).await?;
    for (key, limit) in &claims {
        if !claim(&mut tx, key, *limit, now).await? {
            let started = sqlx::query_scalar!(
                r#"SELECT window_start AS "window_start: Timestamp" FROM throttle WHERE key = $1"#,
                key
            )
            .fetch_optional(&mut *tx)
            .await?;
            tx.rollback().await?;
            let started = started.unwrap_or(now);
            let wait = (started + limit.window - now).to_std().unwrap_or_default();
            return Ok(Err(Throttled {
                wait: wait.max(std::time::Duration::from_secs(1)),
            }));
        }
    }
    tx.commit().await?;
    Ok(Ok(Attempt {
        account_key,
        shared_keys,
        cleared_keys,
        remember: subject.user_id.map(|id| (id, client)),
    }))
}

/// Take one place in a counter, starting a new window when the last one is over. False when
/// the counter is full: the guarded upsert then changes nothing.
async fn claim(tx: &mut Tx, key: &str, limit: Limit, now: Timestamp) -> DomainResult<bool> {
    let window_over = now - limit.window;
    let claimed = sqlx::query!(
        "INSERT INTO throttle (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN throttle.window_start <= $3 THEN 1 ELSE throttle.count + 1 END,
             window_start = CASE WHEN throttle.window_start <= $3 THEN $2 ELSE throttle.window_start END
         WHERE throttle.window_start <= $3 OR throttle.count < $4",
        key,
        now,
        window_over,
        limit.max
    )
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(claimed == 1)
}

impl Attempt {
    /// The password was right, and a second factor is still owed: the counters are as after a
    /// success, but the address becomes one the account is known at only when the code is right
    /// too (or known addresses would skip the account's counter for code guesses).
    pub async fn succeeded_in_part(mut self, tx: &mut Tx) -> DomainResult<()> {
        self.remember = None;
        self.succeeded(tx).await
    }

    /// The check passed: the account starts afresh at this address, the shared counters get
    /// their place back, and the address becomes one the account is known at. Written in the
    /// transaction that acts on the success (the new session).
    pub async fn succeeded(self, tx: &mut Tx) -> DomainResult<()> {
        for key in self.account_key.iter().chain(&self.cleared_keys) {
            sqlx::query!("DELETE FROM throttle WHERE key = $1", key)
                .execute(&mut **tx)
                .await?;
        }
        for key in &self.shared_keys {
            sqlx::query!(
                "UPDATE throttle SET count = count - 1 WHERE key = $1 AND count > 0",
                key
            )
            .execute(&mut **tx)
            .await?;
        }
        if let Some((user_id, client)) = &self.remember {
            let now = common::now();
            sqlx::query!(
                "INSERT INTO known_clients (user_id, client, last_success_at) VALUES ($1, $2, $3)
                 ON CONFLICT (user_id, client) DO UPDATE SET last_success_at = excluded.last_success_at",
                user_id,
                client,
                now
            )
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }
}

async fn is_known_client(pool: &Pool, user_id: i64, client: &str) -> DomainResult<bool> {
    let since = common::now() - Duration::days(KNOWN_CLIENT_DAYS);
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM known_clients WHERE user_id = $1 AND client = $2 AND last_success_at > $3)
           AS "known!: bool""#,
        user_id,
        client,
        since
    )
    .fetch_one(pool)
    .await?)
}

/// Forget counters whose windows are over and addresses not used for long.
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let now = common::now();
    let (windows_over, unused_since) = (now - LONGEST_WINDOW, now - Duration::days(KNOWN_CLIENT_DAYS));
    let counters = sqlx::query!("DELETE FROM throttle WHERE window_start <= $1", windows_over)
        .execute(pool)
        .await?
        .rows_affected();
    let clients = sqlx::query!("DELETE FROM known_clients WHERE last_success_at <= $1", unused_since)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(counters + clients)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_counted_by_their_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(other));
        assert_eq!(client_key("192.0.2.7".parse().unwrap()), "192.0.2.7");
    }
}
