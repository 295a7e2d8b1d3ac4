//! The outbox: mails written in the same transaction as the change that causes them, then
//! delivered at least once by the server's mailer, which claims each for a while, marks it sent
//! (blanking its bodies, which hold links with codes) or schedules another try.

use std::collections::HashMap;

use common::mail::{Letter, Links, MailBrand, MailKind, OutgoingMail};
use common::{iso, DomainResult, Timestamp};
use contract::{MailState, MailStatus, OrgRole, StoredSettings};
use sqlx::types::Json;

use crate::db::{Pool, Tx};

/// How long a sender may work on one mail before another may take it.
const CLAIM: chrono::Duration = chrono::Duration::minutes(2);

/// The brand of an organization, read inside a transaction.
pub async fn brand_of(tx: &mut Tx, org_id: i64) -> DomainResult<MailBrand> {
    let org = sqlx::query!(
        r#"SELECT name, settings AS "settings: Json<StoredSettings>" FROM orgs WHERE id = $1"#,
        org_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let Json(stored) = org.settings;
    Ok(MailBrand {
        app_name: contract::shown_name(&stored.branding.app_name, &org.name).to_string(),
        org_name: org.name,
        color: stored.branding.light.primary,
    })
}

/// A person's organization (its id and slug, for branded links) and the brand their mail wears:
/// the organization's, or the product's for someone in none.
pub async fn sender_of(tx: &mut Tx, user_id: i64) -> DomainResult<(Option<(i64, String)>, MailBrand)> {
    let org = sqlx::query!(
        r#"SELECT o.id AS "id!", o.slug FROM org_members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = $1"#,
        user_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    let brand = match &org {
        Some(org) => brand_of(tx, org.id).await?,
        None => MailBrand::product(),
    };
    Ok((org.map(|org| (org.id, org.slug)), brand))
}

/// Tell the organization's owners and admins (those not disabled): each gets `write`'s letter,
/// with a link to `path` in the app, in the change's transaction.
pub async fn tell_managers(
    tx: &mut Tx,
    links: &Links,
    org_id: i64,
    kind: MailKind,
    path: &str,
    write: impl Fn(&MailBrand, &str, &str) -> Letter,
) -> DomainResult<()> {
    let (owner, admin) = (OrgRole::Owner.as_str(), OrgRole::Admin.as_str());
    let managers = sqlx::query!(
        r#"SELECT u.id AS "id!", u.email FROM org_members m JOIN users u ON u.id = m.user_id
           WHERE m.org_id = $1 AND (m.org_role = $2 OR m.org_role = $3) AND NOT u.disabled"#,
        org_id,
        owner,
        admin
    )
    .fetch_all(&mut **tx)
    .await?;
    for manager in managers {
        let (org, brand) = sender_of(tx, manager.id).await?;
        let link = links.page(org.as_ref().map(|(_, slug)| slug.as_str()), path);
        let letter = write(&brand, &manager.email, &link);
        enqueue(tx, Some(org_id), kind, Some(manager.id), letter).await?;
    }
    Ok(())
}

/// Queue the letter in the change's transaction; the mailer sends it after the commit.
pub async fn enqueue(
    tx: &mut Tx,
    org_id: Option<i64>,
    kind: MailKind,
    subject_id: Option<i64>,
    letter: Letter,
) -> DomainResult<()> {
    let (now, kind) = (common::now(), kind.as_str());
    sqlx::query!(
        "INSERT INTO outbox (org_id, kind, subject_id, recipient, sender_name, subject, text_body, html_body,
             next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        org_id,
        kind,
        subject_id,
        letter.to,
        letter.sender_name,
        letter.subject,
        letter.text,
        letter.html,
        now
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The latest mail of `kind` for each of `ids`.
pub async fn latest(pool: &Pool, kind: MailKind, ids: &[i64]) -> DomainResult<HashMap<i64, MailState>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let kind = kind.as_str();
    #[cfg(sqlite)]
    let ids = serde_json::to_string(ids).unwrap_or_default();
    #[cfg(sqlite)]
    let rows = sqlx::query!(
        r#"SELECT subject_id AS "subject_id!", status AS "status: MailStatus", attempts, last_error,
                  sent_at AS "sent_at: Timestamp"
           FROM outbox o
           WHERE o.id = (SELECT MAX(id) FROM outbox x WHERE x.kind = o.kind AND x.subject_id = o.subject_id)
             AND o.kind = $1 AND o.subject_id IN (SELECT value FROM json_each($2))"#,
        kind,
        ids
    )
    .fetch_all(pool)
    .await?;
    #[cfg(postgres)]
    let rows = sqlx::query!(
        r#"SELECT subject_id AS "subject_id!", status AS "status: MailStatus", attempts, last_error,
                  sent_at AS "sent_at: Timestamp"
           FROM outbox o
           WHERE o.id = (SELECT MAX(id) FROM outbox x WHERE x.kind = o.kind AND x.subject_id = o.subject_id)
             AND o.kind = $1 AND o.subject_id = ANY($2)"#,
        kind,
        ids
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let state = MailState {
                status: r.status,
                attempts: r.attempts,
                last_error: r.last_error,
                sent_at: r.sent_at.map(iso),
            };
            (r.subject_id, state)
        })
        .collect())
}

/// Take the next due mail for a while, counting the try; None when nothing is due.
pub async fn claim(pool: &Pool) -> DomainResult<Option<OutgoingMail>> {
    let now = common::now();
    let until = now + CLAIM;
    Ok(sqlx::query_as!(
        OutgoingMail,
        r#"UPDATE outbox SET claimed_until = $1, attempts = attempts + 1
           WHERE id = (SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= $2
                       AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY id LIMIT 1)
             AND (claimed_until IS NULL OR claimed_until < $2)
           RETURNING id AS "id!", recipient, sender_name, subject, text_body, html_body, attempts"#,
        until,
        now
    )
    .fetch_optional(pool)
    .await?)
}

/// The mail went out: its bodies are blanked.
pub async fn sent(pool: &Pool, id: i64) -> DomainResult<()> {
    let now = common::now();
    sqlx::query!(
        "UPDATE outbox SET status = 'sent', sent_at = $1, text_body = '', html_body = '',
             claimed_until = NULL, last_error = NULL WHERE id = $2",
        now,
        id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The try failed: another at `next`, or none (`MailStatus::Failed`), and then its bodies are
/// blanked like a sent mail's: a mail that will never go out must not keep its link's code.
pub async fn failed(pool: &Pool, id: i64, status: MailStatus, error: &str, next: Timestamp) -> DomainResult<()> {
    let (status, error) = (status.as_str(), error.chars().take(300).collect::<String>());
    sqlx::query!(
        "UPDATE outbox SET status = $1, last_error = $2, next_attempt_at = $3, claimed_until = NULL,
             text_body = CASE WHEN $1 = 'failed' THEN '' ELSE text_body END,
             html_body = CASE WHEN $1 = 'failed' THEN '' ELSE html_body END
         WHERE id = $4",
        status,
        error,
        next,
        id
    )
    .execute(pool)
    .await?;
    Ok(())
}
