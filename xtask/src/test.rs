//! `cargo xtask test`: every test. Host unit tests (the app's among them) and the server's
//! integration tests first (on SQLite, then on a throwaway PostgreSQL, whose description of every
//! query must match the committed one), then the app's browser-bound unit tests and the browser
//! end-to-end tests against the release build of the app, in headless Chromium.

use crate::cmd::{command, run};
use crate::{app_build, postgres, tools, Result};

pub fn test(args: &[String]) -> Result {
    let skip_browser = args.iter().any(|a| a == "--skip-browser");
    run(command("cargo").args([
        "test",
        "--workspace",
        "--exclude",
        "org-area",
        "--exclude",
        "org-area-e2e",
    ]))?;
    // The app's own logic that needs no browser, on this machine.
    run(command("cargo").args(["test", "--package", "org-area", "--lib"]))?;
    // The server tests that need outside tools: schemathesis against the OpenAPI document, a real
    // SMTP server (aiosmtpd), a DNS server (dnslib), the SCIM conformance checks (scim2-cli), a
    // SAML identity provider (pysaml2, signing with xmlsec1), Storyblok's own JavaScript client
    // and an OpenID Connect provider (npm).
    let python = tools::ensure_python_tools()?;
    tools::ensure_test_services()?;
    tools::ensure_npm_packages()?;
    run(command("cargo")
        .args(["test", "--package", "org-area-server", "--", "--ignored", "--nocapture"])
        .env("ORG_AREA_SCHEMATHESIS", &python.schemathesis)
        .env("ORG_AREA_SCIM2", &python.scim2)
        .env("ORG_AREA_PYTHON", &python.python))?;
    // Every server test again on PostgreSQL: each test server makes its own database there. First,
    // the committed descriptions its build checked the queries against must be PostgreSQL's own.
    let postgres = postgres::start(true)?;
    crate::sql::check(&postgres.url)?;
    run(command("cargo")
        .args(["test", "--package", "org-area-server", "--", "--include-ignored"])
        .env(postgres::URL_VARIABLE, &postgres.url)
        .env("ORG_AREA_SCHEMATHESIS", &python.schemathesis)
        .env("ORG_AREA_SCIM2", &python.scim2)
        .env("ORG_AREA_PYTHON", &python.python))?;
    drop(postgres);
    // The short form of the fault scenarios, on a PostgreSQL of their own (they stop it).
    faults(true)?;
    if skip_browser {
        eprintln!("browser tests skipped (--skip-browser)");
        return Ok(());
    }
    tools::ensure_browser()?;
    tools::ensure_app_tools()?;
    // The app's browser-bound unit tests (its views read back from addresses by the browser's own
    // URL parser), compiled to wasm and run in headless Chromium by wasm-bindgen's test runner
    // (capabilities in webdriver.json).
    run(command("cargo")
        .args([
            "test",
            "--package",
            "org-area",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .env("CHROMEDRIVER", tools::CHROMEDRIVER))?;
    let dist = app_build::release()?;
    run(command("cargo")
        .args(["test", "--package", "org-area-e2e"])
        .env("ORG_AREA_E2E_DIST", &dist)
        // The plain static host the delivery scenarios serve dist/ from.
        .env("ORG_AREA_PYTHON", &python.python))
}

/// `cargo xtask bench`: every goal of docs/benchmarks.md, measured on the release build; rewrites that page.
pub fn bench() -> Result {
    tools::ensure_browser()?;
    let dist = app_build::release()?;
    app_build::report_sizes(&dist);
    run(command("cargo").args(["build", "--profile", "server", "--package", "org-area-server"]))?;
    let server = crate::root().join("target/server/org-area-server");
    // The load run on PostgreSQL, with its durable defaults.
    let postgres = postgres::start(false)?;
    // The bench serves the app from its own process: built with the server's optimizations, so the
    // browser figures measure the server as deployed, not a debug build.
    run(command("cargo")
        .args([
            "run",
            "--quiet",
            "--profile",
            "server",
            "--package",
            "org-area-e2e",
            "--bin",
            "bench",
        ])
        .env("ORG_AREA_E2E_DIST", &dist)
        .env("ORG_AREA_BENCH_SERVER", server)
        .env("ORG_AREA_BENCH_POSTGRES_URL", &postgres.url))
}

/// `cargo xtask faults`: the fault scenarios against the real server binary (a debug build: what
/// is measured is what clients see, not speed) and a throwaway PostgreSQL they may stop and
/// start. The full run rewrites the table of docs/reliability.md; `short` is the form
/// `cargo xtask test` runs.
pub fn faults(short: bool) -> Result {
    run(command("cargo").args(["build", "--package", "org-area-server", "--bin", "org-area-server"]))?;
    let server = crate::root().join("target/debug/org-area-server");
    let postgres = postgres::start(false)?;
    let mut faults = command("cargo");
    faults
        .args(["run", "--quiet", "--package", "org-area-e2e", "--bin", "faults", "--"])
        .env("ORG_AREA_FAULTS_SERVER", server)
        .env("ORG_AREA_FAULTS_POSTGRES_URL", &postgres.url);
    if let Some((stop, start)) = postgres.stop_and_start() {
        faults
            .env("ORG_AREA_FAULTS_POSTGRES_STOP", stop)
            .env("ORG_AREA_FAULTS_POSTGRES_START", start);
    }
    if short {
        faults.arg("--short");
    } else {
        faults.env("ORG_AREA_FAULTS_DOCS", "1");
    }
    run(&mut faults)
}
