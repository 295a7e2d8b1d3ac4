use leptos::prelude::*;
use leptos_router::components::Outlet;

use super::tabs::Tabs;
use super::user_menu::UserMenu;
use crate::session::use_session;
use crate::widgets::Brand;

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
        </div>
    }
}
