//! The second factor of a sign-in: an authentication code from the person's app (each time step
//! accepted once) or one of their recovery codes (each used once). Signing in and turning
//! two-factor sign-in off both prove the person with it.

use common::password::Hasher;
use common::secrets::{Opened, SecretKeys};
use common::{tokens::token_hash, totp, DomainError, DomainResult};
use rand::RngCore;

use crate::db::{Pool, Tx};

/// Which second factor a code was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondFactor {
    AuthenticatorCode,
    RecoveryCode,
}

impl SecondFactor {
    /// Which one a code is meant as, by its shape (six digits, or a recovery code).
    pub fn of(code: &str) -> SecondFactor {
        if contract::is_totp_code(code) {
            SecondFactor::AuthenticatorCode
        } else {
            SecondFactor::RecoveryCode
        }
    }
}

/// What a two-factor seed is sealed for (see [`common::secrets`]).
pub const SEED: &str = "totp-seed";

/// A code that fits one of the person's second factors, not yet spent.
#[derive(Clone, Debug)]
pub enum Matched {
    /// An authentication code of this time step.
    Step(i64),
    /// The recovery code with this stored hash.
    Recovery(String),
}

impl Matched {
    pub fn factor(&self) -> SecondFactor {
        match self {
            Matched::Step(_) => SecondFactor::AuthenticatorCode,
            Matched::Recovery(_) => SecondFactor::RecoveryCode,
        }
    }
}

/// Which of the person's second factors `code` fits, if any: an authentication code against their
/// sealed seed, or a recovery code against their unused ones (slow hashes, compared by the hashing
/// workers outside any transaction). Nothing is spent yet: see [`spend`].
pub async fn find_code(
    pool: &Pool,
    hasher: &Hasher,
    keys: &SecretKeys,
    user_id: i64,
    code: &str,
) -> DomainResult<Option<Matched>> {
    if SecondFactor::of(code) == SecondFactor::AuthenticatorCode {
        let sealed = sqlx::query_scalar!("SELECT totp_secret FROM users WHERE id = $1", user_id)
            .fetch_one(pool)
            .await?;
        let Some(seed) = sealed.map(|s| open_seed(keys, &s)).transpose()? else {
            return Ok(None);
        };
        return Ok(totp::matching_step(&seed, code, totp::now_step()).map(|step| Matched::Step(step as i64)));
    }
    let unused = sqlx::query_scalar!(
        "SELECT code_hash FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
        user_id
    )
    .fetch_all(pool)
    .await?;
    if unused.is_empty() {
        return Ok(None);
    }
    let found = hasher.reserve()?.find(&recovery_digest(code), unused.clone()).await?;
    Ok(found.map(|i| Matched::Recovery(unused[i].clone())))
}

/// Spend a matched code inside the caller's transaction: an authentication code's time step (or an
/// earlier one) is never accepted again, a recovery code works once. False when a concurrent
/// request spent it first.
pub async fn spend(tx: &mut Tx, user_id: i64, matched: &Matched) -> DomainResult<bool> {
    let spent = match matched {
        Matched::Step(step) => {
            sqlx::query!(
                "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1",
                step,
                user_id
            )
            .execute(&mut **tx)
            .await?
        }
        Matched::Recovery(hash) => {
            let now = common::now();
            sqlx::query!(
                "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
                now,
                user_id,
                hash
            )
            .execute(&mut **tx)
            .await?
        }
    };
    Ok(spent.rows_affected() == 1)
}

/// The seed in a sealed column. A seed the keys cannot open is the operator's problem, never a
/// wrong code: the start refuses unknown keys, so this is a damaged value.
pub fn open_seed(keys: &SecretKeys, sealed: &str) -> DomainResult<String> {
    keys.open_text(SEED, sealed).ok_or_else(|| {
        tracing::error!("a two-factor seed does not open with the configured secret keys");
        DomainError::internal()
    })
}

/// New recovery codes and their slow hashes, made outside any transaction.
pub async fn new_recovery_codes(hasher: &Hasher, count: usize) -> DomainResult<Vec<(String, String)>> {
    let mut codes = Vec::with_capacity(count);
    for _ in 0..count {
        let code = new_recovery_code();
        let hash = hasher.reserve()?.hash(&recovery_digest(&code)).await?;
        codes.push((code, hash));
    }
    Ok(codes)
}

