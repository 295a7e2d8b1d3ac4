//! Webhooks: endpoints that receive the activity log, and their outbox. Each activity queues one
//! delivery per endpoint that wants its kind, in the activity's own transaction ([`enqueue`]); the
//! server's webhook sender claims them in order per endpoint ([`claim`]), signs and posts them,
//! and reports each try ([`tried`]). Secrets are sealed with the secret keys: they must be read
//! back to sign.

use common::mail::{self as letters, Links, MailKind};
use common::secrets::SecretKeys;
use common::tokens::new_token;
pub use common::webhooks::{Due, Tried, RETRY_FOR};
use common::{iso, spoken, Actor, DomainError, DomainResult, Timestamp};
use contract::text::integrations;
use contract::{
    fill, Activity, ActivityKey, DeliveryStatus, NewWebhookEndpoint, Permission, WebhookDelivery, WebhookDeliveryList,
    WebhookEndpoint, WebhookEndpointList, WebhookEvents, WebhookSecret, MAX_WEBHOOK_ENDPOINTS, TEST_EVENT,
};
use serde_json::{json, Value};

use crate::activity::{self, By, Change};
use crate::db::{self, Pool, Tx};
use crate::{authorize, outbox};

/// What secrets are sealed for.
const PURPOSE: &str = "webhook-secret";
/// How long a rolled secret still signs.
pub const PREVIOUS_SECRET_SIGNS: chrono::Duration = chrono::Duration::hours(24);
/// How long an endpoint may fail every delivery before it is disabled.
pub const DISABLE_AFTER: chrono::Duration = chrono::Duration::days(3);
/// How long a sender may work on one delivery before another may take it.
const CLAIM: chrono::Duration = chrono::Duration::minutes(1);
/// How many deliveries an endpoint's log shows.
const LOG_LENGTH: i64 = 100;
/// How long a finished delivery stays in the log.
const LOG_KEPT: chrono::Duration = chrono::Duration::days(30);

