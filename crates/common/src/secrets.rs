//! Secrets the server must read back (two-factor seeds) are sealed with a key the database does not
//! hold: XChaCha20-Poly1305 with a random nonce, so a copy of the database alone (a backup, a
//! replica, a dump) cannot make codes.
//!
//! The keys come from a file or the environment, one per line (base64 of 32 bytes; blank lines and
//! `#` comments skipped). The first key seals; every key opens. Rotation is adding a new first
//! line and restarting: the server re-seals everything under the new key as it starts, after which
//! the old line can go (see `docs/security.md`).
//!
//! A sealed value is `v1.{key id}.{base64url(nonce ‖ ciphertext)}`, the key id being the first 4
//! bytes of the key's SHA-256 in hex: it names the key without revealing it, so a value sealed with
//! a key that is no longer given is recognised as such, not as a wrong code.

use std::io::Write;
use std::path::Path;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};

const VERSION: &str = "v1";
const NONCE_LEN: usize = 24;

/// One key and its id.
#[derive(Clone)]
struct Key {
    id: String,
    cipher: XChaCha20Poly1305,
}

/// The keys a server seals and opens with: the first seals.
#[derive(Clone)]
pub struct SecretKeys {
    keys: Vec<Key>,
}

impl std::fmt::Debug for SecretKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|k| k.id.as_str()).collect();
        f.debug_struct("SecretKeys").field("ids", &ids).finish()
    }
}

/// What a sealed value turned out to be when opened.
#[derive(Debug, PartialEq, Eq)]
pub enum Opened {
    /// Opened; `current` when sealed with the first key (nothing to re-seal).
    Plain { text: String, current: bool },
    /// Sealed with a key that is not among ours.
    UnknownKey(String),
    /// Not a sealed value at all: a seed stored before sealing existed.
    Unsealed,
    /// Sealed with one of our keys, but altered.
    Damaged,
}

