//! How the app starts. The main module holds the pages of someone not signed in (sign in, forgot
//! and reset password); everything else (the console: the router of every page, the shell and the
//! screens) is a chunk, mounted when someone is signed in or has just signed in, or opens any
//! other address (an invitation, an unknown one).
//!
//! In another site's frame it first makes sure the frame is an embed on a site the organization
//! allows (a host without `frame-ancestors` would otherwise let any site frame the app), and
//! starts the embed protocol.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::brand::provide_brand;
use crate::embed;
use crate::lazy::LoadFailed;
use crate::mount;
use crate::session::provide_session;
use crate::sign_in::{ForgotPasswordPage, ResetPasswordPage, SignInPage};
use crate::widgets::text::t;

pub fn start() {
    console_error_panic_hook::set_once();
    // Chosen first, so `<html lang>` is right before anything is painted.
    crate::i18n::lang();
    crate::api::watch_input();
    mount::on_enter(enter);
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

/// The host page asked for another page of the app. The console's router follows the address on
/// `popstate`, as after "Back"; before the console, the page is loaded there (a signed-out
/// visitor then gets the sign-in page, which leads there afterwards).
fn follow_host(path: &str) {
    let Some(window) = web_sys::window() else { return };
    if !HANDED_OVER.with(|h| h.get()) {
        let _ = window.location().replace(&mount::href(path));
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&mount::href(path)));
    }
    if let Ok(event) = web_sys::Event::new("popstate") {
        let _ = window.dispatch_event(&event);
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

thread_local! {
    /// The pages of someone not signed in, while they are shown; dropped when the console takes
    /// over.
    static PUBLIC: RefCell<Option<Box<dyn std::any::Any>>> = const { RefCell::new(None) };
}

fn show() {
    let location = web_sys::window().map(|w| w.location());
    let pathname = location.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_default();
    let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let here = mount::app_path(&pathname);
    let signed_in = crate::api::token::load().is_some();
    let mut page = PublicPage::at(&here);
    if !signed_in && crate::screens::behind_sign_in(&here) {
        // Straight to the sign-in page, which comes back here after signing in.
        let target = mount::sign_in_first(&format!("{here}{search}"));
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&mount::href(&target)));
        }
        page = Some(PublicPage::SignIn);
    }
    let Some(page) = page else {
        hand_over();
        return;
    };
    // Signed in at the sign-in page, the page checks the session and leads on.
    let handle = leptos::mount::mount_to(leptos::tachys::dom::body(), move || view! { <PublicApp page=page /> });
    PUBLIC.with(|slot| *slot.borrow_mut() = Some(Box::new(handle)));
    mark_interactive();
}

/// The pages of someone not signed in, without the console's router (which is the console's
/// chunk): each is drawn by itself; a link between them is a page load.
#[component]
fn PublicApp(page: PublicPage) -> impl IntoView {
    provide_session();
    provide_brand();
    match page {
        PublicPage::SignIn => view! { <SignInPage /> }.into_any(),
        PublicPage::ForgotPassword => view! { <ForgotPasswordPage /> }.into_any(),
        PublicPage::ResetPassword => view! { <ResetPasswordPage /> }.into_any(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PublicPage {
    SignIn,
    ForgotPassword,
    ResetPassword,
}

impl PublicPage {
    fn at(app_path: &str) -> Option<PublicPage> {
        match app_path {
            "/sign-in" => Some(PublicPage::SignIn),
            "/forgot-password" => Some(PublicPage::ForgotPassword),
            "/reset-password" => Some(PublicPage::ResetPassword),
            _ => None,
        }
    }
}

thread_local! {
    /// The console has been asked for: it owns the address from then on.
    static HANDED_OVER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Signed in: on to `next` (an app path), in the console. The sign-in pages reach this through
/// [`mount::enter`], which [`start`] points here.
fn enter(next: &str) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&mount::href(next)));
    }
    if HANDED_OVER.with(|h| h.get()) {
        // The console's router follows the address on `popstate`, as after "Back".
        if let Ok(event) = web_sys::Event::new("popstate") {
            let _ = window.dispatch_event(&event);
        }
    } else {
        hand_over();
    }
}

/// The console: every page's router, the shell and the screens, in a chunk of its own (not in the
/// app's unit tests, which are not split: see `lazy_part!`).
#[cfg_attr(
    not(test),
    leptos::wasm_split::wasm_split(console, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn mount_console() -> Result<(), LoadFailed> {
    crate::app::mount();
    Ok(())
}

fn hand_over() {
    HANDED_OVER.with(|h| h.set(true));
    // Not Leptos's spawner: on a direct load nothing is mounted yet, so it is not started.
    wasm_bindgen_futures::spawn_local(async {
        #[cfg(test)]
        let mounted = mount_console();
        #[cfg(not(test))]
        let mounted = mount_console().await;
        match mounted {
            Ok(()) => {
                // The console has mounted its own view; the pages of the signed-out leave.
                PUBLIC.with(|slot| slot.borrow_mut().take());
                mark_interactive();
            }
            Err(LoadFailed) => show_load_failure(),
        }
    });
}

/// A failed download (network, server) is said on the page, with a way to try again.
fn show_load_failure() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(panel), Ok(retry), Some(body)) = (
        document.create_element("div"),
        document.create_element("button"),
        document.body(),
    ) else {
        return;
    };
    panel.set_class_name("alert alert-error load-failure");
    panel.set_attribute("role", "alert").ok();
    panel.set_text_content(Some(t().app_not_loaded));
    retry.set_class_name("button");
    retry.set_attribute("type", "button").ok();
    retry.set_text_content(Some(t().retry));
    let panel_again = panel.clone();
    let on_click = Closure::<dyn FnMut()>::new(move || {
        panel_again.remove();
        hand_over();
    });
    retry
        .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
        .ok();
    on_click.forget();
    let _ = panel.append_child(&retry);
    let _ = body.append_child(&panel);
}

/// The first screen is drawn and its handlers attached: the benchmark reads this mark.
pub fn mark_interactive() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("org-area:interactive");
    }
}
