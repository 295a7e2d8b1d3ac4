//! The notice itself: the newest action that can be undone, its seconds counting down, "Undo".
//! It sits before the screen's content, so the keyboard reaches it at once, and takes the focus
//! when it comes from an action on this page (whose button has just gone with its row); its
//! words are announced, the seconds are not.

use contract::{ActivityKey, UndoWindow};
use gloo_timers::future::TimeoutFuture;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::t;
use super::{api, use_undo};
use crate::i18n::fill;

fn said(window: &UndoWindow) -> String {
    let template = match window.key {
        ActivityKey::OrgUserDestroy => t().removed,
        ActivityKey::InvitationRevoke => t().revoked,
        ActivityKey::SpaceDetach => t().detached,
        _ => t().taken_off,
    };
    fill(template, &[&window.name])
}

/// Milliseconds since the page started: the countdown's clock.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

#[component]
pub fn UndoNotice() -> impl IntoView {
    let undo = use_undo();
    // The window shown and when (on this page's clock) it closes.
    let shown = RwSignal::new(None::<(UndoWindow, f64)>);
    let left = RwSignal::new(0u32);
    let message = RwSignal::new(None::<String>);
    let focus_it = StoredValue::new(false);
    let button = NodeRef::<html::Button>::new();

    // Only owners and admins do what can be undone (members on their Account page ask nothing).
    let session = crate::session::use_session();
    let may_undo = Memo::new(move |_| session.me().is_some_and(|me| me.may(contract::Permission::OpenOrgArea)));
    // On load (a reload within the window) and after each action on this page.
    Effect::new(move |first: Option<()>| {
        undo.offered.track();
        let offered = first.is_some();
        if !may_undo.get() {
            return;
        }
        spawn_local(async move {
            let Ok(open) = api::open_windows().await else { return };
            let Some(window) = open.windows.into_iter().next() else {
                return;
            };
            let closes = now_ms() + f64::from(window.seconds_left) * 1000.0;
            focus_it.set_value(offered);
            let _ = message.try_set(None);
            let _ = left.try_set(window.seconds_left);
            let _ = shown.try_set(Some((window, closes)));
        });
    });
    // One countdown at a time, for as long as a window shows.
    Effect::new(move |_| {
        let Some(id) = shown.with(|s| s.as_ref().map(|(w, _)| w.id)) else {
            return;
        };
        spawn_local(async move {
            loop {
                let still = shown.try_with_untracked(|s| s.as_ref().filter(|(w, _)| w.id == id).map(|(_, c)| *c));
                let Some(Some(closes)) = still else { return };
                let ms = closes - now_ms();
                if ms <= 0.0 {
                    let _ = shown.try_set(None);
                    return;
                }
                let _ = left.try_set((ms / 1000.0).ceil() as u32);
                TimeoutFuture::new(250).await;
            }
        });
    });
    Effect::new(move |_| {
        if shown.with(Option::is_some) && focus_it.get_value() {
            focus_it.set_value(false);
            if let Some(button) = button.get() {
                let _ = button.focus();
            }
        }
    });

    let sending = RwSignal::new(false);
    let take_back = move |id: i64| {
        sending.set(true);
        spawn_local(async move {
            let said = match api::undo(id).await {
                Ok(()) => t().undone.to_string(),
                Err(err) => err.to_string(),
            };
            let _ = sending.try_set(false);
            let _ = shown.try_set(None);
            let _ = message.try_set(Some(said));
        });
    };

    view! {
        <div class="undo-region" role="status">
            {move || shown.get().map(|(window, _)| {
                let what = said(&window);
                let id = window.id;
                view! {
                    <div class="undo-notice">
                        <p>{what.clone()}</p>
                        <button type="button" class="button small primary" node_ref=button
                            aria-label=fill(t().undo_named, &[&what])
                            disabled=move || sending.get()
                            on:click=move |_| take_back(id)>{t().undo}</button>
                        <span class="muted undo-seconds" aria-hidden="true">{move || fill(t().seconds_left, &[&left.get()])}</span>
                    </div>
                }
            })}
            {move || message.get().map(|m| view! {
                <div class="undo-notice">
                    <p>{m}</p>
                    <button type="button" class="button small" on:click=move |_| message.set(None)>{crate::widgets::text::t().dismiss}</button>
                </div>
            })}
        </div>
    }
}
