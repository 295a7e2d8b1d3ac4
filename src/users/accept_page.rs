//! Accepting an invitation: the code the inviter passed on, a name and a password. The code is
//! typed or pasted here, never carried in the address.

use contract::{AcceptInvitation, MIN_PASSWORD_LEN};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::invitations_api as api;
use crate::session::use_session;
use crate::widgets::Brand;

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let firstname = RwSignal::new(String::new());
    let lastname = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<(String, String)>);

    let accept = Action::new_local(move |request: &AcceptInvitation| {
        let request = request.clone();
        async move { api::accept(request).await }
    });
    Effect::new(move |_| match accept.value().get() {
        Some(Ok(response)) => {
            session.start(response);
            navigate("/", Default::default());
        }
        Some(Err(err)) => error.set(Some((err.field().unwrap_or("form").to_string(), err.to_string()))),
        None => {}
    });
    let error_at = move |field: &'static str| move || error.get().filter(|(f, _)| f == field).map(|(_, m)| m);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        if code.get_untracked().trim().is_empty() {
            error.set(Some((
                "code".into(),
                "Enter the invitation code you were given.".into(),
            )));
            return;
        }
        accept.dispatch(AcceptInvitation {
            code: code.get_untracked(),
            firstname: firstname.get_untracked(),
            lastname: lastname.get_untracked(),
            password: password.get_untracked(),
        });
    };

    view! {
        <main class="sign-in">
            <form class="card sign-in-card" on:submit=on_submit novalidate>
                <Brand />
                <h1>"Accept invitation"</h1>
                <p class="muted">"Enter the code you were given and choose a password. If you already have an account, enter its password."</p>
                <p class="alert alert-error" role="alert" class:hidden=move || error_at("form")().is_none()>{error_at("form")}</p>
                <div class="field">
                    <label for="accept-code">"Invitation code"</label>
                    <input id="accept-code" type="text" autocomplete="off" bind:value=code aria-describedby="accept-code-error" />
                    <p id="accept-code-error" class="field-error" role="alert">{error_at("code")}</p>
                </div>
                <div class="field">
                    <label for="accept-first">"First name"</label>
                    <input id="accept-first" type="text" autocomplete="given-name" bind:value=firstname />
                </div>
                <div class="field">
                    <label for="accept-last">"Last name"</label>
                    <input id="accept-last" type="text" autocomplete="family-name" bind:value=lastname />
                </div>
                <div class="field">
                    <label for="accept-password">"Password"</label>
                    <input id="accept-password" type="password" autocomplete="new-password" bind:value=password
                        aria-describedby="accept-password-hint accept-password-error" />
                    <p id="accept-password-hint" class="muted hint">{format!("At least {MIN_PASSWORD_LEN} characters.")}</p>
                    <p id="accept-password-error" class="field-error" role="alert">{error_at("password")}</p>
                </div>
                <button type="submit" class="button primary wide" disabled=move || accept.pending().get()>"Accept invitation"</button>
            </form>
        </main>
    }
}
