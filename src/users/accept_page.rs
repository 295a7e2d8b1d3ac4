//! Accepting an invitation from its mail: the link carries the code in its fragment (never sent to
//! a server, and taken out of the address bar at once); the person adds a name and a password, or
//! the password of their existing account (and its authentication code when it has one).

use super::text::t;
use contract::{AcceptInvitation, SignInStep, MIN_PASSWORD_LEN};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::invitations_api as api;
use crate::password::PasswordJudgement;
use crate::session::use_session;
use crate::sign_in::CodeStep;
use crate::widgets::{fragment, Brand};

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let from_link = fragment::take("code");
    let code = RwSignal::new(from_link.clone().unwrap_or_default());
    // The account's session, while it owes its authentication code.
    let pending = RwSignal::new(None::<String>);
    let firstname = RwSignal::new(String::new());
    let lastname = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // What the check before sending found; the server's answer is read from the action itself.
    let checked = RwSignal::new(None::<(String, String)>);

    let go_in = navigate.clone();
    let accept = Action::new_local(move |request: &AcceptInvitation| {
        let request = request.clone();
        let go_in = go_in.clone();
        async move {
            let response = api::accept(request).await?;
            if response.next == SignInStep::TwoFactor {
                pending.set(Some(response.token));
            } else {
                let target = if response.me.must_set_up_two_factor {
                    "/account"
                } else {
                    "/"
                };
                session.start(response);
                go_in(target, Default::default());
            }
            Ok::<_, crate::api::ApiError>(())
        }
    });
    let error = move || {
        checked.get().or_else(|| match accept.value().get() {
            Some(Err(err)) => Some((err.field().unwrap_or("form").to_string(), err.to_string())),
            _ => None,
        })
    };
    let error_at = move |field: &'static str| move || error().filter(|(f, _)| f == field).map(|(_, m)| m);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        accept.clear();
        checked.set(None);
        if code.get_untracked().trim().is_empty() {
            checked.set(Some(("code".into(), t().accept_needs_code.into())));
            return;
        }
        accept.dispatch(AcceptInvitation {
            code: code.get_untracked(),
            firstname: firstname.get_untracked(),
            lastname: lastname.get_untracked(),
            password: password.get_untracked(),
        });
    };

    // After the code step the session is open: on into the app.
    Effect::new(move |_| {
        if pending.get().is_some() {
            if let Some(me) = session.me() {
                navigate(
                    if me.must_set_up_two_factor { "/account" } else { "/" },
                    Default::default(),
                );
            }
        }
    });

    let has_code = from_link.is_some();
    view! {
        <main class="sign-in">
            <div class="card sign-in-card">
                <Brand />
                <h1>{t().accept_title}</h1>
                {move || match pending.get() {
                    Some(token) => view! { <CodeStep pending=token /> }.into_any(),
                    None => view! {
                        <form on:submit=on_submit novalidate>
                            <p class="muted">{t().accept_intro}</p>
                            <p class="alert alert-error" role="alert" class:hidden=move || error_at("form")().is_none()>{error_at("form")}</p>
                            // From the mail's link the code is already here; typed only without it.
                            <div class="field" class:hidden=has_code>
                                <label for="accept-code">{t().invitation_code}</label>
                                <input id="accept-code" type="text" autocomplete="off" bind:value=code aria-describedby="accept-code-error" />
                            </div>
                            <p id="accept-code-error" class="field-error" role="alert">{error_at("code")}</p>
                            <div class="field">
                                <label for="accept-first">{t().first_name}</label>
                                <input id="accept-first" type="text" autocomplete="given-name" bind:value=firstname />
                            </div>
                            <div class="field">
                                <label for="accept-last">{t().last_name}</label>
                                <input id="accept-last" type="text" autocomplete="family-name" bind:value=lastname />
                            </div>
                            <div class="field">
                                <label for="accept-password">{t().password}</label>
                                <input id="accept-password" type="password" autocomplete="new-password" bind:value=password
                                    aria-describedby="accept-password-hint accept-password-judgement accept-password-error" />
                                <p id="accept-password-hint" class="muted hint">{crate::i18n::fill(t().at_least_chars, &[&MIN_PASSWORD_LEN])}</p>
                                <PasswordJudgement password=password id="accept-password-judgement" />
                                <p id="accept-password-error" class="field-error" role="alert">{error_at("password")}</p>
                            </div>
                            <button type="submit" class="button primary wide" disabled=move || accept.pending().get()>{t().accept_title}</button>
                        </form>
                    }.into_any(),
                }}
            </div>
        </main>
    }
}
