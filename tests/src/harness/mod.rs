//! The pieces every scenario uses: chromedriver and the server ([`processes`]), and a browser
//! session ([`Ctx`]) with helpers that find elements by their accessible name as a person would
//! ([`browser`]), read mails and downloads ([`mail`]), watch for what must not happen
//! ([`problems`]) and check accessibility ([`axe`]); a webhook receiver ([`receiver`]).

mod axe;
mod browser;
mod mail;
mod problems;
mod processes;
pub mod receiver;

pub use processes::*;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use org_area_server::{Config, Seed};
use thirtyfour::prelude::*;
use tokio::sync::Mutex;

pub type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

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

pub(crate) const WAIT: Duration = Duration::from_secs(10);

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
                serde_json::json!({ "source": problems::PROBLEM_RECORDER }),
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

    pub async fn close(&self) {
        let _ = self.driver.clone().quit().await;
        self.server.lock().await.stop();
    }
}