/// A recovery code: `xxxx-xxxx-xxxx` from 60 random bits.
pub fn new_recovery_code() -> String {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let text = totp::base32_encode(&bytes).to_lowercase();
    format!("{}-{}-{}", &text[..4], &text[4..8], &text[8..12])
}

/// What is slow-hashed of a recovery code: the SHA-256 of its letters and digits (case, spaces and
/// dashes do not count). Codes kept before slow hashing were this digest alone, which lets the
/// start-up hash them in place (see [`upgrade_recovery_hashes`]).
pub fn recovery_digest(code: &str) -> String {
    let normalized: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    token_hash(&normalized)
}

/// What the start-up found of the sealed seeds.
#[derive(Debug, Default)]
pub struct Resealed {
    /// Seeds sealed anew with the current key (older keys, or stored before sealing).
    pub resealed: u64,
    /// Ids of keys that sealed some seed and are not among ours.
    pub unknown_keys: Vec<String>,
    /// Values that open with none of our keys although they name one.
    pub damaged: u64,
}

/// Seal every two-factor seed with the current key: the ones stored before sealing and the ones
/// sealed with an older key. Run as the server starts, before it serves; each update is guarded
/// by the value read, so two servers starting together do not undo each other.
pub async fn reseal_seeds(pool: &Pool, keys: &SecretKeys) -> DomainResult<Resealed> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", totp_secret, totp_pending_secret FROM users
           WHERE totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL"#
    )
    .fetch_all(pool)
    .await?;
    let mut found = Resealed::default();
    for row in rows {
        for (pending, value) in [(false, row.totp_secret), (true, row.totp_pending_secret)] {
            let Some(value) = value else { continue };
            let seed = match keys.open(SEED, &value) {
                Opened::Plain { current: true, .. } => continue,
                Opened::Plain { text, current: false } => text,
                Opened::Unsealed => value.clone(),
                Opened::UnknownKey(id) => {
                    if !found.unknown_keys.contains(&id) {
                        found.unknown_keys.push(id);
                    }
                    continue;
                }
                Opened::Damaged => {
                    found.damaged += 1;
                    continue;
                }
            };
            let sealed = keys.seal(SEED, &seed);
            let updated = if pending {
                sqlx::query!(
                    "UPDATE users SET totp_pending_secret = $1 WHERE id = $2 AND totp_pending_secret = $3",
                    sealed,
                    row.id,
                    value
                )
                .execute(pool)
                .await?
            } else {
                sqlx::query!(
                    "UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3",
                    sealed,
                    row.id,
                    value
                )
                .execute(pool)
                .await?
            };
            found.resealed += updated.rows_affected();
        }
    }
    Ok(found)
}

/// Recovery codes kept before slow hashing (their SHA-256 digest alone) get the slow hash of that
/// digest, which is what a code is checked against now. Run as the server starts.
pub async fn upgrade_recovery_hashes(pool: &Pool, hasher: &Hasher) -> DomainResult<u64> {
    let old = sqlx::query!(
        r#"SELECT user_id AS "user_id!", code_hash AS "code_hash!" FROM recovery_codes WHERE code_hash NOT LIKE '$argon2%'"#
    )
    .fetch_all(pool)
    .await?;
    let mut upgraded = 0;
    for row in old {
        let slow = hasher.reserve()?.hash(&row.code_hash).await?;
        upgraded += sqlx::query!(
            "UPDATE recovery_codes SET code_hash = $1 WHERE user_id = $2 AND code_hash = $3",
            slow,
            row.user_id,
            row.code_hash
        )
        .execute(pool)
        .await?
        .rows_affected();
    }
    Ok(upgraded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_long_random_and_compared_loosely() {
        let a = new_recovery_code();
        assert_eq!(a.len(), 14);
        assert_ne!(a, new_recovery_code());
        assert_eq!(
            recovery_digest(&a),
            recovery_digest(&a.to_uppercase().replace('-', " "))
        );
    }
}
