//! The pieces every scenario uses: chromedriver, a fresh server per scenario, and a browser
//! session with helpers that find elements by their accessible name, as a person would.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use org_area_server::{Config, Seed};
use thirtyfour::prelude::*;
use tokio::sync::Mutex;

pub type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Fail the scenario with a message when a condition does not hold.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+).into());
        }
    };
}

pub struct Chromedriver {
    _process: Process,
    pub url: String,
}

impl Chromedriver {
    pub async fn start() -> Result<Chromedriver, String> {
        let port = free_port();
        let process = Process(
            Command::new("/usr/bin/chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("/usr/bin/chromedriver: {e}"))?,
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if reqwest::get(format!("{url}/status"))
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Ok(Chromedriver { _process: process, url });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err("chromedriver did not become ready in 20 s".into())
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The real server in its own thread and runtime, so stopping it drops every open connection,
/// as a crashed or unreachable server would.
pub struct AppServer {
    pub addr: SocketAddr,
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl AppServer {
    pub fn start(addr: SocketAddr, database: &Path, dist: &Path) -> Result<AppServer, String> {
        Self::start_seeded(addr, database, dist, Seed::Demo)
    }

    pub fn start_seeded(addr: SocketAddr, database: &Path, dist: &Path, seed: Seed) -> Result<AppServer, String> {
        Self::start_with(Config {
            bind: addr,
            database_url: format!("sqlite://{}", database.display()),
            seed,
            static_dir: Some(dist.to_path_buf()),
            ..Config::default()
        })
    }

    pub fn start_with(config: Config) -> Result<AppServer, String> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                match org_area_server::start(config).await {
                    Ok(running) => {
                        let _ = ready_tx.send(Ok(running.addr));
                        let _ = tokio::task::spawn_blocking(move || stop_rx.recv()).await;
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e.to_string()));
                    }
                }
            });
            runtime.shutdown_timeout(Duration::from_secs(1));
        });
        let addr = ready_rx.recv().map_err(|e| e.to_string())??;
        Ok(AppServer {
            addr,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for AppServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One scenario's world: its server, its database, its browser.
#[derive(Clone)]
pub struct Ctx {
    pub name: &'static str,
    pub driver: WebDriver,
    pub server: Arc<Mutex<AppServer>>,
    pub base: String,
    pub dist: PathBuf,
    pub database: PathBuf,
    /// Where the browser saves downloads (exports).
    pub downloads: PathBuf,
    /// What the scenario provokes on purpose (see [`Ctx::expect_problem`]).
    pub expected: Arc<std::sync::Mutex<Vec<String>>>,
    _dir: Arc<tempfile::TempDir>,
}

const WAIT: Duration = Duration::from_secs(10);

/// Installed in every page before its own scripts: records what must never happen in a scenario
/// (an uncaught exception or Rust panic, a rejected promise nobody handled, `console.error`, a
/// Content-Security-Policy violation, a script, style or image that failed to load, a request
/// that failed or was refused) in the tab's sessionStorage, which outlives reloads and
/// navigations on the app's origin. A scenario names the refusals it provokes with
/// [`Ctx::expect_problem`].
const PROBLEM_RECORDER: &str = r#"(() => {
  const key = '__orgAreaProblems';
  const record = (kind, text) => {
    try {
      const list = JSON.parse(sessionStorage.getItem(key) || '[]');
      list.push(kind + ': ' + String(text).slice(0, 300) + ' (on ' + location.pathname + ')');
      sessionStorage.setItem(key, JSON.stringify(list));
    } catch (_) {}
  };
  addEventListener('error', (e) => {
    const target = e.target;
    if (target && target !== window && (target.src || target.href)) {
      record('failed to load', target.src || target.href);
    } else {
      record('uncaught', e.message);
    }
  }, true);
  addEventListener('unhandledrejection', (e) => record('unhandled rejection', e.reason));
  document.addEventListener('securitypolicyviolation', (e) =>
    record('policy violation', e.violatedDirective + ' ' + (e.blockedURI || e.sample || '')));
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const method = ((init && init.method) || (input && input.method) || 'GET').toUpperCase();
    const path = new URL(input && input.url ? input.url : String(input), location.href).pathname;
    const from = location.pathname;
    return fetch.apply(this, arguments).then((response) => {
      if (!response.ok) record('failed request', response.status + ' ' + method + ' ' + path + ' from ' + from);
      return response;
    }, (error) => {
      if (!error || error.name !== 'AbortError') record('failed request', 'no answer ' + method + ' ' + path);
      throw error;
    });
  };
  const error = console.error;
  console.error = function (...args) {
    record('console.error', args.map(String).join(' '));
    return error.apply(this, args);
  };
})();"#;

