//! schemathesis against the running server's own OpenAPI document, signed in as an owner: every
//! answer must be declared by the document, match its schema and content type, never be a 5xx,
//! and every undeclared method must get 405 with a true Allow header.
//!
//! Ignored by a plain `cargo test`: it needs the schemathesis CLI, which `cargo xtask test`
//! installs and names in `ORG_AREA_SCHEMATHESIS` before running the ignored tests.

use crate::common::server;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the schemathesis CLI; `cargo xtask test` runs it"]
async fn schemathesis_finds_nothing_the_document_does_not_promise() {
    let st = std::env::var("ORG_AREA_SCHEMATHESIS")
        .expect("ORG_AREA_SCHEMATHESIS names the schemathesis CLI (cargo xtask test sets it)");
    let s = server().await;
    let token = s.token("owner@acme.test").await;
    let base = s.running.url();
    let report = tempfile::tempdir().unwrap();
    let output = tokio::process::Command::new(&st)
        .args([
            "run",
            &format!("{base}/api/v1/openapi.json"),
            "--url",
            &base,
            "-H",
            &format!("Authorization: Bearer {token}"),
            // Signing out would end the session every other case runs with.
            "--exclude-path",
            "/api/v1/auth/logout",
            // An endless event stream: its own tests (the `events` module) read it.
            "--exclude-path",
            "/api/v1/orgs/me/events",
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,\
                 response_headers_conformance,unsupported_method,allow_header_conformance",
            "--max-examples",
            "80",
            // Bounded, so the suite's time stays predictable on two cores.
            "--max-time",
            "150",
            "--workers",
            "2",
            "--report-dir",
        ])
        .arg(report.path())
        // Its example cache goes beside the report, never into the source tree.
        .current_dir(report.path())
        .env("NO_COLOR", "1")
        // CPython 3.11's parser is not safe to run in two threads at once; the hook makes
        // the tool parse one source at a time (the file says why).
        .env(
            "SCHEMATHESIS_HOOKS",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemathesis/serial_ast_parse.py"),
        )
        .output()
        .await
        .expect("schemathesis runs");
    let text = String::from_utf8_lossy(&output.stdout);
    println!("{text}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "schemathesis found failures (above)");
    assert!(text.contains("passed"), "schemathesis ran test cases");
}
