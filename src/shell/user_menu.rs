use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::text::t;
use crate::i18n::{lang, switch_to, Lang};
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
    let role = move || {
        session
            .me()
            .and_then(|me| me.role())
            .map(|r| r.label_in(lang()))
            .unwrap_or("")
    };
    let is_deprecated = move || session.me().and_then(|me| me.role()).is_some_and(|r| r.is_deprecated());
    let button = NodeRef::<leptos::html::Button>::new();
    let items = NodeRef::<leptos::html::Div>::new();
    // Opened, focus goes to the first item (the WAI-ARIA menu button pattern).
    Effect::new(move |_| {
        if let Some(items) = items.get() {
            focus_item(&items, |_, _| 0);
        }
    });
    let close = move || {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        let Some(list) = items.get_untracked() else {
            return;
        };
        let step = |delta: i32| {
            move |at: Option<u32>, n: u32| match at {
                Some(i) => (i as i32 + delta).rem_euclid(n as i32) as u32,
                None => 0,
            }
        };
        match ev.key().as_str() {
            "ArrowDown" => focus_item(&list, step(1)),
            "ArrowUp" => focus_item(&list, step(-1)),
            "Home" => focus_item(&list, |_, _| 0),
            "End" => focus_item(&list, |_, n| n.saturating_sub(1)),
            "Escape" => close(),
            // Tab leaves the menu for the page, which closes it.
            "Tab" => {
                open.set(false);
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    };
    view! {
        <div class="user-menu">
            <button type="button" class="user-menu-button" aria-haspopup="menu" node_ref=button
                aria-expanded=move || open.get().to_string() aria-controls="user-menu-items"
                on:click=move |_| open.update(|o| *o = !*o)
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "ArrowDown" && !open.get_untracked() {
                        ev.prevent_default();
                        open.set(true);
                    }
                }>
                <span class="avatar" aria-hidden="true">{move || name().chars().next().unwrap_or('?').to_string()}</span>
                // Named by what it shows and what it is ("Olivia Owens, user menu"), so "click
                // Olivia Owens" works for voice control too (WCAG 2.5.3, label in name).
                <span class="user-menu-name">{name}</span>
                <span class="visually-hidden">{t().user_menu_suffix}</span>
            </button>
            <Show when=move || open.get()>
                <div class="menu" id="user-menu">
                    <div class="menu-header">
                        <strong>{name}</strong>
                        <span class="muted">{email}</span>
                        <span class="muted">
                            {role}
                            {move || is_deprecated().then(|| view! { " " <DeprecatedBadge /> })}
                        </span>
                    </div>
                    // Only items inside the menu role: the header above is its caption.
                    <div role="menu" id="user-menu-items" aria-label=t().user_menu node_ref=items on:keydown=keys>
                        <button type="button" role="menuitem" tabindex="-1" class="menu-item" on:click={
                            let navigate = navigate.clone();
                            move |_| {
                                open.set(false);
                                navigate("/account", Default::default());
                            }
                        }>{t().account}</button>
                        <button type="button" role="menuitem" tabindex="-1" class="menu-item" on:click=move |_| {
                            open.set(false);
                            session.sign_out();
                        }>{t().sign_out}</button>
                        // The languages, each named in itself; picking one shows the page again in it.
                        <div role="group" aria-label=t().language class="menu-group">
                            {Lang::ALL.into_iter().map(|choice| view! {
                                <button type="button" role="menuitemradio" tabindex="-1" class="menu-item"
                                    lang=choice.tag() aria-checked=(choice == lang()).to_string()
                                    on:click=move |_| {
                                        open.set(false);
                                        if choice != lang() {
                                            switch_to(choice);
                                        }
                                    }>{choice.own_name()}</button>
                            }).collect_view()}
                        </div>
                    </div>
                </div>
            </Show>
        </div>
    }
}

/// Focus the menu item `pick` chooses from the one with focus now (if any) and how many there are.
fn focus_item(menu: &web_sys::HtmlDivElement, pick: impl Fn(Option<u32>, u32) -> u32) {
    use wasm_bindgen::JsCast;
    let Ok(list) = menu.query_selector_all("[role=menuitem], [role=menuitemradio]") else {
        return;
    };
    let item = |i: u32| list.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
    let active = document().active_element();
    let at = (0..list.length()).find(|i| {
        item(*i).is_some_and(|el| {
            active
                .as_ref()
                .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
        })
    });
    if list.length() > 0 {
        if let Some(next) = item(pick(at, list.length())) {
            let _ = next.focus();
        }
    }
}
