//! A throwaway PostgreSQL for the server tests and the bench: Debian's `postgresql` package
//! (installed when missing and running as root, like Chromium), a new cluster under
//! `target/postgres/` (or the temporary folder, see [`cluster_home`]) on a free port of
//! 127.0.0.1, stopped and removed when the handle is dropped. Unless `ORG_AREA_TEST_POSTGRES_URL`
//! already names a server, which is then used as it is.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{command, output, run};
use crate::{root, Result};

pub const URL_VARIABLE: &str = "ORG_AREA_TEST_POSTGRES_URL";
/// The oldest PostgreSQL the server supports.
const OLDEST: u32 = 15;

/// A PostgreSQL server to make test databases on; stops and removes its own cluster when dropped.
pub struct Postgres {
    /// `postgres://user@host:port/database`, a database tests may create others from.
    pub url: String,
    cluster: Option<Cluster>,
}

struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    log: PathBuf,
    settings: String,
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(cluster) = &self.cluster {
            let _ = as_cluster_owner(&cluster.bin.join("pg_ctl"))
                .arg("stop")
                .arg("-D")
                .arg(&cluster.data)
                .args(["-m", "fast", "-s"])
                .status();
            // Every test server made a database in it: gigabytes. The server's log stays.
            let _ = std::fs::remove_dir_all(&cluster.data);
        }
    }
}

/// The server named by `ORG_AREA_TEST_POSTGRES_URL`, or a new throwaway one.
/// `tuned_for_tests` gives up durability (fsync) for speed; the bench measures with the defaults.
pub fn start(tuned_for_tests: bool) -> Result<Postgres> {
    if let Some(url) = std::env::var(URL_VARIABLE).ok().filter(|u| !u.is_empty()) {
        eprintln!("using the PostgreSQL server of {URL_VARIABLE}");
        return Ok(Postgres { url, cluster: None });
    }
    let bin = ensure_installed()?;
    let data = cluster_home();
    if data.exists() {
        // A cluster left by an interrupted run: stop it if it still runs, then start afresh.
        let _ = as_cluster_owner(&bin.join("pg_ctl"))
            .arg("stop")
            .arg("-D")
            .arg(data.join("cluster"))
            .args(["-m", "immediate", "-s"])
            .status();
        std::fs::remove_dir_all(&data).map_err(|e| format!("cannot remove {}: {e}", data.display()))?;
    }
    std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
    hand_to_cluster_owner(&data)?;
    let cluster = data.join("cluster");
    run(as_cluster_owner(&bin.join("initdb"))
        .arg("-D")
        .arg(&cluster)
        .args([
            "--auth=trust",
            "--username=postgres",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ])
        .arg("--no-instructions"))?;
    let port = free_port()?;
    let mut settings = format!(
        "-p {port} -c listen_addresses=127.0.0.1 -k {} -c max_connections=400 -c shared_buffers=128MB",
        data.display()
    );
    if tuned_for_tests {
        settings.push_str(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
    }
    run(as_cluster_owner(&bin.join("pg_ctl"))
        .arg("start")
        .arg("-D")
        .arg(&cluster)
        .arg("-l")
        .arg(data.join("server.log"))
        .args(["-w", "-s", "-o", &settings]))?;
    eprintln!(
        "PostgreSQL running on 127.0.0.1:{port} (cluster in {}, log in {})",
        cluster.display(),
        data.join("server.log").display()
    );
    Ok(Postgres {
        url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        cluster: Some(Cluster {
            bin,
            data: cluster,
            log: data.join("server.log"),
            settings,
        }),
    })
}

impl Postgres {
    /// Shell commands that stop this server and start it again as it was: none for a server
    /// named by `ORG_AREA_TEST_POSTGRES_URL`, which is not ours to stop.
    pub fn stop_and_start(&self) -> Option<(String, String)> {
        let cluster = self.cluster.as_ref()?;
        let pg_ctl = shell_words(&as_cluster_owner(&cluster.bin.join("pg_ctl")));
        let data = cluster.data.display();
        Some((
            format!("{pg_ctl} stop -D '{data}' -m fast -w -s"),
            format!(
                "{pg_ctl} start -D '{data}' -l '{}' -w -s -o '{}'",
                cluster.log.display(),
                cluster.settings
            ),
        ))
    }
}

/// A command as one line for `sh -c` (its parts hold no quotes).
fn shell_words(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| format!("'{}'", part.to_string_lossy()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The newest installed PostgreSQL's programs, installing Debian's package when there is none.
fn ensure_installed() -> Result<PathBuf> {
    if let Some(bin) = installed() {
        return Ok(bin);
    }
    if !is_root() {
        return Err(format!(
            "the server tests need PostgreSQL {OLDEST} or later; install it with\n  sudo apt-get install -y postgresql\n\
             or name a server to use in {URL_VARIABLE}=postgres://user:password@host:port/database"
        ));
    }
    eprintln!("installing postgresql from Debian's packages");
    run(command("apt-get").arg("update").arg("-qq"))?;
    run(command("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends", "postgresql"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    installed().ok_or_else(|| format!("no PostgreSQL {OLDEST} or later under /usr/lib/postgresql after installing it"))
}

fn installed() -> Option<PathBuf> {
    let versions = std::fs::read_dir("/usr/lib/postgresql").ok()?;
    versions
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let version: u32 = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            (version >= OLDEST && bin.join("initdb").exists()).then_some((version, bin))
        })
        .max_by_key(|(version, _)| *version)
        .map(|(_, bin)| bin)
}

fn is_root() -> bool {
    output(&mut Command::new("id").arg("-u")).is_some_and(|uid| uid == "0")
}

/// PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` account the
/// package made.
fn as_cluster_owner(program: &Path) -> Command {
    if is_root() {
        let mut cmd = command("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(program);
        cmd
    } else {
        command(program)
    }
}

fn hand_to_cluster_owner(dir: &Path) -> Result {
    if !is_root() {
        return Ok(());
    }
    run(command("chown").arg("postgres:").arg(dir))
}

/// Under `target/` when the `postgres` account can reach it there; in the temporary folder when
/// the checkout's folders are closed to other accounts (a checkout in root's home).
fn cluster_home() -> PathBuf {
    let in_target = root().join("target/postgres");
    let reachable = !is_root()
        || in_target.parent().is_some_and(|target| {
            as_cluster_owner(Path::new("test"))
                .arg("-x")
                .arg(target)
                .status()
                .is_ok_and(|s| s.success())
        });
    if reachable {
        in_target
    } else {
        std::env::temp_dir().join("org-area-postgres")
    }
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot find a free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("cannot find a free port: {e}"))
}
