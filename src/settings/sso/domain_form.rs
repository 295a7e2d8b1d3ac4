//! "Add domain": a domain typed, checked as the server checks it, listed with its TXT record.

use contract::{sso_domain, FieldIssue, NewSsoDomain, SsoDomain};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::{fill, lang};
use crate::widgets::{Submit, TextField};

#[component]
pub fn DomainForm(on_added: Callback<SsoDomain>, notice: RwSignal<Option<String>>) -> impl IntoView {
    let domain = RwSignal::new(String::new());
    let add = Submit::new(move |request: NewSsoDomain| async move {
        let added = api::add_domain(request).await?;
        domain.set(String::new());
        notice.set(Some(fill(t().domain_added, &[&added.domain])));
        on_added.run(added.clone());
        Ok(added)
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match sso_domain(&domain.get_untracked(), lang()) {
            Err(message) => add.refuse(vec![FieldIssue {
                field: "domain".into(),
                message,
            }]),
            Ok(domain) => add.send(NewSsoDomain { domain }),
        }
    };
    view! {
        <form on:submit=on_submit novalidate>
            {add.failure_panel()}
            <TextField id="sso-domain" label=t().domain value=domain error=add.at("domain") hint=t().domain_hint />
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || add.pending().get()>{t().add_domain}</button>
            </div>
        </form>
    }
}
