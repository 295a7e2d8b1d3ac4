//! Two-factor sign-in on the Account page: set it up (QR code and the secret as text, confirmed by
//! a code; the recovery codes shown once), or turn it off with the password and a code.

use super::text::t;
use contract::{AccountView, TwoFactorSetup};
use leptos::prelude::*;

use super::api;
use super::qr::QrImage;
use crate::api::ApiError;
use crate::session::use_session;

/// Where the set-up stands.
#[derive(Clone)]
enum Step {
    Off,
    Scanning(TwoFactorSetup),
    ShowingCodes(Vec<String>),
    On,
}

#[component]
pub fn TwoFactorSection(account: AccountView, on_change: Callback<()>) -> impl IntoView {
    let step = RwSignal::new(if account.two_factor_enabled {
        Step::On
    } else {
        Step::Off
    });
    // The set-up starts with the current password: a session someone else got hold of must not
    // enrol their own authenticator.
    let asking_password = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let start = Action::new_local(move |typed: &String| {
        let typed = typed.clone();
        async move {
            let setup = api::start_two_factor(typed).await?;
            password.set(String::new());
            step.set(Step::Scanning(setup));
            Ok::<_, ApiError>(())
        }
    });
    let failure = move || start.value().get().and_then(Result::err);
    let password_error = move || {
        failure()
            .filter(|err| err.field() == Some("password"))
            .map(|err| err.to_string())
    };
    let on_start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        start.clear();
        if password.get_untracked().is_empty() {
            asking_password.set(true);
            return;
        }
        start.dispatch(password.get_untracked());
    };
    let required = account.two_factor_required;
    let codes_left = account.recovery_codes_left;
    view! {
        <section class="card settings-section" aria-labelledby="account-two-factor">
            <h2 id="account-two-factor">{t().two_factor}</h2>
            {move || failure().filter(|err| err.field().is_none()).map(|err| view! { <p class="alert alert-error" role="alert">{err.to_string()}</p> })}
            {move || match step.get() {
                Step::Off => view! {
                    {required.then(|| view! {
                        <p class="alert alert-warning" role="alert">{t().required}</p>
                    })}
                    <p>{t().explain}</p>
                    <Show when=move || asking_password.get() fallback=move || view! {
                        <button type="button" class="button primary" on:click=move |_| asking_password.set(true)>{t().set_up}</button>
                    }>
                        <form on:submit=on_start novalidate>
                            <div class="field">
                                <label for="setup-password">{t().confirm_password}</label>
                                <input id="setup-password" type="password" autocomplete="current-password" bind:value=password
                                    aria-invalid=move || password_error().is_some().to_string()
                                    aria-describedby="setup-password-error" />
                                <p id="setup-password-error" class="field-error" role="alert">{password_error}</p>
                            </div>
                            <div class="form-actions">
                                <button type="button" class="button" on:click=move |_| asking_password.set(false)>{crate::widgets::text::t().cancel}</button>
                                <button type="submit" class="button primary" disabled=move || start.pending().get()>{t().continue_set_up}</button>
                            </div>
                        </form>
                    </Show>
                }.into_any(),
                Step::Scanning(setup) => view! {
                    <Scan setup=setup on_verified=Callback::new(move |codes| step.set(Step::ShowingCodes(codes))) />
                }.into_any(),
                Step::ShowingCodes(codes) => view! {
                    <RecoveryCodesShown codes=codes on_done=Callback::new(move |_| { step.set(Step::On); on_change.run(()); }) />
                }.into_any(),
                Step::On => view! {
                    <p><strong>{t().on}</strong>{crate::i18n::fill(t().on_details, &[&codes_left])}</p>
                    <TurnOff on_off=Callback::new(move |_| { step.set(Step::Off); on_change.run(()); }) />
                }.into_any(),
            }}
        </section>
    }
}

