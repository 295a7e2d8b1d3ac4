//! What the server mailed and what the browser downloaded, as a scenario reads them.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::{Ctx, WAIT};

impl Ctx {
    /// The plain-text part of the `nth` mail (from 1) the server wrote for `to`, waiting for it.
    pub async fn mail_to(&self, to: &str, nth: usize) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        let dir = self.database.parent().ok_or("no database folder")?.join("mail");
        let deadline = Instant::now() + WAIT;
        loop {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
                .unwrap_or_default();
            files.sort();
            let mails: Vec<String> = files
                .iter()
                .filter_map(|path| std::fs::read(path).ok())
                .filter_map(|raw| {
                    let message = mail_parser::MessageParser::default().parse(&raw)?;
                    let addressed = message
                        .to()
                        .and_then(|a| a.first())
                        .and_then(|a| a.address())
                        .is_some_and(|a| a.eq_ignore_ascii_case(to));
                    addressed.then(|| message.body_text(0).map(|t| t.into_owned()))?
                })
                .collect();
            if let Some(mail) = mails.get(nth - 1) {
                return Ok(mail.clone());
            }
            if Instant::now() > deadline {
                return Err(format!("no mail number {nth} to {to} in {}", dir.display()).into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The address of the link in the `nth` mail to `to`, as the person would open it.
    pub async fn link_in_mail(&self, to: &str, nth: usize) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        let mail = self.mail_to(to, nth).await?;
        mail.split_whitespace()
            .find(|word| word.starts_with("http"))
            .map(str::to_string)
            .ok_or_else(|| format!("no link in the mail:\n{mail}").into())
    }

    /// The text of a file the browser downloaded, waiting for it to arrive whole.
    pub async fn downloaded(&self, file: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        let path = self.downloads.join(file);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(text) = std::fs::read_to_string(&path) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(format!("no download {file} in {}", self.downloads.display()).into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
