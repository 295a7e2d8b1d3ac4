//! The webhook sender: takes due deliveries from the domain's outbox in order per endpoint, signs
//! each as Stripe signs (`Org-Area-Signature: t=…,v1=…`, an HMAC-SHA256 of `t.body` with the
//! endpoint's secret), posts it and records how it went.
//!
//! Outbound safety: every name is resolved by our own resolver, which refuses the whole name when
//! any of its addresses is private, loopback, link-local or otherwise not public, and hands the
//! client exactly the addresses it checked, so a second lookup (DNS rebinding) cannot swap them.
//! Addresses written as IP literals are checked the same way. No redirect is followed; connecting
//! and the whole exchange have time limits, and at most 64 KiB of an answer is read.
//! `--allow-private-webhooks` lifts the address rule (development and tests).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::mail::Links;
use common::secrets::SecretKeys;
use common::webhooks::{Due, Tried, RETRY_FOR};
use common::DomainError;
use contract::text::integrations;
use contract::{fill, SIGNATURE_HEADER};
use hmac::{Hmac, Mac};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use sha2::Sha256;
use tokio::sync::Notify;

use crate::db::Database;
use crate::on_db;

/// Concurrent senders per instance; deliveries to one endpoint still go one at a time, in order.
const SENDERS: usize = 4;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(15);
/// The most of an answer that is read; the log keeps its first 500 characters.
const MAX_ANSWER_BYTES: usize = 64 << 10;
const MAX_PAUSE: Duration = Duration::from_secs(3600);

/// Whether `ip` is an address on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_unspecified()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // shared address space (carrier NAT)
                || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
                || (a == 198 && (18..20).contains(&b)) // benchmarking
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first == 0x2001 && v6.segments()[1] == 0x0db8)) // documentation
        }
    }
}

/// The refusal of an address webhooks never call.
fn private(host: &str) -> DomainError {
    let message = fill(integrations(common::spoken()).private_address, &[&host]);
    DomainError::invalid("url", message)
}

/// The addresses of `host`, when every one of them may be called.
async fn resolve(host: &str, allow_private: bool) -> Result<Vec<SocketAddr>, DomainError> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = host.parse::<IpAddr>() {
        return if allow_private || is_public(ip) {
            Ok(vec![SocketAddr::new(ip, 0)])
        } else {
            Err(private(host))
        };
    }
    let found: Vec<SocketAddr> = tokio::net::lookup_host((host, 0))
        .await
        .map_err(|e| DomainError::invalid("url", format!("{host}: {e}")))?
        .collect();
    if found.is_empty() || (!allow_private && found.iter().any(|a| !is_public(a.ip()))) {
        return Err(private(host));
    }
    Ok(found)
}

/// Check an endpoint's address before it is saved: a name that resolves to a private address is
/// refused at its field.
async fn check_address(url: &str, allow_private: bool) -> Result<(), DomainError> {
    let parsed = reqwest::Url::parse(url.trim())
        .map_err(|_| DomainError::invalid("url", fill(integrations(common::spoken()).webhook_url_https, &[&url])))?;
    let host = parsed.host_str().unwrap_or_default();
    resolve(host, allow_private).await.map(|_| ())
}

/// The client's resolver: only what [`resolve`] allows, and exactly that.
struct PublicOnly {
    allow_private: bool,
}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let found = resolve(name.as_str(), allow_private)
                .await
                .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> { e.message.into() })?;
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

/// `t=<seconds>,v1=<hex>` with one `v1` per secret that signs.
pub fn signature(secrets: &[String], timestamp: i64, body: &[u8]) -> String {
    let mut header = format!("t={timestamp}");
    for secret in secrets {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        let digest = mac.finalize().into_bytes();
        header.push_str(",v1=");
        header.extend(digest.iter().map(|b| format!("{b:02x}")));
    }
    header
}

/// Sends what the webhook outbox holds.
pub struct WebhookSender {
    client: reqwest::Client,
    allow_private: bool,
    retry_after: Duration,
    keys: Arc<SecretKeys>,
    links: Arc<Links>,
    /// Woken after each change through this instance, so a delivery need not wait for the next
    /// look.
    pub wake: Notify,
}

