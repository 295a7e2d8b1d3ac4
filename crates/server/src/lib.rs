//! The org-area API server: JSON under `/api/v1` over SQLite or PostgreSQL, and the built app as
//! static files.
//!
//! `routes/` holds the HTTP handlers, which only parse, call and answer; the domain (the crates
//! `org-area-domain-sqlite` and `-postgres`, one source built for each database) owns the SQL and
//! the rules, checks the caller's role inside each change's transaction and records its activity
//! there; `scheduler` and `mailer` run what is due without a request. The app only mirrors the
//! rules to hide what a role cannot do.

pub mod answers;
pub mod caller;
pub mod client;
pub mod config;
pub mod db;
pub mod dns;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod lang;
pub mod large;
pub mod lifecycle;
pub mod mailer;
pub mod oidc;
pub mod openapi;
pub mod routes;
pub mod saml;
pub mod scheduler;
pub mod scim;
pub mod serve;
pub mod sso_landing;
pub mod web;
pub mod webhooks;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use common::mail::Links;
use common::password::Hasher;
pub use common::payments;
pub use common::secrets;
use common::secrets::SecretKeys;
use payments::PaymentGateway;

pub use config::{Config, Seed};
pub use db::Database;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    /// Every password hash and check goes through it, under its concurrency cap.
    pub hasher: Arc<Hasher>,
    /// What two-factor seeds are sealed with.
    pub secret_keys: Arc<SecretKeys>,
    /// How long a session may go without a person's request.
    pub idle_timeout: chrono::Duration,
    /// Where invoices are charged; the test gateway until a provider is configured.
    pub payments: Arc<dyn PaymentGateway>,
    pub proxies: Arc<client::TrustedProxies>,
    /// The list answers kept per organization and revision.
    pub answers: Arc<answers::Answers>,
    /// Turns for answers of many megabytes (the whole organization, exports).
    pub large_answers: Arc<large::LargeAnswers>,
    /// Sends what the outbox holds; woken when something is queued.
    pub mailer: Arc<mailer::Mailer>,
    /// The app's public address, for links in mails.
    pub links: Arc<Links>,
    /// This instance's open event streams, each woken by its own organization's changes.
    pub changes: Arc<common::live::Changes>,
    /// Told of each change made through this instance, so its streams need not wait to hear of it.
    pub changed_here: Arc<tokio::sync::Notify>,
    /// Serving, or draining before the process ends.
    pub lifecycle: Arc<lifecycle::Lifecycle>,
    /// Sends the webhook outbox; woken after each change made here.
    pub webhooks: Arc<webhooks::WebhookSender>,
    /// Where verified domains' TXT records are looked up.
    pub dns: Arc<dyn common::dns::TxtLookup>,
    /// Speaks to organizations' OpenID Connect providers.
    pub oidc: Arc<oidc::Oidc>,
    /// SCIM requests counted per organization this minute.
    pub scim_rate: Arc<scim::rate::ScimRate>,
}

/// The whole HTTP surface: the API, and the app's files when a directory is given.
pub fn app(state: AppState, config: &Config) -> Router {
    let db = state.db.clone();
    let proxies = state.proxies.clone();
    let (api, _doc) = routes::api();
    let api = api.merge(scim::router());
    let after_writes = web::AfterWrites {
        streams: state.changed_here.clone(),
        webhooks: state.webhooks.clone(),
    };
    web::wrap(api.with_state(state), config, db, proxies, after_writes)
}

/// A server bound and serving in the background of the current tokio runtime.
pub struct Running {
    pub addr: SocketAddr,
    pub db: Database,
    pub state: AppState,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    pub scheduler: tokio::task::JoinHandle<()>,
    /// Who this instance's scheduler is, in the lease it holds.
    pub scheduler_holder: String,
    pub mail_sender: tokio::task::JoinHandle<()>,
    pub change_watcher: tokio::task::JoinHandle<()>,
    pub webhook_senders: Vec<tokio::task::JoinHandle<()>>,
}

