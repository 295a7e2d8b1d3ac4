//! `cargo xtask bench`: measures the app against the budgets of BRIEF.md section 5 in headless
//! Chromium on localhost. Page loads are first visits in a fresh browser profile.

#[path = "harness.rs"]
#[allow(dead_code)]
mod harness;

use std::time::{Duration, Instant};

use harness::{Chromedriver, Ctx};
use org_area_server::Seed;

const SAMPLES: usize = 11;

/// What the page itself recorded: when the app was interactive, and every byte it fetched.
const READ_LOAD: &str = r#"
const nav = performance.getEntriesByType('navigation')[0];
const mark = performance.getEntriesByName('org-area:interactive')[0];
const resources = performance.getEntriesByType('resource');
return {
  interactive_ms: mark ? mark.startTime : null,
  bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
  files: resources.map((r) => r.name.split('/').pop() + ' ' + r.transferSize),
  echarts: resources.some((r) => r.name.includes('echarts')),
};
"#;

/// Time from the statistics' arrival to all three charts drawn, for the latest such pair.
const READ_CHARTS: &str = r#"
const arrived = performance.getEntriesByName('org-area:stats-arrived');
const drawn = performance.getEntriesByName('org-area:charts-drawn');
if (drawn.length === 0 || drawn.length < arrived.length) return null;
return drawn[drawn.length - 1].startTime - arrived[arrived.length - 1].startTime;
"#;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let index = ((values.len() as f64 - 1.0) * p).round() as usize;
    values[index]
}

