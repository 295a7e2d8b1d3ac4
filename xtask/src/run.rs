//! `cargo xtask run`: build the release app and serve it with the API and a demo organization.

use crate::cmd::{command, run as run_cmd};
use crate::{app_build, root, Result};

pub fn run(args: &[String]) -> Result {
    let mut server_args: Vec<String> = args.to_vec();
    if !args.iter().any(|a| a == "--seed") {
        server_args.extend(["--seed".into(), "demo".into()]);
    }
    let bind = flag(args, "--bind")
        .or_else(|| std::env::var("ORG_AREA_BIND").ok())
        .unwrap_or_else(|| "127.0.0.1:8080".into());

    let dist = app_build::release()?;
    run_cmd(command("cargo").args(["build", "--package", "org-area-server"]))?;

    eprintln!(
        "\norg-area on http://{bind}\n  demo sign-in: owner@acme.test / demo-password\n  \
         (also admin@acme.test and member@acme.test, same password; Globex: admin@globex.test)\n"
    );
    let server = root().join("target/debug/org-area-server");
    run_cmd(command(server).args(&server_args).arg("--static-dir").arg(dist))
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}
