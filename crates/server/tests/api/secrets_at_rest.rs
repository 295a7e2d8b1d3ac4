//! Secrets at rest: a copy of the database alone can neither make authentication codes nor try
//! recovery codes quickly. Two-factor seeds are sealed with a key the database does not hold, and
//! recovery codes are salted slow hashes. Keys rotate by restarting with a new first key.

use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::common::*;
use org_area_server::secrets::{new_key, SecretKeys};

/// The stored seed of a person, as the database holds it.
async fn stored_seed(s: &TestServer, email: &str) -> String {
    sqlx::query_scalar("SELECT totp_secret FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&s.sql)
        .await
        .unwrap()
}

async fn stored_recovery_hashes(s: &TestServer) -> Vec<String> {
    sqlx::query_scalar("SELECT code_hash FROM recovery_codes ORDER BY code_hash")
        .fetch_all(&s.sql)
        .await
        .unwrap()
}

/// Sign in with the password and then `code`; the final status.
async fn sign_in_with_code(s: &TestServer, email: &str, code: &str) -> StatusCode {
    let first: Value = s.login_response(email, "demo-password").await.json().await.unwrap();
    assert_eq!(first["next"], "two_factor");
    let pending = first["token"].as_str().unwrap();
    s.post("/auth/two-factor", Some(pending), json!({ "code": code }))
        .await
        .status()
}

#[tokio::test]
async fn seeds_are_sealed_and_recovery_codes_are_salted_slow_hashes() {
    let s = server().await;
    let token = s.token("admin@acme.test").await;
    let (app, recovery) = set_up_two_factor(&s, &token).await;
    let seed = stored_seed(&s, "admin@acme.test").await;
    let secret = app.get_secret_base32();
    assert!(seed.starts_with("v1."), "sealed: {seed}");
    assert!(!seed.contains(&secret), "the seed is not readable in the database");
    let hashes = stored_recovery_hashes(&s).await;
    assert_eq!(hashes.len(), 10);
    assert!(hashes.iter().all(|h| h.starts_with("$argon2id$")), "{hashes:?}");
    let salts: std::collections::HashSet<&str> = hashes.iter().map(|h| h.rsplit('$').nth(1).unwrap()).collect();
    assert_eq!(salts.len(), 10, "each code has its own salt");

    assert_eq!(
        sign_in_with_code(&s, "admin@acme.test", &app.generate(now() + 30)).await,
        StatusCode::OK,
        "a code from the app still signs in"
    );
    assert_eq!(
        sign_in_with_code(&s, "admin@acme.test", &recovery[3].to_uppercase()).await,
        StatusCode::OK,
        "a recovery code signs in, written any way"
    );
    assert_eq!(
        sign_in_with_code(&s, "admin@acme.test", &recovery[3]).await,
        StatusCode::UNAUTHORIZED,
        "and only once"
    );
}

#[tokio::test]
async fn a_new_first_key_reseals_every_seed_at_start_and_then_the_old_key_can_go() {
    let (old, new) = (new_key(), new_key());
    let s = server_with(|c| c.secret_keys = Some(SecretKeys::parse(&old).unwrap())).await;
    let token = s.token("admin@acme.test").await;
    let (app, _) = set_up_two_factor(&s, &token).await;
    let old_id = SecretKeys::parse(&old).unwrap().current_id().to_string();
    let new_id = SecretKeys::parse(&new).unwrap().current_id().to_string();
    assert!(stored_seed(&s, "admin@acme.test")
        .await
        .starts_with(&format!("v1.{old_id}.")));

    // Without the key that sealed them, the server does not start: it would refuse every code.
    let refused = s
        .try_restart_with(|c| c.secret_keys = Some(SecretKeys::parse(&new).unwrap()))
        .await
        .err()
        .expect("a server without the sealing key does not start");
    assert!(refused.contains(&old_id), "{refused}");

    // Rotation: the new key first, the old one after; the start reseals.
    let both = s
        .restart_with(|c| c.secret_keys = Some(SecretKeys::parse(&format!("{new}\n{old}")).unwrap()))
        .await;
    assert!(stored_seed(&s, "admin@acme.test")
        .await
        .starts_with(&format!("v1.{new_id}.")));
    drop(both);
    let rotated = s
        .restart_with(|c| c.secret_keys = Some(SecretKeys::parse(&new).unwrap()))
        .await;
    assert_eq!(
        sign_in_with_code(&rotated, "admin@acme.test", &app.generate(now() + 30)).await,
        StatusCode::OK,
        "codes work with the new key alone"
    );
}

#[tokio::test]
async fn seeds_and_recovery_codes_kept_before_are_sealed_and_slow_hashed_at_start() {
    let s = server().await;
    let token = s.token("admin@acme.test").await;
    let (app, recovery) = set_up_two_factor(&s, &token).await;
    // As an earlier version kept them: the seed in plain text, recovery codes as unsalted SHA-256.
    sqlx::query("UPDATE users SET totp_secret = $1 WHERE email = 'admin@acme.test'")
        .bind(app.get_secret_base32())
        .execute(&s.sql)
        .await
        .unwrap();
    sqlx::query("DELETE FROM recovery_codes").execute(&s.sql).await.unwrap();
    let user_id = s.user_id("admin@acme.test").await;
    for code in &recovery {
        let letters: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let digest: String = Sha256::digest(letters.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(user_id)
            .bind(digest)
            .execute(&s.sql)
            .await
            .unwrap();
    }

    let restarted = s.restart_on_same_database().await;
    assert!(stored_seed(&s, "admin@acme.test").await.starts_with("v1."));
    assert!(stored_recovery_hashes(&s)
        .await
        .iter()
        .all(|h| h.starts_with("$argon2id$")));
    assert_eq!(
        sign_in_with_code(&restarted, "admin@acme.test", &recovery[0]).await,
        StatusCode::OK,
        "a recovery code given out before still works"
    );
    assert_eq!(
        sign_in_with_code(&restarted, "admin@acme.test", &app.generate(now() + 30)).await,
        StatusCode::OK
    );
}
