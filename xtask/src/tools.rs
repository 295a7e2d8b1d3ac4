//! Install what the build and the tests need when it is missing, so the README's two commands work
//! on a fresh machine: the wasm target, wasm-bindgen-cli at exactly the Cargo.lock version, the
//! npm packages, the Python tools, and Debian's packages: what the server's build links (xmlsec1),
//! Chromium with its driver for the browser tests.

use std::path::Path;

use crate::cmd::{command, output, run};
use crate::{root, Result};

pub fn ensure_app_tools() -> Result {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_npm_packages()
}

fn ensure_wasm_target() -> Result {
    let installed = output(command("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The version of wasm-bindgen that Cargo.lock resolved, which the CLI must match exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock =
        std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn ensure_wasm_bindgen() -> Result {
    let version = locked_wasm_bindgen()?;
    let wanted = format!("wasm-bindgen {version}");
    if output(command("wasm-bindgen").arg("--version")).is_some_and(|v| v == wanted) {
        return Ok(());
    }
    eprintln!("installing wasm-bindgen-cli {version} (about 4 minutes, once)");
    // `--locked` fails to resolve one of its dependencies for this version; unlocked installs.
    run(command("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={version}"),
        "--force",
    ]))
}

pub fn ensure_npm_packages() -> Result {
    let root = root();
    let marker = root.join("node_modules/.package-lock.json");
    if is_newer(&marker, &root.join("package-lock.json")) {
        return Ok(());
    }
    run(command("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn is_newer(a: &Path, b: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(a), modified(b)), (Some(a), Some(b)) if a >= b)
}

/// The Python tools the tests run, from PyPI, in a virtual environment of their own under
/// `target/`: schemathesis (against the OpenAPI document), aiosmtpd (a real SMTP server), dnslib
/// (a DNS server that publishes the TXT records verified domains need), scim2-cli (the SCIM
/// conformance checks of scim2-tester) and pysaml2 (a SAML 2.0 identity provider).
const PYTHON_TOOLS: [&str; 5] = [
    "schemathesis==4.32.5",
    "aiosmtpd==1.4.6",
    "dnslib==0.9.26",
    "scim2-cli==0.6.0",
    "pysaml2==7.5.5",
];

pub struct PythonTools {
    /// The schemathesis CLI.
    pub schemathesis: std::path::PathBuf,
    /// The environment's Python, which has aiosmtpd, dnslib and pysaml2.
    pub python: std::path::PathBuf,
    /// The scim2 CLI.
    pub scim2: std::path::PathBuf,
}

/// The Python tools, installed when missing.
pub fn ensure_python_tools() -> Result<PythonTools> {
    let venv = root().join("target/tools/python");
    let tools = PythonTools {
        schemathesis: venv.join("bin/st"),
        python: venv.join("bin/python"),
        scim2: venv.join("bin/scim2"),
    };
    let marker = venv.join("installed.txt");
    let wanted = PYTHON_TOOLS.join("\n");
    if std::fs::read_to_string(&marker).is_ok_and(|had| had == wanted) {
        return Ok(tools);
    }
    eprintln!(
        "installing {} into {} (about a minute, once)",
        PYTHON_TOOLS.join(", "),
        venv.display()
    );
    run(command("python3").arg("-m").arg("venv").arg(&venv))?;
    run(command(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .args(PYTHON_TOOLS))?;
    std::fs::write(&marker, wanted).map_err(|e| format!("cannot write {}: {e}", marker.display()))?;
    Ok(tools)
}

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Chromium and ChromeDriver for the browser tests, and nginx, which serves `dist/` with the
/// recipe the build writes for it in one of them.
pub fn ensure_browser() -> Result {
    ensure_debian_packages("the browser tests", &["chromium", "chromium-driver", "nginx-light"])
}

/// What building the server needs beyond Rust: SAML's XML signatures are checked by xmlsec1,
/// whose bindings are generated at build time (libxmlsec1-dev, found by pkg-config; bindgen
/// needs libclang).
pub fn ensure_server_build() -> Result {
    ensure_debian_packages("building the server", &["libxmlsec1-dev", "libclang-dev", "pkg-config"])
}

/// The xmlsec1 command, with which the SAML identity provider of the tests (pysaml2) signs.
pub fn ensure_test_services() -> Result {
    ensure_debian_packages("the SAML tests", &["xmlsec1"])
}

/// Whether Debian's package `name` is installed.
fn installed(name: &str) -> bool {
    output(command("dpkg-query").args(["-W", "-f=${Status}", name]))
        .is_some_and(|status| status == "install ok installed")
}

/// Install the Debian packages of `wanted` that are missing (as root; otherwise say how).
fn ensure_debian_packages(for_what: &str, wanted: &[&str]) -> Result {
    let missing: Vec<&str> = wanted.iter().copied().filter(|name| !installed(name)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let uid = output(&mut std::process::Command::new("id").arg("-u")).unwrap_or_default();
    if uid != "0" {
        return Err(format!(
            "{for_what} needs {}; install them with\n  sudo apt-get install -y {}",
            missing.join(", "),
            missing.join(" ")
        ));
    }
    eprintln!(
        "installing {} from Debian's packages, for {for_what}",
        missing.join(", ")
    );
    run(command("apt-get").arg("update").arg("-qq"))?;
    run(command("apt-get")
        .args(["install", "-y", "-qq"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}