impl Ctx {
    pub async fn new(chromedriver: &Chromedriver, dist: &str, name: &'static str) -> Result<Ctx, String> {
        Self::with_seed(chromedriver, dist, name, Seed::Demo).await
    }

    pub async fn with_seed(
        chromedriver: &Chromedriver,
        dist: &str,
        name: &'static str,
        seed: Seed,
    ) -> Result<Ctx, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let database = dir.path().join("e2e.db");
        let dist = PathBuf::from(dist);
        let server = AppServer::start_seeded("127.0.0.1:0".parse().unwrap(), &database, &dist, seed)?;
        let base = format!("http://{}", server.addr);
        let downloads = dir.path().join("downloads");
        std::fs::create_dir_all(&downloads).map_err(|e| e.to_string())?;

        let mut caps = DesiredCapabilities::chrome();
        let mut setup = || -> WebDriverResult<()> {
            caps.set_binary("/usr/bin/chromium")?;
            for arg in [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--window-size=1280,900",
                // English whatever the machine's own language, so the scenarios read the same
                // texts everywhere; a scenario that needs another language says so.
                "--lang=en-US",
            ] {
                caps.add_arg(arg)?;
            }
            caps.add_experimental_option(
                "prefs",
                serde_json::json!({
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                    "intl.accept_languages": "en-US,en",
                }),
            )?;
            Ok(())
        };
        setup().map_err(|e| e.to_string())?;
        let driver = WebDriver::new(&chromedriver.url, caps)
            .await
            .map_err(|e| e.to_string())?;
        driver
            .cdp()
            .send_raw(
                "Page.addScriptToEvaluateOnNewDocument",
                serde_json::json!({ "source": PROBLEM_RECORDER }),
            )
            .await
            .map_err(|e| e.to_string())?;
        Ok(Ctx {
            name,
            driver,
            server: Arc::new(Mutex::new(server)),
            base,
            dist,
            database,
            downloads,
            expected: Arc::default(),
            _dir: Arc::new(dir),
        })
    }

    /// The server again on the same address and database, with its configuration changed (an app
    /// on another origin allowed, say).
    pub async fn restart_server(&self, change: impl FnOnce(&mut Config)) -> TestResult {
        let mut server = self.server.lock().await;
        let addr = server.addr;
        server.stop();
        let mut config = Config {
            bind: addr,
            database_url: format!("sqlite://{}", self.database.display()),
            seed: Seed::None,
            static_dir: Some(self.dist.clone()),
            ..Config::default()
        };
        change(&mut config);
        *server = AppServer::start_with(config)?;
        Ok(())
    }

    /// A session token for `email` (demo password), as an API client would get one.
    pub async fn api_token(&self, email: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        self.api_token_from(email, "org-area-e2e").await
    }

    /// A session of `email` signed in by a browser that says it is `user_agent`.
    pub async fn api_token_from(
        &self,
        email: &str,
        user_agent: &str,
    ) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        let answer: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/login", self.base))
            .header("User-Agent", user_agent)
            .json(&serde_json::json!({ "email": email, "password": "demo-password" }))
            .send()
            .await?
            .json()
            .await?;
        Ok(answer["token"].as_str().ok_or("no token")?.to_string())
    }

    /// Run `script` in every page (and frame) this browser opens from now on, before any of the
    /// page's own scripts: to record what happens during a load.
    pub async fn before_every_page(&self, script: &str) -> TestResult {
        self.driver
            .cdp()
            .send_raw(
                "Page.addScriptToEvaluateOnNewDocument",
                serde_json::json!({ "source": script }),
            )
            .await?;
        Ok(())
    }

    /// The plain-text part of the `nth` mail (from 1) the server wrote for `to`, waiting for it.
    pub async fn mail_to(&self, to: &str, nth: usize) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        let dir = self.database.parent().ok_or("no database folder")?.join("mail");
        let deadline = Instant::now() + WAIT;
        loop {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
                .unwrap_or_default();
            files.sort();
            let mails: Vec<String> = files
                .iter()
                .filter_map(|path| std::fs::read(path).ok())
                .filter_map(|raw| {
                    let message = mail_parser::MessageParser::default().parse(&raw)?;
                    let addressed = message
                        .to()
                        .and_then(|a| a.first())
                        .and_then(|a| a.address())
                        .is_some_and(|a| a.eq_ignore_ascii_case(to));
                    addressed.then(|| message.body_text(0).map(|t| t.into_owned()))?
                })
                .collect();
            if let Some(mail) = mails.get(nth - 1) {
                return Ok(mail.clone());
            }
            if Instant::now() > deadline {
                return Err(format!("no mail number {nth} to {to} in {}", dir.display()).into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The address of the link in the `nth` mail to `to`, as the person would open it.
    pub async fn link_in_mail(&self, to: &str, nth: usize) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        let mail = self.mail_to(to, nth).await?;
        mail.split_whitespace()
            .find(|word| word.starts_with("http"))
            .map(str::to_string)
            .ok_or_else(|| format!("no link in the mail:\n{mail}").into())
    }

    /// The text of a file the browser downloaded, waiting for it to arrive whole.
    pub async fn downloaded(&self, file: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        let path = self.downloads.join(file);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(text) = std::fs::read_to_string(&path) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(format!("no download {file} in {}", self.downloads.display()).into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Say that the scenario provokes a problem on purpose: a recorded problem containing `text`
    /// (say "401 POST /api/v1/auth/login" for a wrong password) does not fail it.
    pub fn expect_problem(&self, text: &str) {
        self.expected.lock().unwrap().push(text.to_string());
    }

    /// What went wrong in the page that the scenario did not expect (see [`PROBLEM_RECORDER`]),
    /// leaving out what contains one of `expected`.
    pub async fn unexpected_problems(&self, expected: &[&str]) -> Vec<String> {
        let Ok(json) = self
            .eval_string("return sessionStorage.getItem('__orgAreaProblems') || '[]'")
            .await
        else {
            return Vec::new();
        };
        let problems: Vec<String> = serde_json::from_str(&json).unwrap_or_default();
        problems
            .into_iter()
            .filter(|p| !expected.iter().any(|e| p.contains(e)))
            .collect()
    }

    pub async fn close(&self) {
        let _ = self.driver.clone().quit().await;
        self.server.lock().await.stop();
    }

    pub async fn save_screenshot(&self) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{}.png", self.name));
        if self.driver.screenshot(&path).await.is_ok() {
            println!("    screenshot: {}", path.display());
        }
    }

    /// With ORG_AREA_E2E_SCREENSHOTS=DIR set, save what the page looks like now as DIR/NAME.png,
    /// and as it looks in the dark colour scheme (NAME-dark.png) and on a phone 390 px wide
    /// (NAME-390.png), so people can look at each screen the tests pass through.
    pub async fn snap(&self, name: &str) -> TestResult {
        let Ok(dir) = std::env::var("ORG_AREA_E2E_SCREENSHOTS") else {
            return Ok(());
        };
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir)?;
        self.full_page(&dir.join(format!("{name}.png"))).await?;
        let scheme =
            |value: &str| serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] });
        let cdp = self.driver.cdp();
        cdp.send_raw("Emulation.setEmulatedMedia", scheme("dark")).await?;
        self.drawn_as(false, true).await?;
        self.full_page(&dir.join(format!("{name}-dark.png"))).await?;
        cdp.send_raw("Emulation.setEmulatedMedia", scheme("")).await?;
        self.driver.set_window_rect(0, 0, 390, 844).await?;
        self.drawn_as(true, false).await?;
        self.full_page(&dir.join(format!("{name}-390.png"))).await?;
        self.driver.set_window_rect(0, 0, 1280, 900).await?;
        self.drawn_as(true, false).await?;
        Ok(())
    }

    /// Wait until the page has painted what it shows now (two animation frames have passed): what
    /// a redraw was going to do has been done.
    pub async fn painted(&self) -> TestResult {
        self.driver
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                Vec::new(),
            )
            .await?;
        Ok(())
    }

    /// Wait until `condition`, a script's boolean expression about the page, holds; `what` names
    /// it when it never does.
    pub async fn wait_until(&self, what: &str, condition: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        let script = format!("return Boolean({condition});");
        loop {
            if self.driver.execute(&script, Vec::new()).await?.json().as_bool() == Some(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("waited in vain for {what}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Wait until the page is drawn in the look asked for: its viewport as wide as the driver made
    /// the window (when `resized`), the colour scheme dark or not, and a frame painted since the
    /// page said so.
    pub async fn drawn_as(&self, resized: bool, dark: bool) -> TestResult {
        let width = match resized {
            true => Some(self.driver.get_window_rect().await?.width),
            false => None,
        };
        let deadline = Instant::now() + WAIT;
        loop {
            let drawn = self
                .driver
                .execute_async(
                    "const [width, dark, done] = arguments;
                     const looks = () => (width === null || innerWidth === width)
                         && matchMedia('(prefers-color-scheme: dark)').matches === dark;
                     requestAnimationFrame(() => requestAnimationFrame(() => done(looks())));",
                    vec![serde_json::json!(width), serde_json::json!(dark)],
                )
                .await?;
            if drawn.json().as_bool() == Some(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                let seen = self
                    .eval_string(
                        "return `${outerWidth} ${innerWidth} ${matchMedia('(prefers-color-scheme: dark)').matches}`;",
                    )
                    .await?;
                return Err(format!("the page never looked {width:?} px wide, dark {dark}: it is {seen}").into());
            }
        }
    }

    /// What axe-core (the npm package, injected into the page) finds wrong with the page as it
    /// is now, one line per rule and element, and whether the page scrolls sideways; in each of
    /// the four looks people use: light and dark, 1360 and 390 px wide. Empty when all is well.
    pub async fn accessibility_problems(
        &self,
        screen: &str,
    ) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
        static AXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let axe = AXE.get_or_init(|| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../node_modules/axe-core/axe.min.js");
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (npm ci installs it)", path.display()))
        });
        let scheme =
            |value: &str| serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] });
        let cdp = self.driver.cdp();
        let mut problems = Vec::new();
        for (width, dark) in [(1360, false), (1360, true), (390, false), (390, true)] {
            let look = format!("{screen} at {width} px, {}", if dark { "dark" } else { "light" });
            self.driver.set_window_rect(0, 0, width, 900).await?;
            cdp.send_raw("Emulation.setEmulatedMedia", scheme(if dark { "dark" } else { "" }))
                .await?;
            self.drawn_as(true, dark).await?;
            if self.eval_string("return typeof axe").await? != "object" {
                self.driver.execute(axe, Vec::new()).await?;
            }
            let found = self
                .driver
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     axe.run(document, { resultTypes: ['violations'] }).then((r) => done(JSON.stringify(
                         r.violations.flatMap((v) => v.nodes.map((n) =>
                             v.id + ' (' + v.impact + '): ' + n.target.join(' ') + ' - ' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 240))))));",
                    Vec::new(),
                )
                .await?;
            let found: Vec<String> = serde_json::from_str(found.json().as_str().unwrap_or("[]"))?;
            problems.extend(found.into_iter().map(|p| format!("{look}: {p}")));
            let sideways = self
                .eval_string(
                    "const d = document.documentElement;
                     if (d.scrollWidth <= d.clientWidth + 1) return '';
                     const past = (el) => el.getBoundingClientRect().right > d.clientWidth + 1;
                     const scrolled = (el) => {
                         for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                             if (getComputedStyle(p).overflowX !== 'visible') return true;
                         }
                         return false;
                     };
                     const wide = Array.from(document.querySelectorAll('body *'))
                         .filter((el) => past(el) && !scrolled(el) && !(el.parentElement && past(el.parentElement)))
                         .slice(0, 4)
                         .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''));
                     return d.scrollWidth + ' px wide, past the edge: ' + wide.join(', ');",
                )
                .await?;
            if !sideways.is_empty() {
                problems.push(format!("{look}: the page scrolls sideways ({sideways})"));
            }
        }
        cdp.send_raw("Emulation.setEmulatedMedia", scheme("")).await?;
        self.driver.set_window_rect(0, 0, 1280, 900).await?;
        Ok(problems)
    }

    /// The whole page, not just what fits the window.
    async fn full_page(&self, path: &Path) -> TestResult {
        use base64::Engine;
        let cdp = self.driver.cdp();
        let metrics = cdp.send_raw("Page.getLayoutMetrics", serde_json::json!({})).await?;
        let size = &metrics["cssContentSize"];
        // Captured beyond the viewport, the page has no scrollbar: it is as wide as the window.
        let inner = self.driver.execute("return innerWidth", Vec::new()).await?;
        let width = size["width"]
            .as_f64()
            .unwrap_or(0.0)
            .max(inner.json().as_f64().unwrap_or(0.0));
        let shot = cdp
            .send_raw(
                "Page.captureScreenshot",
                serde_json::json!({
                    "format": "png",
                    "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": 0, "width": width, "height": size["height"], "scale": 1 },
                }),
            )
            .await?;
        let data = shot["data"].as_str().ok_or("no screenshot data")?;
        std::fs::write(path, base64::engine::general_purpose::STANDARD.decode(data)?)?;
        Ok(())
    }

    pub async fn open(&self, path: &str) -> TestResult {
        self.driver.goto(format!("{}{path}", self.base)).await?;
        Ok(())
    }

    /// The path and query of the page shown now.
    pub async fn location(&self) -> Result<String, WebDriverError> {
        let url = self.driver.current_url().await?;
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        })
    }

    pub async fn wait_location(&self, expected: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.location().await?;
            if now == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("expected to be at {expected}, but at {now}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The visible element of `role` whose accessible name is `name`, waiting for it to appear.
    pub async fn by_name(
        &self,
        role: &str,
        name: &str,
    ) -> Result<WebElement, Box<dyn std::error::Error + Send + Sync>> {
        let deadline = Instant::now() + WAIT;
        loop {
            let found = self
                .driver
                .execute(FIND_BY_NAME, vec![role.into(), name.into()])
                .await?;
            if let Ok(element) = found.element() {
                return Ok(element);
            }
            if Instant::now() > deadline {
                return Err(format!("no visible {role} named {name:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Press Tab until the element of `role` named `name` has focus, as a keyboard user reaches
    /// it; fails when 200 presses do not get there.
    pub async fn tab_to(&self, role: &str, name: &str) -> TestResult {
        for _ in 0..200 {
            // Found again each time: a live update may have drawn the element anew.
            let target = self.by_name(role, name).await?;
            if self.driver.active_element().await?.element_id() == target.element_id() {
                return Ok(());
            }
            self.press(Key::Tab).await?;
        }
        Err(format!("200 Tabs never reached the {role} named {name:?}").into())
    }

    /// Press a key (Enter, Escape, an arrow) on what has focus.
    pub async fn press(&self, key: Key) -> TestResult {
        self.driver.action_chain().send_keys(key).perform().await?;
        Ok(())
    }

    /// Type into what has focus.
    pub async fn type_text(&self, text: &str) -> TestResult {
        self.driver.action_chain().send_keys(text).perform().await?;
        Ok(())
    }

    /// The accessible name or text of what has focus, for messages.
    pub async fn focused(&self) -> Result<String, WebDriverError> {
        self.eval_string(
            "const a = document.activeElement; return a ? (a.getAttribute('aria-label') || a.textContent || a.tagName).trim() : '';",
        )
        .await
    }

    /// Open (or close) the user menu: its button is named after the person ("Olivia Owens, user
    /// menu"), whoever is signed in.
    pub async fn open_user_menu(&self) -> TestResult {
        self.open_menu_named(", user menu").await
    }

    /// Make the browser prefer `languages` (`["de-DE", "de"]`), as a person's browser settings
    /// do, for every page opened from now on: `navigator.languages` and `navigator.language`.
    pub async fn prefer_languages(&self, languages: &[&str]) -> TestResult {
        let list = serde_json::to_string(languages)?;
        self.before_every_page(&format!(
            "Object.defineProperty(Navigator.prototype, 'languages', {{ get: () => {list} }});\n\
             Object.defineProperty(Navigator.prototype, 'language', {{ get: () => {list}[0] }});"
        ))
        .await
    }

    /// Open (or close) the user menu whose button's name ends with `suffix` (", user menu" in
    /// English, ", Benutzermenü" in German).
    pub async fn open_menu_named(&self, suffix: &str) -> TestResult {
        const FIND: &str = r#"
            const text = (n) => n.nodeType === Node.TEXT_NODE ? n.textContent
                : (n.nodeType !== Node.ELEMENT_NODE || n.getAttribute('aria-hidden') === 'true') ? ''
                : Array.from(n.childNodes).map(text).join('');
            return Array.from(document.querySelectorAll('button[aria-haspopup=menu]'))
                .find((b) => b.getClientRects().length > 0
                    && text(b).replace(/\s+/g, ' ').trim().endsWith(arguments[0])) || null;"#;
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(button) = self.driver.execute(FIND, vec![suffix.into()]).await?.element() {
                button.click().await?;
                return Ok(());
            }
            ensure!(Instant::now() < deadline, "no button named \"…{suffix}\"");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Whether the user menu's button is on the page.
    pub async fn has_user_menu(&self) -> Result<bool, WebDriverError> {
        Ok(!self
            .driver
            .find_all(By::Css("button[aria-haspopup=menu]"))
            .await?
            .is_empty())
    }

    /// Whether a visible element of `role` named `name` is on the page right now.
    pub async fn has(&self, role: &str, name: &str) -> Result<bool, WebDriverError> {
        Ok(self
            .driver
            .execute(FIND_BY_NAME, vec![role.into(), name.into()])
            .await?
            .element()
            .is_ok())
    }

    /// Bring the element to the middle of the screen, as a person scrolls to what they want, so
    /// sticky bars never cover it; then click.
    pub async fn click(&self, role: &str, name: &str) -> TestResult {
        let element = self.by_name(role, name).await?;
        self.driver
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![element.to_json()?],
            )
            .await?;
        element.click().await?;
        Ok(())
    }

    /// Choose `option` in the list labelled `label`, as a person picks it: the option is clicked.
    /// (Typing its first letters into the list instead depends on a one-second timer between
    /// keystrokes, and picks another option when the page is slow.)
    pub async fn choose(&self, label: &str, option: &str) -> TestResult {
        let list = self.by_name("textbox", label).await?;
        thirtyfour::components::SelectElement::new(&list)
            .await?
            .select_by_exact_text(option)
            .await?;
        Ok(())
    }

    /// Type into the text box labelled `label`, replacing what it held, with the keystrokes a
    /// person would use (select all, delete, type), so the page sees every input event.
    pub async fn fill(&self, label: &str, text: &str) -> TestResult {
        let field = self.by_name("textbox", label).await?;
        field.send_keys(Key::Control + "a").await?;
        field.send_keys(Key::Backspace).await?;
        if !text.is_empty() {
            field.send_keys(text).await?;
        }
        Ok(())
    }

    pub async fn value_of(&self, label: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        Ok(self
            .by_name("textbox", label)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    /// Wait until the page's visible text contains `text`.
    pub async fn wait_text(&self, text: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        loop {
            // Between two pages (a reload, a link) there is a moment with no body: keep waiting.
            let body = self.body_text().await.unwrap_or_default();
            if body.contains(text) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("the page never showed {text:?}; it shows:\n{body}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A script's answer as text (a computed style, the title, ...).
    pub async fn eval_string(&self, script: &str) -> Result<String, WebDriverError> {
        let ret = self.driver.execute(script, vec![]).await?;
        Ok(ret.json().as_str().unwrap_or_default().to_string())
    }

    pub async fn body_text(&self) -> Result<String, WebDriverError> {
        self.driver.find(By::Tag("body")).await?.text().await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> TestResult {
        self.fill("Email", email).await?;
        self.fill("Password", password).await?;
        self.click("button", "Sign in").await
    }

    /// The session token the app keeps, read as a script in the page would.
    pub async fn stored_token(&self) -> Result<Option<String>, WebDriverError> {
        let ret = self
            .driver
            .execute("return localStorage.getItem('org-area.session');", vec![])
            .await?;
        Ok(ret.json().as_str().map(String::from))
    }
}

/// Elements by role and accessible name: aria-label, aria-labelledby, a <label>, else the text
/// content without aria-hidden parts. Only visible elements count.
const FIND_BY_NAME: &str = r#"
const [role, name] = arguments;
const selectors = {
  button: 'button, [role=button], input[type=submit]',
  link: 'a[href]',
  menuitem: '[role=menuitem]',
  menuitemradio: '[role=menuitemradio]',
  radio: 'input[type=radio], [role=radio]',
  checkbox: 'input[type=checkbox], [role=checkbox]',
  textbox: 'input:not([type=checkbox]):not([type=radio]), textarea, select',
  heading: 'h1, h2, h3, h4, [role=heading]',
  alert: '[role=alert]',
  alertdialog: '[role=alertdialog]',
  progressbar: 'progress, [role=progressbar]',
  img: 'img, [role=img]',
};
const text = (n) => {
  if (n.nodeType === Node.TEXT_NODE) return n.textContent;
  if (n.nodeType !== Node.ELEMENT_NODE || n.getAttribute('aria-hidden') === 'true') return '';
  return Array.from(n.childNodes).map(text).join(' ');
};
const accessibleName = (el) => {
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
  const ids = el.getAttribute('aria-labelledby');
  if (ids) return ids.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(text).join(' ');
  if (el.labels && el.labels.length) return Array.from(el.labels).map(text).join(' ');
  return text(el);
};
const norm = (s) => s.replace(/\s+/g, ' ').trim();
return Array.from(document.querySelectorAll(selectors[role] || role))
  .find((el) => el.getClientRects().length > 0 && norm(accessibleName(el)) === name) || null;
"#;

/// A child process, stopped when its owner is dropped.
struct Process(Child);

impl Process {
    /// Wait until it accepts connections on `port`; its error log, if it stopped instead.
    async fn listening(&mut self, port: u16, what: &str, log: impl Fn() -> String) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Ok(());
            }
            if let Ok(Some(status)) = self.0.try_wait() {
                return Err(format!("{what} stopped ({status}): {}", log()));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(format!("{what} did not listen within 20 s"))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A plain static file server in its own process (Python's standard library), on its own
/// origin: it serves a folder, and every address under `prefix` that is not a file gets
/// `{prefix}index.html`, the one rule a single-page app needs from a host. No other headers.
pub struct StaticHost {
    _process: Process,
    pub origin: String,
}

impl StaticHost {
    pub async fn start(root: &Path, prefix: &str) -> Result<StaticHost, String> {
        let python = std::env::var("ORG_AREA_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("static_host.py");
        let port = free_port();
        let child = Command::new(&python)
            .arg(&script)
            .arg(root)
            .arg(prefix)
            .arg(port.to_string())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("{python} {}: {e}", script.display()))?;
        let mut process = Process(child);
        process.listening(port, "the static host", String::new).await?;
        Ok(StaticHost {
            _process: process,
            origin: format!("http://127.0.0.1:{port}"),
        })
    }
}

/// nginx in its own process, serving `site` with the server block the build writes for hosts
/// (`hosting::nginx_block`), on its own origin.
pub struct Nginx {
    _process: Process,
    pub origin: String,
    _dir: tempfile::TempDir,
}

impl Nginx {
    /// `block(root, port)` is the server block to serve.
    pub async fn start(site: &Path, block: impl FnOnce(&str, u16) -> String) -> Result<Nginx, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let port = free_port();
        let tmp = dir.path().display().to_string();
        // One process, no daemon, everything it writes in its own folder.
        let config = format!(
            "daemon off;\nmaster_process off;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n\
             events {{}}\nhttp {{\n    access_log off;\n    client_body_temp_path {tmp}/body;\n    \
             proxy_temp_path {tmp}/proxy;\n    fastcgi_temp_path {tmp}/fastcgi;\n    uwsgi_temp_path {tmp}/uwsgi;\n    \
             scgi_temp_path {tmp}/scgi;\n{}\n}}\n",
            block(&site.display().to_string(), port)
        );
        let file = dir.path().join("nginx.conf");
        std::fs::write(&file, config).map_err(|e| e.to_string())?;
        let child = Command::new("/usr/sbin/nginx")
            .arg("-c")
            .arg(&file)
            .arg("-p")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("/usr/sbin/nginx: {e}"))?;
        let mut process = Process(child);
        let log = dir.path().join("error.log");
        process
            .listening(port, "nginx", || std::fs::read_to_string(&log).unwrap_or_default())
            .await?;
        Ok(Nginx {
            _process: process,
            origin: format!("http://127.0.0.1:{port}"),
            _dir: dir,
        })
    }
}