impl WebhookSender {
    pub fn new(
        allow_private: bool,
        retry_after: Duration,
        keys: Arc<SecretKeys>,
        links: Arc<Links>,
    ) -> Result<WebhookSender, reqwest::Error> {
        let client = reqwest::Client::builder()
            .dns_resolver(Arc::new(PublicOnly { allow_private }))
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TOTAL_TIMEOUT)
            .user_agent("org-area-webhooks/1")
            .build()?;
        Ok(WebhookSender {
            client,
            allow_private,
            retry_after,
            keys,
            links,
            wake: Notify::new(),
        })
    }

    pub fn allows_private(&self) -> bool {
        self.allow_private
    }

    /// Check an endpoint's address before it is saved, once the rest of the request is sound
    /// (the domain says what is wrong with the rest): a name that resolves to a private address
    /// is refused at its field.
    pub async fn check(&self, request: &contract::NewWebhookEndpoint) -> Result<(), DomainError> {
        if request.problem(self.allow_private, common::spoken()).is_some() {
            return Ok(());
        }
        check_address(&request.url, self.allow_private).await
    }

    /// Send every delivery that is due; how many were tried.
    pub async fn deliver_due(&self, db: &Database) -> Result<usize, DomainError> {
        let mut tried = 0;
        while let Some(due) = on_db!(db, |pool, domain| { domain::webhooks::claim(pool, &self.keys).await })? {
            let outcome = self.send(&due).await;
            if !outcome.delivered {
                tracing::warn!(delivery = due.id, endpoint = due.endpoint_id, attempt = due.attempts,
                    status = ?outcome.status, "a webhook delivery failed; it is tried again later");
            }
            on_db!(db, |pool, domain| {
                domain::webhooks::tried(pool, &self.links, &due, &outcome).await
            })?;
            tried += 1;
        }
        Ok(tried)
    }

    async fn send(&self, due: &Due) -> Tried {
        let body = serde_json::to_vec(&due.body).unwrap_or_default();
        let timestamp = common::now().timestamp();
        let header = signature(&due.secrets, timestamp, &body);
        let started = Instant::now();
        let answer = self.post(due, header, body).await;
        let duration_ms = started.elapsed().as_millis() as i64;
        let (status, excerpt) = match answer {
            Ok((status, text)) => (Some(status as i64), text),
            Err(error) => (None, error),
        };
        let delivered = status.is_some_and(|s| (200..300).contains(&s));
        let next_attempt_at = (!delivered).then(|| self.next_try(due)).flatten();
        Tried {
            status,
            duration_ms,
            excerpt,
            delivered,
            next_attempt_at,
        }
    }

    /// When to try a failed delivery again: the pause doubles with each try, up to an hour, for
    /// 24 hours from when it was queued; after that, never.
    fn next_try(&self, due: &Due) -> Option<common::Timestamp> {
        let doublings = (due.attempts - 1).clamp(0, 16) as u32;
        let pause = self.retry_after.saturating_mul(1 << doublings).min(MAX_PAUSE);
        let next = common::now() + chrono::Duration::from_std(pause).unwrap_or(chrono::Duration::hours(1));
        (next < due.created_at + RETRY_FOR).then_some(next)
    }

    async fn post(&self, due: &Due, signature: String, body: Vec<u8>) -> Result<(u16, String), String> {
        let url = reqwest::Url::parse(&due.url).map_err(|e| e.to_string())?;
        // The resolver sees names only: an address written out is checked here.
        if let Some(host) = url.host_str() {
            if host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<IpAddr>()
                .is_ok()
            {
                resolve(host, self.allow_private).await.map_err(|e| e.message)?;
            }
        }
        let mut response = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(SIGNATURE_HEADER, signature)
            .header("Org-Area-Event", &due.event)
            .header("Org-Area-Delivery", due.id.to_string())
            .body(body)
            .send()
            .await
            .map_err(|e| describe(&e))?;
        let status = response.status().as_u16();
        let mut read = Vec::new();
        while read.len() < MAX_ANSWER_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => read.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(e) => return Err(describe(&e)),
            }
        }
        read.truncate(MAX_ANSWER_BYTES);
        Ok((status, String::from_utf8_lossy(&read).chars().take(500).collect()))
    }
}

/// A transport error in words, with its cause (the resolver's refusal, a timeout).
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Deliver what is due now, whenever a change is made here, and every second.
pub fn spawn(db: Database, sender: Arc<WebhookSender>) -> Vec<tokio::task::JoinHandle<()>> {
    (0..SENDERS)
        .map(|_| {
            let (db, sender) = (db.clone(), sender.clone());
            tokio::spawn(async move {
                loop {
                    if let Err(err) = sender.deliver_due(&db).await {
                        tracing::error!(error = %err, "the webhook outbox could not be read; trying again shortly");
                    }
                    let _ = tokio::time::timeout(Duration::from_secs(1), sender.wake.notified()).await;
                }
            })
        })
        .collect()
}
