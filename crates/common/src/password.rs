//! Passwords are stored as argon2id PHC strings (the `argon2` crate's defaults: 19 MiB, two
//! passes). Hashing and checking run on a fixed pool of worker threads, each reusing one block of
//! argon2 memory, so the server's memory for passwords is bounded whatever the load: at most
//! [`MAX_CONCURRENT`] × 19 MiB. A request that finds every worker busy is refused at once with
//! 503 and `Retry-After`, not queued.

use crate::text::said;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::{rand_core::OsRng, Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};

use crate::error::DomainError;

/// At most this many hashes at once, process-wide: 8 × 19 MiB of argon2 memory at the peak.
pub const MAX_CONCURRENT: usize = 8;

/// Hash `password` with a new salt, in `memory` (grown to the parameters' size once).
fn hash_in(memory: &mut Vec<Block>, password: &str) -> Option<String> {
    let params = Params::default();
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt.as_salt().decode_b64(&mut salt_bytes).ok()?;
    let mut out = vec![0u8; Params::DEFAULT_OUTPUT_LEN];
    let needed = params.block_count();
    if memory.len() < needed {
        memory.resize(needed, Block::default());
    }
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password.as_bytes(), salt_raw, &mut out, &mut memory[..needed])
        .ok()?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).ok()?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).ok()?),
    };
    Some(phc.to_string())
}

/// Does `password` match the PHC string `phc`? Computed in `memory`, compared in constant time.
fn verify_in(memory: &mut Vec<Block>, password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(expected), Some(salt)) = (parsed.hash, parsed.salt) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(parsed.algorithm), Params::try_from(&parsed)) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::V0x13,
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_raw) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let needed = params.block_count();
    if memory.len() < needed {
        memory.resize(needed, Block::default());
    }
    let mut out = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt_raw, &mut out, &mut memory[..needed])
        .is_ok()
        && Output::new(&out).is_ok_and(|computed| computed == expected)
}

/// A hash of a password nobody has: checked when there is no account, so the answer takes as long
/// either way and does not tell which addresses have accounts.
fn nobody() -> &'static str {
    static NOBODY: OnceLock<String> = OnceLock::new();
    NOBODY.get_or_init(|| hash("no user has this password"))
}

/// A hash outside the worker pool, for seeding and tests.
pub fn hash(password: &str) -> String {
    hash_in(&mut Vec::new(), password).expect("argon2 hashing with default parameters")
}

/// A check outside the worker pool, for tests.
pub fn verify(password: &str, phc: &str) -> bool {
    verify_in(&mut Vec::new(), password, phc)
}

enum Work {
    Check { candidate: String, stored: Option<String> },
    Find { candidate: String, stored: Vec<String> },
    Hash { password: String },
}

enum Done {
    Checked(bool),
    Found(Option<usize>),
    Hashed(Option<String>),
}

struct Job {
    work: Work,
    done: oneshot::Sender<Done>,
    /// Held until the work is done, so the cap counts running work.
    _permit: OwnedSemaphorePermit,
}

/// A server's hashing workers: a cap and the queue they take work from. The threads end when
/// the server's `Hasher` is dropped (their queue closes).
struct Workers {
    permits: Arc<Semaphore>,
    jobs: Mutex<mpsc::Sender<Job>>,
}

impl Workers {
    fn start() -> Workers {
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..MAX_CONCURRENT {
            let receiver = receiver.clone();
            let _ = std::thread::Builder::new()
                .name(format!("password-{n}"))
                .spawn(move || {
                    // Allocated on first use, then reused for every hash this worker computes.
                    let mut memory = Vec::new();
                    loop {
                        let job = match receiver.lock() {
                            Ok(queue) => queue.recv(),
                            Err(_) => return,
                        };
                        let Ok(job) = job else { return };
                        let done = match job.work {
                            Work::Check { candidate, stored } => Done::Checked(match stored {
                                Some(phc) => verify_in(&mut memory, &candidate, &phc),
                                None => {
                                    verify_in(&mut memory, &candidate, nobody());
                                    false
                                }
                            }),
                            // Every hash is computed, so the time says nothing of which matched.
                            Work::Find { candidate, stored } => Done::Found(
                                stored
                                    .iter()
                                    .map(|phc| verify_in(&mut memory, &candidate, phc))
                                    .fold((None, 0), |(found, n), matched| (found.or(matched.then_some(n)), n + 1))
                                    .0,
                            ),
                            Work::Hash { password } => Done::Hashed(hash_in(&mut memory, &password)),
                        };
                        let _ = job.done.send(done);
                    }
                });
        }
        Workers {
            permits: Arc::new(Semaphore::new(MAX_CONCURRENT)),
            jobs: Mutex::new(sender),
        }
    }
}

