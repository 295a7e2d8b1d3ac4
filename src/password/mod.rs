//! The judgement of a new password as it is typed: the server's own (too short, too long, too easy
//! to guess), asked half a second after the last key, so the field says before submitting what
//! submitting would say. The judging dictionaries stay on the server: in the app they would weigh
//! more than the whole sign-in page. The reset page (part of the sign-in page's module) is judged
//! on submit only: the check as it is typed would add 4 KB to every sign-in.

mod api;
mod text;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

use text::t;

/// Wait this long after the last key before asking.
const SETTLE_MS: u32 = 500;

/// The line under a new password's field (give the field `aria-describedby` with `id`): why the
/// password would be refused, or that it is hard to guess. `about` is what it must not lean on
/// (the person's address and names, when known), as the server will judge it.
#[component]
pub fn PasswordJudgement(
    password: RwSignal<String>,
    id: &'static str,
    #[prop(optional, into)] about: Signal<Vec<String>>,
) -> impl IntoView {
    // None: nothing to say yet; Some(None): acceptable; Some(Some(why)): refused.
    let judged = RwSignal::new(None::<Option<String>>);
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let typed = password.get();
        let about = about.get();
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        if typed.is_empty() {
            judged.set(None);
            return;
        }
        spawn_local(async move {
            TimeoutFuture::new(SETTLE_MS).await;
            if asked.try_get_value() != Some(this) {
                return;
            }
            // A failed check says nothing: submitting still gets the judgement.
            if let Ok(answer) = api::check(typed, about).await {
                if asked.try_get_value() == Some(this) {
                    let _ = judged.try_set(Some(answer.message));
                }
            }
        });
    });
    view! {
        <p id=id aria-live="polite" class=move || match judged.get() {
            Some(Some(_)) => "field-error",
            _ => "muted hint",
        }>
            {move || match judged.get() {
                Some(Some(why)) => why,
                Some(None) => t().hard_to_guess.to_string(),
                None => String::new(),
            }}
        </p>
    }
}
