//! The processes a scenario runs against: chromedriver, the org-area server (in this process, on
//! its own port and database), and the static hosts (Python's, nginx) the delivery scenarios serve
//! `dist/` from. Each stops when dropped.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use org_area_server::{Config, Seed};

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

pub(crate) fn free_port() -> u16 {
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

/// A DNS server on loopback (the server tests' own, `crates/server/tests/dns/txt_server.py`, on
/// dnslib), answering TXT questions from a zone file this rewrites: what a person publishes at
/// their DNS provider.
pub struct DnsServer {
    _process: Process,
    pub addr: std::net::SocketAddr,
    zone: PathBuf,
    _dir: tempfile::TempDir,
}

impl DnsServer {
    pub async fn start() -> Result<DnsServer, String> {
        let python = std::env::var("ORG_AREA_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../crates/server/tests/dns/txt_server.py");
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let zone = dir.path().join("zone.json");
        std::fs::write(&zone, "{}").map_err(|e| e.to_string())?;
        let port = free_port();
        let child = Command::new(&python)
            .arg(&script)
            .arg(&zone)
            .arg(port.to_string())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("{python} {}: {e}", script.display()))?;
        let mut process = Process(child);
        process.listening(port, "the DNS server", String::new).await?;
        Ok(DnsServer {
            _process: process,
            addr: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
            zone,
            _dir: dir,
        })
    }

    /// Publish `value` as the one TXT record at `name`.
    pub fn publish(&self, name: &str, value: &str) -> Result<(), String> {
        let zone = serde_json::json!({ "txt": { format!("{name}."): [value] } });
        let next = self.zone.with_extension("next");
        std::fs::write(&next, zone.to_string()).map_err(|e| e.to_string())?;
        std::fs::rename(next, &self.zone).map_err(|e| e.to_string())
    }
}

/// An OpenID Connect provider on loopback (the server tests' own,
/// `crates/server/tests/oidc/provider.mjs`, on npm's oidc-provider) with its development login
/// form, for one client whose only redirect URI is `redirect_uri`.
pub struct OidcProvider {
    _process: Process,
    pub issuer: String,
}

impl OidcProvider {
    pub const CLIENT_ID: &'static str = "org-area";
    pub const CLIENT_SECRET: &'static str = "a-client-secret-for-the-tests";

    pub async fn start(redirect_uri: &str) -> Result<OidcProvider, String> {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../crates/server/tests/oidc/provider.mjs");
        let port = free_port();
        let child = Command::new("node")
            .arg(&script)
            .arg(port.to_string())
            .args([Self::CLIENT_ID, Self::CLIENT_SECRET, redirect_uri])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("node {}: {e}", script.display()))?;
        let mut process = Process(child);
        process
            .listening(port, "the OpenID Connect provider", String::new)
            .await?;
        Ok(OidcProvider {
            _process: process,
            issuer: format!("http://127.0.0.1:{port}"),
        })
    }
}

/// A SAML 2.0 identity provider on loopback (the server tests' own,
/// `crates/server/tests/saml/idp.py`, on PyPI's pysaml2 signing with xmlsec1), with a sign-in
/// form that takes any address.
pub struct SamlIdentityProvider {
    _process: Process,
    pub base: String,
}

impl SamlIdentityProvider {
    pub async fn start() -> Result<SamlIdentityProvider, String> {
        let python = std::env::var("ORG_AREA_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../crates/server/tests/saml/idp.py");
        let port = free_port();
        let child = Command::new(&python)
            .arg(&script)
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{python} {}: {e}", script.display()))?;
        let mut process = Process(child);
        process
            .listening(port, "the SAML identity provider", String::new)
            .await?;
        Ok(SamlIdentityProvider {
            _process: process,
            base: format!("http://127.0.0.1:{port}"),
        })
    }

    /// Its metadata, as an administrator copies it from the provider's console.
    pub async fn metadata(&self) -> Result<String, String> {
        let answer = reqwest::get(format!("{}/metadata", self.base))
            .await
            .map_err(|e| e.to_string())?;
        answer.text().await.map_err(|e| e.to_string())
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
