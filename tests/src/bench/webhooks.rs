//! Webhook delivery to a local receiver: how many deliveries a second one endpoint drains from a
//! backlog, and how long a change takes to reach the receiver (p50, p99) at a steady pace.
//! The server runs on the large demo's database with `--allow-private-webhooks`.

use std::time::{Duration, Instant};

use org_area_e2e::harness::receiver::Receiver;
use serde_json::{json, Value};

use super::report::Report;
use super::{percentile, sign_in, spawn_server_with, BenchServer, BoxError};

const GROUP: &str = "Webhooks to a local receiver, one endpoint, SQLite";
/// Changes fired at once for the backlog.
const BACKLOG: usize = 600;
/// Changes made one at a time for the latency.
const PACED: usize = 200;

async fn add_endpoint(client: &reqwest::Client, base: &str, token: &str, url: &str) -> Result<i64, BoxError> {
    let added: Value = client
        .post(format!("{base}/api/v1/orgs/me/webhooks"))
        .bearer_auth(token)
        .json(&json!({ "url": url, "events": { "kind": "only", "keys": ["org_user.update"] } }))
        .send()
        .await?
        .json()
        .await?;
    Ok(added["endpoint"]["id"]
        .as_i64()
        .ok_or(format!("an endpoint: {added}"))?)
}

async fn change_role(client: &reqwest::Client, base: &str, token: &str, user: i64, role: &str) -> Result<(), BoxError> {
    let response = client
        .patch(format!("{base}/api/v1/orgs/me/users/{user}"))
        .bearer_auth(token)
        .json(&json!({ "org_role": role }))
        .send()
        .await?;
    if !response.status().is_success() {
        return Err(format!("a role change answered {}", response.status()).into());
    }
    Ok(())
}

async fn wait_for(receiver: &Receiver, count: usize) -> Result<(), BoxError> {
    let deadline = Instant::now() + Duration::from_secs(120);
    while receiver.count() < count {
        if Instant::now() > deadline {
            return Err(format!("{} of {count} deliveries arrived", receiver.count()).into());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(())
}

pub async fn throughput(report: &mut Report, server_bin: &str, server: &BenchServer) -> Result<(), BoxError> {
    let url = format!("sqlite://{}", server.database.display());
    let (mut child, base) = spawn_server_with(server_bin, &url, "none", &["--allow-private-webhooks"]).await?;
    let client = reqwest::Client::new();
    let owner = sign_in(&client, &base, "owner@acme.test").await?;
    let pool = sqlx::SqlitePool::connect(&url).await?;
    let customers: Vec<i64> = sqlx::query_scalar(
        "SELECT u.id FROM users u JOIN org_members m ON m.user_id = u.id
         WHERE u.email LIKE 'user%@customers.test' AND m.org_role = 'member' ORDER BY u.id LIMIT $1",
    )
    .bind((BACKLOG + PACED) as i64)
    .fetch_all(&pool)
    .await?;
    if customers.len() < BACKLOG + PACED {
        return Err("the large demo has too few members".into());
    }

    // A backlog: the receiver holds the first delivery until every change is made, so the rest
    // queue behind it; then it lets go, and the endpoint's queue drains.
    let receiver = Receiver::start(true).await?;
    let endpoint = add_endpoint(&client, &base, &owner, &receiver.url).await?;
    let made = Instant::now();
    let mut changes = tokio::task::JoinSet::new();
    for chunk in customers[..BACKLOG].chunks(BACKLOG / 8) {
        let (client, base, owner, chunk) = (client.clone(), base.clone(), owner.clone(), chunk.to_vec());
        changes.spawn(async move {
            for user in chunk {
                change_role(&client, &base, &owner, user, "admin").await?;
            }
            Ok::<_, BoxError>(())
        });
    }
    while let Some(done) = changes.join_next().await {
        done??;
    }
    let making = made.elapsed();
    let released = Instant::now();
    receiver.release.notify_one();
    wait_for(&receiver, BACKLOG).await?;
    let drained = receiver.received()[BACKLOG - 1].at.duration_since(released);
    let rate = (BACKLOG - 1) as f64 / drained.as_secs_f64();
    println!(
        "{GROUP}: {BACKLOG} changes made in {making:?}; the backlog drained in {drained:?} ({rate:.0} deliveries/s)"
    );
    report.add(
        GROUP,
        format!("backlog of {BACKLOG} drained, deliveries per second"),
        rate,
        "/s",
        None,
    );
    client
        .delete(format!("{base}/api/v1/orgs/me/webhooks/{endpoint}"))
        .bearer_auth(&owner)
        .send()
        .await?;

    // Latency: one change at a time, 20 ms apart, each timed from when it was sent to when its
    // delivery arrived (deliveries to an endpoint come in the order of their changes).
    let receiver = Receiver::start(false).await?;
    add_endpoint(&client, &base, &owner, &receiver.url).await?;
    let mut sent = Vec::with_capacity(PACED);
    for user in &customers[BACKLOG..] {
        sent.push(Instant::now());
        change_role(&client, &base, &owner, *user, "admin").await?;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    wait_for(&receiver, PACED).await?;
    let arrived = receiver.received();
    let mut latencies: Vec<f64> = sent
        .iter()
        .zip(&arrived)
        .map(|(sent, got)| got.at.duration_since(*sent).as_secs_f64() * 1000.0)
        .collect();
    report.add(
        GROUP,
        "from a change to its delivery, p50",
        percentile(&mut latencies, 0.5),
        "ms",
        None,
    );
    report.add(
        GROUP,
        "from a change to its delivery, p99",
        percentile(&mut latencies, 0.99),
        "ms",
        None,
    );
    child.kill().await?;
    Ok(())
}
