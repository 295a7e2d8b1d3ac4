//! org-area: the organization admin console, a Leptos single-page app rendered in the browser.
//!
//! It ships as two wasm modules built from this one library, so the sign-in page stays small:
//! the boot module (`src/main.rs`, built by trunk) shows the sign-in page, and the console
//! (`src/bin/console.rs`, built beside it) holds every screen behind sign-in. The boot module
//! loads the console when someone is signed in or has just signed in.

mod account;
mod activity;
mod api;
mod app;
pub mod boot;
mod brand;
mod dashboard;
mod embed;
mod i18n;
mod live;
mod mount;
mod password;
mod screens;
mod session;
mod settings;
mod shell;
mod sign_in;
mod subscription;
mod users;
mod widgets;

/// Mount the console: every screen behind sign-in, with its router.
pub fn start_console() {
    console_error_panic_hook::set_once();
    i18n::lang();
    api::watch_input();
    leptos::mount::mount_to_body(app::App);
    boot::mark_interactive();
}

// The browser-bound unit tests run in a browser (headless Chromium under `cargo xtask test`).
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
