//! org-area: the organization admin console, a Leptos single-page app rendered in the browser.
//!
//! It ships as one wasm module split at build time: the main module holds the runtime, the router,
//! the shell and the pages of someone not signed in; every screen behind sign-in, and a few heavy
//! parts of screens, are chunks downloaded when first shown (`lazy.rs`, `screens.rs`).

mod access_tokens;
mod account;
mod activity;
mod api;
mod app;
pub mod boot;
mod brand;
mod commands;
mod dashboard;
mod embed;
mod i18n;
mod lazy;
mod live;
mod mount;
mod palette;
mod password;
mod screens;
mod session;
mod settings;
mod shell;
mod sign_in;
mod subscription;
mod undo;
mod users;
mod widgets;

// The browser-bound unit tests run in a browser (headless Chromium under `cargo xtask test`).
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
