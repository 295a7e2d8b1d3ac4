//! The load run on PostgreSQL: the large demo (250 spaces, 10,000 users, 100,000 activities) in a
//! new database on the server `ORG_AREA_BENCH_POSTGRES_URL` names, served by one and then by two
//! server processes behind a client-side round robin (what a load balancer does), with concurrent
//! clients on loopback for a bounded time.

use std::time::{Duration, Instant};

use sqlx::{Connection, Executor};

use crate::report::Report;
use crate::{percentile, revalidations, sign_in, spawn_server, BoxError};

pub const CLIENTS: usize = 32;
const SIGN_IN_CLIENTS: usize = 64;
pub const SECONDS: u64 = 5;
pub const LISTS: [&str; 4] = [
    "/orgs/me/spaces?period=all",
    "/orgs/me/users?page=1",
    "/orgs/me/users?q=fisch&page=1",
    "/orgs/me/activities?page=1",
];

pub async fn postgres_load(report: &mut Report, server_bin: &str, postgres: &str) -> Result<(), BoxError> {
    let name = format!("org_area_bench_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(postgres).await?;
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
        .await?;
    admin.execute(format!("CREATE DATABASE {name}").as_str()).await?;
    let base = postgres.split('?').next().unwrap_or(postgres);
    let database = format!("{}/{name}", base.rsplit_once('/').ok_or("a database in the URL")?.0);
    println!("PostgreSQL: seeding the large demo (once)");
    let seeding_started = Instant::now();
    let (mut seeding, _) = spawn_server(server_bin, &database, "demo-large").await?;
    seeding.kill().await?;
    println!("  seeded in {:.0} s", seeding_started.elapsed().as_secs_f64());
    let emails = give_customers_the_demo_password(&database).await?;
    let (_a, a) = spawn_server(server_bin, &database, "none").await?;
    let (_b, b) = spawn_server(server_bin, &database, "none").await?;
    for (group, bases) in [
        ("PostgreSQL, one instance, 32 concurrent clients", vec![a.clone()]),
        (
            "PostgreSQL, two instances, 32 concurrent clients shared between them",
            vec![a.clone(), b.clone()],
        ),
    ] {
        println!("{group}, {SECONDS} s each:");
        let token = sign_in(&reqwest::Client::new(), &bases[0], "owner@acme.test").await?;
        if bases.len() == 1 {
            let mut times = revalidations(&reqwest::Client::new(), &bases[0], &token).await?;
            report.add(
                group,
                "GET /orgs/me with its ETag (304), one client, p99",
                percentile(&mut times, 0.99),
                "ms",
                Some(2.0),
            );
        }
        for path in LISTS {
            let mut times = gets(&bases, &token, path).await?;
            report.add(
                group,
                format!("GET {path}, requests per second"),
                times.len() as f64 / SECONDS as f64,
                "/s",
                None,
            );
            report.add(
                group,
                format!("GET {path}, p50"),
                percentile(&mut times, 0.5),
                "ms",
                None,
            );
            report.add(
                group,
                format!("GET {path}, p99"),
                percentile(&mut times, 0.99),
                "ms",
                Some(20.0),
            );
        }
        let mut times = gets_each(&bases, &token, new_search).await?;
        report.add(
            group,
            "GET /orgs/me/users?q=… (a new search each request), requests per second",
            times.len() as f64 / SECONDS as f64,
            "/s",
            Some(1000.0),
        );
        report.add(
            group,
            "GET /orgs/me/users?q=… (a new search each request), p99",
            percentile(&mut times, 0.99),
            "ms",
            None,
        );
        let mut times = sign_ins(&bases, &emails).await?;
        report.add(
            group,
            "sign-in (64 clients), per second",
            times.len() as f64 / SECONDS as f64,
            "/s",
            None,
        );
        report.add(group, "sign-in p50", percentile(&mut times, 0.5), "ms", None);
        report.add(group, "sign-in p99", percentile(&mut times, 0.99), "ms", None);
    }
    drop(admin);
    Ok(())
}

/// The large demo's customers have no password; 64 of them get the demo one.
async fn give_customers_the_demo_password(database: &str) -> Result<Vec<String>, BoxError> {
    let mut db = sqlx::PgConnection::connect(database).await?;
    sqlx::query(
        "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'owner@acme.test')
         WHERE email IN (SELECT email FROM users WHERE email LIKE 'user%@customers.test' ORDER BY email LIMIT 64)",
    )
    .execute(&mut db)
    .await?;
    let emails =
        sqlx::query_scalar("SELECT email FROM users WHERE email LIKE 'user%@customers.test' ORDER BY email LIMIT 64")
            .fetch_all(&mut db)
            .await?;
    Ok(emails)
}

/// `CLIENTS` clients asking for `path` over and over for `SECONDS`, client i at instance i mod n:
/// each successful answer's time.
pub async fn gets(bases: &[String], token: &str, path: &str) -> Result<Vec<f64>, BoxError> {
    let path = path.to_string();
    gets_each(bases, token, move |_| path.clone()).await
}

/// The same with the n-th request (counted over all clients) asking for `path_of(n)`.
pub async fn gets_each(
    bases: &[String],
    token: &str,
    path_of: impl Fn(usize) -> String + Clone + Send + 'static,
) -> Result<Vec<f64>, BoxError> {
    let stop = Instant::now() + Duration::from_secs(SECONDS);
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for i in 0..CLIENTS {
        let (base, token) = (bases[i % bases.len()].clone(), token.to_string());
        let (path_of, counter) = (path_of.clone(), counter.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut times = Vec::new();
            while Instant::now() < stop {
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let url = format!("{base}/api/v1{}", path_of(n));
                let started = Instant::now();
                let ok = match client.get(&url).bearer_auth(&token).send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if ok {
                    times.push(started.elapsed().as_secs_f64() * 1000.0);
                }
            }
            times
        }));
    }
    let mut times = Vec::new();
    for task in tasks {
        times.extend(task.await?);
    }
    if times.is_empty() {
        return Err(format!("no answer from {}", path_of(0)).into());
    }
    Ok(times)
}

