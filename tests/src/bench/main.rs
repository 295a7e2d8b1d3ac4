//! `cargo xtask bench`: measures the app against its goals (docs/benchmarks.md lists them) in
//! headless Chromium on localhost and against the server on loopback, and writes
//! `docs/benchmarks.md`. Page loads are first visits in a fresh browser profile.

mod contributors;
mod load;
mod report;
mod tried;
mod webhooks;

use std::time::{Duration, Instant};

use org_area_e2e::harness::{Chromedriver, Ctx};
use org_area_e2e::sizes;
use org_area_server::Seed;
use report::Report;

const SAMPLES: usize = 11;

/// What the page itself recorded: when the app was interactive, and every byte it fetched.
const READ_LOAD: &str = r#"
const nav = performance.getEntriesByType('navigation')[0];
const mark = performance.getEntriesByName('org-area:interactive')[0];
const resources = performance.getEntriesByType('resource');
return {
  interactive_ms: mark ? mark.startTime : null,
  bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
  files: resources.map((r) => [r.name.split('/').pop(), r.transferSize]).concat([['index.html', nav.transferSize]]),
  // What the time until interactive went to: each file's download (they overlap), and the rest.
  phases: mark ? (() => {
    const before = resources.filter((r) => r.startTime < mark.startTime);
    const lastFile = Math.max(nav.responseEnd, ...before.map((r) => r.responseEnd));
    return before.map((r) => [`downloading ${r.name.split('/').pop()}`, r.responseEnd - r.startTime])
      .concat([['downloading index.html', nav.responseEnd - nav.startTime],
               ['after the last file until interactive (compiling, starting, first drawing)', mark.startTime - lastFile]]);
  })() : [],
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

/// What the time from the statistics' arrival to the charts drawn went to, on a first visit: the
/// files fetched meanwhile (they overlap) and the drawing after the last of them.
const READ_CHARTS_PHASES: &str = r#"
const arrived = performance.getEntriesByName('org-area:stats-arrived').pop().startTime;
const drawn = performance.getEntriesByName('org-area:charts-drawn').pop().startTime;
const files = performance.getEntriesByType('resource')
  .filter((r) => r.responseEnd > arrived && r.startTime < drawn && !r.name.includes('/api/'));
const lastFile = Math.max(arrived, ...files.map((r) => r.responseEnd));
return files.map((r) => [`waiting for ${r.name.split('/').pop()}`, r.responseEnd - Math.max(r.startTime, arrived)])
  .concat([['after the last file until drawn (the charts module and ECharts starting, drawing)', drawn - lastFile]]);
"#;

/// `[[label, amount], …]` as the page returned it.
fn pairs(value: &serde_json::Value, scale: f64) -> Vec<(String, f64)> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| Some((pair[0].as_str()?.to_string(), pair[1].as_f64()? * scale)))
        .collect()
}

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

async fn sign_in_page(report: &mut Report, chromedriver: &Chromedriver, dist: &str) -> Result<(), BoxError> {
    const GROUP: &str = "Sign-in page, first visit";
    let (mut times, mut bytes) = (Vec::new(), Vec::new());
    let (mut files, mut phases) = (Vec::new(), Vec::new());
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
        files = pairs(&load["files"], 1.0 / 1000.0);
        phases = pairs(&load["phases"], 1.0);
        ctx.close().await;
    }
    println!("{GROUP}, {SAMPLES} samples:");
    for (file, kb) in &files {
        println!("    {file} {kb:.1} KB");
    }
    report.add(
        GROUP,
        "interactive, median",
        percentile(&mut times, 0.5),
        "ms",
        Some(100.0),
    );
    report.made_of(phases, "ms");
    report.add(
        GROUP,
        "all bytes over the wire, compressed, median",
        percentile(&mut bytes, 0.5) / 1000.0,
        "KB",
        Some(90.0),
    );
    report.made_of(files, "KB");
    report.add(
        GROUP,
        "ECharts files loaded",
        if echarts { 1.0 } else { 0.0 },
        "",
        Some(0.0),
    );
    Ok(())
}

/// Resources the page fetched after the app was interactive, not from the API: the app's own
/// files a visit after the sign-in page adds.
const READ_LATER_FILES: &str = r#"
const mark = performance.getEntriesByName('org-area:interactive')[0];
const later = performance.getEntriesByType('resource')
  .filter((r) => r.startTime > mark.startTime && !r.name.includes('/api/'));
return { bytes: later.reduce((sum, r) => sum + r.transferSize, 0), files: later.map((r) => [r.name.split('/').pop(), r.transferSize]) };
"#;

