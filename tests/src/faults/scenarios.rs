//! Each fault, done to real processes under load, and what came of it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::checks;
use crate::instance::Instance;
use crate::load::{Answer, Callers, Load};
use crate::proxy::Proxy;
use crate::Row;

/// How long each step of a scenario lasts.
#[derive(Clone, Copy)]
pub struct Pace {
    /// Load before and after each fault.
    pub settle: Duration,
    /// How long the database stays away.
    pub outage: Duration,
}

/// Two instances on one PostgreSQL database behind a proxy; each in turn is sent SIGTERM and
/// started again while clients read and write through the proxy.
pub async fn rolling_restart(binary: &Path, database: &str, dir: &Path, pace: Pace) -> Row {
    let mut instances = [
        Instance::start(binary, database, &dir.join("a")),
        Instance::start(binary, database, &dir.join("b")),
    ];
    let proxy = Proxy::to(instances.iter().map(|i| i.port).collect()).await;
    let callers = Callers::sign_in(&proxy.base()).await;
    let load = Load::start(&proxy.base(), &callers, 8, Duration::from_millis(250), 20, "rolling");
    tokio::time::sleep(pace.settle).await;
    let mut drains = Vec::new();
    let mut returns = Vec::new();
    for instance in &mut instances {
        let stopped = Instant::now();
        drains.push(instance.terminate());
        instance.restart();
        wait_healthy(&instance.base()).await;
        returns.push(stopped.elapsed());
        tokio::time::sleep(pace.settle).await;
    }
    let answers = load.finish().await;
    let db = checks::open(database).await;
    let lost = checks::lost_invitations(&db, &invited(&answers)).await;
    let failed = answers.iter().filter(|a| !a.ok()).count();
    Row {
        scenario: "Rolling restart (PostgreSQL, 2 instances behind a proxy)".into(),
        done: "SIGTERM to each instance in turn under load, then started again".into(),
        sent: answers.len(),
        failed,
        failures: failure_kinds(answers.iter().filter(|a| !a.ok())),
        lost,
        recovery: format!(
            "drained in {} and {}; serving again {} and {} after SIGTERM",
            seconds(drains[0]),
            seconds(drains[1]),
            seconds(returns[0]),
            seconds(returns[1])
        ),
        met: failed == 0 && lost == 0,
    }
}

