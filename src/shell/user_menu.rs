use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::session::use_session;
use crate::widgets::DeprecatedBadge;

/// The signed-in person and their actions, behind a button.
#[component]
pub fn UserMenu() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let name = move || session.me().map(|me| me.user.friendly_name).unwrap_or_default();
    let email = move || session.me().map(|me| me.user.email).unwrap_or_default();
    let role = move || session.me().and_then(|me| me.role()).map(|r| r.label()).unwrap_or("");
    let is_deprecated = move || session.me().and_then(|me| me.role()).is_some_and(|r| r.is_deprecated());
    view! {
        <div class="user-menu" on:keydown=move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" {
                open.set(false);
            }
        }>
            <button type="button" class="user-menu-button" aria-haspopup="menu"
                aria-expanded=move || open.get().to_string() aria-controls="user-menu"
                on:click=move |_| open.update(|o| *o = !*o)>
                <span class="avatar" aria-hidden="true">{move || name().chars().next().unwrap_or('?').to_string()}</span>
                // Named by what it shows and what it is ("Olivia Owens, user menu"), so "click
                // Olivia Owens" works for voice control too (WCAG 2.5.3, label in name).
                <span class="user-menu-name">{name}</span>
                <span class="visually-hidden">", user menu"</span>
            </button>
            <Show when=move || open.get()>
                <div class="menu" id="user-menu" role="menu">
                    <div class="menu-header">
                        <strong>{name}</strong>
                        <span class="muted">{email}</span>
                        <span class="muted">
                            {role}
                            {move || is_deprecated().then(|| view! { " " <DeprecatedBadge /> })}
                        </span>
                    </div>
                    <button type="button" role="menuitem" class="menu-item" on:click={
                        let navigate = navigate.clone();
                        move |_| {
                            open.set(false);
                            navigate("/account", Default::default());
                        }
                    }>"Account"</button>
                    <button type="button" role="menuitem" class="menu-item" on:click=move |_| {
                        open.set(false);
                        session.sign_out();
                    }>"Sign out"</button>
                </div>
            </Show>
        </div>
    }
}
