//! "Sign in with SSO": the address or SSO identifier typed, then the organization's identity
//! provider, which sends the person back here with a one-time code (traded for a session at
//! once) or with why not, in the fragment. A chunk of its own: the password sign-in page does
//! not carry it.

use contract::{SsoExchange, SsoFailure, SsoRedirect, SsoStart};
use leptos::prelude::*;

use super::sso_text::t;
use crate::api::{self, ApiError};
use crate::i18n::lang;
use crate::mount;
use crate::session::use_session;
use crate::widgets::{fragment, Brand, Loading, PoweredBy};

async fn start(request: SsoStart) -> Result<SsoRedirect, ApiError> {
    api::Call::post("/auth/sso").json(&request).fetch().await
}

async fn exchange(handoff: String) -> Result<contract::LoginResponse, ApiError> {
    api::Call::post("/auth/sso/exchange")
        .json(&SsoExchange { handoff })
        .fetch()
        .await
}

#[component]
pub fn SsoSignInPage() -> impl IntoView {
    let session = use_session();
    // What the identity provider's return brought, read once and taken out of the address.
    let handoff = fragment::take("handoff");
    let failure = fragment::take("error").map(|code| {
        SsoFailure::parse(&code)
            .unwrap_or(SsoFailure::Provider)
            .describe_in(lang())
            .to_string()
    });
    let trading = handoff.is_some();
    let traded = Action::new_local(move |handoff: &String| {
        let handoff = handoff.clone();
        async move {
            let response = exchange(handoff).await?;
            session.start(response);
            mount::enter("/");
            Ok::<(), ApiError>(())
        }
    });
    if let Some(handoff) = handoff {
        traded.dispatch(handoff);
    }
    let trade_failed = move || traded.value().get().and_then(Result::err).map(|err| err.to_string());
    let typed = RwSignal::new(String::new());
    let checked = RwSignal::new(None::<String>);
    let go = Action::new_local(move |request: &SsoStart| {
        let request = request.clone();
        async move {
            let redirect = start(request).await?;
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(&redirect.redirect_url);
            }
            Ok::<(), ApiError>(())
        }
    });
    let field_error = move || {
        checked.get().or_else(|| match go.value().get() {
            Some(Err(ApiError::Refused {
                field: Some(_),
                message,
                ..
            })) => Some(message),
            _ => None,
        })
    };
    let general_error = move || match go.value().get() {
        Some(Err(err)) if err.field().is_none() => Some(err.to_string()),
        _ => None,
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go.clear();
        let email_or_identifier = typed.get_untracked().trim().to_owned();
        if email_or_identifier.is_empty() {
            checked.set(Some(contract::text::sso(lang()).enter_email_or_identifier.to_string()));
            return;
        }
        checked.set(None);
        go.dispatch(SsoStart { email_or_identifier });
    };
    let form = move || {
        view! {
            <form on:submit=on_submit novalidate>
                {failure.clone().map(|said| view! { <p class="alert alert-error" role="alert">{said}</p> })}
                {move || trade_failed().map(|said| view! { <p class="alert alert-error" role="alert">{said}</p> })}
                {move || general_error().map(|said| view! { <p class="alert alert-error" role="alert">{said}</p> })}
                <div class="field">
                    <label for="sso-email-or-identifier">{t().email_or_identifier}</label>
                    <input id="sso-email-or-identifier" type="text" autocomplete="username" required bind:value=typed
                        aria-invalid=move || field_error().is_some().to_string()
                        aria-describedby="sso-email-or-identifier-error" />
                    <p id="sso-email-or-identifier-error" class="field-error" role="alert">{field_error}</p>
                </div>
                <button type="submit" class="button primary wide" disabled=move || go.pending().get()>
                    {move || if go.pending().get() { t().redirecting } else { t().continue_to_provider }}
                </button>
                <p class="sign-in-links"><a href=mount::href("/sign-in")>{t().use_password}</a></p>
            </form>
        }
    };
    view! {
        <main class="sign-in">
            <div class="card sign-in-card">
                <Brand />
                <h1>{t().title}</h1>
                <p class="muted">{t().intro}</p>
                {move || {
                    if trading && traded.value().get().is_none() {
                        view! { <Loading label=t().signing_in /> }.into_any()
                    } else {
                        form().into_any()
                    }
                }}
                <PoweredBy />
            </div>
        </main>
    }
}
