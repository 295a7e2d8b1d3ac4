//! The page a reset link opens: a new password. The token comes in the address's fragment (which
//! browsers never send to a server) and is taken out of the address bar at once.

use contract::{new_password_problem, MIN_PASSWORD_LEN};
use leptos::prelude::*;

use super::text::t;
use crate::api::ApiError;
use crate::i18n::fill;
use crate::mount;
use crate::session::api;
use crate::widgets::{fragment, Brand};

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = fragment::take("token");
    let password = RwSignal::new(String::new());
    // What the check before sending found; the server's answer is read from the action itself.
    let checked = RwSignal::new(None::<ApiError>);
    let token = StoredValue::new(token);
    let save = Action::new_local(move |password: &String| {
        let password = password.clone();
        async move { api::reset_password(token.get_value().unwrap_or_default(), password).await }
    });
    let error = Signal::derive(move || checked.get().or_else(|| save.value().get().and_then(Result::err)));
    let done = Signal::derive(move || matches!(save.value().get(), Some(Ok(()))));
    let field_error = move || {
        error
            .get()
            .filter(|e| e.field() == Some("password"))
            .map(|e| e.to_string())
    };
    let general_error = move || {
        error
            .get()
            .filter(|e| e.field() != Some("password"))
            .map(|e| e.to_string())
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.clear();
        checked.set(None);
        let typed = password.get_untracked();
        if let Some(message) = new_password_problem(&typed, crate::i18n::lang()) {
            checked.set(Some(ApiError::Refused {
                status: 422,
                code: "invalid".into(),
                message,
                field: Some("password".into()),
            }));
            return;
        }
        save.dispatch(typed);
    };
    view! {
        <main class="sign-in">
            <div class="card sign-in-card">
                <Brand />
                <h1>{t().new_password_title}</h1>
                {move || if done.get() {
                    view! {
                        <p role="status">{t().password_changed}</p>
                        <p><a class="button primary" href=mount::href("/sign-in")>{t().sign_in}</a></p>
                    }.into_any()
                } else if token.get_value().is_none() {
                    view! {
                        <p class="alert alert-error" role="alert">{t().needs_mail_link}</p>
                        <p><a href=mount::href("/forgot-password")>{t().forgot_password}</a></p>
                    }.into_any()
                } else {
                    view! {
                        <form on:submit=on_submit novalidate>
                            {move || general_error().map(|message| view! {
                                <p class="alert alert-error" role="alert">{message} " " <a href=mount::href("/forgot-password")>{t().ask_new_link}</a></p>
                            })}
                            <div class="field">
                                <label for="new-password">{t().new_password}</label>
                                <input id="new-password" type="password" autocomplete="new-password" bind:value=password
                                    aria-invalid=move || field_error().is_some().to_string()
                                    aria-describedby="new-password-hint new-password-error" />
                                <p id="new-password-hint" class="muted hint">{fill(t().at_least_chars, &[&MIN_PASSWORD_LEN])}</p>
                                <p id="new-password-error" class="field-error" role="alert">{field_error}</p>
                            </div>
                            <button type="submit" class="button primary wide" disabled=move || save.pending().get()>{t().set_new_password}</button>
                        </form>
                    }.into_any()
                }}
            </div>
        </main>
    }
}