fn busy() -> DomainError {
    DomainError::busy(said().too_many_checks.to_owned())
}

/// The one way the server hashes or checks a password. It counts the checks it started.
pub struct Hasher {
    checks: AtomicU64,
    workers: Workers,
}

impl Default for Hasher {
    fn default() -> Hasher {
        Hasher {
            checks: AtomicU64::new(0),
            workers: Workers::start(),
        }
    }
}

/// A worker kept for one password check or hash, taken before the attempt is counted, so a
/// request the server is too busy for is refused at once and costs its sender nothing.
pub struct Reserved<'a> {
    hasher: &'a Hasher,
    permit: OwnedSemaphorePermit,
}

impl Hasher {
    /// Keep a worker, or 503 when every one is busy.
    pub fn reserve(&self) -> Result<Reserved<'_>, DomainError> {
        let permit = self.workers.permits.clone().try_acquire_owned().map_err(|_| busy())?;
        Ok(Reserved { hasher: self, permit })
    }

    /// How many password checks have started since the server did: what throttling holds down.
    pub fn checks_started(&self) -> u64 {
        self.checks.load(Ordering::Relaxed)
    }
}

impl Reserved<'_> {
    async fn run(self, work: Work) -> Result<Done, DomainError> {
        let (done, answer) = oneshot::channel();
        let job = Job {
            work,
            done,
            _permit: self.permit,
        };
        self.hasher
            .workers
            .jobs
            .lock()
            .map_err(|_| DomainError::internal())?
            .send(job)
            .map_err(|_| DomainError::internal())?;
        answer.await.map_err(|_| DomainError::internal())
    }

    /// Does `candidate` match `stored`? With no stored hash the same work is spent and the answer
    /// is no.
    pub async fn check(self, candidate: &str, stored: Option<String>) -> Result<bool, DomainError> {
        self.hasher.checks.fetch_add(1, Ordering::Relaxed);
        let work = Work::Check {
            candidate: candidate.to_string(),
            stored,
        };
        match self.run(work).await? {
            Done::Checked(matched) => Ok(matched),
            _ => Err(DomainError::internal()),
        }
    }

    /// Which of `stored` (a person's unused recovery codes, say) `candidate` matches, as one
    /// check on one worker.
    pub async fn find(self, candidate: &str, stored: Vec<String>) -> Result<Option<usize>, DomainError> {
        self.hasher.checks.fetch_add(1, Ordering::Relaxed);
        let work = Work::Find {
            candidate: candidate.to_string(),
            stored,
        };
        match self.run(work).await? {
            Done::Found(index) => Ok(index),
            _ => Err(DomainError::internal()),
        }
    }

    /// A new hash for a new password.
    pub async fn hash(self, password: &str) -> Result<String, DomainError> {
        let work = Work::Hash {
            password: password.to_string(),
        };
        match self.run(work).await? {
            Done::Hashed(Some(phc)) => Ok(phc),
            _ => Err(DomainError::internal()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("correct horse");
        let b = hash("correct horse");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("correct horse", &a));
        assert!(!verify("wrong horse", &a));
        assert!(!verify("correct horse", "not a hash"));
        // Hashes made by the crate's own hasher (as stored before) still verify.
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default().hash_password(b"old", &salt).unwrap().to_string();
        assert!(verify("old", &theirs));
    }

    #[tokio::test]
    async fn work_beyond_the_cap_is_refused_at_once() {
        let hasher = Hasher::default();
        let mut held = Vec::new();
        while let Ok(reserved) = hasher.reserve() {
            held.push(reserved);
        }
        assert_eq!(held.len(), MAX_CONCURRENT);
        let refused = hasher.reserve().err().expect("no worker left");
        assert_eq!(refused.kind, crate::Kind::Busy);
        assert!(refused.retry_after.is_some());
        drop(held);
        let stored = hash("pw");
        assert!(hasher.reserve().unwrap().check("pw", Some(stored)).await.unwrap());
        assert!(!hasher.reserve().unwrap().check("pw", None).await.unwrap());
        assert_eq!(hasher.checks_started(), 2);
        let phc = hasher.reserve().unwrap().hash("new one").await.unwrap();
        assert!(verify("new one", &phc));
        let codes = vec![hash("a"), hash("b"), hash("c")];
        assert_eq!(
            hasher.reserve().unwrap().find("b", codes.clone()).await.unwrap(),
            Some(1)
        );
        assert_eq!(hasher.reserve().unwrap().find("d", codes).await.unwrap(), None);
        assert_eq!(hasher.checks_started(), 4, "a search among several is one check");
    }
}
