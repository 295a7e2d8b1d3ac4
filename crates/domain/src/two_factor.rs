//! The second factor of a sign-in: an authentication code from the person's app (each time step
//! accepted once) or one of their recovery codes (each used once). Signing in and turning
//! two-factor sign-in off both prove the person with it.

use common::{tokens::token_hash, totp, DomainResult};
use rand::RngCore;

use crate::db::Tx;

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

/// Use an authentication code (a code of a time step seen before is refused) or a recovery code,
/// inside the caller's transaction. None when it does not fit.
pub async fn use_code(tx: &mut Tx, user_id: i64, code: &str) -> DomainResult<Option<SecondFactor>> {
    if SecondFactor::of(code) == SecondFactor::AuthenticatorCode {
        let secret = sqlx::query_scalar!("SELECT totp_secret FROM users WHERE id = $1", user_id)
            .fetch_one(&mut **tx)
            .await?;
        let Some(step) = secret.and_then(|s| totp::matching_step(&s, code, totp::now_step())) else {
            return Ok(None);
        };
        let step = step as i64;
        let fresh = sqlx::query!(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1",
            step,
            user_id
        )
        .execute(&mut **tx)
        .await?
        .rows_affected();
        return Ok((fresh == 1).then_some(SecondFactor::AuthenticatorCode));
    }
    let (now, hash) = (common::now(), recovery_hash(code));
    let used = sqlx::query!(
        "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
        now,
        user_id,
        hash
    )
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok((used == 1).then_some(SecondFactor::RecoveryCode))
}

/// A recovery code: `xxxx-xxxx-xxxx` from 60 random bits.
pub fn new_recovery_code() -> String {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let text = totp::base32_encode(&bytes).to_lowercase();
    format!("{}-{}-{}", &text[..4], &text[4..8], &text[8..12])
}

/// What is kept of a recovery code; case, spaces and dashes do not count.
pub fn recovery_hash(code: &str) -> String {
    let normalized: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    token_hash(&normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_long_random_and_compared_loosely() {
        let a = new_recovery_code();
        assert_eq!(a.len(), 14);
        assert_ne!(a, new_recovery_code());
        assert_eq!(recovery_hash(&a), recovery_hash(&a.to_uppercase().replace('-', " ")));
    }
}
