//! Running other programs: echo the command, fail with a message that names it.

use std::ffi::OsStr;
use std::process::{Command, Stdio};

use crate::Result;

/// PATH with the places our tools are installed to in front: cargo's bin directory and the npm
/// packages' executables.
pub fn tool_path() -> String {
    let cargo_bin = cargo_home().join("bin");
    let npm_bin = crate::root().join("node_modules/.bin");
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{old}", cargo_bin.display(), npm_bin.display())
}

/// Where cargo keeps its tools and the sources of dependencies.
pub fn cargo_home() -> std::path::PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => home.into(),
        None => std::path::PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into())).join(".cargo"),
    }
}

pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("PATH", tool_path()).current_dir(crate::root());
    cmd
}

/// Run to completion with inherited output; an error if it fails.
pub fn run(cmd: &mut Command) -> Result {
    eprintln!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start `{}`: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// The trimmed standard output of a command, or None if it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn describe(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}