/// PostgreSQL stopped under load for `pace.outage`, then started again.
pub async fn database_outage(binary: &Path, database: &str, dir: &Path, stop: &str, start: &str, pace: Pace) -> Row {
    let mut instance = Instance::start(binary, database, dir);
    let callers = Callers::sign_in(&instance.base()).await;
    let load = Load::start(&instance.base(), &callers, 4, Duration::from_millis(500), 20, "outage");
    tokio::time::sleep(pace.settle).await;
    let stopped = Instant::now();
    shell(stop);
    // Mid-outage, the instance says its database is down.
    tokio::time::sleep(pace.outage / 2).await;
    let health = reqwest::get(format!("{}/api/v1/health", instance.base())).await;
    let said_down = match health {
        Ok(h) => {
            h.status() == 503
                && h.json::<serde_json::Value>()
                    .await
                    .is_ok_and(|b| b["database"] == "down")
        }
        Err(_) => false,
    };
    tokio::time::sleep(pace.outage / 2).await;
    shell(start);
    let back = Instant::now();
    let caller = reqwest::Client::new();
    let recovered = loop {
        let answer = caller
            .get(format!("{}/api/v1/orgs/me", instance.base()))
            .bearer_auth(&callers.tokens[0])
            .send()
            .await;
        if answer.is_ok_and(|a| a.status().is_success()) {
            break back.elapsed();
        }
        assert!(
            back.elapsed() < Duration::from_secs(60),
            "the server never served again"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    tokio::time::sleep(pace.settle).await;
    let answers = load.finish().await;
    let alive = instance.is_running();
    // During the outage (from the stop until the database was back): answered 2xx, or 503
    // `unavailable`; anything else is a failure.
    let during: Vec<&Answer> = answers.iter().filter(|a| a.at >= stopped && a.at < back).collect();
    let unavailable = during
        .iter()
        .filter(|a| a.status == Some(503) && a.said == "unavailable")
        .count();
    let failed: Vec<&Answer> = answers
        .iter()
        .filter(|a| !a.ok() && !(a.status == Some(503) && a.said == "unavailable"))
        .collect();
    let slowest = during.iter().map(|a| a.took).max().unwrap_or_default();
    let db = checks::open(database).await;
    let lost = checks::lost_invitations(&db, &invited(&answers)).await;
    Row {
        scenario: "Database away (PostgreSQL stopped under load)".into(),
        done: format!("PostgreSQL stopped for {} s, then started", pace.outage.as_secs()),
        sent: answers.len(),
        failed: failed.len(),
        failures: failure_kinds(failed.iter().copied()),
        lost,
        recovery: format!(
            "{unavailable} answered 503 unavailable, the slowest in {}; health said down: {}; process alive: {}; \
             serving again {} after PostgreSQL was back",
            seconds(slowest),
            yes(said_down),
            yes(alive),
            seconds(recovered)
        ),
        met: failed.is_empty()
            && lost == 0
            && alive
            && said_down
            && slowest <= Duration::from_secs(2)
            && recovered <= Duration::from_secs(5),
    }
}

/// SIGKILL in the middle of a burst of concurrent writes; then started again.
pub async fn crash_mid_write(binary: &Path, database: &str, dir: &Path, which: &str) -> Row {
    let mut instance = Instance::start(binary, database, dir);
    let callers = Callers::sign_in(&instance.base()).await;
    let load = Load::start(&instance.base(), &callers, 16, Duration::ZERO, 10, "crash");
    // Until a good part of the burst is answered.
    tokio::time::sleep(Duration::from_millis(400)).await;
    instance.kill();
    let answers = load.finish().await;
    let killed = Instant::now();
    instance.restart();
    wait_healthy(&instance.base()).await;
    let back = killed.elapsed();
    let db = checks::open(database).await;
    let written = invited(&answers);
    let lost = checks::lost_invitations(&db, &written).await;
    let half = checks::half_written(&db).await;
    let integrity = if which == "SQLite" {
        format!("; integrity_check: {}", checks::sqlite_integrity(&db).await)
    } else {
        String::new()
    };
    Row {
        scenario: format!("Crash mid-write ({which})"),
        done: "SIGKILL during 16 clients' burst of invitations and reads; started again".into(),
        sent: answers.len(),
        // Requests cut off by the crash are expected to fail; what counts is what was kept.
        failed: 0,
        failures: format!(
            "{} answered 2xx writes; {} cut off by the crash",
            written.len(),
            answers.iter().filter(|a| a.status.is_none()).count()
        ),
        lost: lost + half as usize,
        recovery: format!("serving again {} after the kill{integrity}", seconds(back)),
        met: lost == 0 && half == 0 && (integrity.is_empty() || integrity.ends_with(": ok")) && !written.is_empty(),
    }
}

fn invited(answers: &[Answer]) -> Vec<String> {
    answers
        .iter()
        .filter(|a| a.ok())
        .filter_map(|a| a.invited.clone())
        .collect()
}

/// "3 × connection refused, 1 × 500 internal".
fn failure_kinds<'a>(failed: impl Iterator<Item = &'a Answer>) -> String {
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    for answer in failed {
        let kind = match answer.status {
            Some(status) => format!("{status} {}", answer.said),
            None => answer.said.clone(),
        };
        *kinds.entry(kind).or_default() += 1;
    }
    kinds
        .iter()
        .map(|(kind, n)| format!("{n} × {kind}"))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn wait_healthy(base: &str) {
    let started = Instant::now();
    loop {
        if reqwest::get(format!("{base}/api/v1/health"))
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{base} never became healthy"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn shell(line: &str) {
    let status = Command::new("sh").arg("-c").arg(line).status().expect("sh runs");
    assert!(status.success(), "{line}: {status}");
}

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// SQLite on a small file system that fills up under load (a `tmpfs` with a size limit, which
/// needs root: without it, none), then gets space again.
pub async fn disk_full(binary: &Path, dir: &Path, pace: Pace) -> Option<Row> {
    let mount = dir.join("small-disk");
    std::fs::create_dir_all(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64m", "tmpfs"])
        .arg(&mount)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("disk full skipped: mounting a small tmpfs needs root");
        return None;
    }
    let database = format!("sqlite://{}", mount.join("org-area.db").display());
    let mut instance = Instance::start(binary, &database, &dir.join("disk-full"));
    let callers = Callers::sign_in(&instance.base()).await;
    let load = Load::start(&instance.base(), &callers, 4, Duration::from_millis(250), 20, "full");
    tokio::time::sleep(pace.settle).await;
    let db = checks::open(&database).await;
    // The journal starts empty, so the next writes must grow it.
    checks::sqlite_truncate_journal(&db).await;
    let filler = mount.join("filler");
    let full = Instant::now();
    fill(&filler);
    tokio::time::sleep(pace.outage).await;
    std::fs::remove_file(&filler).unwrap();
    let freed = Instant::now();
    let recovered = loop {
        let wrote = reqwest::Client::new()
            .post(format!("{}/api/v1/orgs/me/invitations", instance.base()))
            .bearer_auth(&callers.tokens[1])
            .json(&serde_json::json!({ "emails": [format!("again-{}@faults.test", freed.elapsed().as_millis())], "org_role": "member" }))
            .send()
            .await;
        let last = match wrote {
            Ok(w) if w.status().is_success() => break freed.elapsed(),
            Ok(w) => format!("{} {}", w.status(), w.text().await.unwrap_or_default()),
            Err(err) => err.to_string(),
        };
        assert!(
            freed.elapsed() < Duration::from_secs(60),
            "writes never worked again: {last} (log: {})",
            instance.log.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    tokio::time::sleep(pace.settle).await;
    let answers = load.finish().await;
    let alive = instance.is_running();
    let during: Vec<&Answer> = answers.iter().filter(|a| a.at >= full && a.at < freed).collect();
    let refused_writes = during
        .iter()
        .filter(|a| a.invited.is_some() && a.status == Some(503) && a.said == "unavailable")
        .count();
    let reads_served = during.iter().filter(|a| a.invited.is_none() && a.ok()).count();
    let failed: Vec<&Answer> = answers
        .iter()
        .filter(|a| !a.ok() && !(a.status == Some(503) && a.said == "unavailable" && a.invited.is_some()))
        .collect();
    let lost = checks::lost_invitations(&db, &invited(&answers)).await;
    let integrity = checks::sqlite_integrity(&db).await;
    db.close().await;
    drop(instance);
    let _ = Command::new("umount").arg(&mount).status();
    Some(Row {
        scenario: "Disk full (SQLite on a 64 MB file system)".into(),
        done: format!(
            "the file system filled under load for {} s, then space freed",
            pace.outage.as_secs()
        ),
        sent: answers.len(),
        failed: failed.len(),
        failures: failure_kinds(failed.iter().copied()),
        lost,
        recovery: format!(
            "{refused_writes} writes refused with 503 unavailable, {reads_served} reads served meanwhile; \
             integrity_check: {integrity}; process alive: {}; writing again {} after space was freed",
            yes(alive),
            seconds(recovered)
        ),
        met: failed.is_empty() && lost == 0 && integrity == "ok" && alive && refused_writes > 0 && reads_served > 0,
    })
}

/// Write zeros to `file` until the file system is full.
fn fill(file: &Path) {
    use std::io::Write;
    let mut out = std::fs::File::create(file).unwrap();
    let block = vec![0u8; 1 << 16];
    while out.write_all(&block).is_ok() {}
    // What is left is smaller than a block: take it byte by byte.
    while out.write_all(&[0]).is_ok() {}
    let _ = out.sync_all();
}
