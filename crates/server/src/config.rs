//! Command-line flags and environment variables. Flags win over the environment.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use common::secrets::SecretKeys;

use crate::client::TrustedProxies;

pub const USAGE: &str = "usage: org-area-server [--bind ADDR:PORT] [--database URL] [--seed demo|demo-large|none] [--static-dir DIR] [--allow-origin ORIGIN]... [--trusted-proxy CIDR[,CIDR...]]
       org-area-server backup --to FILE [--database URL]     a consistent copy, taken while it serves
       org-area-server restore --from FILE [--database URL]  into a new, empty database
  --bind          address to listen on (env ORG_AREA_BIND, default 127.0.0.1:8080)
  --database      sqlite://path/to/file.db or postgres://user:password@host:port/database (env
                  ORG_AREA_DATABASE_URL, default sqlite://data/org-area.db)
  --seed          demo: seed the demo organizations into an empty database; demo-large: the same with
                  Acme at 250 spaces and 10,000 users; none: never (default none)
  --static-dir    serve the built app from DIR, with deep links falling back to index.html
  --allow-origin  an origin allowed to call the API from a browser (env ORG_AREA_ALLOWED_ORIGINS, comma-separated)
  --trusted-proxy the reverse proxies in front of this server (env ORG_AREA_TRUSTED_PROXIES); only from
                  them are X-Forwarded-For (the client's address) and X-Forwarded-Proto believed
  --smtp-url      where mail is sent (env ORG_AREA_SMTP_URL): smtp://[user:pass@]host:port (STARTTLS when
                  offered; ?tls=required to insist) or smtps://host:port; without it, mail is written as
                  .eml files to the mail folder
  --mail-dir      that folder (env ORG_AREA_MAIL_DIR; default `mail` beside an SQLite database, ./mail
                  with PostgreSQL)
  --mail-from     the sender of every mail (env ORG_AREA_MAIL_FROM, default \"org-area <no-reply@localhost>\")
  --public-url    the app's address in mails' links (env ORG_AREA_PUBLIC_URL, default http://BIND)
  --secret-key-file the keys that seal two-factor seeds, one per line, the first sealing (base64 of 32
                  random bytes: `openssl rand -base64 32`; env ORG_AREA_SECRET_KEY_FILE), or the keys
                  themselves in env ORG_AREA_SECRET_KEY. Default: `secret.key` beside an SQLite database, made on first
                  start; PostgreSQL needs one of the two
  --idle-timeout  minutes a session may go without a person's request before it ends (env
                  ORG_AREA_IDLE_TIMEOUT, 5 to 720, default 120)
  --answer-cache-mb the memory, in MiB, this instance may give to the list answers it keeps per
                  organization and revision (env ORG_AREA_ANSWER_CACHE_MB, 0 to 4096, default 64; 0 keeps none)
  --schedule-every how often, in seconds, to look for due work: renewals, mail, pruning (env
                  ORG_AREA_SCHEDULE_EVERY, default 60); every instance looks, one does each piece
  --shutdown-grace on SIGTERM, the seconds the requests in flight get to finish, while no new connection
                  is taken and /api/v1/health answers 503 (env ORG_AREA_SHUTDOWN_GRACE, 1 to 600, default 20)
  --connections-per-address the connections one client address may hold open at once; more are closed
                  at once (env ORG_AREA_CONNECTIONS_PER_ADDRESS, 1 to 100000, default 256; trusted proxies are
                  not counted)
  --allow-private-webhooks let webhook endpoints be http:// and private, loopback or link-local
                  addresses (env ORG_AREA_ALLOW_PRIVATE_WEBHOOKS=1): for development and tests only
  --dns-resolver  the DNS server that verified domains' TXT records are looked up at, HOST:PORT (env
                  ORG_AREA_DNS_RESOLVER; default: the system's resolvers, from /etc/resolv.conf)";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seed {
    Demo,
    /// The demo, with Acme grown to 250 spaces and 10,000 users: for trying and measuring scale.
    DemoLarge,
    None,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub bind: SocketAddr,
    pub database_url: String,
    pub seed: Seed,
    pub static_dir: Option<PathBuf>,
    /// Origins allowed to call the API cross-origin (an app hosted on a CDN).
    pub allowed_origins: Vec<String>,
    pub trusted_proxies: TrustedProxies,
    /// A request that takes longer is answered 503.
    pub request_timeout: Duration,
    /// How often the scheduler looks for due work (renewals, stuck charges, pruning).
    pub schedule_every: Duration,
    /// No URL: mails become files in [`Config::mail_dir`].
    pub smtp_url: Option<String>,
    /// Where mail files go without SMTP; none: beside an SQLite database, `./mail` otherwise.
    pub mail_folder: Option<PathBuf>,
    pub mail_from: String,
    /// The app's address for links in mails; none: `http://` and the bound address.
    pub public_url: Option<String>,
    /// The pause after a failed send; it doubles with each further failure.
    pub mail_retry_after: Duration,
    /// The keys themselves (from `ORG_AREA_SECRET_KEY`, or a test's); win over the file.
    pub secret_keys: Option<SecretKeys>,
    /// Where the keys are; none: `secret.key` beside an SQLite database.
    pub secret_key_file: Option<PathBuf>,
    /// A session without a person's request for this long ends.
    pub idle_timeout: Duration,
    /// The most the kept list answers may hold, in bytes.
    pub answer_cache_bytes: usize,
    /// On SIGTERM, how long the requests in flight may take to finish.
    pub shutdown_grace: Duration,
    /// The connections one client address may hold open at once (trusted proxies excepted).
    pub connections_per_address: usize,
    /// A client that has not sent a whole request head in this time is disconnected.
    pub header_timeout: Duration,
    /// A request body that has not arrived whole in this time is cut off.
    pub body_timeout: Duration,
    /// Webhooks may call http:// and private, loopback and link-local addresses (development and
    /// tests); off, they never do, whatever a name resolves to.
    pub allow_private_webhooks: bool,
    /// The pause after a failed webhook delivery; it doubles with each further failure, up to an
    /// hour.
    pub webhook_retry_after: Duration,
    /// Where domains' TXT records are looked up; none: the system's resolvers.
    pub dns_resolver: Option<SocketAddr>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: "127.0.0.1:8080".parse().expect("valid default address"),
            database_url: "sqlite://data/org-area.db".into(),
            seed: Seed::None,
            static_dir: None,
            allowed_origins: Vec::new(),
            trusted_proxies: TrustedProxies::default(),
            request_timeout: Duration::from_secs(30),
            schedule_every: Duration::from_secs(60),
            smtp_url: None,
            mail_folder: None,
            mail_from: "org-area <no-reply@localhost>".into(),
            public_url: None,
            mail_retry_after: Duration::from_secs(30),
            secret_keys: None,
            secret_key_file: None,
            idle_timeout: Duration::from_secs(2 * 3600),
            answer_cache_bytes: 64 << 20,
            shutdown_grace: Duration::from_secs(20),
            connections_per_address: 256,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(20),
            allow_private_webhooks: false,
            webhook_retry_after: Duration::from_secs(30),
            dns_resolver: None,
        }
    }
}

