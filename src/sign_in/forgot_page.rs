//! "Forgot password?": the email address, and the same answer whether or not it has an account.

use leptos::prelude::*;

use super::text::t;
use crate::api::ApiError;
use crate::i18n::fill;
use crate::mount;
use crate::session::api;
use crate::widgets::Brand;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    // What the check before sending found; the server's answer is read from the action itself.
    let checked = RwSignal::new(None::<ApiError>);
    let send = Action::new_local(move |email: &String| {
        let email = email.clone();
        async move { api::request_reset(email).await }
    });
    let error = Signal::derive(move || checked.get().or_else(|| send.value().get().and_then(Result::err)));
    let sent = move || matches!(send.value().get(), Some(Ok(())));
    let field_error = move || {
        error
            .get()
            .filter(|e| e.field() == Some("email"))
            .map(|e| e.to_string())
    };
    let general_error = move || error.get().filter(|e| e.field().is_none()).map(|e| e.to_string());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.clear();
        checked.set(None);
        let typed = email.get_untracked();
        if !contract::is_valid_email(typed.trim()) {
            checked.set(Some(ApiError::Refused {
                status: 422,
                code: "invalid".into(),
                message: t().enter_account_email.into(),
                field: Some("email".into()),
            }));
            return;
        }
        send.dispatch(typed);
    };
    view! {
        <main class="sign-in">
            <div class="card sign-in-card">
                <Brand />
                <h1>{t().reset_title}</h1>
                {move || if sent() {
                    view! {
                        <p role="status">{fill(t().reset_sent, &[&email.get_untracked().trim()])}</p>
                        <p><a href=mount::href("/sign-in")>{t().back_to_sign_in}</a></p>
                    }.into_any()
                } else {
                    view! {
                        <form on:submit=on_submit novalidate>
                            <p class="muted">{t().reset_intro}</p>
                            {move || general_error().map(|message| view! { <p class="alert alert-error" role="alert">{message}</p> })}
                            <div class="field">
                                <label for="reset-email">{t().email}</label>
                                <input id="reset-email" type="email" autocomplete="username" bind:value=email
                                    aria-invalid=move || field_error().is_some().to_string() aria-describedby="reset-email-error" />
                                <p id="reset-email-error" class="field-error" role="alert">{field_error}</p>
                            </div>
                            <button type="submit" class="button primary wide" disabled=move || send.pending().get()>{t().send_link}</button>
                            <p class="sign-in-links"><a href=mount::href("/sign-in")>{t().back_to_sign_in}</a></p>
                        </form>
                    }.into_any()
                }}
            </div>
        </main>
    }
}
