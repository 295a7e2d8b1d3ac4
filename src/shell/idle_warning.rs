//! The warning a minute before the server ends a session no person used for its idle timeout.
//! The server is asked when that will be (a background request, which does not count as
//! activity) a minute before the last answer said; the person's own requests meanwhile, in this
//! tab or another, have moved it. In the last minute a dialog counts down and offers to stay.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::t;
use crate::api::ApiError;
use crate::i18n::fill;
use crate::session::{api, use_session};

/// The warning shows this many seconds before the end.
const WARN_SECONDS: u64 = 60;
/// While the warning shows, the server is asked again this often (another tab may have kept the
/// session); between answers the count goes down by itself.
const RECHECK_SECONDS: u64 = 5;

/// Asks, waits and warns for as long as it is mounted (while someone is signed in).
#[component]
pub fn IdleWarning() -> impl IntoView {
    let left = RwSignal::new(None::<u64>);
    let (stopped, stay) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
    on_cleanup({
        let stopped = stopped.clone();
        move || stopped.store(true, Ordering::Relaxed)
    });
    spawn_local(watch(left, stay.clone(), stopped));
    let session = use_session();
    // The watch asks the server again at once; coming right after the click, that request is the
    // person's, so the server counts it and answers the new end.
    let stay = Callback::new(move |()| {
        left.set(None);
        stay.store(true, Ordering::Relaxed);
    });
    let leave = Callback::new(move |()| session.sign_out());
    view! {
        <Show when=move || left.get().is_some()>
            <Warning left=Signal::derive(move || left.get().unwrap_or(0)) stay=stay leave=leave />
        </Show>
    }
}

/// The loop behind the warning; it ends with the component or the session (a 401 signs out).
async fn watch(left: RwSignal<Option<u64>>, stay: Arc<AtomicBool>, stopped: Arc<AtomicBool>) {
    let sleep = |seconds: u64| TimeoutFuture::new((seconds.min(3_600) * 1_000) as u32);
    while !stopped.load(Ordering::Relaxed) {
        stay.store(false, Ordering::Relaxed);
        let seconds = match api::times().await {
            Ok(times) => times.idle_seconds_left,
            Err(ApiError::Unauthorized(_)) => return,
            Err(_) => {
                sleep(30).await;
                continue;
            }
        };
        if seconds > WARN_SECONDS {
            let _ = left.try_set(None);
            sleep(seconds - WARN_SECONDS).await;
            continue;
        }
        let mut seconds = seconds;
        for _ in 0..RECHECK_SECONDS {
            if stay.load(Ordering::Relaxed) {
                break;
            }
            if stopped.load(Ordering::Relaxed) || left.try_set(Some(seconds)).is_some() {
                return;
            }
            if seconds == 0 {
                break;
            }
            sleep(1).await;
            seconds -= 1;
        }
    }
}

/// The countdown dialog. Escape stays signed in.
#[component]
fn Warning(left: Signal<u64>, stay: Callback<()>, leave: Callback<()>) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Div>::new();
    let stay_button = NodeRef::<leptos::html::Button>::new();
    crate::widgets::modal_keys(dialog, stay);
    Effect::new(move |_| {
        if let Some(button) = stay_button.get() {
            let _ = button.focus();
        }
    });
    let message = move || fill(t().idle_message, &[&left.get()]);
    view! {
        <div class="dialog-backdrop">
            <div class="dialog card" role="alertdialog" aria-modal="true" aria-labelledby="idle-title"
                aria-describedby="idle-message" node_ref=dialog>
                <h2 id="idle-title">{t().idle_title}</h2>
                <p id="idle-message" aria-live="off">{message}</p>
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| leave.run(())>{t().sign_out}</button>
                    <button type="button" class="button primary" node_ref=stay_button
                        on:click=move |_| stay.run(())>{t().idle_stay}</button>
                </div>
            </div>
        </div>
    }
}