/// Scan the QR code (or type the secret), then confirm with a code.
#[component]
fn Scan(setup: TwoFactorSetup, on_verified: Callback<Vec<String>>) -> impl IntoView {
    let session = use_session();
    let code = RwSignal::new(String::new());
    // What the check before sending found; the server's answer is read from the action itself.
    let checked = RwSignal::new(None::<String>);
    let verify = Action::new_local(move |code: &String| {
        let code = code.clone();
        async move {
            let codes = api::verify_two_factor(code).await?;
            session.two_factor_on();
            on_verified.run(codes.codes);
            Ok::<_, ApiError>(())
        }
    });
    let error = Signal::derive(move || {
        checked
            .get()
            .or_else(|| verify.value().get().and_then(Result::err).map(|e| e.to_string()))
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        verify.clear();
        let typed = code.get_untracked();
        if !contract::is_totp_code(&typed) {
            checked.set(Some(t().enter_code_now.into()));
            return;
        }
        checked.set(None);
        verify.dispatch(typed);
    };
    view! {
        <div class="two-factor-setup">
            <QrImage code=setup.qr.clone() label=t().qr_label />
            <div>
                <p>{t().step_scan}</p>
                <p>{t().cannot_scan}</p>
                <p><code class="secret" aria-label=t().secret_key>{setup.secret.clone()}</code></p>
                <form on:submit=on_submit novalidate>
                    <p>{t().step_confirm}</p>
                    <div class="field">
                        <label for="setup-code">{t().code_label}</label>
                        <input id="setup-code" type="text" inputmode="numeric" autocomplete="one-time-code" bind:value=code
                            aria-invalid=move || error.get().is_some().to_string() aria-describedby="setup-code-error" />
                        <p id="setup-code-error" class="field-error" role="alert">{move || error.get()}</p>
                    </div>
                    <button type="submit" class="button primary" disabled=move || verify.pending().get()>{t().verify}</button>
                </form>
            </div>
        </div>
    }
}

/// The recovery codes, shown this once.
#[component]
fn RecoveryCodesShown(codes: Vec<String>, on_done: Callback<()>) -> impl IntoView {
    view! {
        <p role="status"><strong>{t().is_on}</strong></p>
        <h3 id="recovery-codes-title">{t().recovery_codes}</h3>
        <p>{t().keep_codes}</p>
        <ul class="recovery-codes" aria-labelledby="recovery-codes-title">
            {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
        </ul>
        <button type="button" class="button primary" on:click=move |_| on_done.run(())>{t().saved_codes}</button>
    }
}

/// Turn it off: the password and a code (or a recovery code).
#[component]
fn TurnOff(on_off: Callback<()>) -> impl IntoView {
    let open = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let disable = Action::new_local(move |(password, code): &(String, String)| {
        let (password, code) = (password.clone(), code.clone());
        async move {
            api::disable_two_factor(password, code).await?;
            on_off.run(());
            Ok::<_, ApiError>(())
        }
    });
    // A refusal that names no field is shown at the code.
    let error_at = move |field: &'static str| {
        move || match disable.value().get() {
            Some(Err(err)) if err.field().unwrap_or("code") == field => Some(err.to_string()),
            _ => None,
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        disable.clear();
        disable.dispatch((password.get_untracked(), code.get_untracked()));
    };
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button type="button" class="button" on:click=move |_| open.set(true)>{t().turn_off_title}</button>
        }>
            <form on:submit=on_submit novalidate>
                <div class="form-row">
                    <div class="field">
                        <label for="off-password">{t().password}</label>
                        <input id="off-password" type="password" autocomplete="current-password" bind:value=password
                            aria-describedby="off-password-error" />
                        <p id="off-password-error" class="field-error" role="alert">{error_at("password")}</p>
                    </div>
                    <div class="field">
                        <label for="off-code">{t().code_label}</label>
                        <input id="off-code" type="text" autocomplete="one-time-code" bind:value=code
                            aria-describedby="off-code-error" />
                        <p id="off-code-error" class="field-error" role="alert">{error_at("code")}</p>
                    </div>
                </div>
                <div class="form-actions">
                    <button type="button" class="button" on:click=move |_| open.set(false)>{crate::widgets::text::t().cancel}</button>
                    <button type="submit" class="button danger" disabled=move || disable.pending().get()>{t().turn_off}</button>
                </div>
            </form>
        </Show>
    }
}