async fn dashboard(report: &mut Report, chromedriver: &Chromedriver, dist: &str) -> Result<(), BoxError> {
    const GROUP: &str = "Dashboard at 250 spaces and 10,000 users";
    // First visits: each in a fresh browser profile, signing in and landing on the dashboard.
    let (mut first, mut bytes, mut files, mut phases) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        let ctx = Ctx::with_seed(chromedriver, dist, "bench", Seed::DemoLarge).await?;
        ctx.open("/sign-in").await?;
        ctx.sign_in("owner@acme.test", "demo-password").await?;
        first.push(wait_for(&ctx, READ_CHARTS).await?);
        phases = pairs(ctx.driver.execute(READ_CHARTS_PHASES, vec![]).await?.json(), 1.0);
        let later = ctx.driver.execute(READ_LATER_FILES, vec![]).await?.json().clone();
        bytes.push(later["bytes"].as_f64().unwrap_or(0.0));
        files = pairs(&later["files"], 1.0 / 1000.0);
        ctx.close().await;
    }
    // Period changes: the charts updated in place, everything loaded.
    let ctx = Ctx::with_seed(chromedriver, dist, "bench", Seed::DemoLarge).await?;
    let mut updates = Vec::new();
    ctx.open("/sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_text("250 of 250 spaces").await?;
    wait_for(&ctx, READ_CHARTS).await?;
    for _ in 0..7 {
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
    ctx.close().await;
    println!(
        "{GROUP} (5 first visits after sign-in, then {} period changes):",
        updates.len()
    );
    for (file, kb) in &files {
        println!("    {file} {kb:.1} KB");
    }
    report.add(
        GROUP,
        "first visit: app files over the wire after the sign-in page, compressed, median",
        percentile(&mut bytes, 0.5) / 1000.0,
        "KB",
        Some(350.0),
    );
    report.made_of(files, "KB");
    report.add(
        GROUP,
        "first visit: data arrived to all three charts drawn, median",
        percentile(&mut first, 0.5),
        "ms",
        Some(150.0),
    );
    report.made_of(phases, "ms");
    report.add(
        GROUP,
        "period change: data arrived to charts updated in place, median",
        percentile(&mut updates, 0.5),
        "ms",
        Some(50.0),
    );
    Ok(())
}

/// Click a tab (by its label, as a script: no pointer crosses it first unless `arguments[1]`
/// says so, which points at it and waits half a second before the click) and time until the
/// screen's heading is painted.
const TIME_TAB: &str = r#"
const [label, ahead, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const link = [...document.querySelectorAll('nav.tabs a')].find((a) => a.textContent.trim().startsWith(label));
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
(async () => {
  if (ahead) {
    link.dispatchEvent(new PointerEvent('pointerenter'));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const started = performance.now();
  link.click();
  while (!document.querySelector('main h1')?.textContent.trim().startsWith(label)) {
    if (performance.now() - started > 10000) return null;
    await frame();
  }
  // The frame that shows it.
  await frame();
  return performance.now() - started;
})().then(done);
"#;

/// Moving between the tabs after sign-in: each screen's first visit (its chunks downloaded on the
/// click), a first visit whose tab was pointed at first (fetched ahead), and a later visit.
async fn tab_moves(report: &mut Report, chromedriver: &Chromedriver, dist: &str) -> Result<(), BoxError> {
    const GROUP: &str = "Moving between screens (click to heading painted)";
    const TABS: [&str; 4] = ["Users", "Activity", "Settings", "Subscription"];
    let (mut cold, mut ahead, mut again) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..3 {
        let ctx = Ctx::new(chromedriver, dist, "bench").await?;
        ctx.open("/sign-in").await?;
        ctx.sign_in("owner@acme.test", "demo-password").await?;
        ctx.by_name("heading", "Dashboard").await?;
        for tab in TABS {
            let first = ctx
                .driver
                .execute_async(TIME_TAB, vec![tab.into(), (round == 2).into()])
                .await?;
            let first = first.json().as_f64().ok_or(format!("{tab} was not shown"))?;
            if round == 2 {
                ahead.push(first)
            } else {
                cold.push(first)
            }
        }
        for tab in TABS {
            let later = ctx
                .driver
                .execute_async(TIME_TAB, vec![tab.into(), false.into()])
                .await?;
            again.push(later.json().as_f64().ok_or(format!("{tab} was not shown again"))?);
        }
        ctx.close().await;
    }
    println!(
        "{GROUP}: {} first visits, {} fetched ahead, {} later visits",
        cold.len(),
        ahead.len(),
        again.len()
    );
    report.add(
        GROUP,
        "first visit of a screen, chunks fetched on the click, median",
        percentile(&mut cold, 0.5),
        "ms",
        None,
    );
    report.add(
        GROUP,
        "first visit of a screen whose tab was pointed at, median",
        percentile(&mut ahead, 0.5),
        "ms",
        Some(100.0),
    );
    report.add(
        GROUP,
        "later visit of a screen, median",
        percentile(&mut again, 0.5),
        "ms",
        Some(100.0),
    );
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

async fn users_filter(report: &mut Report, chromedriver: &Chromedriver, dist: &str) -> Result<(), BoxError> {
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
    println!("Users list at 10,000 users ({} keystrokes):", times.len());
    report.add(
        "Users list at 10,000 users",
        "a search keystroke to updated rows (server-side search, 50 rows), median",
        percentile(&mut times, 0.5),
        "ms",
        Some(30.0),
    );
    Ok(())
}

/// Go to another page of users the way the app's own links do, and time from the page's data
/// arrival (the app's mark) to its rows in the document (seen by a MutationObserver, which runs
/// right after the change that completes them).
const TIME_TABLE: &str = r#"
const [path, perPage, done] = arguments;
const rows = () => document.querySelectorAll('main table.table:not(#plain-table) tbody tr');
const first = () => rows()[0]?.textContent;
const before = first();
const arrivals = performance.getEntriesByName('org-area:users-arrived').length;
const observer = new MutationObserver(() => {
  const arrived = performance.getEntriesByName('org-area:users-arrived');
  if (arrived.length > arrivals && rows().length === perPage && first() !== before) {
    observer.disconnect();
    const from = arrived[arrived.length - 1].startTime;
    const written = performance.getEntriesByName('org-area:users-rows-written').pop().startTime;
    done([performance.now() - from, written - from]);
  }
});
observer.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
history.pushState(null, '', path);
dispatchEvent(new PopStateEvent('popstate'));
setTimeout(() => { observer.disconnect(); done(null); }, 10000);
"#;

/// The table the plain drawings go in, below ours (made the first time); prepended to the scripts
/// that draw there.
const PLAIN_TABLE_ELEMENT: &str = r#"
const plainTable = () => {
  let table = document.getElementById('plain-table');
  if (!table) {
    table = document.createElement('table');
    table.id = 'plain-table';
    table.className = 'table';
    document.querySelector('main').appendChild(table);
  }
  return table;
};
"#;

/// The same rows drawn the plainest way: the page of users fetched as the app fetches it, then
/// timed from the parsed rows to a table of the same cells (name, email, a role control with its
/// options, spaces, sign-ins, last sign-in, two-factor, a remove button) put in by `innerHTML`.
/// With `buttons`, each role control is a button naming the role instead: what drawing the control
/// only when it is focused would save.
const PLAIN_TABLE: &str = r#"
const [perPage, page, buttons, done] = arguments;
const token = localStorage.getItem('org-area.session');
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
fetch(`api/v1/orgs/me/users?per_page=${perPage}&page=${page}`, { headers: { Authorization: `Bearer ${token}` } })
  .then((r) => r.json())
  .then(({ users }) => {
    const started = performance.now();
    const roles = ['owner', 'admin', 'member'];
    const rows = users.map((u) => {
      const name = u.friendly_name || u.email;
      const options = roles.map((r) => `<option value="${r}"${r === u.org_role ? ' selected' : ''}>${r}</option>`).join('');
      return `<tr><td><span class="cell-primary">${escape(name)}</span></td><td>${escape(u.email)}</td>`
        + (buttons
          ? `<td><button type="button" class="button small" aria-label="Role for ${escape(name)}">${u.org_role}</button></td>`
          : `<td><select class="role-select" aria-label="Role for ${escape(name)}">${options}</select></td>`)
        + `<td class="spaces-cell">${u.on_spaces.length} spaces</td><td class="num">${u.sign_in_count}</td>`
        + `<td>${escape((u.last_sign_in_at || 'Never').slice(0, 10))}</td><td>${u.two_factor ? 'On' : 'Off'}</td>`
        + `<td class="actions"><button type="button" class="button small" aria-label="Remove ${escape(name)}">Remove</button></td></tr>`;
    }).join('');
    plainTable().innerHTML = `<tbody>${rows}</tbody>`;
    done(performance.now() - started);
  })
  .catch(() => done(null));
"#;

/// Our rows' own markup, as the app wrote it for the page shown, put in a table by plain
/// `innerHTML` and timed: the browser's share of our time, without the app around it.
const OUR_MARKUP_PLAINLY: &str = r#"
const markup = document.querySelector('main table.table:not(#plain-table) tbody').innerHTML;
const table = plainTable();
// Timed like plain's: taking out the rows drawn before is part of drawing new ones.
const started = performance.now();
table.innerHTML = `<tbody>${markup}</tbody>`;
return performance.now() - started;
"#;

/// Our users table against plain `innerHTML` drawing the same rows, in one browser run: pages of
/// 50 and of 500 users, each shown several times (pages 2 and 1 alternate, so every draw is new
/// rows).
async fn table_against_plain(report: &mut Report, chromedriver: &Chromedriver, dist: &str) -> Result<(), BoxError> {
    const GROUP: &str = "Users table against plain innerHTML, same rows, same browser";
    let ctx = Ctx::with_seed(chromedriver, dist, "bench", Seed::DemoLarge).await?;
    ctx.open("/sign-in?next=/users").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_text("of 10,000 users").await?;
    println!("{GROUP}:");
    for per_page in [50u32, 500] {
        let (mut ours, mut written, mut plain, mut buttons) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut our_markup = Vec::new();
        for sample in 0..10u32 {
            let page = 2 - sample % 2;
            // The app's own navigation (the address keeps the view), as the pager does it.
            let took = ctx
                .driver
                .execute_async(
                    TIME_TABLE,
                    vec![format!("users?per_page={per_page}&page={page}").into(), per_page.into()],
                )
                .await?;
            let took = took.json();
            let (Some(total), Some(markup)) = (took[0].as_f64(), took[1].as_f64()) else {
                return Err("the app drew the page of users".into());
            };
            ctx.wait_text(&format!("{per_page} shown of 10,000 users")).await?;
            ours.push(total);
            written.push(markup);
            let took = ctx
                .driver
                .execute(&format!("{PLAIN_TABLE_ELEMENT}{OUR_MARKUP_PLAINLY}"), vec![])
                .await?;
            our_markup.push(took.json().as_f64().ok_or("our rows were drawn plainly")?);
            for (with_buttons, times) in [(false, &mut plain), (true, &mut buttons)] {
                let took = ctx
                    .driver
                    .execute_async(
                        &format!("{PLAIN_TABLE_ELEMENT}{PLAIN_TABLE}"),
                        vec![per_page.into(), page.into(), with_buttons.into()],
                    )
                    .await?;
                times.push(took.json().as_f64().ok_or("the plain table was drawn")?);
            }
        }
        let (ours, plain) = (percentile(&mut ours, 0.5), percentile(&mut plain, 0.5));
        let (written, buttons) = (percentile(&mut written, 0.5), percentile(&mut buttons, 0.5));
        let our_markup = percentile(&mut our_markup, 0.5);
        report.add(GROUP, format!("{per_page} rows: ours, median"), ours, "ms", None);
        report.add(
            GROUP,
            format!("{per_page} rows: plain innerHTML, median"),
            plain,
            "ms",
            None,
        );
        report.add(
            GROUP,
            format!("{per_page} rows: plain innerHTML with a button in place of each role control, median"),
            buttons,
            "ms",
            None,
        );
        report.add(
            GROUP,
            format!("{per_page} rows: ours against plain"),
            ours / plain.max(0.1),
            "x",
            Some(1.3),
        );
        report.made_of(
            vec![
                (
                    "ours: from the data's arrival to the rows' markup written (scheduling, writing it in wasm)".into(),
                    written,
                ),
                (
                    "ours: the browser reading the markup into the table".into(),
                    (ours - written).max(0.0),
                ),
                ("plain innerHTML: the same rows, all of it".into(), plain),
                ("plain innerHTML given our rows' markup".into(), our_markup),
            ],
            "ms",
        );
    }
    ctx.close().await;
    Ok(())
}

/// The server built with the `server` profile, on a fresh database with the large demo.
struct BenchServer {
    child: tokio::process::Child,
    base: String,
    database: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// The server process on the database at `database_url`, and the address it listens on.
async fn spawn_server(
    server_bin: &str,
    database_url: &str,
    seed: &str,
) -> Result<(tokio::process::Child, String), BoxError> {
    spawn_server_with(server_bin, database_url, seed, &[]).await
}

/// The same with more arguments.
async fn spawn_server_with(
    server_bin: &str,
    database_url: &str,
    seed: &str,
    extra: &[&str],
) -> Result<(tokio::process::Child, String), BoxError> {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(server_bin)
        .args(["--bind", "127.0.0.1:0", "--seed", seed, "--database", database_url])
        .args(extra)
        // PostgreSQL must be given the key that seals two-factor seeds; SQLite keeps one beside it.
        .env("ORG_AREA_SECRET_KEY", org_area_server::secrets::new_key())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let mut lines = tokio::io::BufReader::new(child.stdout.take().ok_or("server stdout")?).lines();
    loop {
        let line = lines.next_line().await?.ok_or("the server stopped before listening")?;
        if let Some(url) = line.strip_prefix("org-area listening on ") {
            // Keep reading: a server whose next line finds the pipe closed stops.
            tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
            return Ok((child, url.to_string()));
        }
    }
}

/// Seeded by one process, measured in a fresh one, as a server that has been restarted on its
/// data: the seeding's own memory is not counted.
async fn start_server(server_bin: &str) -> Result<BenchServer, BoxError> {
    let dir = tempfile::tempdir()?;
    let database = dir.path().join("bench.db");
    let url = format!("sqlite://{}", database.display());
    let (mut seeding, _) = spawn_server(server_bin, &url, "demo-large").await?;
    seeding.kill().await?;
    let (child, base) = spawn_server(server_bin, &url, "none").await?;
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
async fn api_latency(report: &mut Report, server: &BenchServer) -> Result<(), BoxError> {
    const GROUP: &str = "API at 10,000 users, 250 spaces and 100,000 activities, one client";
    let base = &server.base;
    let client = reqwest::Client::new();
    let token = sign_in(&client, base, "owner@acme.test").await?;
    println!("{GROUP} on loopback, 200 requests each after 20 warm-up (p99):");
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
        let mut size = 0;
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
            size = body.len();
        }
        report.add(
            GROUP,
            format!("GET {path} ({} KB), p99", size / 1000),
            percentile(&mut times, 0.99),
            "ms",
            Some(20.0),
        );
    }
    let mut times = revalidations(&client, base, &token).await?;
    report.add(
        GROUP,
        "GET /orgs/me with the ETag of the latest answer (304), p99",
        percentile(&mut times, 0.99),
        "ms",
        Some(2.0),
    );
    Ok(())
}

/// 200 requests for `orgs/me` that send the ETag of the latest answer (after 20 warm-up), each
/// timed; every one must be answered 304.
async fn revalidations(client: &reqwest::Client, base: &str, token: &str) -> Result<Vec<f64>, BoxError> {
    let url = format!("{base}/api/v1/orgs/me");
    let first = client.get(&url).bearer_auth(token).send().await?;
    let tag = first.headers().get("etag").ok_or("orgs/me has an ETag")?.clone();
    first.bytes().await?;
    let mut times = Vec::new();
    for i in 0..220 {
        let started = Instant::now();
        let response = client
            .get(&url)
            .bearer_auth(token)
            .header("if-none-match", tag.clone())
            .send()
            .await?;
        if response.status() != reqwest::StatusCode::NOT_MODIFIED {
            return Err(format!("orgs/me answered {} to its own ETag", response.status()).into());
        }
        response.bytes().await?;
        if i >= 20 {
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok(times)
}

/// 32 clients at once, each asking for one list endpoint over and over for 5 s: the latency a
/// busy console sees.
async fn api_concurrent(report: &mut Report, server: &BenchServer) -> Result<(), BoxError> {
    const GROUP: &str = "API list endpoints, 32 concurrent clients";
    let token = sign_in(&reqwest::Client::new(), &server.base, "owner@acme.test").await?;
    println!("{GROUP}, 5 s each:");
    for path in load::LISTS {
        let mut times = load::gets(std::slice::from_ref(&server.base), &token, path).await?;
        report.add(
            GROUP,
            format!("GET {path}, requests per second"),
            times.len() as f64 / load::SECONDS as f64,
            "/s",
            None,
        );
        report.add(
            GROUP,
            format!("GET {path}, p99"),
            percentile(&mut times, 0.99),
            "ms",
            Some(20.0),
        );
    }
    let mut times = load::gets_each(std::slice::from_ref(&server.base), &token, load::new_search).await?;
    report.add(
        GROUP,
        "GET /orgs/me/users?q=… (a new search each request), requests per second",
        times.len() as f64 / load::SECONDS as f64,
        "/s",
        Some(1000.0),
    );
    report.add(
        GROUP,
        "GET /orgs/me/users?q=… (a new search each request), p99",
        percentile(&mut times, 0.99),
        "ms",
        None,
    );
    let health: serde_json::Value = reqwest::get(format!("{}/api/v1/health", server.base))
        .await?
        .json()
        .await?;
    let cache = &health["answer_cache"];
    report.add(
        GROUP,
        "memory held by the kept list answers (of 64 MiB allowed)",
        cache["bytes"].as_f64().unwrap_or(0.0) / 1024.0,
        "KiB",
        None,
    );
    report.add(
        GROUP,
        "list requests answered from what was kept",
        cache["hits"].as_f64().unwrap_or(0.0) * 100.0
            / (cache["hits"].as_f64().unwrap_or(0.0) + cache["misses"].as_f64().unwrap_or(1.0)).max(1.0),
        "%",
        None,
    );
    Ok(())
}

/// The server's resident memory now, from /proc.
fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The server's peak resident memory until `stop`, sampled every 20 ms.
fn watch_peak_memory(
    pid: u32,
    before: u64,
    stop: Instant,
) -> (
    std::sync::Arc<std::sync::atomic::AtomicU64>,
    tokio::task::JoinHandle<()>,
) {
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
    (peak, sampler)
}

/// 200 open event streams (owners' browsers) while an admin makes 20 changes a quarter second
/// apart: how long each change takes to reach every stream, and what the streams cost in memory.
async fn live_updates(report: &mut Report, server: &BenchServer) -> Result<(), BoxError> {
    const STREAMS: usize = 200;
    const CHANGES: usize = 20;
    const GROUP: &str = "Live updates, 200 open event streams";
    let client = reqwest::Client::new();
    let base = server.base.clone();
    let admin = sign_in(&client, &base, "admin@acme.test").await?;
    let found: serde_json::Value = client
        .get(format!("{base}/api/v1/orgs/me/users?q=member@acme.test"))
        .bearer_auth(&admin)
        .send()
        .await?
        .json()
        .await?;
    let member = found["users"][0]["id"].as_i64().ok_or("the demo member")?;
    // A person may keep 10 streams open (`common::live`): 20 customers, made admins with the demo
    // password, watch with 10 each.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.database.display())).await?;
    let watchers = "SELECT id FROM users WHERE email LIKE 'user%@customers.test' ORDER BY email LIMIT 20";
    sqlx::query(&format!(
        "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'owner@acme.test')
         WHERE id IN ({watchers})"
    ))
    .execute(&pool)
    .await?;
    sqlx::query(&format!(
        "UPDATE org_members SET org_role = 'admin' WHERE user_id IN ({watchers})"
    ))
    .execute(&pool)
    .await?;
    let emails: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT email FROM users WHERE id IN ({watchers}) ORDER BY email"
    ))
    .fetch_all(&pool)
    .await?;
    let mut tokens = Vec::new();
    for email in &emails {
        tokens.push(sign_in(&client, &base, email).await?);
    }
    println!("{GROUP}, {CHANGES} role changes a quarter second apart:");
    let pid = server.child.id().ok_or("server pid")?;
    let before = resident_kib(pid).unwrap_or(0);

    // Each stream reports the moment it sees each change.
    let (seen, mut arrivals) = tokio::sync::mpsc::unbounded_channel::<Instant>();
    let (ready, mut readies) = tokio::sync::mpsc::unbounded_channel::<()>();
    let mut tasks = Vec::new();
    for i in 0..STREAMS {
        let token = tokens[i % tokens.len()].clone();
        let (client, base, seen, ready) = (client.clone(), base.clone(), seen.clone(), ready.clone());
        tasks.push(tokio::spawn(async move {
            let Ok(mut response) = client
                .get(format!("{base}/api/v1/orgs/me/events"))
                .bearer_auth(&token)
                .send()
                .await
            else {
                return;
            };
            if !response.status().is_success() {
                eprintln!("an event stream was refused: {}", response.status());
                return;
            }
            let mut text = String::new();
            while let Ok(Some(chunk)) = response.chunk().await {
                text.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = text.find("\n\n") {
                    let block: String = text.drain(..end + 2).collect();
                    if block.contains("event: ready") {
                        let _ = ready.send(());
                    } else if block.contains("event: change") {
                        let _ = seen.send(Instant::now());
                    }
                }
            }
        }));
    }
    drop(ready);
    for _ in 0..STREAMS {
        tokio::time::timeout(Duration::from_secs(30), readies.recv())
            .await
            .map_err(|_| "every stream opened within 30 s")?
            .ok_or("every stream opened")?;
    }
    let open = resident_kib(pid).unwrap_or(before);
    let mut latencies = Vec::new();
    for i in 0..CHANGES {
        let role = if i % 2 == 0 { "admin" } else { "member" };
        let sent = Instant::now();
        let changed = client
            .patch(format!("{base}/api/v1/orgs/me/users/{member}"))
            .bearer_auth(&admin)
            .json(&serde_json::json!({ "org_role": role }))
            .send()
            .await?;
        if !changed.status().is_success() {
            return Err(format!("a role change answered {}", changed.status()).into());
        }
        for _ in 0..STREAMS {
            let at = tokio::time::timeout(Duration::from_secs(5), arrivals.recv())
                .await?
                .ok_or("every stream stays open")?;
            latencies.push(at.duration_since(sent).as_secs_f64() * 1000.0);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    for task in tasks {
        task.abort();
    }
    report.add(
        GROUP,
        "a change to every stream, p50".to_string(),
        percentile(&mut latencies, 0.5),
        "ms",
        None,
    );
    report.add(
        GROUP,
        "a change to every stream, p99".to_string(),
        percentile(&mut latencies, 0.99),
        "ms",
        Some(1000.0),
    );
    report.add(
        GROUP,
        "memory per open stream".to_string(),
        open.saturating_sub(before) as f64 / STREAMS as f64,
        "KiB",
        None,
    );
    Ok(())
}

/// 64 clients, each its own person at its own address, signing in over and over for 20 s. A
/// sign-in the server is too busy to check is refused at once (503 with Retry-After), and the
/// client waits as told, as the app does.
async fn sign_in_load(report: &mut Report, server: &BenchServer) -> Result<(), BoxError> {
    const GROUP: &str = "Sign-in, 64 concurrent clients for 20 s (each its own account and address)";
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
    let (peak, sampler) = watch_peak_memory(pid, before, stop);
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
    println!("{GROUP}:");
    if ok.is_empty() {
        return Err("no sign-in succeeded".into());
    }
    report.add(GROUP, "signed in per second", ok.len() as f64 / 20.0, "/s", None);
    report.add(GROUP, "sign-in p50", percentile(&mut ok, 0.5), "ms", None);
    report.add(GROUP, "sign-in p99", percentile(&mut ok, 0.99), "ms", None);
    if !busy.is_empty() {
        report.add(
            GROUP,
            "refused at once as busy (503, Retry-After)",
            busy.len() as f64,
            "",
            None,
        );
        report.add(GROUP, "busy answer p99", percentile(&mut busy, 0.99), "ms", None);
    }
    report.add(GROUP, "other answers", other as f64, "", Some(0.0));
    report.add(GROUP, "server memory before", before as f64 / 1024.0, "MiB", None);
    report.add(GROUP, "server memory at the peak", peak_mib, "MiB", Some(512.0));
    Ok(())
}

/// 32 clients asking at once for the largest answers (the whole organization, 3.3 MB; the
/// activity export, 100,000 entries) for 15 s: the server's memory must stay bounded.
async fn large_answers_load(report: &mut Report, server: &BenchServer) -> Result<(), BoxError> {
    const GROUP: &str = "Largest answers (orgs/me, the 100,000-entry export), 32 concurrent clients for 15 s";
    const CLIENTS: usize = 32;
    let pid = server.child.id().ok_or("server pid")?;
    // 32 admins (one large answer at a time each): customers that `sign_in_load` gave the demo
    // password, made admins here.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", server.database.display())).await?;
    let emails: Vec<String> =
        sqlx::query_scalar("SELECT email FROM users WHERE email LIKE 'user%@customers.test' ORDER BY email LIMIT 32")
            .fetch_all(&pool)
            .await?;
    sqlx::query(
        "UPDATE org_members SET org_role = 'admin'
         WHERE user_id IN (SELECT id FROM users WHERE email LIKE 'user%@customers.test' ORDER BY email LIMIT 32)",
    )
    .execute(&pool)
    .await?;
    let mut tokens = Vec::new();
    for email in &emails {
        tokens.push(sign_in(&reqwest::Client::new(), &server.base, email).await?);
    }
    let before = resident_kib(pid).unwrap_or(0);
    let stop = Instant::now() + Duration::from_secs(15);
    let (peak, sampler) = watch_peak_memory(pid, before, stop);
    let mut tasks = Vec::new();
    for (i, token) in tokens.into_iter().enumerate().take(CLIENTS) {
        let base = server.base.clone();
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
                    503 | 429 => busy += 1,
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
    println!("{GROUP}:");
    if !times.is_empty() {
        report.add(GROUP, "answered", ok as f64, "", None);
        report.add(GROUP, "p50", percentile(&mut times, 0.5), "ms", None);
        report.add(GROUP, "p99", percentile(&mut times, 0.99), "ms", None);
    }
    report.add(GROUP, "told to come back (503)", busy as f64, "", None);
    report.add(
        GROUP,
        "server memory at the peak",
        peak.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1024.0,
        "MiB",
        Some(512.0),
    );
    Ok(())
}

/// The built app's bytes over the wire, part by part (exact, from dist/).
fn app_sizes(report: &mut Report, dist: &str) -> Result<(), BoxError> {
    const GROUP: &str = "The built app, bytes over the wire (brotli)";
    println!("{GROUP}:");
    for part in sizes::measure(std::path::Path::new(dist))? {
        let goal = match part.name.as_str() {
            "sign-in-page" => Some(90.0),
            "dashboard-first-visit" => Some(350.0),
            "behind-sign-in" | "screen-dashboard" | "charts-module" | "echarts" => None,
            screen if screen.starts_with("screen-") => Some(120.0),
            _ => None,
        };
        report.add(GROUP, part.what, part.bytes as f64 / 1000.0, "KB", goal);
        let mut files: Vec<(String, f64)> = part
            .files
            .iter()
            .map(|(file, bytes)| (file.clone(), *bytes as f64 / 1000.0))
            .collect();
        if part.name == "sign-in-page" {
            files = main_module_by_crate(dist, files)?;
        }
        report.made_of(files, "KB");
    }
    Ok(())
}

/// The sign-in page's files with its main module told apart: its code by crate, its constant data
/// and the rest, each by its share of the shipped module, applied to the module's bytes sent.
fn main_module_by_crate(dist: &str, files: Vec<(String, f64)>) -> Result<Vec<(String, f64)>, BoxError> {
    let is_main = |file: &str| file.starts_with("org-area-") && file.ends_with(".wasm");
    let sent: f64 = files.iter().filter(|(f, _)| is_main(f)).map(|(_, kb)| kb).sum();
    let (shipped, before) = contributors::main_module(std::path::Path::new(dist))?;
    let crates = contributors::by_crate(&shipped, &before)?;
    let whole: f64 = crates.iter().map(|(_, bytes)| bytes).sum();
    let mut made_of: Vec<(String, f64)> = files.into_iter().filter(|(f, _)| !is_main(f)).collect();
    made_of.extend(crates.into_iter().map(|(name, bytes)| {
        (
            format!("main module: {name} (its share)"),
            sent * bytes / whole.max(1.0),
        )
    }));
    Ok(made_of)
}

fn main() {
    let dist =
        std::env::var("ORG_AREA_E2E_DIST").expect("run through `cargo xtask bench`, which sets ORG_AREA_E2E_DIST");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    // ORG_AREA_BENCH_ONLY=api (or =browser, =table, =pages, =postgres, =webhooks) runs a part, for a quicker look; only a
    // whole run writes docs/benchmarks.md.
    let only = std::env::var("ORG_AREA_BENCH_ONLY").unwrap_or_default();
    let mut report = Report::default();
    let result: Result<(), BoxError> = runtime.block_on(async {
        app_sizes(&mut report, &dist)?;
        if only == "postgres" {
            let server_bin = std::env::var("ORG_AREA_BENCH_SERVER")?;
            let postgres = std::env::var("ORG_AREA_BENCH_POSTGRES_URL")?;
            return load::postgres_load(&mut report, &server_bin, &postgres).await;
        }
        if only == "webhooks" {
            let server_bin = std::env::var("ORG_AREA_BENCH_SERVER")?;
            let server = start_server(&server_bin).await?;
            return webhooks::throughput(&mut report, &server_bin, &server).await;
        }
        if only == "table" {
            let chromedriver = Chromedriver::start().await?;
            table_against_plain(&mut report, &chromedriver, &dist).await?;
            return Ok(());
        }
        if only == "pages" {
            let chromedriver = Chromedriver::start().await?;
            sign_in_page(&mut report, &chromedriver, &dist).await?;
            dashboard(&mut report, &chromedriver, &dist).await?;
            tab_moves(&mut report, &chromedriver, &dist).await?;
            return Ok(());
        }
        if only != "api" {
            let chromedriver = Chromedriver::start().await?;
            sign_in_page(&mut report, &chromedriver, &dist).await?;
            dashboard(&mut report, &chromedriver, &dist).await?;
            tab_moves(&mut report, &chromedriver, &dist).await?;
            users_filter(&mut report, &chromedriver, &dist).await?;
            table_against_plain(&mut report, &chromedriver, &dist).await?;
        }
        if only != "browser" {
            let server_bin = std::env::var("ORG_AREA_BENCH_SERVER")
                .map_err(|_| "ORG_AREA_BENCH_SERVER is not set (`cargo xtask bench` sets it)")?;
            let mut server = start_server(&server_bin).await?;
            api_latency(&mut report, &server).await?;
            api_concurrent(&mut report, &server).await?;
            live_updates(&mut report, &server).await?;
            sign_in_load(&mut report, &server).await?;
            large_answers_load(&mut report, &server).await?;
            server.child.kill().await?;
            webhooks::throughput(&mut report, &server_bin, &server).await?;
            let postgres = std::env::var("ORG_AREA_BENCH_POSTGRES_URL")
                .map_err(|_| "ORG_AREA_BENCH_POSTGRES_URL is not set (`cargo xtask bench` sets it)")?;
            load::postgres_load(&mut report, &server_bin, &postgres).await?;
        }
        Ok(())
    });
    if let Err(e) = result {
        eprintln!("bench failed: {e}");
        std::process::exit(1);
    }
    let goals = report.figures.iter().filter(|f| f.goal.is_some()).count();
    println!("\n{} of {goals} goals met", goals - report.unmet());
    if only.is_empty() {
        let page = report.markdown(&report::Machine::this_one());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/benchmarks.md");
        match std::fs::write(path, page) {
            Ok(()) => println!("written to docs/benchmarks.md"),
            Err(e) => eprintln!("cannot write docs/benchmarks.md: {e}"),
        }
    }
}
