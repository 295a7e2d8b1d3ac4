//! The second step of signing in: the code from the authenticator app (or a recovery code).

use contract::TwoFactorCode;
use leptos::prelude::*;

use super::text::t;
use crate::api::ApiError;
use crate::session::use_session;

/// Ask for the code owed by `pending` (the session the password opened); the session then opens.
/// `unlock`: the token of a mailed unlock link, sent along in case codes wait for it.
#[component]
pub fn CodeStep(pending: String, #[prop(default = None)] unlock: Option<String>) -> impl IntoView {
    let session = use_session();
    let code = RwSignal::new(String::new());
    // What the check before sending found; the server's answer is read from the action itself.
    let checked = RwSignal::new(None::<String>);
    let pending = StoredValue::new(pending);
    let verify = Action::new_local(move |code: &String| {
        let code = TwoFactorCode {
            code: code.clone(),
            unlock: unlock.clone(),
        };
        async move { session.second_factor(pending.get_value(), code).await }
    });
    let error = Signal::derive(move || {
        checked.get().or_else(|| match verify.value().get() {
            // A session that ended meanwhile (signed out elsewhere) shows as a refusal too.
            Some(Err(ApiError::Unauthorized(_))) => Some(t().sign_in_expired.to_string()),
            Some(Err(other)) => Some(other.to_string()),
            _ => None,
        })
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        verify.clear();
        let typed = code.get_untracked();
        if typed.trim().is_empty() {
            checked.set(Some(t().enter_code.into()));
            return;
        }
        checked.set(None);
        verify.dispatch(typed);
    };
    view! {
        <form class="code-step" on:submit=on_submit novalidate>
            <p class="muted">{t().code_intro}</p>
            <div class="field">
                <label for="auth-code">{t().code_label}</label>
                <input id="auth-code" type="text" inputmode="numeric" autocomplete="one-time-code" bind:value=code
                    aria-invalid=move || error.get().is_some().to_string() aria-describedby="auth-code-error" />
                <p id="auth-code-error" class="field-error" role="alert">{move || error.get()}</p>
            </div>
            <button type="submit" class="button primary wide" disabled=move || verify.pending().get()>
                {move || if verify.pending().get() { t().verifying } else { t().verify }}
            </button>
        </form>
    }
}