/// A search no request before it made: the address of one of the large demo's 10,000 customers
/// (`user00042`), so none is answered from what the server keeps, and each reads the index.
pub fn new_search(n: usize) -> String {
    format!("/orgs/me/users?q=user{:05}&page=1", n % 10_000)
}

/// Successful sign-ins, each client its own account and address (the throttle counts per
/// address and account); a busy answer waits as its Retry-After says.
async fn sign_ins(bases: &[String], emails: &[String]) -> Result<Vec<f64>, BoxError> {
    let stop = Instant::now() + Duration::from_secs(SECONDS);
    let mut tasks = Vec::new();
    for (i, email) in emails.iter().cloned().enumerate().take(SIGN_IN_CLIENTS) {
        let base = bases[i % bases.len()].clone();
        tasks.push(tokio::spawn(async move {
            let local: std::net::IpAddr = format!("127.0.4.{}", i + 1).parse().unwrap();
            let client = reqwest::Client::builder().local_address(local).build().unwrap();
            let mut ok = Vec::new();
            while Instant::now() < stop {
                let started = Instant::now();
                let response = client
                    .post(format!("{base}/api/v1/auth/login"))
                    .json(&serde_json::json!({ "email": email, "password": "demo-password" }))
                    .send()
                    .await;
                match response.map(|r| r.status().as_u16()) {
                    Ok(200) => ok.push(started.elapsed().as_secs_f64() * 1000.0),
                    _ => tokio::time::sleep(Duration::from_millis(500)).await,
                }
            }
            ok
        }));
    }
    let mut times = Vec::new();
    for task in tasks {
        times.extend(task.await?);
    }
    if times.is_empty() {
        return Err("no sign-in succeeded".into());
    }
    Ok(times)
}