impl Config {
    pub fn from_args_and_env(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, String> {
        let mut config = Config::default();
        if let Some(bind) = env("ORG_AREA_BIND") {
            config.bind = parse_bind(&bind)?;
        }
        if let Some(url) = env("ORG_AREA_DATABASE_URL") {
            config.database_url = url;
        }
        if let Some(origins) = env("ORG_AREA_ALLOWED_ORIGINS") {
            config.allowed_origins = origins
                .split(',')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(String::from)
                .collect();
        }
        config.smtp_url = env("ORG_AREA_SMTP_URL").filter(|u| !u.is_empty());
        config.mail_folder = env("ORG_AREA_MAIL_DIR").filter(|d| !d.is_empty()).map(PathBuf::from);
        if let Some(from) = env("ORG_AREA_MAIL_FROM") {
            config.mail_from = from;
        }
        config.public_url = env("ORG_AREA_PUBLIC_URL").filter(|u| !u.is_empty());
        if let Some(seconds) = env("ORG_AREA_SCHEDULE_EVERY") {
            config.schedule_every = parse_seconds(&seconds)?;
        }
        if let Some(keys) = env("ORG_AREA_SECRET_KEY").filter(|k| !k.trim().is_empty()) {
            // One key a line, or several on one line separated by commas or spaces.
            let lines = keys.replace([',', ' '], "\n");
            config.secret_keys = Some(SecretKeys::parse(&lines).map_err(|e| format!("ORG_AREA_SECRET_KEY: {e}"))?);
        }
        config.secret_key_file = env("ORG_AREA_SECRET_KEY_FILE")
            .filter(|f| !f.is_empty())
            .map(PathBuf::from);
        if let Some(minutes) = env("ORG_AREA_IDLE_TIMEOUT") {
            config.idle_timeout = parse_minutes(&minutes)?;
        }
        if let Some(mib) = env("ORG_AREA_ANSWER_CACHE_MB") {
            config.answer_cache_bytes = parse_mib(&mib)?;
        }
        if let Some(seconds) = env("ORG_AREA_SHUTDOWN_GRACE") {
            config.shutdown_grace = parse_grace(&seconds)?;
        }
        if let Some(count) = env("ORG_AREA_CONNECTIONS_PER_ADDRESS") {
            config.connections_per_address = parse_connections(&count)?;
        }
        if let Some(proxies) = env("ORG_AREA_TRUSTED_PROXIES") {
            config.trusted_proxies = TrustedProxies::parse(&proxies)?;
        }
        if env("ORG_AREA_ALLOW_PRIVATE_WEBHOOKS").is_some_and(|v| v == "1" || v == "true") {
            config.allow_private_webhooks = true;
        }
        if let Some(resolver) = env("ORG_AREA_DNS_RESOLVER").filter(|r| !r.trim().is_empty()) {
            config.dns_resolver = Some(parse_resolver(&resolver)?);
        }
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--bind" => config.bind = parse_bind(&value()?)?,
                "--database" => config.database_url = value()?,
                "--trusted-proxy" => config.trusted_proxies.extend(TrustedProxies::parse(&value()?)?),
                "--smtp-url" => config.smtp_url = Some(value()?),
                "--mail-dir" => config.mail_folder = Some(PathBuf::from(value()?)),
                "--secret-key-file" => {
                    config.secret_key_file = Some(PathBuf::from(value()?));
                    config.secret_keys = None;
                }
                "--schedule-every" => config.schedule_every = parse_seconds(&value()?)?,
                "--idle-timeout" => config.idle_timeout = parse_minutes(&value()?)?,
                "--answer-cache-mb" => config.answer_cache_bytes = parse_mib(&value()?)?,
                "--shutdown-grace" => config.shutdown_grace = parse_grace(&value()?)?,
                "--connections-per-address" => config.connections_per_address = parse_connections(&value()?)?,
                "--mail-from" => config.mail_from = value()?,
                "--public-url" => config.public_url = Some(value()?.trim_end_matches('/').to_string()),
                "--seed" => {
                    config.seed = match value()?.as_str() {
                        "demo" => Seed::Demo,
                        "demo-large" => Seed::DemoLarge,
                        "none" => Seed::None,
                        other => return Err(format!("--seed must be demo, demo-large or none, not {other:?}")),
                    }
                }
                "--static-dir" => config.static_dir = Some(PathBuf::from(value()?)),
                "--allow-origin" => config.allowed_origins.push(value()?),
                "--allow-private-webhooks" => config.allow_private_webhooks = true,
                "--dns-resolver" => config.dns_resolver = Some(parse_resolver(&value()?)?),
                other => return Err(format!("unknown argument {other:?}")),
            }
        }
        check_database_url(&config.database_url)?;
        Ok(config)
    }
}

