//! The SSO identifier: what people may type at "Sign in with SSO" to reach this organization.

use contract::{identifier_problem, FieldIssue, SsoChange};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::lang;
use crate::widgets::{Submit, TextField};

#[component]
pub fn IdentifierForm(current: String, notice: RwSignal<Option<String>>) -> impl IntoView {
    let identifier = RwSignal::new(current);
    let save = Submit::new(move |request: SsoChange| async move {
        let saved = api::change(request).await?;
        identifier.set(saved.identifier.clone());
        // Said by the page: the saved change redraws this form.
        notice.set(Some(t().identifier_saved.to_string()));
        Ok(saved)
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = identifier.get_untracked().trim().to_owned();
        match identifier_problem(&typed, lang()) {
            Some(message) => save.refuse(vec![FieldIssue {
                field: "identifier".into(),
                message,
            }]),
            None => save.send(SsoChange { identifier: typed }),
        }
    };
    view! {
        <section class="card settings-section" aria-labelledby="sso-identifier-title">
            <h2 id="sso-identifier-title">{t().identifier_title}</h2>
            <form on:submit=on_submit novalidate>
                {save.failure_panel()}
                <TextField id="sso-identifier" label=t().identifier value=identifier error=save.at("identifier")
                    hint=t().identifier_hint />
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || save.pending().get()>
                        {t().save_identifier}
                    </button>
                </div>
            </form>
        </section>
    }
}
