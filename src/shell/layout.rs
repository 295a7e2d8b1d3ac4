use leptos::prelude::*;
use leptos_router::components::Outlet;

use super::tabs::Tabs;
use super::user_menu::UserMenu;
use crate::mount;
use crate::session::use_session;
use crate::widgets::{Brand, PoweredBy};

#[component]
pub fn Layout() -> impl IntoView {
    let session = use_session();
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
                <div class="embedded-bar">
                    <Tabs />
                    <UserMenu />
                </div>
                <main class="content" id="main">
                    <Outlet />
                </main>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="app">
            <header class="topbar">
                <Brand />
                <span class="org-name" data-testid="org-name">{org_name}</span>
                <UserMenu />
            </header>
            <Tabs />
            <main class="content" id="main">
                <Outlet />
            </main>
            <footer class="app-footer">
                <PoweredBy />
            </footer>
        </div>
    }
    .into_any()
}
