use super::text::t;
use contract::Permission;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use wasm_bindgen::JsCast;

use super::idle_warning::IdleWarning;
use super::tabs::Tabs;
use super::unavailable::UnavailableNotice;
use super::usage_banner::UsageBanner;
use super::user_menu::UserMenu;
use crate::live::{follow, provide_live};
use crate::mount;
use crate::palette::{provide_palette, PaletteButton, PaletteLauncher};
use crate::session::use_session;
use crate::undo::{provide_undo, UndoNotice};
use crate::widgets::{Brand, PoweredBy};

/// Live updates run while an owner or admin is signed in, and stop when that ends.
fn follow_changes() {
    let session = use_session();
    let live = provide_live();
    crate::live::follow_settings();
    let may_follow = Memo::new(move |_| session.me().is_some_and(|me| me.may(Permission::SeeMembers)));
    let open = StoredValue::new_local(None::<web_sys::AbortController>);
    let stop = move || {
        if let Some(controller) = open.try_update_value(Option::take).flatten() {
            controller.abort();
        }
    };
    Effect::new(move |_| {
        if may_follow.get() {
            if open.with_value(Option::is_none) {
                open.set_value(Some(follow(live, session)));
            }
        } else {
            stop();
        }
    });
    on_cleanup(stop);
}

/// The first thing a keyboard reaches: past the header and tabs to the screen's content. Focus
/// moves by script, since with the page's `<base href>` a `#main` link would leave the page.
#[component]
fn SkipLink() -> impl IntoView {
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main") {
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
            }
        }
    };
    view! {
        <nav class="skip-nav" aria-label=t().shortcuts>
            <a class="skip-link" href="" on:click=skip>{t().skip_to_content}</a>
        </nav>
    }
}

#[component]
pub fn Layout() -> impl IntoView {
    let session = use_session();
    follow_changes();
    provide_undo();
    provide_palette();
    crate::commands::provide_commands();
    let org_name = move || {
        session
            .me()
            .and_then(|me| me.org)
            .map(|org| org.name)
            .unwrap_or_default()
    };
    // In another site's frame the host page is the chrome: no header, the menu joins the tabs.
    if mount::get().embedded {
        return view! {
            <div class="app embedded">
                <SkipLink />
                <IdleWarning />
                <div class="embedded-bar">
                    <Tabs />
                    <PaletteButton />
                    <UserMenu />
                </div>
                <PaletteLauncher />
                <UnavailableNotice />
                <UsageBanner />
                <UndoNotice />
                <main class="content" id="main" tabindex="-1">
                    <Outlet />
                </main>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="app">
            <SkipLink />
            <IdleWarning />
            <header class="topbar">
                <Brand />
                <span class="org-name" data-testid="org-name">{org_name}</span>
                <PaletteButton />
                <UserMenu />
            </header>
            <PaletteLauncher />
            <Tabs />
            <UnavailableNotice />
            <UsageBanner />
            <UndoNotice />
            <main class="content" id="main" tabindex="-1">
                <Outlet />
            </main>
            <footer class="app-footer">
                <PoweredBy />
            </footer>
        </div>
    }
    .into_any()
}
