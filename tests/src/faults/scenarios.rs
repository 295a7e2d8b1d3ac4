//! Each fault, done to real processes under load, and what came of it.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::checks;
use crate::instance::Instance;
use crate::load::{self, Answer, Callers, Load};
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

/// Writes per load worker in a scenario (its organization sends at most 200 invitations a day).
const WRITES: usize = 20;

impl Pace {
    /// The pause between one worker's writes that spreads them over the whole scenario, the fault
    /// included.
    fn spread(self) -> Duration {
        (self.settle * 3 + self.outage) / WRITES as u32
    }
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
    let load = Load::start(&proxy.base(), &callers, 8, pace.spread(), WRITES, "rolling");
    tokio::time::sleep(pace.settle).await;
    let mut drains = Vec::new();
    let mut returns = Vec::new();
    for instance in &mut instances {
        let stopped = Instant::now();
        drains.push(instance.terminate());
        instance.restart();
        wait_healthy(instance).await;
        returns.push(stopped.elapsed());
        tokio::time::sleep(pace.settle).await;
    }
    let answers = load.finish().await;
    let db = checks::open(database).await;
    let lost = checks::lost_invitations(&db, &invited(&answers)).await;
    let failed = answers.iter().filter(|a| !a.ok()).count();
    Row {
        writes: invited(&answers).len(),
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
    let load = Load::start(&instance.base(), &callers, 4, pace.spread(), WRITES, "outage");
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
    let orgs_me = format!("{}/api/v1/orgs/me", instance.base());
    let recovered = until_answered("the server to serve again", &instance.log, || {
        caller.get(&orgs_me).bearer_auth(&callers.tokens[0])
    })
    .await;
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
        writes: invited(&answers).len(),
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
    // Besides the invitations, one admin turns a member into an admin and back, as fast as the
    // answers come: each change recorded must match the role the member ends with.
    let before = checks::open(database).await;
    let member = checks::user_id(&before, "member@acme.test").await;
    let changes_before = checks::role_changes(&before, member).await;
    before.close().await;
    let toggling = tokio::spawn(toggle_role(instance.base(), callers.tokens[0].clone(), member));
    // (A head start: under the burst, SQLite's single writer may not reach them before the kill.)
    tokio::time::sleep(Duration::from_millis(200)).await;
    let load = Load::start(&instance.base(), &callers, 16, Duration::ZERO, 10, "crash");
    // Until a good part of the burst is answered.
    tokio::time::sleep(Duration::from_millis(400)).await;
    instance.kill();
    let answers = load.finish().await;
    let (toggled, toggle_cut) = toggling.await.expect("the role changes end");
    let killed = Instant::now();
    instance.restart();
    wait_healthy(&instance).await;
    let back = killed.elapsed();
    // The writes the crash cut off are sent again with their keys, as a client that got no
    // answer would: each must then exist once, whether the crash came before or after its commit.
    let client = reqwest::Client::new();
    let (mut applied_now, mut applied_before) = (0, 0);
    let mut retried = Vec::new();
    for answer in answers.iter().filter(|a| a.status.is_none()) {
        let Some(email) = &answer.invited else { continue };
        let again = load::invitation(&client, &instance.base(), email)
            .bearer_auth(&callers.tokens[answer.caller])
            .send()
            .await
            .expect("the restarted server answers");
        match again.status().as_u16() {
            201 if again.headers().get("idempotent-replayed").is_none() => applied_now += 1,
            201 | 409 => applied_before += 1,
            other => panic!("a retried write answered {other}"),
        }
        retried.push(email.clone());
    }
    let db = checks::open(database).await;
    let written = invited(&answers);
    let lost = checks::lost_invitations(&db, &written).await + checks::lost_invitations(&db, &retried).await;
    let mut doubled = 0;
    for email in written.iter().chain(&retried) {
        if checks::copies(&db, email).await > 1 {
            doubled += 1;
        }
    }
    let half = checks::half_written(&db).await;
    // Each answered role change recorded, at most the one cut off besides, and the role the member
    // has is the one the recorded changes lead to.
    let recorded = (checks::role_changes(&db, member).await - changes_before) as usize;
    let role = checks::role_of(&db, member).await;
    let roles_whole = (toggled..=toggled + toggle_cut).contains(&recorded)
        && role == if recorded % 2 == 1 { "admin" } else { "member" };
    let integrity = if which == "SQLite" {
        format!("; integrity_check: {}", checks::sqlite_integrity(&db).await)
    } else {
        String::new()
    };
    Row {
        writes: written.len(),
        scenario: format!("Crash mid-write ({which})"),
        done: "SIGKILL during 16 clients' burst of invitations and reads and an admin's role changes; started again"
            .into(),
        sent: answers.len(),
        // Requests cut off by the crash are expected to fail; what counts is what was kept.
        failed: 0,
        failures: format!(
            "{} cut off by the crash, as expected; its {} writes sent again with their keys: {applied_now} applied \
             then, {applied_before} found applied before, {doubled} applied twice; {toggled} role changes answered, \
             {recorded} recorded, the member's role {role}: {}",
            answers.iter().filter(|a| a.status.is_none()).count() + toggle_cut,
            retried.len(),
            if roles_whole { "as recorded" } else { "NOT as recorded" }
        ),
        lost: lost + half as usize + doubled + toggled.saturating_sub(recorded),
        recovery: format!("serving again {} after the kill{integrity}", seconds(back)),
        met: lost == 0
            && half == 0
            && doubled == 0
            && roles_whole
            && toggled > 0
            && (integrity.is_empty() || integrity.ends_with(": ok"))
            && !written.is_empty(),
    }
}

/// Turn a member into an admin and back, one change at a time, until the server goes away: how
/// many changes were answered 200, and whether one was cut off.
async fn toggle_role(base: String, token: String, member: i64) -> (usize, usize) {
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    let mut answered = 0;
    loop {
        let role = if answered % 2 == 0 { "admin" } else { "member" };
        let sent = client
            .patch(format!("{base}/api/v1/orgs/me/users/{member}"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "org_role": role }))
            .send()
            .await;
        match sent {
            Ok(answer) if answer.status().is_success() => answered += 1,
            Ok(answer) => panic!("a role change answered {}", answer.status()),
            // The crash: this one may or may not have been committed.
            Err(_) => return (answered, 1),
        }
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

async fn wait_healthy(instance: &Instance) {
    let caller = reqwest::Client::new();
    let health = format!("{}/api/v1/health", instance.base());
    until_answered("the instance to be healthy", &instance.log, || caller.get(&health)).await;
}

/// Send the request `make` gives every 25 ms until one is answered 2xx; how long that took. After
/// a minute it fails, with the last answer and where the instance's log is.
async fn until_answered(what: &str, log: &Path, make: impl Fn() -> reqwest::RequestBuilder) -> Duration {
    let started = Instant::now();
    loop {
        let last = match make().send().await {
            Ok(answer) if answer.status().is_success() => return started.elapsed(),
            Ok(answer) => format!("{} {}", answer.status(), answer.text().await.unwrap_or_default()),
            Err(err) => err.to_string(),
        };
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "waited a minute for {what}: {last} (log: {})",
            log.display()
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
    let load = Load::start(&instance.base(), &callers, 4, pace.spread(), WRITES, "full");
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
    let caller = reqwest::Client::new();
    let invitations = format!("{}/api/v1/orgs/me/invitations", instance.base());
    let recovered = until_answered("writes to work again", &instance.log, || {
        let email = format!("again-{}@faults.test", freed.elapsed().as_millis());
        caller
            .post(&invitations)
            .bearer_auth(&callers.tokens[1])
            .json(&serde_json::json!({ "emails": [email], "org_role": "member" }))
    })
    .await;
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
        writes: invited(&answers).len(),
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

/// Slow clients: 500 connections from 10 addresses that send a request head a line a second
/// and never finish it (a slowloris), reconnecting whenever cut off, while other clients read.
pub async fn slow_clients(binary: &Path, dir: &Path, pace: Pace) -> Row {
    let database = format!("sqlite://{}", dir.join("slow/org-area.db").display());
    let instance = Instance::start(binary, &database, &dir.join("slow"));
    let callers = Callers::sign_in(&instance.base()).await;
    let load = Load::start(&instance.base(), &callers, 4, Duration::from_secs(3600), 0, "slow");
    tokio::time::sleep(pace.settle).await;
    let attack_began = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let cut = Arc::new(AtomicUsize::new(0));
    let held_too_long = Arc::new(AtomicUsize::new(0));
    let attackers: Vec<_> = (0..500)
        .map(|n| {
            let source = std::net::Ipv4Addr::new(127, 0, 0, 2 + (n % 10) as u8);
            let (port, stop, cut, held) = (instance.port, stop.clone(), cut.clone(), held_too_long.clone());
            tokio::spawn(async move { hold_slowly(source, port, stop, cut, held).await })
        })
        .collect();
    // Longer than the head's timeout (10 s), so each is cut off at least once.
    tokio::time::sleep(pace.outage.max(Duration::from_secs(12))).await;
    let attack_ended = Instant::now();
    stop.store(true, Ordering::Relaxed);
    for attacker in attackers {
        let _ = attacker.await;
    }
    let answers = load.finish().await;
    let p99 = |from: Instant, to: Instant| {
        let mut took: Vec<Duration> = answers
            .iter()
            .filter(|a| a.at >= from && a.at < to)
            .map(|a| a.took)
            .collect();
        took.sort();
        took.get((took.len() * 99 / 100).min(took.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    let before = p99(attack_began - pace.settle, attack_began);
    let during = p99(attack_began, attack_ended);
    let failed: Vec<&Answer> = answers.iter().filter(|a| !a.ok()).collect();
    let cut = cut.load(Ordering::Relaxed);
    let held_too_long = held_too_long.load(Ordering::Relaxed);
    Row {
        writes: 0,
        scenario: "Slow clients (a slowloris)".into(),
        done: format!(
            "500 connections from 10 addresses sending a request head a line a second, for {} s",
            (attack_ended - attack_began).as_secs()
        ),
        sent: answers.len(),
        failed: failed.len(),
        failures: failure_kinds(failed.iter().copied()),
        lost: 0,
        recovery: format!(
            "other clients' p99 {} during it ({} before); {cut} slow connections cut off by the 10 s head timeout, \
             {held_too_long} held longer than 12 s",
            millis(during),
            millis(before)
        ),
        met: failed.is_empty() && cut > 0 && held_too_long == 0 && during <= Duration::from_millis(250),
    }
}

/// One slow client: a request head a line a second, never finished; again when cut off. When the
/// attack ends, a connection still open after more than the head's timeout (with two seconds to
/// spare) counts as held too long.
async fn hold_slowly(
    source: std::net::Ipv4Addr,
    port: u16,
    stop: Arc<AtomicBool>,
    cut: Arc<AtomicUsize>,
    held_too_long: Arc<AtomicUsize>,
) {
    use tokio::io::AsyncWriteExt;
    while !stop.load(Ordering::Relaxed) {
        let Ok(socket) = tokio::net::TcpSocket::new_v4() else {
            return;
        };
        if socket.bind((source, 0).into()).is_err() {
            return;
        }
        let Ok(mut stream) = socket.connect(([127, 0, 0, 1], port).into()).await else {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        };
        let opened = Instant::now();
        let mut line = b"GET /api/v1/health HTTP/1.1\r\n".to_vec();
        loop {
            if stop.load(Ordering::Relaxed) {
                // (This wakes up to a second late, and the cut may not have been seen yet.)
                if !closed(&mut stream).await && opened.elapsed() > Duration::from_secs(12) {
                    held_too_long.fetch_add(1, Ordering::Relaxed);
                }
                return;
            }
            if stream.write_all(&line).await.is_err() || closed(&mut stream).await {
                cut.fetch_add(1, Ordering::Relaxed);
                break;
            }
            line = b"X-Slow: 1\r\n".to_vec();
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

/// Whether the server has closed the connection (a read that would not wait finds its end).
async fn closed(stream: &mut tokio::net::TcpStream) -> bool {
    let mut buffer = [0u8; 256];
    match tokio::time::timeout(
        Duration::from_millis(1),
        tokio::io::AsyncReadExt::read(stream, &mut buffer),
    )
    .await
    {
        Ok(Ok(0)) | Ok(Err(_)) => true,
        Ok(Ok(_)) => true,
        Err(_) => false,
    }
}

fn millis(d: Duration) -> String {
    format!("{} ms", d.as_millis())
}
