use org_area_server::{start, Config};

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_target(false).init();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(task) = args.first().filter(|a| *a == "backup" || *a == "restore").cloned() {
        args.remove(0);
        std::process::exit(backup_or_restore(&task, args).await);
    }
    let config = match Config::from_args_and_env(args, |k| std::env::var(k).ok()) {
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
    // Stopped by Ctrl-C or by a service manager's SIGTERM: no new connection is taken, the requests
    // in flight finish (within --shutdown-grace), and open event streams end with a hint to
    // reconnect, which their browsers do to another instance with the last id they saw. Every
    // change is one transaction, so whatever the grace period cuts off is not half-written.
    let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(signal) => signal,
        Err(err) => {
            eprintln!("org-area-server: cannot listen for SIGTERM: {err}");
            std::process::exit(1);
        }
    };
    let lifecycle = running.state.lifecycle.clone();
    tokio::spawn(async move {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
        tracing::info!("stopping");
        lifecycle.drain();
    });
    if let Err(err) = running.finished().await {
        eprintln!("org-area-server: {err}");
        std::process::exit(1);
    }
    tracing::info!("stopped");
}

/// `backup --to FILE` or `restore --from FILE`, on the database the other flags and the
/// environment name; the process's exit code.
async fn backup_or_restore(task: &str, mut args: Vec<String>) -> i32 {
    let flag = if task == "backup" { "--to" } else { "--from" };
    let Some(at) = args.iter().position(|a| a == flag) else {
        eprintln!("{task} needs {flag} FILE\n\n{}", org_area_server::config::USAGE);
        return 2;
    };
    if at + 1 >= args.len() {
        eprintln!("{flag} needs a value");
        return 2;
    }
    let file = std::path::PathBuf::from(args.remove(at + 1));
    args.remove(at);
    let config = match Config::from_args_and_env(args, |k| std::env::var(k).ok()) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}\n\n{}", org_area_server::config::USAGE);
            return 2;
        }
    };
    let database = org_area_server::db::redacted(&config.database_url);
    let done = match task {
        "backup" => org_area_server::db::backup(&config.database_url, &file).await,
        _ => org_area_server::db::restore(&file, &config.database_url).await,
    };
    match done {
        Ok(()) if task == "backup" => {
            println!("backed up {database} to {}", file.display());
            0
        }
        Ok(()) => {
            println!("restored {} into {database}", file.display());
            0
        }
        Err(err) => {
            eprintln!("org-area-server {task}: {err}");
            1
        }
    }
}
