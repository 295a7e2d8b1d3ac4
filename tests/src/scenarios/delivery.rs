//! Delivery: the built `dist/` as a customer hosts it (any host, any path, API on another
//! origin), white-labeled addresses that never show the vendor, the right organization at a
//! branded address, and embeds on host pages through `embed.js`.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use thirtyfour::prelude::*;

use crate::ensure;
use crate::harness::{Ctx, Nginx, StaticHost, TestResult};

/// Records, from before the page's first script, anything that goes wrong during a load: console
/// errors, uncaught errors, policy violations and requests that failed. Kept in sessionStorage
/// so it survives reloads of the same origin.
const TROUBLE_RECORDER: &str = r#"
(() => {
  const key = 'e2e:trouble';
  const note = (what) => {
    const list = JSON.parse(sessionStorage.getItem(key) || '[]');
    list.push(location.pathname + ': ' + what);
    sessionStorage.setItem(key, JSON.stringify(list));
  };
  const error = console.error;
  console.error = (...args) => { note('console.error ' + args.map(String).join(' ')); error.apply(console, args); };
  addEventListener('error', (e) => note('error ' + (e.message || (e.target && (e.target.src || e.target.href)))), true);
  addEventListener('unhandledrejection', (e) => note('unhandled rejection ' + e.reason));
  addEventListener('securitypolicyviolation', (e) => note('policy violation ' + e.violatedDirective + ' ' + e.blockedURI));
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.responseStatus >= 400 || (entry.responseStatus === 0 && entry.transferSize === 0 && entry.decodedBodySize === 0 && entry.initiatorType !== 'other')) {
        note('request ' + entry.name + ' answered ' + entry.responseStatus);
      }
    }
  }).observe({ type: 'resource', buffered: true });
})();
"#;

async fn trouble(ctx: &Ctx) -> Result<Vec<String>, WebDriverError> {
    let found = ctx
        .driver
        .execute(
            "return JSON.parse(sessionStorage.getItem('e2e:trouble') || '[]');",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(found.json().clone()).unwrap_or_default())
}

/// Every file of `dist/` but the page and the embed script carries a content hash in its name
/// (a precompressed copy goes with its file; the host rule files are read by hosts, not served).
pub async fn dist_files_carry_content_hashes(ctx: Ctx) -> TestResult {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else {
                found.push(path.display().to_string());
            }
        }
    }
    let mut files = Vec::new();
    walk(&ctx.dist, &mut files);
    ensure!(files.len() > 10, "dist/ holds the built app: {files:?}");
    let mut unhashed = Vec::new();
    for path in &files {
        let name = Path::new(path).file_name().unwrap_or_default().to_string_lossy();
        let name = name.trim_end_matches(".br").trim_end_matches(".gz");
        let stable = ["index.html", "embed.js", "_headers", "_redirects"].contains(&name);
        let relative = path.strip_prefix(&ctx.dist.display().to_string()).unwrap_or(path);
        if !stable && !is_hashed(name) {
            unhashed.push(relative.to_string());
        }
        if stable && name != "embed.js" && name != "index.html" {
            ensure!(
                !relative.trim_start_matches('/').contains('/'),
                "{relative} sits at the top of dist/"
            );
        }
    }
    ensure!(
        unhashed.is_empty(),
        "files without a content hash in their name: {unhashed:?}"
    );
    Ok(())
}

/// `name-<16 hex digits>.ext`, checked here independently of the build's own rule.
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    })
}