/// A DNS server as `HOST:PORT` (an address: a resolver named by a name would need a resolver).
fn parse_resolver(text: &str) -> Result<SocketAddr, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("--dns-resolver must be an address and port like 127.0.0.1:53, not {text:?}"))
}

impl Config {
    /// Where mails are written when no SMTP server is configured.
    pub fn mail_dir(&self) -> PathBuf {
        if let Some(folder) = &self.mail_folder {
            return folder.clone();
        }
        self.sqlite_dir()
            .map(|dir| dir.join("mail"))
            .unwrap_or_else(|| PathBuf::from("mail"))
    }

    /// The keys that seal two-factor seeds: given, read from their file, or (SQLite only) read
    /// from `secret.key` beside the database and made there on first start. A PostgreSQL server
    /// has no one place that is surely its own, so it must be told.
    pub fn resolve_secret_keys(&self) -> Result<SecretKeys, String> {
        if let Some(keys) = &self.secret_keys {
            return Ok(keys.clone());
        }
        if let Some(file) = &self.secret_key_file {
            return SecretKeys::read(file);
        }
        match self.sqlite_dir() {
            Some(dir) => SecretKeys::read_or_create(&dir.join("secret.key")),
            None => Err(
                "with PostgreSQL, give the keys that seal two-factor seeds: --secret-key-file FILE or \
                 ORG_AREA_SECRET_KEY (make one with `openssl rand -base64 32`; see docs/security.md)"
                    .into(),
            ),
        }
    }

