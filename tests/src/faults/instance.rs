//! The real `org-area-server` binary as a process: started on a port of its own (kept across
//! restarts, so a proxy in front finds it again), stopped as a service manager does (SIGTERM) or
//! as a crash does (SIGKILL).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Instance {
    child: Option<Child>,
    pub port: u16,
    binary: PathBuf,
    args: Vec<String>,
    /// Where the process writes its log (each start appends).
    pub log: PathBuf,
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Instance {
    /// A server on `database` (seeding the demo when it is empty), with its mail as files in `dir`.
    pub fn start(binary: &Path, database: &str, dir: &Path) -> Instance {
        std::fs::create_dir_all(dir).expect("the instance's folder");
        let keys = dir.join("secret.key");
        if !keys.exists() {
            std::fs::write(&keys, org_area_server::secrets::new_key()).unwrap();
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let args = vec![
            "--bind".into(),
            format!("127.0.0.1:{port}"),
            "--database".into(),
            database.into(),
            "--seed".into(),
            "demo".into(),
            "--secret-key-file".into(),
            keys.display().to_string(),
            "--mail-dir".into(),
            dir.join("mail").display().to_string(),
            "--shutdown-grace".into(),
            "10".into(),
            // The load comes from one address, and the burst of writes from many connections.
            "--connections-per-address".into(),
            "4096".into(),
        ];
        let mut instance = Instance {
            child: None,
            port,
            binary: binary.to_path_buf(),
            args,
            log: dir.join("server.log"),
        };
        instance.restart();
        instance
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Start the process again (after it stopped), and wait until it listens.
    pub fn restart(&mut self) {
        let mut child = Command::new(&self.binary)
            .args(&self.args)
            .stdout(Stdio::piped())
            .stderr(log_file(&self.log))
            .spawn()
            .expect("the server binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        loop {
            match lines.next() {
                Some(Ok(line)) if line.starts_with("org-area listening on ") => break,
                Some(_) => {}
                None => panic!("the server stopped before listening ({:?})", child.wait()),
            }
        }
        // The rest of its output (its log: tracing writes to standard output) goes to the log file.
        let mut log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .ok();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if let Some(log) = &mut log {
                    use std::io::Write;
                    let _ = writeln!(log, "{line}");
                }
            }
        });
        self.child = Some(child);
    }

    /// SIGTERM, then wait for the process to end; how long it took.
    pub fn terminate(&mut self) -> Duration {
        self.signal("-TERM");
        self.wait()
    }

    /// SIGKILL: a crash, with no chance to finish anything.
    pub fn kill(&mut self) {
        self.signal("-KILL");
        self.wait();
    }

    fn signal(&self, signal: &str) {
        let pid = self.child.as_ref().expect("running").id();
        // The shell's own `kill`: a machine without procps still has it.
        let sent = Command::new("sh")
            .arg("-c")
            .arg(format!("kill {signal} {pid}"))
            .status();
        assert!(sent.is_ok_and(|s| s.success()), "kill {signal} {pid}");
    }

    /// Wait for the process to end (a stopping instance takes at most its grace period, 10 s).
    fn wait(&mut self) -> Duration {
        let started = Instant::now();
        let mut child = self.child.take().expect("running");
        let status = loop {
            if let Some(status) = child.try_wait().expect("the process can be waited for") {
                break status;
            }
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                panic!("the server did not stop within 30 s of its signal");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        if !status.success() && status.code().is_some() {
            panic!("the server ended with {status}");
        }
        started.elapsed()
    }

    /// Whether the process still runs.
    pub fn is_running(&mut self) -> bool {
        self.child.as_mut().is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }
}

fn log_file(path: &Path) -> Stdio {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map(Stdio::from)
        .unwrap_or_else(|_| Stdio::null())
}
