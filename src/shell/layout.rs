use contract::{allows, Permission};
use leptos::prelude::*;
use leptos_router::components::Outlet;

use super::tabs::Tabs;
use super::user_menu::UserMenu;
use crate::live::{follow, provide_live};
use crate::mount;
use crate::session::use_session;
use crate::widgets::{Brand, PoweredBy};

/// Live updates run while an owner or admin is signed in, and stop when that ends.
fn follow_changes() {
    let session = use_session();
    let live = provide_live();
    crate::settings::follow_settings();
    let may_follow = Memo::new(move |_| {
        session.me().is_some_and(|me| {
            !me.must_set_up_two_factor && me.role().is_some_and(|role| allows(role, Permission::SeeMembers))
        })
    });
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

#[component]
pub fn Layout() -> impl IntoView {
    let session = use_session();
    follow_changes();
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