/// Queue the activity for every enabled endpoint of the organization that wants its kind.
pub async fn enqueue(tx: &mut Tx, org_id: i64, activity_id: i64, key: ActivityKey) -> DomainResult<()> {
    let (now, event) = (common::now(), key.as_str());
    sqlx::query!(
        "INSERT INTO webhook_deliveries (endpoint_id, activity_id, event, next_attempt_at, created_at)
         SELECT id, $2, $3, $4, $4 FROM webhook_endpoints
         WHERE org_id = $1 AND disabled_at IS NULL AND (events = '*' OR events LIKE '%,' || $3 || ',%')",
        org_id,
        activity_id,
        event,
        now
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

struct EndpointRow {
    id: i64,
    url: String,
    description: String,
    events: String,
    created_at: Timestamp,
    failing_since: Option<Timestamp>,
    disabled_at: Option<Timestamp>,
    previous_until: Option<Timestamp>,
}

impl EndpointRow {
    fn into_endpoint(self, now: Timestamp) -> WebhookEndpoint {
        WebhookEndpoint {
            id: self.id,
            url: self.url,
            description: self.description,
            events: WebhookEvents::from_stored(&self.events),
            created_at: iso(self.created_at),
            failing_since: self.failing_since.map(iso),
            disabled_at: self.disabled_at.map(iso),
            previous_secret_until: self.previous_until.filter(|until| *until > now).map(iso),
        }
    }
}

async fn endpoint_rows(pool: &Pool, org_id: i64, id: Option<i64>) -> DomainResult<Vec<EndpointRow>> {
    Ok(sqlx::query_as!(
        EndpointRow,
        r#"SELECT id AS "id!", url, description, events, created_at AS "created_at: Timestamp",
                  failing_since AS "failing_since: Timestamp", disabled_at AS "disabled_at: Timestamp",
                  previous_until AS "previous_until: Timestamp"
           FROM webhook_endpoints WHERE org_id = $1 AND id = COALESCE($2, id) ORDER BY id"#,
        org_id,
        id
    )
    .fetch_all(pool)
    .await?)
}

async fn one(pool: &Pool, org_id: i64, id: i64) -> DomainResult<WebhookEndpoint> {
    endpoint_rows(pool, org_id, Some(id))
        .await?
        .pop()
        .map(|row| row.into_endpoint(common::now()))
        .ok_or_else(|| DomainError::not_found("Endpoint"))
}

/// The organization's endpoints (the route lets owners and admins through).
pub async fn list(pool: &Pool, actor: &Actor) -> DomainResult<WebhookEndpointList> {
    let now = common::now();
    Ok(WebhookEndpointList {
        endpoints: endpoint_rows(pool, actor.org_id, None)
            .await?
            .into_iter()
            .map(|row| row.into_endpoint(now))
            .collect(),
    })
}

fn new_secret() -> String {
    format!("whsec_{}", new_token())
}

/// Add an endpoint; its secret is answered this once. The address has been checked by the
/// caller, which knows whether private addresses are allowed.
pub async fn add(
    pool: &Pool,
    keys: &SecretKeys,
    actor: &Actor,
    request: &NewWebhookEndpoint,
    allow_http: bool,
) -> DomainResult<WebhookSecret> {
    if let Some((field, message)) = request.problem(allow_http, spoken()) {
        return Err(DomainError::invalid(field, message));
    }
    let secret = new_secret();
    let (sealed, events, now) = (keys.seal(PURPOSE, &secret), request.events.stored(), common::now());
    let (url, description) = (request.url.trim(), request.description.trim());
    let mut tx = db::write(pool).await?;
    authorize(&mut tx, actor, Permission::ManageSettings).await?;
    let count = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM webhook_endpoints WHERE org_id = $1"#,
        actor.org_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if count >= MAX_WEBHOOK_ENDPOINTS as i64 {
        let message = fill(integrations(spoken()).too_many_endpoints, &[&MAX_WEBHOOK_ENDPOINTS]);
        return Err(DomainError::conflict("too_many_endpoints", message));
    }
    let id = sqlx::query_scalar!(
        r#"INSERT INTO webhook_endpoints (org_id, url, description, events, secret, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id AS "id!""#,
        actor.org_id,
        url,
        description,
        events,
        sealed,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    recorded(tx, actor, ActivityKey::WebhookCreate, id, url.to_owned()).await?;
    Ok(WebhookSecret {
        endpoint: one(pool, actor.org_id, id).await?,
        secret,
    })
}

/// Change an endpoint's address, description or kinds; its secret and log stay. The address has
/// been checked by the caller, as when adding.
pub async fn update(
    pool: &Pool,
    actor: &Actor,
    id: i64,
    request: &NewWebhookEndpoint,
    allow_http: bool,
) -> DomainResult<WebhookEndpoint> {
    if let Some((field, message)) = request.problem(allow_http, spoken()) {
        return Err(DomainError::invalid(field, message));
    }
    let (url, description, events) = (request.url.trim(), request.description.trim(), request.events.stored());
    let mut tx = db::write(pool).await?;
    change_endpoint(&mut tx, actor, id).await?;
    sqlx::query!(
        "UPDATE webhook_endpoints SET url = $1, description = $2, events = $3 WHERE id = $4",
        url,
        description,
        events,
        id
    )
    .execute(&mut *tx)
    .await?;
    recorded(tx, actor, ActivityKey::WebhookUpdate, id, url.to_owned()).await?;
    one(pool, actor.org_id, id).await
}

/// A change to one endpoint, guarded by its organization, recorded as `webhook.update`.
async fn change_endpoint(tx: &mut Tx, actor: &Actor, id: i64) -> DomainResult<String> {
    authorize(tx, actor, Permission::ManageSettings).await?;
    let url = sqlx::query_scalar!(
        "SELECT url FROM webhook_endpoints WHERE id = $1 AND org_id = $2",
        id,
        actor.org_id
    )
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| DomainError::not_found("Endpoint"))?;
    Ok(url)
}

/// Record the change to endpoint `id` and commit it.
async fn recorded(mut tx: Tx, actor: &Actor, key: ActivityKey, id: i64, url: String) -> DomainResult<()> {
    activity::record(&mut tx, actor.org_id, By::Actor(actor), Change::new(key).on(id, url)).await?;
    tx.commit().await?;
    Ok(())
}

/// A new secret, answered this once; the one before still signs for 24 hours.
pub async fn roll_secret(pool: &Pool, keys: &SecretKeys, actor: &Actor, id: i64) -> DomainResult<WebhookSecret> {
    let secret = new_secret();
    let (sealed, now) = (keys.seal(PURPOSE, &secret), common::now());
    let until = now + PREVIOUS_SECRET_SIGNS;
    let mut tx = db::write(pool).await?;
    let url = change_endpoint(&mut tx, actor, id).await?;
    sqlx::query!(
        "UPDATE webhook_endpoints SET previous_secret = secret, previous_until = $1, secret = $2 WHERE id = $3",
        until,
        sealed,
        id
    )
    .execute(&mut *tx)
    .await?;
    recorded(tx, actor, ActivityKey::WebhookUpdate, id, url).await?;
    Ok(WebhookSecret {
        endpoint: one(pool, actor.org_id, id).await?,
        secret,
    })
}

/// Enable an endpoint that three days of failures disabled; it starts with a clean record.
pub async fn enable(pool: &Pool, actor: &Actor, id: i64) -> DomainResult<WebhookEndpoint> {
    let mut tx = db::write(pool).await?;
    let url = change_endpoint(&mut tx, actor, id).await?;
    sqlx::query!(
        "UPDATE webhook_endpoints SET disabled_at = NULL, failing_since = NULL WHERE id = $1",
        id
    )
    .execute(&mut *tx)
    .await?;
    recorded(tx, actor, ActivityKey::WebhookUpdate, id, url).await?;
    one(pool, actor.org_id, id).await
}

/// Delete an endpoint with its log.
pub async fn delete(pool: &Pool, actor: &Actor, id: i64) -> DomainResult<()> {
    let mut tx = db::write(pool).await?;
    let url = change_endpoint(&mut tx, actor, id).await?;
    sqlx::query!("DELETE FROM webhook_endpoints WHERE id = $1", id)
        .execute(&mut *tx)
        .await?;
    recorded(tx, actor, ActivityKey::WebhookDestroy, id, url).await
}

/// An endpoint's latest deliveries, newest first.
pub async fn deliveries(pool: &Pool, actor: &Actor, id: i64) -> DomainResult<WebhookDeliveryList> {
    one(pool, actor.org_id, id).await?;
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", event, activity_id, status AS "status: String", attempts AS "attempts: i64",
                  created_at AS "created_at: Timestamp", attempted_at AS "attempted_at: Timestamp",
                  response_status AS "response_status: i64", duration_ms AS "duration_ms: i64", response_excerpt
           FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY id DESC LIMIT $2"#,
        id,
        LOG_LENGTH
    )
    .fetch_all(pool)
    .await?;
    Ok(WebhookDeliveryList {
        deliveries: rows
            .into_iter()
            .map(|r| WebhookDelivery {
                id: r.id,
                event: r.event,
                activity_id: r.activity_id,
                status: match r.status.as_str() {
                    "delivered" => DeliveryStatus::Delivered,
                    "failed" => DeliveryStatus::Failed,
                    _ => DeliveryStatus::Pending,
                },
                attempts: r.attempts,
                created_at: iso(r.created_at),
                attempted_at: r.attempted_at.map(iso),
                response_status: r.response_status,
                duration_ms: r.duration_ms,
                response_excerpt: r.response_excerpt,
            })
            .collect(),
    })
}

/// Queue a delivery for the endpoint: a copy of an earlier one ("Redeliver"), or a test event.
async fn queue(
    pool: &Pool,
    actor: &Actor,
    endpoint_id: i64,
    activity_id: Option<i64>,
    event: &str,
) -> DomainResult<i64> {
    let now = common::now();
    let mut tx = db::write(pool).await?;
    change_endpoint(&mut tx, actor, endpoint_id).await?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO webhook_deliveries (endpoint_id, activity_id, event, next_attempt_at, created_at)
           VALUES ($1, $2, $3, $4, $4) RETURNING id AS "id!""#,
        endpoint_id,
        activity_id,
        event,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Send a delivery again, as a new entry at the end of the endpoint's queue.
pub async fn redeliver(pool: &Pool, actor: &Actor, endpoint_id: i64, delivery_id: i64) -> DomainResult<i64> {
    let earlier = sqlx::query!(
        "SELECT d.activity_id, d.event FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.id = $1 AND d.endpoint_id = $2 AND e.org_id = $3",
        delivery_id,
        endpoint_id,
        actor.org_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| DomainError::not_found("Delivery"))?;
    queue(pool, actor, endpoint_id, earlier.activity_id, &earlier.event).await
}

/// Queue a `webhook.test` event for the endpoint.
pub async fn send_test(pool: &Pool, actor: &Actor, endpoint_id: i64) -> DomainResult<i64> {
    queue(pool, actor, endpoint_id, None, TEST_EVENT).await
}

/// Take the next due delivery for a while, counting the try: the oldest pending one of an
/// endpoint, so each endpoint receives its activities in order. None when nothing is due.
pub async fn claim(pool: &Pool, keys: &SecretKeys) -> DomainResult<Option<Due>> {
    let now = common::now();
    let until = now + CLAIM;
    let Some(row) = sqlx::query!(
        r#"UPDATE webhook_deliveries SET claimed_until = $1, attempts = attempts + 1
           WHERE id = (SELECT d.id FROM webhook_deliveries d
                       WHERE d.status = 'pending' AND d.next_attempt_at <= $2
                         AND (d.claimed_until IS NULL OR d.claimed_until < $2)
                         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                         WHERE e.endpoint_id = d.endpoint_id AND e.status = 'pending' AND e.id < d.id)
                       ORDER BY d.id LIMIT 1)
             AND (claimed_until IS NULL OR claimed_until < $2)
           RETURNING id AS "id!", endpoint_id, activity_id, event, attempts AS "attempts: i64",
                     created_at AS "created_at: Timestamp""#,
        until,
        now
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let endpoint = sqlx::query!(
        r#"SELECT e.org_id, e.url, e.secret, e.previous_secret, e.previous_until AS "previous_until: Timestamp",
                  o.name, o.slug
           FROM webhook_endpoints e JOIN orgs o ON o.id = e.org_id WHERE e.id = $1"#,
        row.endpoint_id
    )
    .fetch_one(pool)
    .await?;
    let mut secrets: Vec<String> = keys.open_text(PURPOSE, &endpoint.secret).into_iter().collect();
    if endpoint.previous_until.is_some_and(|until| until > now) {
        secrets.extend(endpoint.previous_secret.and_then(|s| keys.open_text(PURPOSE, &s)));
    }
    let activity = match row.activity_id {
        Some(id) => activity::one(pool, endpoint.org_id, id).await?,
        None => None,
    };
    let body = json!({
        "id": row.id,
        "event": &row.event,
        "created_at": iso(row.created_at),
        "organization": { "id": endpoint.org_id, "name": endpoint.name, "slug": endpoint.slug },
        "activity": activity.map(|a: Activity| serde_json::to_value(a).unwrap_or(Value::Null)),
    });
    Ok(Some(Due {
        id: row.id,
        endpoint_id: row.endpoint_id,
        org_id: endpoint.org_id,
        url: endpoint.url,
        event: row.event,
        secrets,
        attempts: row.attempts,
        created_at: row.created_at,
        body,
    }))
}

/// Record a try. A success clears the endpoint's failing streak; a failure starts or extends
/// it, and a streak of [`DISABLE_AFTER`] disables the endpoint and mails its organization's owners
/// and admins, once.
pub async fn tried(pool: &Pool, links: &Links, due: &Due, tried: &Tried) -> DomainResult<()> {
    let now = common::now();
    let status = match (tried.delivered, tried.next_attempt_at) {
        (true, _) => DeliveryStatus::Delivered,
        (false, Some(_)) => DeliveryStatus::Pending,
        (false, None) => DeliveryStatus::Failed,
    }
    .as_str();
    let next = tried.next_attempt_at.unwrap_or(now);
    let excerpt: String = tried.excerpt.chars().take(500).collect();
    let mut tx = db::write_rows(pool).await?;
    sqlx::query!(
        "UPDATE webhook_deliveries SET status = $1, next_attempt_at = $2, claimed_until = NULL, attempted_at = $3,
             response_status = $4, duration_ms = $5, response_excerpt = $6
         WHERE id = $7",
        status,
        next,
        now,
        tried.status,
        tried.duration_ms,
        excerpt,
        due.id
    )
    .execute(&mut *tx)
    .await?;
    if tried.delivered {
        sqlx::query!(
            "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL",
            due.endpoint_id
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(());
    }
    sqlx::query!(
        "UPDATE webhook_endpoints SET failing_since = $1 WHERE id = $2 AND failing_since IS NULL",
        now,
        due.endpoint_id
    )
    .execute(&mut *tx)
    .await?;
    let since = now - DISABLE_AFTER;
    let disabled = sqlx::query_scalar!(
        "UPDATE webhook_endpoints SET disabled_at = $1
         WHERE id = $2 AND disabled_at IS NULL AND failing_since <= $3 RETURNING url",
        now,
        due.endpoint_id,
        since
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(url) = disabled {
        // What it still holds would go out after it is enabled days later: it is given up.
        sqlx::query!(
            "UPDATE webhook_deliveries SET status = 'failed', claimed_until = NULL
             WHERE endpoint_id = $1 AND status = 'pending'",
            due.endpoint_id
        )
        .execute(&mut *tx)
        .await?;
        outbox::tell_managers(
            &mut tx,
            links,
            due.org_id,
            MailKind::WebhookDisabled,
            "/settings/webhooks",
            |brand, to, link| letters::webhook_disabled(brand, to, &url, link),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Forget finished deliveries older than [`LOG_KEPT`] (scheduled work).
pub async fn prune(pool: &Pool) -> DomainResult<u64> {
    let before = common::now() - LOG_KEPT;
    Ok(sqlx::query!(
        "DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1",
        before
    )
    .execute(pool)
    .await?
    .rows_affected())
}
