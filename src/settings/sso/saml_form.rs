//! The SAML 2.0 identity provider people sign in through: what the provider is told about us
//! (entity ID, ACS URL, metadata URL), and what we keep of it: its metadata pasted, or its entity
//! ID, sign-in URL and signing certificate typed. The server reads the metadata and the
//! certificate before keeping them, and answers at the field it could not read.

use contract::{FieldIssue, SamlChange, SsoSettings};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::{fill, lang};
use crate::widgets::{format, ConfirmDialog, Submit, TextField};

/// A value to copy into the identity provider's set-up.
#[component]
fn Copyable(id: &'static str, label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id class="token-value" type="text" readonly prop:value=value aria-describedby="sso-saml-ours-hint" />
        </div>
    }
}

#[component]
pub fn SamlForm(current: SsoSettings, notice: RwSignal<Option<String>>, changed: Callback<()>) -> impl IntoView {
    let kept = current.saml.clone();
    let ours = current.saml_service_provider.clone();
    let metadata = RwSignal::new(String::new());
    let entity_id = RwSignal::new(kept.as_ref().map(|k| k.entity_id.clone()).unwrap_or_default());
    let sso_url = RwSignal::new(kept.as_ref().map(|k| k.sso_url.clone()).unwrap_or_default());
    let certificate = RwSignal::new(String::new());
    let save = Submit::new(move |request: SamlChange| async move {
        let saved = api::set_saml(request).await?;
        notice.set(Some(t().saml_saved.to_string()));
        changed.run(());
        Ok(saved)
    });
    // The same provider typed again without a certificate keeps the ones kept.
    let kept_entity_id = kept.as_ref().map(|k| k.entity_id.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pasted = metadata.get_untracked();
        let request = SamlChange {
            metadata_xml: (!pasted.trim().is_empty()).then_some(pasted),
            entity_id: entity_id.get_untracked().trim().to_owned(),
            sso_url: sso_url.get_untracked().trim().to_owned(),
            certificate: certificate.get_untracked(),
        };
        let certificates_kept = kept_entity_id.as_deref() == Some(request.entity_id.as_str());
        match request.problem(certificates_kept, lang()) {
            Some((field, message)) => save.refuse(vec![FieldIssue {
                field: field.into(),
                message,
            }]),
            None => save.send(request),
        }
    };
    let asking = RwSignal::new(false);
    let remove = Action::new_local(move |_: &()| async move {
        let outcome = api::remove_saml().await;
        asking.set(false);
        match outcome {
            Ok(()) => {
                notice.set(Some(t().provider_removed.to_string()));
                changed.run(());
            }
            Err(err) => notice.set(Some(err.to_string())),
        }
    });
    let in_use = kept.is_some();
    let certificate_hint = if in_use {
        t().idp_certificate_kept
    } else {
        t().idp_certificate_hint
    };
    let certificates = kept.map(|k| k.certificates).unwrap_or_default();
    view! {
        <section class="card settings-section" aria-labelledby="sso-saml-title">
            <h2 id="sso-saml-title">
                {t().saml_title}
                {in_use.then(|| view! { " " <span class="badge badge-current">{t().in_use}</span> })}
            </h2>
            <p class="muted">{t().saml_intro}</p>
            <Copyable id="sso-saml-entity-id" label=t().our_entity_id value=ours.entity_id />
            <Copyable id="sso-saml-acs-url" label=t().acs_url value=ours.acs_url />
            <Copyable id="sso-saml-metadata-url" label=t().metadata_url value=ours.metadata_url />
            <p id="sso-saml-ours-hint" class="muted hint">{t().ours_hint}</p>
            {(!certificates.is_empty()).then(|| view! {
                <h3>{t().certificates_kept}</h3>
                <ul class="sso-certificates">
                    {certificates.into_iter().map(|c| {
                        let expires = format::moment(&c.expires_at);
                        view! { <li>{fill(t().certificate_line, &[&c.subject, &c.fingerprint, &expires])}</li> }
                    }).collect_view()}
                </ul>
            })}
            <form on:submit=on_submit novalidate>
                {save.failure_panel()}
                <TextField id="sso-saml-metadata" label=t().idp_metadata value=metadata error=save.at("metadata_xml")
                    hint=t().idp_metadata_hint rows=5 />
                <TextField id="sso-saml-idp-entity-id" label=t().idp_entity_id value=entity_id error=save.at("entity_id") />
                <TextField id="sso-saml-sso-url" label=t().idp_sso_url value=sso_url error=save.at("sso_url")
                    hint=t().idp_sso_url_hint />
                <TextField id="sso-saml-certificate" label=t().idp_certificate value=certificate
                    error=save.at("certificate") hint=certificate_hint rows=4 />
                <div class="form-actions">
                    {in_use.then(|| view! {
                        <button type="button" class="button danger" disabled=move || remove.pending().get()
                            on:click=move |_| asking.set(true)>{t().remove_saml}</button>
                    })}
                    <button type="submit" class="button primary" disabled=move || save.pending().get()>{t().save_saml}</button>
                </div>
            </form>
            {move || asking.get().then(|| view! {
                <ConfirmDialog title=t().remove_provider_title message=t().remove_provider_message
                    confirm_label=t().remove_saml pending=Signal::derive(move || remove.pending().get())
                    on_confirm=Callback::new(move |_| { remove.dispatch(()); })
                    on_cancel=Callback::new(move |_| asking.set(false)) />
            })}
        </section>
    }
}