/// `dist/` copied under `/admin/` on a plain static host (another process and origin), the API
/// on its own origin: everything works and nothing fails on the way.
pub async fn dist_works_under_a_prefix_on_a_plain_host_with_the_api_elsewhere(ctx: Ctx) -> TestResult {
    let site = tempfile::tempdir()?;
    copy_tree(&ctx.dist, &site.path().join("admin"))?;
    let host = StaticHost::start(site.path(), "/admin/").await?;
    // The one edit a host makes: where the API is (the page's own policy follows).
    let index = site.path().join("admin/index.html");
    let html = std::fs::read_to_string(&index)?;
    std::fs::write(&index, contract::hosting::configure_index(&html, &ctx.base))?;
    let origin = host.origin.clone();
    ctx.restart_server(|config| config.allowed_origins = vec![origin])
        .await?;
    change_settings(&ctx, hidden_mark).await?;
    ctx.before_every_page(TROUBLE_RECORDER).await?;

    let admin = format!("{}/admin", host.origin);
    ctx.driver.goto(format!("{admin}/")).await?;
    ctx.wait_location("/admin/sign-in").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_location("/admin/").await?;
    ctx.wait_text("Marketing Website").await?;
    charts_drawn(&ctx).await?;
    ctx.click("link", "Users").await?;
    ctx.wait_location("/admin/users").await?;
    ctx.wait_text("9 users").await?;
    // A deep link, reloaded: the host answers index.html, the page finds its files under /admin/.
    ctx.driver.goto(format!("{admin}/users?q=mia")).await?;
    ctx.wait_text("Mia").await?;
    ctx.driver.goto(format!("{admin}/settings")).await?;
    ctx.by_name("textbox", "Organization name").await?;
    ctx.driver.goto(format!("{admin}/spaces/1")).await?;
    ctx.by_name("link", "← All spaces").await?;
    let links = ctx
        .eval_string("return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => h.startsWith('/') && !h.startsWith('/admin/')).join(' ');")
        .await?;
    ensure!(links.is_empty(), "every link stays under /admin/: {links}");

    // An organization's address on a host that cannot put the brand in the page: a neutral look
    // until the brand arrives, then the brand kept in this browser for the next load; never the
    // product's look.
    ctx.driver
        .execute("localStorage.removeItem('org-area:brand:acme-studio');", vec![])
        .await?;
    ctx.before_every_page(VENDOR_RECORDER).await?;
    for visit in ["first visit", "next visit"] {
        ctx.driver.goto(format!("{admin}/o/acme-studio/users")).await?;
        ctx.wait_text("9 users").await?;
        only_the_brand_was_painted(&ctx, visit).await?;
    }

    // A host that sends no headers cannot stop other pages from framing the app, so the app
    // itself refuses any frame but an embed on a site its organization allows.
    std::fs::write(
        site.path().join("portal.html"),
        "<!doctype html><title>Portal</title><link rel=\"icon\" href=\"data:,\">\
         <iframe id=\"page\" title=\"Page\" src=\"/admin/users\"></iframe>\
         <iframe id=\"embed\" title=\"Embed\" src=\"/admin/embed/acme-studio/\"></iframe>",
    )?;
    ctx.driver.goto(format!("{}/portal.html", host.origin)).await?;
    ctx.driver.find(By::Id("page")).await?.enter_frame().await?;
    ctx.wait_text("This page cannot be shown inside another site.").await?;
    ensure!(!ctx.has("link", "Users").await?, "nothing of the app in a frame");
    ctx.driver.enter_parent_frame().await?;
    ctx.driver.find(By::Id("embed")).await?.enter_frame().await?;
    ctx.wait_text("This organization does not allow its pages on this site.")
        .await?;
    ensure!(
        !ctx.has("button", "Sign in").await?,
        "no sign-in form on a site not allowed"
    );
    ctx.driver.enter_parent_frame().await?;

    let problems = trouble(&ctx).await?;
    ensure!(
        problems.is_empty(),
        "errors or failed requests under /admin/: {problems:#?}"
    );
    Ok(())
}

/// An app name, colours of its own and the "Powered by" mark hidden.
fn hidden_mark(settings: &mut Value) {
    settings["branding"]["app_name"] = json!("Acme Console");
    settings["branding"]["hide_powered_by"] = json!(true);
    settings["branding"]["light"] = json!({ "primary": "#8a1c7c", "accent": "#b0479f" });
    settings["branding"]["dark"] = json!({ "primary": "#f0a6e8", "accent": "#d77fcb" });
}

