//! Sign in with email and password. A refusal is shown at the field it is about and nothing typed
//! is lost.

use contract::LoginRequest;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::ApiError;
use crate::brand::use_brand;
use crate::session::{use_session, SessionState};
use crate::widgets::{Brand, PoweredBy};

/// Only same-app paths are followed after sign-in, so a crafted link cannot send people elsewhere.
fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/sign-in") => path,
        _ => "/".to_string(),
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let brand = use_brand();
    let query = use_query_map();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let field_error = RwSignal::new(None::<(String, String)>);

    // Already signed in (or just signed in): go where the visitor was headed.
    Effect::new(move |_| {
        if matches!(session.state.get(), SessionState::SignedIn(_)) {
            let next = safe_next(query.get_untracked().get("next"));
            navigate(
                &next,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let submit = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        async move { session.sign_in(request).await }
    });

    let general_error = Memo::new(move |_| match submit.value().get() {
        Some(Err(err)) if err.field().is_none() => Some(err),
        _ => None,
    });
    Effect::new(move |_| {
        if let Some(Err(err)) = submit.value().get() {
            if let (Some(field), ApiError::Refused { message, .. }) = (err.field(), &err) {
                field_error.set(Some((field.to_string(), message.clone())));
            }
        }
    });
    let error_for = move |name: &'static str| {
        move || {
            field_error
                .get()
                .filter(|(field, _)| field == name)
                .map(|(_, message)| message)
        }
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        field_error.set(None);
        let request = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        if request.email.trim().is_empty() {
            field_error.set(Some(("email".into(), "Enter your email address.".into())));
            return;
        }
        if request.password.is_empty() {
            field_error.set(Some(("password".into(), "Enter your password.".into())));
            return;
        }
        submit.dispatch(request);
    };

    view! {
        <main class="sign-in">
            <form class="card sign-in-card" on:submit=on_submit novalidate>
                <Brand />
                <h1>"Sign in"</h1>
                // The organization's own words, as plain text (line breaks kept by the stylesheet).
                <p class="muted sign-in-text">{move || brand.sign_in_text().unwrap_or_else(|| {
                    "Manage your organization's spaces, people and subscription.".to_string()
                })}</p>
                {move || general_error.get().map(|err| view! {
                    <p class="alert alert-error" role="alert">{err.to_string()}</p>
                })}
                <div class="field">
                    <label for="email">"Email"</label>
                    <input id="email" name="email" type="email" autocomplete="username" required
                        bind:value=email
                        aria-invalid=move || error_for("email")().is_some().to_string()
                        aria-describedby="email-error" />
                    <p id="email-error" class="field-error" role="alert">{error_for("email")}</p>
                </div>
                <div class="field">
                    <label for="password">"Password"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required
                        bind:value=password
                        aria-invalid=move || error_for("password")().is_some().to_string()
                        aria-describedby="password-error" />
                    <p id="password-error" class="field-error" role="alert">{error_for("password")}</p>
                </div>
                <button type="submit" class="button primary wide" disabled=move || submit.pending().get()>
                    {move || if submit.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
                <PoweredBy />
            </form>
        </main>
    }
}