impl SecretKeys {
    /// Keys from text: one per line, the first seals. Errors say which line is wrong, never a key.
    pub fn parse(text: &str) -> Result<SecretKeys, String> {
        let mut keys = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bytes = STANDARD
                .decode(line)
                .map_err(|_| format!("line {} of the secret key is not base64", n + 1))?;
            if bytes.len() != 32 {
                return Err(format!(
                    "line {} of the secret key is {} bytes, not 32 (make one with `openssl rand -base64 32`)",
                    n + 1,
                    bytes.len()
                ));
            }
            keys.push(Key {
                id: key_id(&bytes),
                cipher: XChaCha20Poly1305::new_from_slice(&bytes).map_err(|_| "a key of the wrong length")?,
            });
        }
        if keys.is_empty() {
            return Err("the secret key is empty: give at least one key (base64 of 32 random bytes)".into());
        }
        Ok(SecretKeys { keys })
    }

    /// The keys in `path`, which must exist.
    pub fn read(path: &Path) -> Result<SecretKeys, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the secret key file {}: {e}", path.display()))?;
        SecretKeys::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The keys in `path`, made with one new key first when there is no such file (readable by
    /// the owner only). Two processes starting together on one database agree: the file appears
    /// whole or not at all, and the one that comes second reads the first one's.
    pub fn read_or_create(path: &Path) -> Result<SecretKeys, String> {
        if !path.exists() {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            let temporary = dir.join(format!(".secret-key-{}", crate::tokens::new_token()));
            write_private(&temporary, &new_key_text())
                .map_err(|e| format!("cannot write {}: {e}", temporary.display()))?;
            // A hard link fails when the name exists: whoever links first wins, atomically.
            let linked = std::fs::hard_link(&temporary, path);
            let _ = std::fs::remove_file(&temporary);
            match linked {
                Ok(()) => tracing::info!("made a new secret key in {}", path.display()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(format!("cannot create {}: {e}", path.display())),
            }
        }
        SecretKeys::read(path)
    }

    /// One new key, for tests and for a first start.
    pub fn generate() -> SecretKeys {
        SecretKeys::parse(&new_key_text()).expect("a new key parses")
    }

    /// The id of the key that seals.
    pub fn current_id(&self) -> &str {
        &self.keys[0].id
    }

    /// `text` sealed with the first key; `purpose` is bound to it, so a value cannot be moved to
    /// another use.
    pub fn seal(&self, purpose: &str, text: &str) -> String {
        let key = &self.keys[0];
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let payload = Payload {
            msg: text.as_bytes(),
            aad: purpose.as_bytes(),
        };
        let sealed = key
            .cipher
            .encrypt(XNonce::from_slice(&nonce), payload)
            .expect("XChaCha20-Poly1305 seals any length the database holds");
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{VERSION}.{}.{}", key.id, URL_SAFE_NO_PAD.encode(bytes))
    }

    /// What `value` holds, sealed for `purpose`.
    pub fn open(&self, purpose: &str, value: &str) -> Opened {
        let mut parts = value.splitn(3, '.');
        let (Some(VERSION), Some(id), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
            return Opened::Unsealed;
        };
        let Some((index, key)) = self.keys.iter().enumerate().find(|(_, k)| k.id == id) else {
            return Opened::UnknownKey(id.to_string());
        };
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(body) else {
            return Opened::Damaged;
        };
        if bytes.len() < NONCE_LEN {
            return Opened::Damaged;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let payload = Payload {
            msg: sealed,
            aad: purpose.as_bytes(),
        };
        match key.cipher.decrypt(XNonce::from_slice(nonce), payload) {
            Ok(plain) => match String::from_utf8(plain) {
                Ok(text) => Opened::Plain {
                    text,
                    current: index == 0,
                },
                Err(_) => Opened::Damaged,
            },
            Err(_) => Opened::Damaged,
        }
    }

    /// The text of a value sealed with one of our keys; None for anything else.
    pub fn open_text(&self, purpose: &str, value: &str) -> Option<String> {
        match self.open(purpose, value) {
            Opened::Plain { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// A new key: base64 of 32 random bytes.
pub fn new_key() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    STANDARD.encode(bytes)
}

/// A new key file's text: the key, after a line saying what it is.
fn new_key_text() -> String {
    format!(
        "# org-area secret key: seals two-factor seeds. Keep it apart from database backups.\n{}\n",
        new_key()
    )
}

fn key_id(key: &[u8]) -> String {
    Sha256::digest(key)[..4].iter().map(|b| format!("{b:02x}")).collect()
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_a_known_key_and_their_purpose() {
        let keys = SecretKeys::generate();
        let sealed = keys.seal("totp", "JBSWY3DPEHPK3PXP");
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(sealed, keys.seal("totp", "JBSWY3DPEHPK3PXP"), "a new nonce each time");
        assert_eq!(keys.open_text("totp", &sealed).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        assert_eq!(keys.open("other", &sealed), Opened::Damaged);
        assert_eq!(keys.open("totp", "JBSWY3DPEHPK3PXP"), Opened::Unsealed);
        let mut altered = sealed.clone();
        altered.push('A');
        assert_eq!(keys.open("totp", &altered), Opened::Damaged);
        let stranger = SecretKeys::generate();
        assert_eq!(
            stranger.open("totp", &sealed),
            Opened::UnknownKey(keys.current_id().to_string())
        );
    }

    #[test]
    fn the_first_key_seals_and_older_ones_still_open() {
        let (old_text, new_text) = (new_key_text(), new_key_text());
        let old = SecretKeys::parse(&old_text).unwrap();
        let sealed = old.seal("totp", "seed");
        let both = SecretKeys::parse(&format!("{new_text}{old_text}")).unwrap();
        assert_ne!(both.current_id(), old.current_id());
        assert_eq!(
            both.open("totp", &sealed),
            Opened::Plain {
                text: "seed".into(),
                current: false
            }
        );
        let resealed = both.seal("totp", "seed");
        assert!(resealed.contains(both.current_id()));
        assert_eq!(
            old.open("totp", &resealed),
            Opened::UnknownKey(both.current_id().to_string())
        );
    }

    #[test]
    fn a_missing_key_file_is_made_once_and_then_kept() {
        let dir = std::env::temp_dir().join(format!("org-area-keys-{}", crate::tokens::new_token()));
        let path = dir.join("secret.key");
        let first = SecretKeys::read_or_create(&path).unwrap();
        let again = SecretKeys::read_or_create(&path).unwrap();
        assert_eq!(first.current_id(), again.current_id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "only the owner reads the key");
        }
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file is left");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_key_text_is_refused_with_the_line() {
        assert!(SecretKeys::parse("").unwrap_err().contains("empty"));
        assert!(SecretKeys::parse("# only a comment\n").is_err());
        assert!(SecretKeys::parse("not base64!").unwrap_err().contains("line 1"));
        assert!(SecretKeys::parse("\nAAAA").unwrap_err().contains("line 2"));
    }
}
