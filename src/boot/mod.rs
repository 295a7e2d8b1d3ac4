//! What the first, small module does: signed out on a page behind sign-in, it shows the sign-in
//! page itself; otherwise (signed in, an invitation, an unknown address) it hands the page to the
//! console module. After a sign-in it puts the asked-for address back and hands over too.
//!
//! In another site's frame it first makes sure the frame is an embed on a site the organization
//! allows (a host without `frame-ancestors` would otherwise let any site frame the app), and
//! starts the embed protocol.

use std::cell::RefCell;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::api::token;
use crate::brand::provide_brand;
use crate::embed;
use crate::mount;
use crate::screens;
use crate::session::provide_session;
use crate::sign_in::{ForgotPasswordPage, ResetPasswordPage, SignInPage};
use crate::widgets::text::t;
use crate::widgets::url;

#[wasm_bindgen(module = "/src/boot/load.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = loadConsole)]
    async fn load_console(url: &str) -> Result<(), JsValue>;
}

/// The console module's content-hashed script, named by the page the build wrote.
fn console_url() -> Option<String> {
    mount::meta(contract::hosting::meta::CONSOLE).map(|relative| mount::asset_url(&relative))
}

thread_local! {
    static SIGN_IN: RefCell<Option<Box<dyn std::any::Any>>> = const { RefCell::new(None) };
    /// The console has been asked for: it owns the address from then on.
    static HANDED_OVER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub fn start() {
    console_error_panic_hook::set_once();
    // Chosen first, so `<html lang>` is right before anything is painted.
    crate::i18n::lang();
    if !embed::framed() {
        show();
        return;
    }
    let here = mount::get();
    match here.slug.filter(|_| here.embedded) {
        Some(slug) => wasm_bindgen_futures::spawn_local(async move {
            match embed::connect(&slug, follow_host).await {
                Ok(()) => {
                    show();
                    embed::announce();
                }
                Err(refusal) => refuse_frame(refusal),
            }
        }),
        None => refuse_frame(embed::Refusal::NotAnEmbed),
    }
}

/// The host page asked for another page of the app.
fn follow_host(path: &str) {
    let Some(window) = web_sys::window() else { return };
    if HANDED_OVER.with(|h| h.get()) {
        // The console's router follows the address on `popstate`, as after "Back".
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&mount::href(path)));
        }
        if let Ok(event) = web_sys::Event::new("popstate") {
            let _ = window.dispatch_event(&event);
        }
    } else {
        // Not signed in: the sign-in page, which leads there afterwards.
        let target = format!("/sign-in?next={}", url::encode(path));
        let _ = window.location().replace(&mount::href(&target));
    }
}

/// Shown instead of the app in a frame it may not be in; no other text of the app is painted.
fn refuse_frame(refusal: embed::Refusal) {
    let texts = t();
    let text = match refusal {
        embed::Refusal::NotAnEmbed => texts.frame_not_embed,
        embed::Refusal::HostNotAllowed => texts.frame_host_not_allowed,
        embed::Refusal::Unknown => texts.frame_unknown,
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(panel), Some(body)) = (document.create_element("main"), document.body()) else {
        return;
    };
    panel.set_class_name("centered frame-refused");
    panel.set_attribute("role", "alert").ok();
    panel.set_text_content(Some(text));
    if refusal == embed::Refusal::NotAnEmbed {
        // Outside the frame the page is safe to use.
        let href = document.location().and_then(|l| l.href().ok());
        if let (Ok(link), Some(href)) = (document.create_element("a"), href) {
            let _ = link.set_attribute("href", &href);
            let _ = link.set_attribute("target", "_blank");
            let _ = link.set_attribute("rel", "noopener");
            link.set_text_content(Some(texts.open_own_window));
            let _ = panel.append_child(&link);
        }
    }
    let _ = body.append_child(&panel);
}

