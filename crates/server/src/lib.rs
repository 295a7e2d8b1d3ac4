//! The org-area API server: JSON under `/api/v1` over SQLite, and the built app as static files.
//!
//! Every endpoint checks the caller's session, organization and role here, on the server; the app
//! only mirrors these rules to hide what a role cannot do.

pub mod auth;
pub mod config;
pub mod db;
pub mod error;
pub mod openapi;
pub mod payments;
pub mod routes;
pub mod seed;
pub mod web;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use sqlx::SqlitePool;

pub use config::{Config, Seed};

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub login_limiter: Arc<auth::rate_limit::LoginLimiter>,
    /// Where invoices are charged; the test gateway until a provider is configured.
    pub payments: Arc<dyn payments::PaymentGateway>,
}

/// The whole HTTP surface: the API, and the app's files when a directory is given.
pub fn app(state: AppState, config: &Config) -> Router {
    let pool = state.pool.clone();
    let api = routes::api_router().with_state(state);
    web::wrap(api, config, pool)
}

/// A server bound and serving in the background of the current tokio runtime.
pub struct Running {
    pub addr: SocketAddr,
    pub pool: SqlitePool,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Open the database, migrate, seed if asked and start serving.
pub async fn start(config: Config) -> Result<Running, StartError> {
    let pool = db::connect(&config.database_url).await?;
    match config.seed {
        Seed::Demo => {
            seed::demo_if_empty(&pool).await?;
        }
        Seed::DemoLarge => {
            if seed::demo_if_empty(&pool).await? {
                seed::grow_acme(&pool, 250, 10_000).await?;
            }
        }
        Seed::None => {}
    }
    let state = AppState {
        pool: pool.clone(),
        login_limiter: Arc::new(auth::rate_limit::LoginLimiter::default()),
        payments: Arc::new(payments::TestGateway),
    };
    let router = app(state, &config);
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let task =
        tokio::spawn(
            async move { axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await },
        );
    Ok(Running { addr, pool, task })
}

/// Start-up fails only in ways we report and exit on.
pub type StartError = Box<dyn std::error::Error + Send + Sync>;
