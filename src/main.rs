//! org-area: the organization admin console, a Leptos single-page app rendered in the browser.

mod api;
mod app;
mod brand;
mod dashboard;
mod mount;
mod session;
mod settings;
mod shell;
mod sign_in;
mod subscription;
mod users;
mod widgets;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
    // The first screen is drawn and its handlers attached: the benchmark reads this mark.
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("org-area:interactive");
    }
}
