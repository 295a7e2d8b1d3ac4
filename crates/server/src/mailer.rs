//! Delivering the outbox: over SMTP (`--smtp-url`), or as `.eml` files in a folder when no SMTP
//! server is configured. At least once: a mail is claimed for a while before it is sent, marked
//! sent after, and tried again with growing pauses when sending fails. Once sent, its bodies (which
//! hold links with codes) are blanked.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use common::mail::OutgoingMail;
use contract::MailStatus;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::Notify;

use crate::db::Database;
use crate::on_db;

/// After this many failed tries a mail is marked failed (about a day with the default pause).
pub const MAX_ATTEMPTS: i64 = 12;

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Each mail becomes a file `<id>.eml` here.
    Files(PathBuf),
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    /// The pause after the first failure; each later one doubles it, up to an hour.
    retry_after: Duration,
    wake: Notify,
}

impl Mailer {
    /// `smtp://[user:password@]host:port` (STARTTLS when the server offers it, unless `?tls=` says
    /// otherwise) or `smtps://` (TLS from the start); without a URL, files in `mail_dir`.
    pub fn new(
        smtp_url: Option<&str>,
        from: &str,
        mail_dir: PathBuf,
        retry_after: Duration,
    ) -> Result<Mailer, crate::StartError> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("--mail-from {from:?} is not a mail address ({e})"))?;
        let transport = match smtp_url {
            Some(url) => {
                let url = if url.starts_with("smtp://") && !url.contains("tls=") {
                    let joiner = if url.contains('?') { '&' } else { '?' };
                    format!("{url}{joiner}tls=opportunistic")
                } else {
                    url.to_string()
                };
                let shown = url.rsplit('@').next().unwrap_or(&url).to_string();
                let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
                    .map_err(|e| format!("--smtp-url {shown:?} cannot be used: {e}"))?;
                Transport::Smtp(builder.timeout(Some(Duration::from_secs(20))).build())
            }
            None => {
                std::fs::create_dir_all(&mail_dir)?;
                Transport::Files(mail_dir)
            }
        };
        Ok(Mailer {
            transport,
            from,
            retry_after,
            wake: Notify::new(),
        })
    }

    /// The name a mail is sent under: the organization's app name, then "via" and the platform's
    /// (the configured sender's name, or the product's), always from the configured address. An
    /// organization can brand its mail but cannot send as "PayPal Security" alone.
    fn sender_name(&self, app_name: &str) -> String {
        let platform = self
            .from
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| contract::PRODUCT_NAME.to_string());
        let app: String = app_name.chars().filter(|c| !c.is_control()).take(80).collect();
        let app = app.trim();
        if app.is_empty() || app == platform {
            platform
        } else {
            format!("{app} via {platform}")
        }
    }

    /// Where mails go, for the start-up message.
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Smtp(_) => "mail is sent over SMTP".to_string(),
            Transport::Files(dir) => format!(
                "no --smtp-url: mail is written as .eml files to {} (open them with any mail program)",
                dir.display()
            ),
        }
    }

    /// Something was queued: send without waiting for the next round.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Send every mail that is due; how many went out.
    pub async fn deliver_due(&self, db: &Database) -> Result<usize, common::DomainError> {
        let mut sent = 0;
        while let Some(mail) = on_db!(db, |pool, domain| { domain::outbox::claim(pool).await })? {
            match self.send(&mail).await {
                Ok(()) => {
                    on_db!(db, |pool, domain| { domain::outbox::sent(pool, mail.id).await })?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(mail = mail.id, attempt = mail.attempts, %error, "a mail could not be sent; it is tried again later");
                    let pause = self
                        .retry_after
                        .saturating_mul(1 << (mail.attempts - 1).clamp(0, 16) as u32);
                    let pause = chrono::Duration::from_std(pause.min(Duration::from_secs(3600)))
                        .unwrap_or(chrono::Duration::hours(1));
                    let status = if mail.attempts >= MAX_ATTEMPTS {
                        MailStatus::Failed
                    } else {
                        MailStatus::Queued
                    };
                    let next = common::now() + pause;
                    on_db!(db, |pool, domain| {
                        domain::outbox::failed(pool, mail.id, status, &error, next).await
                    })?;
                }
            }
        }
        Ok(sent)
    }

    async fn send(&self, mail: &OutgoingMail) -> Result<(), String> {
        let to: Mailbox = mail.recipient.parse().map_err(|e| format!("bad address: {e}"))?;
        let from = Mailbox::new(Some(self.sender_name(&mail.sender_name)), self.from.email.clone());
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(&mail.subject)
            .multipart(MultiPart::alternative_plain_html(
                mail.text_body.clone(),
                mail.html_body.clone(),
            ))
            .map_err(|e| e.to_string())?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Files(dir) => tokio::fs::write(dir.join(format!("{:06}.eml", mail.id)), message.formatted())
                .await
                .map_err(|e| e.to_string()),
        }
    }
}

/// Deliver what is due now, whenever something is queued, and every few seconds.
pub fn spawn(db: Database, mailer: Arc<Mailer>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(err) = mailer.deliver_due(&db).await {
                tracing::error!(error = %err, "the outbox could not be read; trying again shortly");
            }
            let _ = tokio::time::timeout(Duration::from_secs(5), mailer.wake.notified()).await;
        }
    })
}
