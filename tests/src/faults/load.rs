//! Clients at work: mixed reads and writes from several workers, each request on a connection of
//! its own (as many browsers behind a balancer), every answer recorded with its time.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

/// One request's fate.
#[derive(Clone, Debug)]
pub struct Answer {
    pub at: Instant,
    pub took: Duration,
    /// The HTTP status, or none when no answer came (refused, reset, timed out).
    pub status: Option<u16>,
    /// The JSON error's code of a refusal; the transport error without an answer.
    pub said: String,
    /// The address a write invited, when it was a write (also its `Idempotency-Key`).
    pub invited: Option<String>,
    /// Whose session sent it (an index into [`Callers::tokens`]).
    pub caller: usize,
}

impl Answer {
    pub fn ok(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// The people whose sessions the load runs under: one owner per organization.
#[derive(Clone)]
pub struct Callers {
    pub tokens: Vec<String>,
}

impl Callers {
    pub async fn sign_in(base: &str) -> Callers {
        let client = reqwest::Client::new();
        let mut tokens = Vec::new();
        for email in ["owner@acme.test", "owner@globex.test"] {
            let signed_in: serde_json::Value = client
                .post(format!("{base}/api/v1/auth/login"))
                .json(&json!({ "email": email, "password": "demo-password" }))
                .send()
                .await
                .expect("the server answers")
                .json()
                .await
                .expect("a sign-in answer");
            tokens.push(signed_in["token"].as_str().expect("signed in").to_string());
        }
        Callers { tokens }
    }
}

pub struct Load {
    stop: Arc<AtomicBool>,
    workers: Vec<tokio::task::JoinHandle<Vec<Answer>>>,
}

impl Load {
    /// `workers` clients against `base`, each writing (an invitation) at most every `write_pause`
    /// and `writes` times in all (an organization sends at most 200 invitations a day), and
    /// reading otherwise. `label` keeps the invited addresses of runs apart.
    pub fn start(
        base: &str,
        callers: &Callers,
        workers: usize,
        write_pause: Duration,
        writes: usize,
        label: &str,
    ) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let workers = (0..workers)
            .map(|worker| {
                let base = base.to_string();
                let caller = worker % callers.tokens.len();
                let token = callers.tokens[caller].clone();
                let stop = stop.clone();
                let label = format!("{label}-{worker}");
                tokio::spawn(async move {
                    let mut answers = work(base, token, stop, write_pause, writes, label).await;
                    answers.iter_mut().for_each(|a| a.caller = caller);
                    answers
                })
            })
            .collect();
        Load { stop, workers }
    }

    /// Stop and collect every answer, in no particular order.
    pub async fn finish(self) -> Vec<Answer> {
        self.stop.store(true, Ordering::Relaxed);
        let mut answers = Vec::new();
        for worker in self.workers {
            answers.extend(worker.await.expect("a worker ends"));
        }
        answers
    }
}

async fn work(
    base: String,
    token: String,
    stop: Arc<AtomicBool>,
    write_pause: Duration,
    most_writes: usize,
    label: String,
) -> Vec<Answer> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let mut answers = Vec::new();
    let mut last_write = Instant::now() - write_pause;
    let mut writes = 0;
    let mut n = 0u64;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let write = writes < most_writes && last_write.elapsed() >= write_pause;
        let (request, invited) = if write {
            writes += 1;
            last_write = Instant::now();
            let email = format!("{label}-{n}@faults.test");
            let body = json!({ "emails": [email], "org_role": "member", "firstname": "Load", "lastname": "Test" });
            (
                client.post(format!("{base}/api/v1/orgs/me/invitations")).json(&body),
                Some(email),
            )
        } else if n % 2 == 0 {
            // (Not `orgs/me`: the whole organization is a large answer, a few at a time per
            // organization, and its 429 would be the load's doing, not the fault's.)
            (client.get(format!("{base}/api/v1/orgs/me/spaces?per_page=20")), None)
        } else {
            (client.get(format!("{base}/api/v1/orgs/me/users?per_page=20")), None)
        };
        let at = Instant::now();
        let (status, said) = match request.bearer_auth(&token).send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                let said = match response.json::<serde_json::Value>().await {
                    Ok(body) if status >= 400 => body["error"]["code"].as_str().unwrap_or("").to_string(),
                    _ => String::new(),
                };
                (Some(status), said)
            }
            Err(err) => (None, transport_error(&err)),
        };
        answers.push(Answer {
            at,
            took: at.elapsed(),
            status,
            said,
            invited,
            caller: 0,
        });
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    answers
}

/// A write: an invitation to `email`, with the address as its `Idempotency-Key`, so that the same
/// request sent again is the same change.
pub fn invitation(client: &reqwest::Client, base: &str, email: &str) -> reqwest::RequestBuilder {
    let body = json!({ "emails": [email], "org_role": "member", "firstname": "Load", "lastname": "Test" });
    client
        .post(format!("{base}/api/v1/orgs/me/invitations"))
        .header("Idempotency-Key", email)
        .json(&body)
}

/// The innermost cause: "connection refused", "connection reset"…
fn transport_error(err: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = err;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    cause.to_string()
}
