//! Passwords are stored as argon2id PHC strings (the `argon2` crate's defaults: 19 MiB, two
//! passes). Each check or hash runs on a blocking thread under a concurrency cap, so a burst of
//! sign-ins cannot exhaust memory: what does not fit is refused at once with 503, not queued.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// At most this many hashes at once: 8 × 19 MiB of working memory at the peak.
pub const MAX_CONCURRENT: usize = 8;

pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with valid parameters")
        .to_string()
}

pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Spend the same work as a real check when there is no user, so response times do not tell
/// which email addresses have accounts.
fn verify_against_nobody(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let _ = verify(password, DUMMY.get_or_init(|| hash("no user has this password")));
}

/// The one way the server hashes or checks a password.
pub struct Hasher {
    permits: Arc<Semaphore>,
    checks: AtomicU64,
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher {
            permits: Arc::new(Semaphore::new(MAX_CONCURRENT)),
            checks: AtomicU64::new(0),
        }
    }
}

fn busy() -> ApiError {
    ApiError::busy("Too many sign-ins are being checked right now. Please try again in a moment.")
}

impl Hasher {
    /// Does `candidate` match `stored`? With no stored hash the same work is spent and the answer
    /// is no. 503 when the cap is reached.
    pub async fn check(&self, candidate: &str, stored: Option<String>) -> Result<bool, ApiError> {
        let permit = self.permits.clone().try_acquire_owned().map_err(|_| busy())?;
        self.checks.fetch_add(1, Ordering::Relaxed);
        let candidate = candidate.to_string();
        let matched = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            match stored {
                Some(phc) => verify(&candidate, &phc),
                None => {
                    verify_against_nobody(&candidate);
                    false
                }
            }
        })
        .await
        .map_err(|_| ApiError::internal())?;
        Ok(matched)
    }

    /// A new hash for a new password. 503 when the cap is reached.
    pub async fn hash(&self, password: &str) -> Result<String, ApiError> {
        let permit = self.permits.clone().try_acquire_owned().map_err(|_| busy())?;
        let password = password.to_string();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            hash(&password)
        })
        .await
        .map_err(|_| ApiError::internal())
    }

    /// How many password checks have started since the server did: what throttling holds down.
    pub fn checks_started(&self) -> u64 {
        self.checks.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("correct horse");
        let b = hash("correct horse");
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("correct horse", &a));
        assert!(!verify("wrong horse", &a));
        assert!(!verify("correct horse", "not a hash"));
    }

    #[tokio::test]
    async fn checks_beyond_the_cap_are_refused_at_once() {
        let hasher = Hasher::default();
        let held: Vec<_> = (0..MAX_CONCURRENT)
            .map(|_| hasher.permits.clone().try_acquire_owned().unwrap())
            .collect();
        let refused = hasher.check("pw", None).await.unwrap_err();
        assert_eq!(refused.status.as_u16(), 503);
        assert!(refused.retry_after_secs.is_some());
        drop(held);
        assert!(!hasher.check("pw", None).await.unwrap());
        assert_eq!(hasher.checks_started(), 1);
    }
}
