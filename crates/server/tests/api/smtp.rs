//! Mail over SMTP to a real SMTP server process (aiosmtpd, from PyPI, keeping what arrives in a
//! Maildir): an invitation arrives at the invitee with a working link that nobody else saw; with
//! the SMTP server down the outbox keeps the mail and tries again, and once the SMTP server is
//! back exactly one copy arrives, even with a restart of our server in between.
//!
//! Ignored by a plain `cargo test`: it needs aiosmtpd, which `cargo xtask test` installs and
//! names in `ORG_AREA_PYTHON` (the Python that has it) before running the ignored tests.

use std::time::Duration;

use crate::common::{eventually, server_with, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// An SMTP server process on loopback that keeps what it receives.
struct SmtpServer {
    /// Killed when dropped (`kill_on_drop`), as a crashed mail server would be.
    _process: tokio::process::Child,
    maildir: tempfile::TempDir,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl SmtpServer {
    async fn start(port: u16) -> SmtpServer {
        let python = std::env::var("ORG_AREA_PYTHON")
            .expect("ORG_AREA_PYTHON names a Python with aiosmtpd (cargo xtask test sets it)");
        let maildir = tempfile::tempdir().unwrap();
        let child = tokio::process::Command::new(python)
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            // Maildir creates its folders only when the folder does not exist yet.
            .arg(maildir.path().join("box"))
            .kill_on_drop(true)
            .spawn()
            .expect("aiosmtpd starts");
        eventually("aiosmtpd listening", Duration::from_secs(20), || async {
            tokio::net::TcpStream::connect(("127.0.0.1", port)).await.ok()
        })
        .await;
        SmtpServer {
            _process: child,
            maildir,
        }
    }

    /// Every message received, decoded.
    fn received(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(dir) = std::fs::read_dir(self.maildir.path().join("box").join(sub)) {
                for entry in dir.flatten() {
                    if let Ok(raw) = std::fs::read_to_string(entry.path()) {
                        out.push(crate::common::decoded_mail(&raw));
                    }
                }
            }
        }
        out
    }

    async fn wait_for(&self, count: usize) -> Vec<String> {
        eventually(
            &format!("{count} mail(s) at the SMTP server"),
            Duration::from_secs(30),
            || async {
                let received = self.received();
                (received.len() >= count).then_some(received)
            },
        )
        .await
    }
}

async fn smtp_server(port: u16) -> TestServer {
    server_with(|config| {
        config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        config.mail_from = "Acme Studio <no-reply@acme.test>".into();
        config.mail_retry_after = Duration::from_millis(200);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs aiosmtpd; `cargo xtask test` runs it"]
async fn an_invitation_arrives_by_smtp_with_a_link_only_the_invitee_sees() {
    let port = free_port();
    let smtp = SmtpServer::start(port).await;
    let s = smtp_server(port).await;
    let admin = s.token("admin@acme.test").await;
    sqlx::query(if crate::common::on_postgres() {
        "UPDATE orgs SET settings = jsonb_set(settings, '{branding}',
             COALESCE(settings -> 'branding', '{}') || '{\"app_name\": \"Acme Hub\"}')
         WHERE slug = 'acme-studio'"
    } else {
        "UPDATE orgs SET settings = json_set(settings, '$.branding.app_name', 'Acme Hub') WHERE slug = 'acme-studio'"
    })
    .execute(&s.sql)
    .await
    .unwrap();
    let created = s
        .post(
            "/orgs/me/invitations",
            Some(&admin),
            json!({ "emails": ["guest@example.com"], "org_role": "admin", "firstname": "Gus", "lastname": "Guest" }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created = created.text().await.unwrap();
    let mails = smtp.wait_for(1).await;
    let outbox: Vec<(String, Option<String>)> = sqlx::query_as("SELECT status, last_error FROM outbox")
        .fetch_all(&s.sql)
        .await
        .unwrap();
    assert_eq!(mails.len(), 1, "the outbox says {outbox:?}");
    let mail = &mails[0];
    assert!(mail.contains("To: guest@example.com"), "{mail}");
    assert!(
        mail.contains("From: \"Acme Hub via Acme Studio\" <no-reply@acme.test>"),
        "the organization's app name via the platform's, from the platform's address: {mail}"
    );
    assert!(
        mail.contains("text/plain") && mail.contains("text/html"),
        "text and HTML parts"
    );
    assert!(
        mail.contains("Adam Alvarez invited you to join Acme Studio as an Admin."),
        "{mail}"
    );
    assert!(mail.contains("Subject: Join Acme Studio on Acme Hub"), "{mail}");
    let code = crate::common::secret_in(mail, "code");
    assert!(mail.contains(&format!(
        "{}/o/acme-studio/accept-invitation#code={code}",
        s.running.url()
    )));
    // Nobody else got the code: not the inviter's answers, not the pending list.
    let listed = s.get("/orgs/me/invitations", Some(&admin)).await.text().await.unwrap();
    assert!(!created.contains(&code) && !listed.contains(&code));
    // The mailer marks the mail sent once the SMTP server has taken it, which is just after the
    // server has it: the list says so then.
    let status = eventually("the invitation's mail marked sent", Duration::from_secs(10), || async {
        let listed: Value = s.get("/orgs/me/invitations", Some(&admin)).await.json().await.unwrap();
        let status = listed["invitations"][0]["mail"]["status"].clone();
        (status == "sent").then_some(status)
    })
    .await;
    assert_eq!(status, "sent");
    let accepted: Value = s
        .post(
            "/invitations/accept",
            None,
            json!({ "code": code, "password": "a long enough password" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(accepted["me"]["org"]["org_role"], "admin");
    assert_eq!(accepted["me"]["user"]["friendly_name"], "Gus Guest");
    drop(smtp);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs aiosmtpd; `cargo xtask test` runs it"]
async fn with_the_smtp_server_down_the_mail_waits_and_arrives_once_after_a_restart() {
    let port = free_port();
    let first = smtp_server(port).await;
    let admin = first.token("admin@acme.test").await;
    first
        .post(
            "/orgs/me/invitations",
            Some(&admin),
            json!({ "emails": ["later@example.com"], "org_role": "member" }),
        )
        .await;
    // Tried and failed, kept for later.
    let row = eventually("a second try", Duration::from_secs(20), || async {
        let row: (String, i64, Option<String>) =
            sqlx::query_as("SELECT status, attempts, last_error FROM outbox WHERE recipient = 'later@example.com'")
                .fetch_one(&first.sql)
                .await
                .unwrap();
        (row.1 >= 2).then_some(row)
    })
    .await;
    assert_eq!(row.0, "queued");
    assert!(row.1 >= 2, "tried again: {row:?}");
    assert!(row.2.is_some(), "the failure is kept: {row:?}");
    let listed: Value = first
        .get("/orgs/me/invitations", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["invitations"][0]["mail"]["status"], "queued");
    assert!(listed["invitations"][0]["mail"]["last_error"].is_string());

    // Our server stops and comes back; then the SMTP server does.
    first.running.stop();
    let mut second = first.restart_on_same_database().await;
    second.running.stop();
    second = restart_with_smtp(&first, port).await;
    let smtp = SmtpServer::start(port).await;
    let mails = smtp.wait_for(1).await;
    assert_eq!(mails.len(), 1, "delivered once the SMTP server is back");
    // A later mail goes out in a later round of the sender: by then a second copy of the first
    // would have gone too. There is none.
    let admin = second.token("admin@acme.test").await;
    second
        .post(
            "/orgs/me/invitations",
            Some(&admin),
            json!({ "emails": ["afterwards@example.com"], "org_role": "member" }),
        )
        .await;
    let received = smtp.wait_for(2).await;
    assert!(
        received.iter().any(|m| m.contains("afterwards@example.com")),
        "the later mail arrived"
    );
    let copies = received
        .iter()
        .filter(|m| m.to_lowercase().contains("to: later@example.com"))
        .count();
    assert_eq!(copies, 1, "exactly one copy");
    let status: String = sqlx::query_scalar("SELECT status FROM outbox WHERE recipient = 'later@example.com'")
        .fetch_one(&second.sql)
        .await
        .unwrap();
    assert_eq!(status, "sent");
    assert!(crate::common::secret_in(&mails[0], "code").len() > 20);
}

/// A new server on `first`'s database sending to the SMTP port.
async fn restart_with_smtp(first: &TestServer, port: u16) -> TestServer {
    first
        .restart_with(|config| {
            config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
            config.mail_retry_after = Duration::from_millis(200);
        })
        .await
}

#[tokio::test]
async fn a_mail_that_ends_failed_keeps_no_link() {
    // Nothing listens at this port: every try fails.
    let port = free_port();
    let s = server_with(|config| config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    let admin = s.token("admin@acme.test").await;
    let invited = s
        .post(
            "/orgs/me/invitations",
            Some(&admin),
            json!({ "emails": ["never@example.com"], "org_role": "member" }),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::CREATED);
    let row = "FROM outbox WHERE recipient = 'never@example.com'";
    eventually("a first try", Duration::from_secs(20), || async {
        let attempts: i64 = sqlx::query_scalar(&format!("SELECT attempts {row}"))
            .fetch_one(&s.sql)
            .await
            .unwrap();
        (attempts >= 1).then_some(())
    })
    .await;
    // The next try is the last. The server's own sender may be settling a try of its own just
    // then (and set the mail's next try later): made due again until the last try has run.
    let last_try = format!(
        "UPDATE outbox SET attempts = {}, next_attempt_at = created_at
         WHERE recipient = 'never@example.com' AND status = 'queued'",
        org_area_server::mailer::MAX_ATTEMPTS - 1
    );
    let (status, text, html): (String, String, String) =
        eventually("the mail failed", Duration::from_secs(20), || async {
            sqlx::query(&last_try).execute(&s.sql).await.unwrap();
            s.running.state.mailer.deliver_due(&s.running.state.db).await.unwrap();
            let found: (String, String, String) = sqlx::query_as(&format!("SELECT status, text_body, html_body {row}"))
                .fetch_one(&s.sql)
                .await
                .unwrap();
            (found.0 == "failed").then_some(found)
        })
        .await;
    assert_eq!(status, "failed");
    assert!(
        text.is_empty() && html.is_empty(),
        "the link's code is gone: {text} {html}"
    );
}
