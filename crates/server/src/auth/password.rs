//! Passwords are stored as argon2id PHC strings (the `argon2` crate's defaults are argon2id).

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;

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

/// Check a password off the async workers (hashing is deliberately slow). With no stored hash,
/// the same work is spent and the answer is no.
pub async fn check(candidate: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match stored {
        Some(phc) => verify(&candidate, &phc),
        None => {
            verify_against_nobody(&candidate);
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// Spend the same work as a real check when there is no user, so response times do not tell
/// which email addresses have accounts.
pub fn verify_against_nobody(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let _ = verify(password, DUMMY.get_or_init(|| hash("no user has this password")));
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = super::hash("correct horse");
        let b = super::hash("correct horse");
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(super::verify("correct horse", &a));
        assert!(!super::verify("wrong horse", &a));
        assert!(!super::verify("correct horse", "not a hash"));
    }
}