async fn charts_drawn(ctx: &Ctx) -> TestResult {
    let deadline = Instant::now() + Duration::from_secs(10);
    while ctx
        .eval_string("return performance.getEntriesByName('org-area:charts-drawn').length ? 'yes' : '';")
        .await?
        .is_empty()
    {
        ensure!(Instant::now() < deadline, "the charts were drawn");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let canvases = ctx.driver.find_all(By::Css(".chart canvas")).await?;
    ensure!(canvases.len() == 3, "three charts on canvas: {}", canvases.len());
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)?.flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// The organization's settings changed through the API, as its owner.
async fn change_settings(ctx: &Ctx, change: impl FnOnce(&mut Value)) -> TestResult {
    let token = ctx.api_token("owner@acme.test").await?;
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1/orgs/me/settings", ctx.base);
    let mut settings: Value = client.get(&url).bearer_auth(&token).send().await?.json().await?;
    change(&mut settings);
    let body = json!({
        "version": settings["version"],
        "name": settings["name"],
        "branding": settings["branding"],
        "embed": settings["embed"],
        "access": settings["access"],
    });
    let saved = client.put(&url).bearer_auth(&token).json(&body).send().await?;
    ensure!(saved.status().is_success(), "settings saved: {}", saved.text().await?);
    Ok(())
}

/// Watches every moment of a load, from before the page's first script: any text or colour of
/// the product's own look is noted.
const VENDOR_RECORDER: &str = r#"
(() => {
  if (window.top !== window) return;
  const seen = [];
  let looks = 0;
  const vendor = ['Organization area', 'Powered by', 'org-area'];
  const defaults = ['#3b4cca', '#8f9bff'];
  const look = (when) => {
    looks++;
    const text = document.title + '\n' + (document.body ? document.body.innerText : '');
    for (const word of vendor) if (text.includes(word)) seen.push(when + ': "' + word + '"');
    if (document.documentElement && document.styleSheets.length) {
      const primary = getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim().toLowerCase();
      if (defaults.includes(primary)) seen.push(when + ': the product colour ' + primary);
    }
    const icon = document.querySelector('link[rel~=icon]');
    if (icon && /favicon-[0-9a-f]{16}\.svg/.test(icon.href)) seen.push(when + ': the product favicon');
  };
  new MutationObserver(() => look('change')).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const frame = () => { look('frame'); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  window.e2eVendor = () => ({ seen: [...new Set(seen)], looks });
})();
"#;

/// After a load under the recorder: the brand's title, and nothing of the vendor at any moment.
async fn only_the_brand_was_painted(ctx: &Ctx, visit: &str) -> TestResult {
    ensure!(
        ctx.driver.title().await? == "Acme Console",
        "{visit}: the brand's title"
    );
    let answer = ctx.driver.execute("return window.e2eVendor();", vec![]).await?;
    let seen: Vec<String> = serde_json::from_value(answer.json()["seen"].clone())?;
    let looks = answer.json()["looks"].as_u64().unwrap_or(0);
    ensure!(looks > 3, "{visit}: the recorder watched the load ({looks} looks)");
    ensure!(seen.is_empty(), "{visit}: the vendor's look was painted: {seen:?}");
    Ok(())
}

/// An organization that hid the mark: at its address, no moment of the load shows the product's
/// name, mark or colours, on the first visit and the next, signed out and signed in.
pub async fn branded_address_never_paints_the_vendor(ctx: Ctx) -> TestResult {
    change_settings(&ctx, hidden_mark).await?;
    ctx.before_every_page(VENDOR_RECORDER).await?;
    for visit in ["first visit", "next visit"] {
        ctx.open("/o/acme-studio/").await?;
        ctx.wait_location("/o/acme-studio/sign-in").await?;
        ctx.by_name("button", "Sign in").await?;
        only_the_brand_was_painted(&ctx, visit).await?;
    }
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_text("Marketing Website").await?;
    ctx.driver.refresh().await?;
    ctx.wait_text("Marketing Website").await?;
    charts_drawn(&ctx).await?;
    only_the_brand_was_painted(&ctx, "signed in").await?;
    let primary = ctx
        .eval_string("return getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim();")
        .await?;
    ensure!(primary == "#8a1c7c", "the brand's primary colour: {primary}");
    // The charts draw in the brand's colours.
    let colors = ctx
        .eval_string(
            "const c = echarts.getInstanceByDom(document.getElementById('chart-spaces')); return JSON.stringify(c.getOption().color.slice(0, 2));",
        )
        .await?;
    ensure!(
        colors == r##"["#8a1c7c","#b0479f"]"##,
        "charts in the brand's colours: {colors}"
    );
    ctx.snap("branded-dashboard").await?;
    Ok(())
}

/// Someone of another organization signed in at Acme's address sees nothing of theirs there.
pub async fn another_organization_is_not_shown_under_a_brand(ctx: Ctx) -> TestResult {
    ctx.open("/o/acme-studio/").await?;
    ctx.sign_in("admin@globex.test", "demo-password").await?;
    ctx.by_name("heading", "This address belongs to another organization")
        .await?;
    let text = ctx.body_text().await?;
    for theirs in ["Globex", "Intranet", "Store", "Gina"] {
        ensure!(
            !text.contains(theirs),
            "nothing of Globex at Acme's address ({theirs}): {text}"
        );
    }
    ensure!(!ctx.has("link", "Users").await?, "no tabs of their organization");
    ctx.snap("other-organization").await?;
    ctx.click("link", "Go to your organization").await?;
    ctx.wait_location("/").await?;
    ctx.wait_text("Globex Intranet").await?;
    ctx.open("/o/acme-studio/users").await?;
    ctx.by_name("heading", "This address belongs to another organization")
        .await?;
    ctx.click("button", "Sign out").await?;
    ctx.wait_location("/o/acme-studio/sign-in").await?;
    Ok(())
}

/// A tiny web server on its own origin answering `pages` (path, HTML); its port.
async fn serve_pages(pages: Vec<(&'static str, String)>) -> Result<u16, std::io::Error> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let read = stream.read(&mut request).await.unwrap_or(0);
            let line = String::from_utf8_lossy(&request[..read]);
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let html = pages
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, html)| html.clone())
                .unwrap_or_default();
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{html}",
                html.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    Ok(port)
}

/// The messages the host page received from the app, as `{origin, data}`.
async fn messages(ctx: &Ctx) -> Result<Vec<Value>, WebDriverError> {
    let found = ctx.driver.execute("return window.e2eMessages;", vec![]).await?;
    Ok(found.json().as_array().cloned().unwrap_or_default())
}

async fn wait_message(
    ctx: &Ctx,
    what: &str,
    matches: impl Fn(&Value) -> bool,
) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(found) = messages(ctx).await?.into_iter().rev().find(|m| matches(&m["data"])) {
            return Ok(found);
        }
        ensure!(
            Instant::now() < deadline,
            "the host page never got {what}: {:?}",
            messages(ctx).await?
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn frame_height(ctx: &Ctx) -> Result<f64, WebDriverError> {
    let found = ctx
        .driver
        .execute(
            "return document.querySelector('#portal iframe').getBoundingClientRect().height;",
            vec![],
        )
        .await?;
    Ok(found.json().as_f64().unwrap_or(0.0))
}

/// A host page on a third origin embeds the app with `embed.js`: it hears that the app is ready,
/// its height (the frame follows it as the content grows) and where it goes, and can send it
/// elsewhere; a page on another origin in the same host page cannot.
pub async fn embed_script_sizes_and_steers_the_frame_for_an_allowed_host_only(ctx: Ctx) -> TestResult {
    let intruder = serve_pages(vec![(
        "/",
        // Asked by the test, it tries to steer the app's frame (its sibling) elsewhere, then tells
        // the host page it has.
        "<!doctype html><script>addEventListener('message', () => {\
           parent.frames[1].postMessage({ type: 'org-area:navigate', path: '/settings' }, '*');\
           parent.postMessage({ type: 'e2e:intruder-sent' }, '*');\
         });</script>"
            .to_string(),
    )])
    .await?;
    let app = ctx.base.clone();
    let host_page = format!(
        "<!doctype html><title>Customer portal</title><h1>Customer portal</h1>\
         <script>window.e2eMessages = []; addEventListener('message', (e) => {{\
           if (typeof e.data === 'object') e2eMessages.push({{ origin: e.origin, data: e.data }});\
         }});</script>\
         <iframe id=\"intruder\" title=\"Ads\" src=\"http://127.0.0.1:{intruder}/\" style=\"height:40px\"></iframe>\
         <div id=\"portal\" data-org-area=\"{app}/embed/acme-studio/\" data-org-area-title=\"Acme\"></div>\
         <script src=\"{app}/embed.js\"></script>"
    );
    let host = serve_pages(vec![("/", host_page)]).await?;
    let host_origin = format!("http://127.0.0.1:{host}");
    change_settings(&ctx, |s| s["embed"]["allowed_origins"] = json!([host_origin])).await?;

    ctx.driver.goto(format!("{host_origin}/")).await?;
    let ready = wait_message(&ctx, "ready", |d| d["type"] == "org-area:ready").await?;
    ensure!(ready["origin"] == app.as_str(), "from the app's origin: {ready}");
    ensure!(ready["data"]["version"] == 1, "protocol version 1: {ready}");
    wait_message(&ctx, "the sign-in page", |d| {
        d["type"] == "org-area:navigated" && d["path"] == "/sign-in"
    })
    .await?;
    let first = wait_message(&ctx, "a height", |d| d["type"] == "org-area:resize").await?;
    let signed_out_height = first["data"]["height"].as_f64().unwrap_or(0.0);
    ensure!(signed_out_height > 100.0, "the sign-in page's height: {first}");

    ctx.driver.find(By::Css("#portal iframe")).await?.enter_frame().await?;
    ctx.sign_in("admin@acme.test", "demo-password").await?;
    ctx.wait_text("Free traffic").await?;
    ctx.driver.enter_parent_frame().await?;
    wait_message(&ctx, "the dashboard", |d| {
        d["type"] == "org-area:navigated" && d["path"] == "/"
    })
    .await?;
    let grown = wait_message(&ctx, "a taller height", |d| {
        d["type"] == "org-area:resize" && d["height"].as_f64().unwrap_or(0.0) > signed_out_height + 100.0
    })
    .await?;
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let last = messages(&ctx)
            .await?
            .into_iter()
            .rev()
            .find(|m| m["data"]["type"] == "org-area:resize")
            .and_then(|m| m["data"]["height"].as_f64())
            .unwrap_or(0.0);
        let height = frame_height(&ctx).await?;
        if (height - last).abs() < 1.0 && height > signed_out_height + 100.0 {
            break;
        }
        ensure!(
            Instant::now() < deadline,
            "the frame follows the reported height: frame {height}, reported {last} (grew to {grown})"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    ctx.snap("embedded-by-embed-js").await?;

    // The host page sends the app to its users.
    ctx.driver
        .execute("document.getElementById('portal').orgArea.navigate('/users');", vec![])
        .await?;
    wait_message(&ctx, "the users page", |d| {
        d["type"] == "org-area:navigated" && d["path"] == "/users"
    })
    .await?;
    ctx.driver.find(By::Css("#portal iframe")).await?.enter_frame().await?;
    ctx.wait_text("9 users").await?;
    ctx.driver.enter_parent_frame().await?;

    // Another origin's frame on the same page is not obeyed.
    ctx.driver
        .execute(
            "document.getElementById('intruder').contentWindow.postMessage('go', '*');",
            vec![],
        )
        .await?;
    wait_message(&ctx, "the intruder's try", |d| d["type"] == "e2e:intruder-sent").await?;
    // The host page's own request, sent after the intruder's (the app reads its messages in
    // order), is obeyed: by then the intruder's has been read, and was not.
    ctx.driver
        .execute(
            "document.getElementById('portal').orgArea.navigate('/activity');",
            vec![],
        )
        .await?;
    wait_message(&ctx, "the activity page", |d| {
        d["type"] == "org-area:navigated" && d["path"] == "/activity"
    })
    .await?;
    let went = messages(&ctx)
        .await?
        .iter()
        .any(|m| m["data"]["type"] == "org-area:navigated" && m["data"]["path"] == "/settings");
    ensure!(!went, "a page on another origin steered the app");
    ctx.driver.find(By::Css("#portal iframe")).await?.enter_frame().await?;
    let path = ctx.eval_string("return location.pathname;").await?;
    ensure!(
        path == "/embed/acme-studio/activity",
        "the app went where its host sent it, not where the intruder did: {path}"
    );
    ctx.open_user_menu().await?;
    ctx.click("menuitem", "Sign out").await?;
    ctx.driver.enter_parent_frame().await?;
    wait_message(&ctx, "the sign-out", |d| d["type"] == "org-area:signed-out").await?;
    Ok(())
}

/// The nginx block the build writes, in real nginx: `dist/` under `/admin/` with the same
/// headers our server sends (the policy allowing the API on its origin, frames only for embeds
/// on allowed sites, a year of caching for hashed files), and the app works under them.
pub async fn nginx_recipe_serves_the_app_with_the_servers_headers(ctx: Ctx) -> TestResult {
    use ::hosting::Host;
    use contract::hosting;
    let site = tempfile::tempdir()?;
    copy_tree(&ctx.dist, &site.path().join("admin"))?;
    let portal = "http://127.0.0.1:9";
    let host = Host::new("/admin/", &ctx.base, &[portal.to_string()])?;
    let index = site.path().join("admin/index.html");
    let html = hosting::configure_index(&std::fs::read_to_string(&index)?, &host.api_base);
    std::fs::write(&index, hosting::pin_prefix(&html, &host.prefix))?;
    let nginx = Nginx::start(site.path(), |root, port| {
        ::hosting::nginx_block(&host, root, &port.to_string())
    })
    .await?;
    let origin = nginx.origin.clone();
    ctx.restart_server(|config| config.allowed_origins = vec![origin])
        .await?;

    let client = reqwest::Client::new();
    let get = |path: String| {
        client
            .get(format!("{}{path}", nginx.origin))
            .header("accept-encoding", "gzip")
            .send()
    };
    let page = get("/admin/users/12".into()).await?;
    ensure!(page.status() == 200, "a deep link gets the page: {}", page.status());
    let header = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let policy = header(&page, "content-security-policy");
    ensure!(
        policy.contains(&format!("connect-src 'self' {}", ctx.base)),
        "the API's origin is allowed: {policy}"
    );
    ensure!(
        policy.ends_with("frame-ancestors 'none'"),
        "nobody frames the app: {policy}"
    );
    ensure!(
        header(&page, "x-frame-options") == "DENY",
        "X-Frame-Options says the same"
    );
    ensure!(
        header(&page, "cache-control") == "no-cache",
        "the page is asked about each time"
    );
    ensure!(
        header(&page, "x-content-type-options") == "nosniff",
        "every answer's headers"
    );
    ensure!(
        header(&page, "content-encoding") == "gzip",
        "the page, which has no .gz copy, is compressed as it is sent"
    );
    let embed = get("/admin/embed/acme-studio/".into()).await?;
    let policy = header(&embed, "content-security-policy");
    ensure!(
        policy.ends_with(&format!("frame-ancestors {portal}")),
        "embeds: the allowed site only: {policy}"
    );
    ensure!(header(&embed, "x-frame-options").is_empty(), "no DENY for embeds");
    let wasm = html
        .split('"')
        .find(|part| part.starts_with("app/org-area-") && part.ends_with(".wasm"))
        .ok_or("the page names its wasm")?
        .to_string();
    let file = get(format!("/admin/{wasm}")).await?;
    ensure!(file.status() == 200, "{wasm}: {}", file.status());
    ensure!(
        header(&file, "cache-control") == hosting::IMMUTABLE,
        "hashed files are kept a year"
    );
    ensure!(
        header(&file, "content-encoding") == "gzip",
        "the build's gzip copy is sent"
    );
    ensure!(header(&file, "content-type") == "application/wasm", "wasm as wasm");
    let script = get("/admin/embed.js".into()).await?;
    ensure!(
        header(&script, "cache-control") == "no-cache",
        "the embed script keeps its name"
    );

    ctx.before_every_page(TROUBLE_RECORDER).await?;
    ctx.driver.goto(format!("{}/admin/users", nginx.origin)).await?;
    ctx.wait_location("/admin/sign-in?next=/users").await?;
    ctx.sign_in("owner@acme.test", "demo-password").await?;
    ctx.wait_text("9 users").await?;
    ctx.click("link", "Dashboard").await?;
    charts_drawn(&ctx).await?;
    let problems = trouble(&ctx).await?;
    ensure!(
        problems.is_empty(),
        "errors or failed requests behind nginx: {problems:#?}"
    );
    Ok(())
}

/// Each part of the built app is at most its recorded size over the wire (`tests/sizes.txt`), so
/// sizes only shrink: a part that grew fails here; a part that shrank has its figure lowered in
/// the file, to be committed with the change that shrank it.
pub async fn built_app_stays_within_its_recorded_sizes(ctx: Ctx) -> TestResult {
    let parts = crate::sizes::measure(&ctx.dist)?;
    let text = std::fs::read_to_string(crate::sizes::RATCHET).map_err(|e| format!("cannot read the ratchet: {e}"))?;
    let held = crate::sizes::hold(&text, &parts)?;
    for lowered in &held.lowered {
        println!("    {lowered}: {} lowered, commit it", crate::sizes::RATCHET);
    }
    if !held.lowered.is_empty() {
        std::fs::write(crate::sizes::RATCHET, &held.text).map_err(|e| format!("cannot lower the ratchet: {e}"))?;
    }
    ensure!(
        held.grown.is_empty(),
        "the app grew past its recorded sizes ({}): {}",
        crate::sizes::RATCHET,
        held.grown.join("; ")
    );
    Ok(())
}