    /// The folder of an SQLite database file; none for PostgreSQL.
    fn sqlite_dir(&self) -> Option<PathBuf> {
        if !self.database_url.starts_with("sqlite:") {
            return None;
        }
        let file = self
            .database_url
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:")
            .split('?')
            .next()
            .unwrap_or("");
        Some(
            std::path::Path::new(file)
                .parent()
                .map(PathBuf::from)
                .unwrap_or_default(),
        )
    }
}

/// An address of neither kind stops the server at start (it would otherwise be taken as a file
/// name).
fn check_database_url(url: &str) -> Result<(), String> {
    crate::db::Backend::of_url(url).map(|_| ())
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    match s.trim().parse::<u64>() {
        Ok(seconds) if seconds > 0 => Ok(Duration::from_secs(seconds)),
        _ => Err(format!(
            "--schedule-every takes a whole number of seconds above 0, not {s:?}"
        )),
    }
}

/// Whole minutes, from 5 to 720 (the session's own 12 hours).
fn parse_minutes(s: &str) -> Result<Duration, String> {
    match s.trim().parse::<u64>() {
        Ok(minutes) if (5..=720).contains(&minutes) => Ok(Duration::from_secs(minutes * 60)),
        _ => Err(format!("--idle-timeout takes whole minutes from 5 to 720, not {s:?}")),
    }
}

/// Whole MiB, from 0 to 4096, as bytes.
fn parse_mib(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(mib) if mib <= 4096 => Ok(mib << 20),
        _ => Err(format!("--answer-cache-mb takes whole MiB from 0 to 4096, not {s:?}")),
    }
}

/// Whole seconds, from 1 to 600.
fn parse_grace(s: &str) -> Result<Duration, String> {
    match s.trim().parse::<u64>() {
        Ok(seconds) if (1..=600).contains(&seconds) => Ok(Duration::from_secs(seconds)),
        _ => Err(format!("--shutdown-grace takes whole seconds from 1 to 600, not {s:?}")),
    }
}

fn parse_connections(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(count) if (1..=100_000).contains(&count) => Ok(count),
        _ => Err(format!(
            "--connections-per-address takes a whole number from 1 to 100000, not {s:?}"
        )),
    }
}