async fn wait_for(ctx: &Ctx, script: &str) -> Result<f64, BoxError> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(v) = ctx.driver.execute(script, vec![]).await?.json().as_f64() {
            return Ok(v);
        }
        if Instant::now() > deadline {
            ctx.save_screenshot().await;
            return Err("timed out".into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn sign_in_page(chromedriver: &Chromedriver, dist: &str) -> Result<(), BoxError> {
    let (mut times, mut bytes) = (Vec::new(), Vec::new());
    let mut files = Vec::new();
    let mut echarts = false;
    for _ in 0..SAMPLES {
        let ctx = Ctx::new(chromedriver, dist, "bench").await?;
        ctx.open("/sign-in").await?;
        ctx.by_name("button", "Sign in").await?;
        let load = ctx.driver.execute(READ_LOAD, vec![]).await?.json().clone();
        times.push(
            load["interactive_ms"]
                .as_f64()
                .ok_or("the app marks when it is interactive")?,
        );
        bytes.push(load["bytes"].as_f64().unwrap_or(0.0));
        echarts |= load["echarts"].as_bool().unwrap_or(false);
        files = load["files"].as_array().cloned().unwrap_or_default();
        ctx.close().await;
    }
    println!("sign-in page, first visit, {SAMPLES} samples:");
    println!(
        "  interactive: median {:.0} ms (min {:.0}, max {:.0}); budget 400 ms",
        percentile(&mut times, 0.5),
        times[0],
        times[times.len() - 1]
    );
    println!(
        "  over the wire: median {:.1} KB compressed; budget 200 KB",
        percentile(&mut bytes, 0.5) / 1000.0
    );
    for file in files {
        println!("    {}", file.as_str().unwrap_or(""));
    }
    println!(
        "  ECharts loaded on the sign-in page: {}",
        if echarts { "yes (over budget)" } else { "no" }
    );
    Ok(())
}

async fn dashboard(chromedriver: &Chromedriver, dist: &str) -> Result<(), BoxError> {
    let ctx = Ctx::with_seed(chromedriver, dist, "bench", Seed::DemoLarge).await?;
    let (mut first, mut updates) = (Vec::new(), Vec::new());
    ctx.open("/sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_text("250 of 250 spaces").await?;
    for sample in 0..7 {
        if sample > 0 {
            ctx.driver.refresh().await?;
        }
        first.push(wait_for(&ctx, READ_CHARTS).await?);
        for period in ["90d", "12m", "all", "30d"] {
            let before = ctx
                .driver
                .execute(
                    "return performance.getEntriesByName('org-area:charts-drawn').length;",
                    vec![],
                )
                .await?;
            let count = before.json().as_u64().unwrap_or(0);
            // Set the control directly: this measures the charts, not keyboard type-ahead.
            ctx.driver
                .execute(
                    "const s = document.getElementById('period'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));",
                    vec![period.into()],
                )
                .await?;
            let script =
                format!("return performance.getEntriesByName('org-area:charts-drawn').length > {count} ? 1 : null;");
            wait_for(&ctx, &script).await?;
            updates.push(wait_for(&ctx, READ_CHARTS).await?);
        }
    }
    println!("dashboard, 250 spaces and 10,000 users, data arrival to all three charts drawn:");
    println!(
        "  first draw (loads ECharts and the charts module, cache warm after the first): median {:.0} ms over {} loads",
        percentile(&mut first, 0.5),
        first.len()
    );
    println!(
        "  period change (charts updated in place): median {:.0} ms, p90 {:.0} ms over {} changes; budget 300 ms",
        percentile(&mut updates, 0.5),
        percentile(&mut updates, 0.9),
        updates.len()
    );

    ctx.close().await;
    Ok(())
}

/// Type one character into the users search (10,000 users) and time until the rows change:
/// the keystroke, the address update, the server's answer and the new rows, as a person waits.
const TIME_KEYSTROKE: &str = r#"
const [text, done] = [arguments[0], arguments[arguments.length - 1]];
const input = document.getElementById('users-search');
const count = () => document.querySelector('.table-count')?.textContent;
const before = count();
const started = performance.now();
const observer = new MutationObserver(() => {
  if (count() !== before) { observer.disconnect(); done(performance.now() - started); }
});
observer.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
input.value = input.value + text;
input.dispatchEvent(new Event('input', { bubbles: true }));
setTimeout(() => { observer.disconnect(); done(null); }, 10000);
"#;

async fn users_filter(chromedriver: &Chromedriver, dist: &str) -> Result<(), BoxError> {
    let ctx = Ctx::with_seed(chromedriver, dist, "bench", Seed::DemoLarge).await?;
    ctx.open("/sign-in?next=/users").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_text("of 10,000 users").await?;
    let mut times = Vec::new();
    // Each query narrows then resets, so every keystroke changes the rows.
    for query in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"] {
        ctx.fill("Search users", "").await?;
        ctx.wait_text("of 10,000 users").await?;
        let took = ctx.driver.execute_async(TIME_KEYSTROKE, vec![query.into()]).await?;
        if let Some(ms) = took.json().as_f64() {
            times.push(ms);
        }
    }
    ctx.close().await;
    if times.is_empty() {
        return Err("no keystroke changed the rows".into());
    }
    println!("users list, 10,000 users, a search keystroke to updated rows (server-side search, 50 rows a page):");
    println!(
        "  median {:.0} ms, p90 {:.0} ms over {} keystrokes; budget 50 ms",
        percentile(&mut times, 0.5),
        percentile(&mut times, 0.9),
        times.len()
    );
    Ok(())
}

/// The server built with the `server` profile, on a fresh database with the large demo.
struct BenchServer {
    child: tokio::process::Child,
    base: String,
    database: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// The server process on `database`, and the address it listens on.
async fn spawn_server(
    server_bin: &str,
    database: &std::path::Path,
    seed: &str,
) -> Result<(tokio::process::Child, String), BoxError> {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(server_bin)
        .args(["--bind", "127.0.0.1:0", "--seed", seed, "--database"])
        .arg(format!("sqlite://{}", database.display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let mut lines = tokio::io::BufReader::new(child.stdout.take().ok_or("server stdout")?).lines();
    loop {
        let line = lines.next_line().await?.ok_or("the server stopped before listening")?;
        if let Some(url) = line.strip_prefix("org-area listening on ") {
            return Ok((child, url.to_string()));
        }
    }
}

/// Seeded by one process, measured in a fresh one, as a server that has been restarted on its
/// data: the seeding's own memory is not counted.
async fn start_server(server_bin: &str) -> Result<BenchServer, BoxError> {
    let dir = tempfile::tempdir()?;
    let database = dir.path().join("bench.db");
    let (mut seeding, _) = spawn_server(server_bin, &database, "demo-large").await?;
    seeding.kill().await?;
    let (child, base) = spawn_server(server_bin, &database, "none").await?;
    Ok(BenchServer {
        child,
        base,
        database,
        _dir: dir,
    })
}

async fn sign_in(client: &reqwest::Client, base: &str, email: &str) -> Result<String, BoxError> {
    let login: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": "demo-password" }))
        .send()
        .await?
        .json()
        .await?;
    Ok(login["token"].as_str().ok_or("signed in")?.to_string())
}

/// The list endpoints at 10,000 users (and the activity log at 100,000 activities), timed from a
/// client on loopback (so each figure includes HTTP and JSON on both sides).
async fn api_latency(server: &BenchServer) -> Result<(), BoxError> {
    let base = &server.base;
    let client = reqwest::Client::new();
    let token = sign_in(&client, base, "owner@acme.test").await?;
    println!(
        "API at 10,000 users, 250 spaces and 100,000 activities (server profile), 200 requests each after 20 warm-up, client on loopback:"
    );
    for path in [
        "/orgs/me",
        "/orgs/me/spaces?period=all",
        "/orgs/me/statistics?period=30d",
        "/orgs/me/statistics?period=all",
        "/orgs/me/users?page=1",
        "/orgs/me/users?q=fisch&page=1",
        "/orgs/me/settings",
        "/branding/acme-studio",
        "/orgs/me/activities?page=1",
        "/orgs/me/activities?page=1&types=OrgUser",
        "/orgs/me/activities?page=1&by_owner_ids=2&created_at_gte=2026-01-01",
    ] {
        let mut times = Vec::new();
        for i in 0..220 {
            let started = Instant::now();
            let response = client
                .get(format!("{base}/api/v1{path}"))
                .bearer_auth(&token)
                .send()
                .await?;
            let body = response.bytes().await?;
            if i >= 20 {
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            if i == 0 {
                print!("  GET {path} ({} KB): ", body.len() / 1000);
            }
        }
        println!(
            "p50 {:.1} ms, p99 {:.1} ms; budget p99 20 ms",
            percentile(&mut times, 0.5),
            percentile(&mut times, 0.99)
        );
    }
    Ok(())
}

/// The server's resident memory now, from /proc.
fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// 64 clients, each its own person at its own address, signing in over and over for 20 s. A
/// sign-in the server is too busy to check is refused at once (503 with Retry-After), and the
/// client waits as told, as the app does.
async fn sign_in_load(server: &BenchServer) -> Result<(), BoxError> {
    const CLIENTS: usize = 64;
    let pid = server.child.id().ok_or("server pid")?;
    // Give 64 of the large demo's people the demo password.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.database.display())).await?;
    sqlx::query(
        "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'owner@acme.test')
         WHERE email IN (SELECT email FROM users WHERE email LIKE 'user%@customers.test' ORDER BY email LIMIT 64)",
    )
    .execute(&pool)
    .await?;
    let emails: Vec<String> =
        sqlx::query_scalar("SELECT email FROM users WHERE email LIKE 'user%@customers.test' ORDER BY email LIMIT 64")
            .fetch_all(&pool)
            .await?;
    let before = resident_kib(pid).unwrap_or(0);
    let stop = Instant::now() + Duration::from_secs(20);
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(before));
    let sampler = {
        let peak = peak.clone();
        tokio::spawn(async move {
            while Instant::now() < stop {
                if let Some(kib) = resident_kib(pid) {
                    peak.fetch_max(kib, std::sync::atomic::Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let mut tasks = Vec::new();
    for (i, email) in emails.into_iter().enumerate().take(CLIENTS) {
        let base = server.base.clone();
        tasks.push(tokio::spawn(async move {
            let local: std::net::IpAddr = format!("127.0.3.{}", i + 1).parse().unwrap();
            let client = reqwest::Client::builder().local_address(local).build().unwrap();
            let (mut ok, mut busy, mut other) = (Vec::new(), Vec::new(), 0usize);
            while Instant::now() < stop {
                let started = Instant::now();
                let response = client
                    .post(format!("{base}/api/v1/auth/login"))
                    .json(&serde_json::json!({ "email": email, "password": "demo-password" }))
                    .send()
                    .await;
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                match response.map(|r| (r.status().as_u16(), r.headers().get("retry-after").cloned())) {
                    Ok((200, _)) => ok.push(ms),
                    Ok((503, retry)) => {
                        busy.push(ms);
                        let secs = retry
                            .and_then(|v| v.to_str().ok().and_then(|v| v.parse::<u64>().ok()))
                            .unwrap_or(1);
                        tokio::time::sleep(Duration::from_secs(secs)).await;
                    }
                    _ => other += 1,
                }
            }
            (ok, busy, other)
        }));
    }
    let (mut ok, mut busy, mut other) = (Vec::new(), Vec::new(), 0);
    for task in tasks {
        let (o, b, x) = task.await?;
        ok.extend(o);
        busy.extend(b);
        other += x;
    }
    sampler.await?;
    let peak_mib = peak.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1024.0;
    println!("sign-in, {CLIENTS} concurrent clients (each its own account and address) for 20 s, server profile:");
    if ok.is_empty() {
        return Err("no sign-in succeeded".into());
    }
    println!(
        "  {} signed in ({:.1}/s): p50 {:.0} ms, p99 {:.0} ms",
        ok.len(),
        ok.len() as f64 / 20.0,
        percentile(&mut ok, 0.5),
        percentile(&mut ok, 0.99)
    );
    if !busy.is_empty() {
        println!(
            "  {} refused at once as busy (503, Retry-After 1 s): p99 {:.1} ms",
            busy.len(),
            percentile(&mut busy, 0.99)
        );
    }
    println!("  other answers: {other}");
    println!(
        "  server memory: {:.0} MiB before, {:.0} MiB at the peak; budget 512 MiB",
        before as f64 / 1024.0,
        peak_mib
    );
    Ok(())
}

/// 32 clients asking at once for the largest answers (the whole organization, 3.3 MB; the
/// activity export, 100,000 entries) for 15 s: the server's memory must stay bounded.
async fn large_answers_load(server: &BenchServer) -> Result<(), BoxError> {
    const CLIENTS: usize = 32;
    let pid = server.child.id().ok_or("server pid")?;
    let token = sign_in(&reqwest::Client::new(), &server.base, "owner@acme.test").await?;
    let before = resident_kib(pid).unwrap_or(0);
    let stop = Instant::now() + Duration::from_secs(15);
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(before));
    let sampler = {
        let peak = peak.clone();
        tokio::spawn(async move {
            while Instant::now() < stop {
                if let Some(kib) = resident_kib(pid) {
                    peak.fetch_max(kib, std::sync::atomic::Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let mut tasks = Vec::new();
    for i in 0..CLIENTS {
        let (base, token) = (server.base.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let path = if i % 2 == 0 {
                "/orgs/me"
            } else {
                "/orgs/me/activities/export?format=json"
            };
            let (mut ok, mut busy, mut times) = (0usize, 0usize, Vec::new());
            while Instant::now() < stop {
                let started = Instant::now();
                let Ok(response) = client
                    .get(format!("{base}/api/v1{path}"))
                    .bearer_auth(&token)
                    .send()
                    .await
                else {
                    continue;
                };
                let status = response.status().as_u16();
                let _ = response.bytes().await;
                match status {
                    200 => {
                        ok += 1;
                        times.push(started.elapsed().as_secs_f64() * 1000.0);
                    }
                    503 => busy += 1,
                    _ => {}
                }
            }
            (ok, busy, times)
        }));
    }
    let (mut ok, mut busy, mut times) = (0, 0, Vec::new());
    for task in tasks {
        let (o, b, t) = task.await?;
        ok += o;
        busy += b;
        times.extend(t);
    }
    sampler.await?;
    println!(
        "largest answers, {CLIENTS} concurrent clients for 15 s (orgs/me and the activity export, server profile):"
    );
    if !times.is_empty() {
        println!(
            "  {ok} answered (p50 {:.0} ms, p99 {:.0} ms), {busy} told to come back (503)",
            percentile(&mut times, 0.5),
            percentile(&mut times, 0.99)
        );
    }
    println!(
        "  server memory: {:.0} MiB before, {:.0} MiB at the peak; budget 512 MiB",
        before as f64 / 1024.0,
        peak.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1024.0
    );
    Ok(())
}

fn main() {
    let dist =
        std::env::var("ORG_AREA_E2E_DIST").expect("run through `cargo xtask bench`, which sets ORG_AREA_E2E_DIST");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let result: Result<(), BoxError> = runtime.block_on(async move {
        // ORG_AREA_BENCH_ONLY=api (or =browser) runs one half, for a quicker look.
        let only = std::env::var("ORG_AREA_BENCH_ONLY").unwrap_or_default();
        if only != "api" {
            let chromedriver = Chromedriver::start().await?;
            sign_in_page(&chromedriver, &dist).await?;
            dashboard(&chromedriver, &dist).await?;
            users_filter(&chromedriver, &dist).await?;
        }
        if only != "browser" {
            match std::env::var("ORG_AREA_BENCH_SERVER") {
                Ok(server_bin) => {
                    let mut server = start_server(&server_bin).await?;
                    api_latency(&server).await?;
                    sign_in_load(&server).await?;
                    large_answers_load(&server).await?;
                    server.child.kill().await?;
                }
                Err(_) => {
                    println!("API figures skipped: ORG_AREA_BENCH_SERVER is not set (`cargo xtask bench` sets it)")
                }
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        eprintln!("bench failed: {e}");
        std::process::exit(1);
    }
}
