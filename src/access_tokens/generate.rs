//! "Generate a token": a name, an expiry, the scopes and the current password. The token is shown
//! once, in a field to copy it from, until the person says they have it.

use contract::{CreatedAccessToken, FieldIssue, NewAccessToken, TokenScope, TOKEN_EXPIRY_CHOICES};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::{fill, lang};
use crate::widgets::{Submit, TextField};

fn expiry_value(days: Option<u32>) -> String {
    days.map(|d| d.to_string()).unwrap_or_else(|| "none".into())
}

/// The form; `on_made` runs after a token is made (the list reads itself again).
#[component]
pub fn GenerateToken(on_made: Callback<()>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let expiry = RwSignal::new(expiry_value(Some(90)));
    let chosen = RwSignal::new(vec![TokenScope::Read]);
    let password = RwSignal::new(String::new());
    let made = RwSignal::new(None::<CreatedAccessToken>);
    let create = Submit::new(move |request: NewAccessToken| async move {
        let created = api::create(request).await?;
        name.set(String::new());
        password.set(String::new());
        made.set(Some(created.clone()));
        on_made.run(());
        Ok(created)
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = NewAccessToken {
            name: name.get_untracked(),
            expires_in_days: expiry.get_untracked().parse().ok(),
            scopes: chosen.get_untracked(),
            password: password.get_untracked(),
        };
        match request.problem(None, lang()) {
            Some((field, message)) => create.refuse(vec![FieldIssue {
                field: field.into(),
                message,
            }]),
            None => create.send(request),
        }
    };
    let scope_box = move |scope: TokenScope| {
        let id = format!("token-scope-{}", scope.as_str());
        let checked = move || chosen.get().contains(&scope);
        let toggle = move |_| {
            chosen.update(|list| {
                if let Some(at) = list.iter().position(|s| *s == scope) {
                    list.remove(at);
                } else {
                    list.push(scope);
                }
            })
        };
        view! {
            <div class="field checkbox">
                <input id=id.clone() type="checkbox" prop:checked=checked on:change=toggle />
                <label for=id>{scope.label_in(lang())}</label>
            </div>
        }
    };
    let shown = move || {
        made.get().map(|created| {
            let label = fill(t().new_token, &[&created.summary.name]);
            view! {
                <div class="alert alert-success token-made" role="status">
                    <p>{t().made}</p>
                    <input class="token-value" type="text" readonly aria-label=label prop:value=created.token
                        on:focus=move |ev| {
                            use wasm_bindgen::JsCast;
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        } />
                    <button type="button" class="button small" on:click=move |_| made.set(None)>{t().done}</button>
                </div>
            }
        })
    };
    view! {
        {shown}
        <form class="token-form" on:submit=on_submit novalidate aria-labelledby="token-generate-title">
            <h3 id="token-generate-title">{t().generate_title}</h3>
            {create.failure_panel()}
            <TextField id="token-name" label=t().name value=name error=create.at("name") hint=t().name_hint />
            <div class="field">
                <label for="token-expiry">{t().expiry}</label>
                <select id="token-expiry" prop:value=move || expiry.get()
                    on:change=move |ev| expiry.set(event_target_value(&ev))
                    aria-invalid=move || create.at("expires_in_days").get().is_some().to_string()
                    aria-describedby="token-expiry-error">
                    {TOKEN_EXPIRY_CHOICES.into_iter().map(|days| {
                        let label = match days {
                            Some(d) => fill(t().days, &[&d]),
                            None => t().no_expiry.to_string(),
                        };
                        view! { <option value=expiry_value(days)>{label}</option> }
                    }).collect_view()}
                </select>
                <p id="token-expiry-error" class="field-error" role="alert">{create.at("expires_in_days")}</p>
            </div>
            <fieldset class="field" aria-describedby="token-scopes-error">
                <legend>{t().scopes}</legend>
                {TokenScope::ALL.into_iter().map(scope_box).collect_view()}
                <p id="token-scopes-error" class="field-error" role="alert">{create.at("scopes")}</p>
            </fieldset>
            <div class="field">
                <label for="token-password">{t().current_password}</label>
                <input id="token-password" type="password" autocomplete="current-password" bind:value=password
                    aria-invalid=move || create.at("password").get().is_some().to_string()
                    aria-describedby="token-password-error" />
                <p id="token-password-error" class="field-error" role="alert">{create.at("password")}</p>
            </div>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || create.pending().get()>{t().generate}</button>
            </div>
        </form>
    }
}