fn parse_bind(s: &str) -> Result<SocketAddr, String> {
    s.parse()
        .map_err(|_| format!("bind address must look like 127.0.0.1:8080, not {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_override_environment() {
        let env = |k: &str| match k {
            "ORG_AREA_BIND" => Some("0.0.0.0:9000".to_string()),
            "ORG_AREA_DATABASE_URL" => Some("sqlite://env.db".to_string()),
            _ => None,
        };
        let config = Config::from_args_and_env(args(&["--bind", "127.0.0.1:7000"]), env).unwrap();
        assert_eq!(config.bind.port(), 7000);
        assert_eq!(config.database_url, "sqlite://env.db");
        assert_eq!(config.seed, Seed::None);
    }

    #[test]
    fn bad_values_are_reported() {
        assert!(Config::from_args_and_env(args(&["--seed", "lots"]), |_| None)
            .unwrap_err()
            .contains("demo, demo-large or none"));
        assert!(Config::from_args_and_env(args(&["--bind", "nowhere"]), |_| None).is_err());
        assert!(Config::from_args_and_env(args(&["--database"]), |_| None)
            .unwrap_err()
            .contains("needs a value"));
        // Never silently a file named `postgress:`; the password in the address is not repeated.
        let refused =
            Config::from_args_and_env(args(&["--database", "postgress://u:secret@db/x"]), |_| None).unwrap_err();
        assert!(
            refused.contains("postgres://") && !refused.contains("secret"),
            "{refused}"
        );
        assert!(Config::from_args_and_env(args(&["--database", "data/org-area.db"]), |_| None).is_err());
        let postgres =
            Config::from_args_and_env(args(&["--database", "postgres://u:secret@db:5432/x"]), |_| None).unwrap();
        assert_eq!(postgres.mail_dir(), PathBuf::from("mail"));
        assert!(Config::from_args_and_env(args(&["--trusted-proxy", "10.0.0.0/99"]), |_| None).is_err());
        assert!(Config::from_args_and_env(args(&["--schedule-every", "0"]), |_| None).is_err());
        assert!(Config::from_args_and_env(args(&["--idle-timeout", "4"]), |_| None).is_err());
        assert!(Config::from_args_and_env(args(&["--idle-timeout", "721"]), |_| None).is_err());
        let idle =
            Config::from_args_and_env(args(&[]), |k| (k == "ORG_AREA_IDLE_TIMEOUT").then(|| "30".into())).unwrap();
        assert_eq!(idle.idle_timeout, Duration::from_secs(1800));
        assert_eq!(Config::default().idle_timeout, Duration::from_secs(7200));
        let cache = Config::from_args_and_env(args(&["--answer-cache-mb", "0"]), |_| None).unwrap();
        assert_eq!(cache.answer_cache_bytes, 0);
        assert!(Config::from_args_and_env(args(&["--answer-cache-mb", "4097"]), |_| None).is_err());
        assert_eq!(Config::default().answer_cache_bytes, 64 << 20);
        let draining = Config::from_args_and_env(args(&["--shutdown-grace", "5"]), |k| {
            (k == "ORG_AREA_CONNECTIONS_PER_ADDRESS").then(|| "40".into())
        })
        .unwrap();
        assert_eq!(draining.shutdown_grace, Duration::from_secs(5));
        assert_eq!(draining.connections_per_address, 40);
        assert_eq!(Config::default().shutdown_grace, Duration::from_secs(20));
        assert!(Config::from_args_and_env(args(&["--shutdown-grace", "0"]), |_| None).is_err());
        assert!(Config::from_args_and_env(args(&["--connections-per-address", "0"]), |_| None).is_err());
        let often = Config::from_args_and_env(args(&["--schedule-every", "2"]), |_| None).unwrap();
        assert_eq!(often.schedule_every, Duration::from_secs(2));
    }

    /// The systemd unit in `deploy/` starts the server with flags it takes, and the settings its
    /// comments show are ones it accepts.
    #[test]
    fn the_shipped_systemd_unit_starts_the_server() {
        let unit = include_str!("../../../deploy/org-area-server.service");
        let exec = unit
            .lines()
            .find_map(|l| l.strip_prefix("ExecStart="))
            .expect("an ExecStart line");
        let args: Vec<String> = exec.split_whitespace().skip(1).map(str::to_string).collect();
        let example: Vec<(String, String)> = unit
            .lines()
            .filter_map(|l| l.strip_prefix("#   ORG_AREA_"))
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (format!("ORG_AREA_{k}"), v.to_string()))
            .collect();
        assert!(example.len() >= 5, "the unit shows its settings");
        let config = Config::from_args_and_env(args, |k| {
            example.iter().find(|(name, _)| name == k).map(|(_, v)| v.clone())
        })
        .unwrap();
        assert_eq!(config.bind.port(), 8080);
        assert!(!config.bind.ip().is_unspecified(), "bound to one interface, not all");
        let balancer: std::net::IpAddr = "10.0.1.10".parse().unwrap();
        let neighbour: std::net::IpAddr = "10.0.1.99".parse().unwrap();
        assert!(config.trusted_proxies.trusts(balancer));
        assert!(
            !config.trusted_proxies.trusts(neighbour),
            "the balancer's addresses, not its network"
        );
        assert_eq!(config.seed, Seed::None);
        assert_eq!(
            config.database_url,
            "postgres://org_area:secret@db.example.com:5432/org_area"
        );
        assert!(config.smtp_url.is_some());
    }

    #[test]
    fn postgres_needs_the_secret_key_given_and_a_bad_key_stops_the_start() {
        let postgres = ["--database", "postgres://u:secret@db:5432/x"];
        let bare = Config::from_args_and_env(args(&postgres), |_| None).unwrap();
        assert!(bare.resolve_secret_keys().unwrap_err().contains("--secret-key-file"));
        let key = common::secrets::new_key();
        let given = Config::from_args_and_env(args(&postgres), |k| {
            (k == "ORG_AREA_SECRET_KEY").then(|| format!("{key},{}", common::secrets::new_key()))
        })
        .unwrap();
        let keys = given.resolve_secret_keys().unwrap();
        assert_eq!(keys.current_id(), SecretKeys::parse(&key).unwrap().current_id());
        let bad = Config::from_args_and_env(args(&postgres), |k| {
            (k == "ORG_AREA_SECRET_KEY").then(|| "short".into())
        });
        assert!(bad.unwrap_err().contains("ORG_AREA_SECRET_KEY"));
        assert!(
            !format!("{:?}", given).contains(&key),
            "a key never shows in the configuration's debug text"
        );
    }
}