impl Running {
    /// Wait until serving has ended: after draining began (`state.lifecycle.drain()`, what SIGTERM
    /// does) and the requests in flight finished, within `--shutdown-grace`.
    pub async fn finished(self) -> std::io::Result<()> {
        let served = self.task.await;
        self.scheduler.abort();
        scheduler::release(&self.db, &self.scheduler_holder).await;
        self.mail_sender.abort();
        self.change_watcher.abort();
        self.webhook_senders.iter().for_each(|t| t.abort());
        served.map_err(std::io::Error::other)?
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stop serving, scheduling and sending, as a stopped process would.
    pub fn stop(&self) {
        self.task.abort();
        self.scheduler.abort();
        self.mail_sender.abort();
        self.change_watcher.abort();
        self.webhook_senders.iter().for_each(|t| t.abort());
    }
}

/// Open the database, migrate, seed if asked and start serving, charging with the test gateway.
pub async fn start(config: Config) -> Result<Running, StartError> {
    start_with(config, Arc::new(payments::TestGateway::default())).await
}

/// The same with a payment gateway of the caller's choosing.
pub async fn start_with(config: Config, payments: Arc<dyn PaymentGateway>) -> Result<Running, StartError> {
    let db = Database::connect(&config.database_url).await?;
    match config.seed {
        Seed::Demo => {
            on_db!(&db, |pool, domain| { domain::seed::demo_if_empty(pool).await })?;
        }
        Seed::DemoLarge => {
            if on_db!(&db, |pool, domain| { domain::seed::demo_if_empty(pool).await })? {
                on_db!(&db, |pool, domain| { domain::seed::grow_acme(pool, 250, 10_000).await })?;
            }
        }
        Seed::None => {}
    }
    let hasher = Arc::new(Hasher::default());
    let secret_keys = Arc::new(seal_secrets(&db, &config, &hasher).await?);
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let mailer = Arc::new(mailer::Mailer::new(
        config.smtp_url.as_deref(),
        &config.mail_from,
        config.mail_dir(),
        config.mail_retry_after,
    )?);
    tracing::info!("{}", mailer.describe());
    let changed_here = Arc::new(tokio::sync::Notify::new());
    let (changes, change_watcher) = on_db!(&db, |pool, domain| {
        domain::events::watch(pool.clone(), changed_here.clone()).await
    })?;
    let links = Arc::new(Links {
        public_url: config.public_url.clone().unwrap_or_else(|| format!("http://{addr}")),
    });
    let webhooks = Arc::new(webhooks::WebhookSender::new(
        config.allow_private_webhooks,
        config.webhook_retry_after,
        secret_keys.clone(),
        links.clone(),
    )?);
    let dns: Arc<dyn common::dns::TxtLookup> = Arc::new(dns::Dns::new(config.dns_resolver));
    let state = AppState {
        db: db.clone(),
        hasher,
        secret_keys,
        idle_timeout: chrono::Duration::from_std(config.idle_timeout).unwrap_or(chrono::Duration::hours(2)),
        payments: payments.clone(),
        proxies: Arc::new(config.trusted_proxies.clone()),
        answers: Arc::new(answers::Answers::new(config.answer_cache_bytes)),
        large_answers: Arc::new(large::LargeAnswers::default()),
        mailer: mailer.clone(),
        links,
        changes,
        changed_here,
        lifecycle: Arc::new(lifecycle::Lifecycle::default()),
        webhooks: webhooks.clone(),
        dns: dns.clone(),
        oidc: Arc::new(oidc::Oidc::new()?),
        scim_rate: Arc::default(),
    };
    let router = app(state.clone(), &config);
    let limits = serve::Limits {
        header_timeout: config.header_timeout,
        per_address: config.connections_per_address,
        grace: config.shutdown_grace,
        proxies: state.proxies.clone(),
    };
    let task = tokio::spawn(serve::serve(listener, router, state.lifecycle.clone(), limits));
    let scheduler_holder = common::tokens::new_token();
    let scheduler = scheduler::spawn(
        db.clone(),
        payments,
        state.links.clone(),
        dns,
        mailer.clone(),
        config.schedule_every,
        scheduler_holder.clone(),
    );
    let mail_sender = mailer::spawn(db.clone(), mailer);
    let webhook_senders = webhooks::spawn(db.clone(), webhooks);
    Ok(Running {
        addr,
        db,
        state,
        task,
        scheduler,
        scheduler_holder,
        mail_sender,
        change_watcher,
        webhook_senders,
    })
}

/// The secret keys, after every two-factor seed is sealed with the first and every recovery code is
/// slow-hashed. A seed sealed with a key that is not given stops the start: serving would refuse
/// every code of those people as wrong.
async fn seal_secrets(db: &Database, config: &Config, hasher: &Hasher) -> Result<SecretKeys, StartError> {
    let keys = config.resolve_secret_keys()?;
    let (resealed, unknown_keys, damaged) = on_db!(db, |pool, domain| {
        let found = domain::two_factor::reseal_seeds(pool, &keys).await?;
        Ok::<_, common::DomainError>((found.resealed, found.unknown_keys, found.damaged))
    })?;
    if !unknown_keys.is_empty() {
        return Err(format!(
            "two-factor seeds are sealed with keys that are not given (ids {}); give those keys after the \
             current one (see docs/security.md)",
            unknown_keys.join(", ")
        )
        .into());
    }
    if damaged > 0 {
        tracing::error!("{damaged} two-factor seeds do not open with their key: those people cannot give codes");
    }
    if resealed > 0 {
        tracing::info!("sealed {resealed} two-factor seeds with key {}", keys.current_id());
    }
    let upgraded = on_db!(db, |pool, domain| {
        domain::two_factor::upgrade_recovery_hashes(pool, hasher).await
    })?;
    if upgraded > 0 {
        tracing::info!("slow-hashed {upgraded} recovery codes kept before");
    }
    Ok(keys)
}

/// Start-up fails only in ways we report and exit on.
pub type StartError = Box<dyn std::error::Error + Send + Sync>;