fn show() {
    let location = web_sys::window().map(|w| w.location());
    let pathname = location.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_default();
    let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let here = mount::app_path(&pathname);
    let signed_in = token::load().is_some();

    // The pages about a password are the boot module's own, signed in or not.
    if let Some(page) = PasswordPage::at(&here) {
        let handle = mount_to(leptos::tachys::dom::body(), move || view! { <PublicApp page=page /> });
        SIGN_IN.with(|slot| *slot.borrow_mut() = Some(Box::new(handle)));
        mark_interactive();
        return;
    }
    if !signed_in && (here == "/sign-in" || screens::behind_sign_in(&here)) {
        if here != "/sign-in" {
            let next = format!("{here}{search}");
            let target = if next == "/" {
                "/sign-in".to_string()
            } else {
                format!("/sign-in?next={}", url::encode(&next))
            };
            replace_address(&mount::href(&target));
        }
        // Kept, so the sign-in page can be taken down when the console takes over.
        let handle = mount_to(
            leptos::tachys::dom::body(),
            || view! { <PublicApp page=PasswordPage::SignIn /> },
        );
        SIGN_IN.with(|slot| *slot.borrow_mut() = Some(Box::new(handle)));
        mark_interactive();
        return;
    }
    if here == "/sign-in" {
        // Signed in already: go where the sign-in was meant to lead.
        let next = next_from(&search);
        replace_address(&mount::href(&next));
    }
    hand_over();
}

/// The pages someone not signed in may need.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PasswordPage {
    SignIn,
    ForgotPassword,
    ResetPassword,
}

impl PasswordPage {
    /// The page at an app path other than sign-in (which depends on the session).
    fn at(app_path: &str) -> Option<PasswordPage> {
        match app_path {
            "/forgot-password" => Some(PasswordPage::ForgotPassword),
            "/reset-password" => Some(PasswordPage::ResetPassword),
            _ => None,
        }
    }
}

#[component]
fn PublicApp(page: PasswordPage) -> impl IntoView {
    provide_session();
    provide_brand();
    match page {
        PasswordPage::SignIn => view! { <SignInPage /> }.into_any(),
        PasswordPage::ForgotPassword => view! { <ForgotPasswordPage /> }.into_any(),
        PasswordPage::ResetPassword => view! { <ResetPasswordPage /> }.into_any(),
    }
}

/// Signed in on the boot page: show the page that was asked for, in the console.
pub fn enter_console(next: &str) {
    replace_address(&mount::href(next));
    hand_over();
}

fn hand_over() {
    HANDED_OVER.with(|h| h.set(true));
    // Not Leptos's spawner: on a direct load nothing is mounted here, so it is not started.
    wasm_bindgen_futures::spawn_local(async {
        let Some(url) = console_url() else {
            leptos::logging::error!("the page names no console module");
            show_load_failure();
            return;
        };
        if let Err(err) = load_console(&url).await {
            leptos::logging::error!("the console could not be loaded: {err:?}");
            show_load_failure();
            return;
        }
        // The console has mounted its own view; the sign-in page leaves.
        SIGN_IN.with(|slot| slot.borrow_mut().take());
    });
}

/// A failed download (network, server) is said on the page, with a way to try again.
fn show_load_failure() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let (Ok(panel), Some(body)) = (document.create_element("div"), document.body()) {
        panel.set_class_name("alert alert-error load-failure");
        panel.set_attribute("role", "alert").ok();
        panel.set_text_content(Some(t().app_not_loaded));
        let _ = body.append_child(&panel);
    }
}

/// Only same-app paths are followed, so a crafted link cannot send people elsewhere. Browsers
/// read `\` as `/` and drop tabs and line breaks from addresses, so `/\evil.example` or
/// `/<tab>/evil.example` would be another host's address: any of those refuses the path.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/sign-in")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/".to_string(),
    }
}

/// `next` from a query string (`?next=/users`).
pub fn next_from(search: &str) -> String {
    let next = web_sys::UrlSearchParams::new_with_str(search)
        .ok()
        .and_then(|params| params.get("next"));
    safe_next(next)
}

fn replace_address(path: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(path));
    }
}

/// The first screen is drawn and its handlers attached: the benchmark reads this mark.
pub fn mark_interactive() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("org-area:interactive");
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_paths_of_this_app_are_followed_after_signing_in() {
        let next = |path: &str| safe_next(Some(path.to_string()));
        assert_eq!(next("/users?role=admin"), "/users?role=admin");
        assert_eq!(next("/o/acme-studio/settings"), "/o/acme-studio/settings");
        assert_eq!(safe_next(None), "/");
        for elsewhere in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example/",
            "/\\/evil.example/",
            "/\t/evil.example/",
            "/\n/evil.example/",
            "javascript:alert(1)",
            "users",
            "",
            // Back to where it started: no loop.
            "/sign-in?next=/users",
        ] {
            assert_eq!(next(elsewhere), "/", "{elsewhere:?}");
        }
    }
}
