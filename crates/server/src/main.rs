use org_area_server::{start, Config};

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_target(false).init();
    let config = match Config::from_args_and_env(std::env::args().skip(1), |k| std::env::var(k).ok()) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}\n\n{}", org_area_server::config::USAGE);
            std::process::exit(2);
        }
    };
    let running = match start(config.clone()).await {
        Ok(running) => running,
        Err(err) => {
            eprintln!("org-area-server: cannot start: {err}");
            std::process::exit(1);
        }
    };
    // Tools that start the server read this line to learn the port.
    println!("org-area listening on {}", running.url());
    println!("{}", running.state.mailer.describe());
    tracing::info!(database = %org_area_server::db::redacted(&config.database_url), static_dir = ?config.static_dir, "serving");
    // Stopped by Ctrl-C or by a service manager's SIGTERM. Every change is one transaction, so
    // stopping mid-request loses nothing half-written; open event streams end and their browsers
    // reconnect to another instance with the last id they saw.
    let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(signal) => signal,
        Err(err) => {
            eprintln!("org-area-server: cannot listen for SIGTERM: {err}");
            std::process::exit(1);
        }
    };
    tokio::select! {
        result = running.task => {
            if let Ok(Err(err)) = result { eprintln!("org-area-server: {err}"); std::process::exit(1); }
        }
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
    tracing::info!("stopping");
}
