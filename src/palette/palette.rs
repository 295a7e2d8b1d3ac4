//! The palette: a dialog holding a combobox (the WAI-ARIA pattern: the input keeps the focus,
//! ↑ and ↓ move the active option, Enter runs it, Escape closes) over a listbox grouped into
//! screens, actions, people and spaces. People and spaces are searched on the server as one
//! types; the rest is what the person's role allows.

use contract::{Permission, SearchQuery, SearchResults};
use gloo_timers::future::TimeoutFuture;
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::items::{matches, offered, person, space, Group, Item, Run};
use super::text::t;
use super::use_palette;
use crate::commands::use_commands;
use crate::i18n::{fill, switch_to};
use crate::session::use_session;
use crate::widgets::modal_keys;

/// Typing pauses this long before the server is asked.
const SEARCH_AFTER_MS: u32 = 150;

fn option_id(index: usize) -> String {
    format!("palette-option-{index}")
}

#[component]
pub fn Palette() -> impl IntoView {
    let open = use_palette().0;
    let session = use_session();
    let commands = use_commands();
    let navigate = use_navigate();
    let typed = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let me = session.me();
    let offered = StoredValue::new(me.as_ref().map(offered).unwrap_or_default());
    let may_search = me.as_ref().is_some_and(|m| m.may(Permission::SeeMembers));

    // The server's people and spaces for what is typed, once typing pauses.
    let found = LocalResource::new(move || {
        let q = typed.get().trim().to_string();
        async move {
            if !may_search || q.is_empty() {
                return Some(SearchResults::default());
            }
            TimeoutFuture::new(SEARCH_AFTER_MS).await;
            if typed.try_with_untracked(|now| now.trim() != q).unwrap_or(true) {
                return None;
            }
            crate::api::Call::get("/orgs/me/search")
                .query(&SearchQuery { q }.to_query())
                .fetch::<SearchResults>()
                .await
                .ok()
        }
    });
    let searching = Memo::new(move |_| found.get().is_none_or(|r| r.is_none()) && !typed.with(|q| q.trim().is_empty()));
    let items = Memo::new(move |_| {
        let q = typed.get();
        let mut items: Vec<Item> =
            offered.with_value(|all| all.iter().filter(|i| matches(&i.label, &q)).cloned().collect());
        if let Some(Some(results)) = found.get() {
            items.extend(results.users.into_iter().map(person));
            items.extend(results.spaces.into_iter().map(space));
        }
        items
    });
    // What is typed changes the list: the first option is active again.
    Effect::watch(move || typed.get(), move |_, _, _| active.set(0), false);

    let close = Callback::new(move |()| open.set(false));
    let dialog = NodeRef::<html::Div>::new();
    modal_keys(dialog, close);
    let input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.focus();
        }
    });

    let run = Callback::new(move |item: Item| {
        open.set(false);
        match item.run {
            Run::Go(to) => navigate(&to, Default::default()),
            Run::Command(command, to) => {
                commands.give(command);
                navigate(to, Default::default());
            }
            Run::SignOut => session.sign_out(),
            Run::Language(lang) => switch_to(lang),
        }
    });
    let run_active = move || {
        if let Some(item) = items.with(|list| list.get(active.get_untracked()).cloned()) {
            run.run(item);
        }
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let count = items.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % count);
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + count - 1) % count);
            }
            "Enter" => {
                ev.prevent_default();
                run_active();
            }
            _ => {}
        }
    };
    // The active option stays in sight in a long list.
    Effect::new(move |_| {
        let id = option_id(active.get());
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&id) {
                el.scroll_into_view_with_bool(false);
            }
        });
    });

    let group_view = move |group: Group| {
        move || {
            let members: Vec<(usize, Item)> = items.with(|list| {
                list.iter()
                    .enumerate()
                    .filter(|(_, i)| i.group == group)
                    .map(|(n, i)| (n, i.clone()))
                    .collect()
            });
            (!members.is_empty()).then(|| {
                let heading = format!("palette-group-{group:?}");
                view! {
                    <li role="presentation" class="palette-group">
                        <span id=heading.clone() class="palette-group-label" aria-hidden="true">{group.label()}</span>
                        <ul role="group" aria-labelledby=heading>
                            {members.into_iter().map(|(n, item)| {
                                let chosen = move || active.get() == n;
                                let for_click = item.clone();
                                view! {
                                    <li id=option_id(n) role="option" class="palette-option"
                                        class:active=chosen aria-selected=move || chosen().to_string()
                                        on:mousemove=move |_| if !chosen() { active.set(n) }
                                        on:click=move |_| run.run(for_click.clone())>
                                        <span>{item.label.clone()}</span>
                                        {item.detail.clone().map(|d| view! { <span class="muted palette-detail">{d}</span> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </li>
                }
            })
        }
    };

    view! {
        <div class="dialog-backdrop palette-backdrop" on:click=move |ev| {
            // A click outside the dialog closes it.
            if ev.target() == ev.current_target() { open.set(false) }
        }>
            <div class="dialog card palette" role="dialog" aria-modal="true" aria-label=t().title node_ref=dialog>
                <input node_ref=input type="text" class="palette-input" role="combobox"
                    aria-label=t().title placeholder=t().placeholder autocomplete="off" spellcheck="false"
                    aria-expanded="true" aria-controls="palette-list" aria-autocomplete="list"
                    aria-describedby="palette-keys"
                    aria-activedescendant=move || (items.with(Vec::len) > 0).then(|| option_id(active.get()))
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:keydown=on_keydown />
                <ul id="palette-list" role="listbox" aria-label=t().title class="palette-list">
                    {Group::ALL.into_iter().map(group_view).collect_view()}
                </ul>
                <p class="muted palette-status" role="status">
                    {move || if searching.get() {
                        t().searching.to_string()
                    } else if items.with(Vec::is_empty) {
                        t().nothing_found.to_string()
                    } else if typed.with(|q| !q.trim().is_empty()) {
                        fill(t().results, &[&items.with(Vec::len)])
                    } else {
                        String::new()
                    }}
                </p>
                <p id="palette-keys" class="muted palette-keys">{t().keys_hint}</p>
            </div>
        </div>
    }
}
