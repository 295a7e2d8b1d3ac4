//! Sign in with email and password, then the authentication code when the account has two-factor
//! sign-in. A refusal is shown at the field it is about and nothing typed is lost.

use contract::LoginRequest;
use leptos::prelude::*;

use super::text::t;
use super::CodeStep;
use crate::api::ApiError;
use crate::brand::use_brand;
use crate::mount;
use crate::session::{use_session, SessionState};
use crate::widgets::{fragment, Brand, Loading, PoweredBy};

/// The sign-in page, once it is known that nobody is signed in here: a stored session is checked
/// first, and someone signed in goes on to where the sign-in was meant to lead.
#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    // Signed in (just now, or already when this page was opened): on to the page the visitor was
    // headed to (or the Account page, when the organization waits for them to set up two-factor
    // sign-in), in the console. The sign-in page is not kept in the history.
    Effect::new(move |_| {
        if let SessionState::SignedIn(me) = session.state.get() {
            let search = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .unwrap_or_default();
            let next = if me.must_set_up_two_factor {
                "/account".to_string()
            } else {
                crate::mount::next_from(&search)
            };
            crate::mount::enter(&next);
        }
    });

    let signed_out = Memo::new(move |_| {
        matches!(
            session.state.get(),
            SessionState::SignedOut | SessionState::Unreachable(_)
        )
    });
    move || {
        if signed_out.get() {
            view! { <SignInForm /> }.into_any()
        } else {
            view! { <Loading label=crate::widgets::text::t().checking_session /> }.into_any()
        }
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    let session = use_session();
    let brand = use_brand();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // What the check before sending found; the server's answer is read from the action itself.
    let checked = RwSignal::new(None::<(String, String)>);
    // A mailed unlock link opened this page: its token goes with the password and the code, which
    // were refused too often in a row until the person proved themselves by mail.
    let unlock = fragment::take("unlock");
    let unlocking = unlock.is_some();
    let unlock = StoredValue::new(unlock);

    let submit = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        async move { session.sign_in(request).await }
    });

    let general_error = Memo::new(move |_| match submit.value().get() {
        Some(Err(err)) if err.field().is_none() => Some(err),
        _ => None,
    });
    // The session the password opened, while it owes its authentication code.
    let pending = Memo::new(move |_| match submit.value().get() {
        Some(Ok(Some(token))) => Some(token),
        _ => None,
    });
    let field_error = Memo::new(move |_| {
        checked.get().or_else(|| match submit.value().get() {
            Some(Err(ApiError::Refused {
                field: Some(field),
                message,
                ..
            })) => Some((field, message)),
            _ => None,
        })
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
        checked.set(None);
        submit.clear();
        let request = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
            unlock: unlock.get_value(),
        };
        if request.email.trim().is_empty() {
            checked.set(Some(("email".into(), t().enter_email.into())));
            return;
        }
        if request.password.is_empty() {
            checked.set(Some(("password".into(), t().enter_password.into())));
            return;
        }
        submit.dispatch(request);
    };

    let password_form = move || {
        view! {
            <form on:submit=on_submit novalidate>
                {unlocking.then(|| view! { <p class="alert alert-info" role="status">{t().unlocked}</p> })}
                {move || general_error.get().map(|err| view! {
                    <p class="alert alert-error" role="alert">{err.to_string()}</p>
                })}
                <div class="field">
                    <label for="email">{t().email}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required
                        bind:value=email
                        aria-invalid=move || error_for("email")().is_some().to_string()
                        aria-describedby="email-error" />
                    <p id="email-error" class="field-error" role="alert">{error_for("email")}</p>
                </div>
                <div class="field">
                    <label for="password">{t().password}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required
                        bind:value=password
                        aria-invalid=move || error_for("password")().is_some().to_string()
                        aria-describedby="password-error" />
                    <p id="password-error" class="field-error" role="alert">{error_for("password")}</p>
                </div>
                <button type="submit" class="button primary wide" disabled=move || submit.pending().get()>
                    {move || if submit.pending().get() { t().signing_in } else { t().sign_in }}
                </button>
                <p class="sign-in-links">
                    <a href=mount::href("/forgot-password")>{t().forgot_password}</a>
                    <a href=mount::href("/sign-in/sso")>{t().sign_in_with_sso}</a>
                </p>
            </form>
        }
    };

    view! {
        <main class="sign-in">
            <div class="card sign-in-card">
                <Brand />
                <h1>{t().sign_in}</h1>
                // The organization's own words, as plain text (line breaks kept by the stylesheet).
                <p class="muted sign-in-text">{move || brand.sign_in_text().unwrap_or_else(|| t().welcome.to_string())}</p>
                {move || match pending.get() {
                    Some(token) => view! { <CodeStep pending=token unlock=unlock.get_value() /> }.into_any(),
                    None => password_form().into_any(),
                }}
                <PoweredBy />
            </div>
        </main>
    }
}
