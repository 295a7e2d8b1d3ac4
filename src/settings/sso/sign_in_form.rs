//! How people find and join the organization through single sign-on: the SSO identifier they may
//! type at "Sign in with SSO", the role newcomers get, and whether passwords are refused for them.
//! Drawn once with what was loaded: a live update never replaces what is being typed.

use contract::{default_role_problem, identifier_problem, FieldIssue, OrgRole, SsoChange, SsoSettings};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::lang;
use crate::widgets::{Submit, TextField};

#[component]
pub fn SignInForm(
    current: Signal<SsoSettings>,
    notice: RwSignal<Option<String>>,
    changed: Callback<()>,
) -> impl IntoView {
    let loaded = current.get_untracked();
    let identifier = RwSignal::new(loaded.identifier);
    let role = RwSignal::new(loaded.default_role);
    let required = RwSignal::new(loaded.require_sso);
    let save = Submit::new(move |request: SsoChange| async move {
        let saved = api::change(request).await?;
        identifier.set(saved.identifier.clone());
        notice.set(Some(t().sign_in_saved.to_string()));
        // The addresses SAML is given follow the identifier.
        changed.run(());
        Ok(saved)
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = SsoChange {
            identifier: identifier.get_untracked().trim().to_owned(),
            default_role: role.get_untracked(),
            require_sso: required.get_untracked(),
        };
        let issues: Vec<FieldIssue> = [
            identifier_problem(&request.identifier, lang()).map(|m| ("identifier", m)),
            default_role_problem(request.default_role, lang()).map(|m| ("default_role", m)),
        ]
        .into_iter()
        .flatten()
        .map(|(field, message)| FieldIssue {
            field: field.into(),
            message,
        })
        .collect();
        if issues.is_empty() {
            save.send(request);
        } else {
            save.refuse(issues);
        }
    };
    let choice = move |choice: OrgRole| {
        view! { <option value=choice.as_str() selected=move || role.get() == choice>{choice.label_in(lang())}</option> }
    };
    view! {
        <section class="card settings-section" aria-labelledby="sso-sign-in-title">
            <h2 id="sso-sign-in-title">{t().sign_in_title}</h2>
            <form on:submit=on_submit novalidate>
                {save.failure_panel()}
                <TextField id="sso-identifier" label=t().identifier value=identifier error=save.at("identifier")
                    hint=t().identifier_hint />
                <div class="field">
                    <label for="sso-default-role">{t().default_role}</label>
                    <select id="sso-default-role" aria-describedby="sso-default-role-hint sso-default-role-error"
                        on:change=move |ev| {
                            if let Some(chosen) = OrgRole::parse(&event_target_value(&ev)) {
                                role.set(chosen);
                            }
                        }>
                        {choice(OrgRole::Member)}
                        {choice(OrgRole::Admin)}
                    </select>
                    <p id="sso-default-role-hint" class="muted hint">{t().default_role_hint}</p>
                    <p id="sso-default-role-error" class="field-error" role="alert">{save.at("default_role")}</p>
                </div>
                <div class="field checkbox">
                    <input id="sso-required" type="checkbox" bind:checked=required
                        aria-describedby="sso-required-hint sso-required-error" />
                    <label for="sso-required">{t().require_sso}</label>
                    <p id="sso-required-hint" class="muted hint">{t().require_sso_hint}</p>
                    <p id="sso-required-error" class="field-error" role="alert">{save.at("require_sso")}</p>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || save.pending().get()>
                        {t().save_sign_in}
                    </button>
                </div>
            </form>
        </section>
    }
}
