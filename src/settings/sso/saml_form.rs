//! The SAML 2.0 identity provider people sign in through: what the provider is told about us
//! (entity ID, ACS URL, metadata URL), and what we keep of it: its metadata pasted, or its entity
//! ID, sign-in URL and signing certificate typed. The server reads the metadata and the
//! certificate before keeping them, and answers at the field it could not read. Drawn once with
//! what was loaded: a live update changes what is kept (the certificates, "Remove"), never what is
//! being typed.

use contract::{FieldIssue, SamlChange, SsoSettings};
use leptos::prelude::*;

use super::api::{self, Protocol};
use super::provider_actions::ProviderActions;
use super::text::t;
use crate::i18n::{fill, lang};
use crate::widgets::{format, Submit, TextField};

/// A value to copy into the identity provider's set-up.
#[component]
fn Copyable(id: &'static str, label: &'static str, value: Signal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id class="token-value" type="text" readonly prop:value=value aria-describedby="sso-saml-ours-hint" />
        </div>
    }
}

#[component]
pub fn SamlForm(
    current: Signal<SsoSettings>,
    notice: RwSignal<Option<String>>,
    changed: Callback<()>,
) -> impl IntoView {
    let loaded = current.get_untracked().saml;
    let metadata = RwSignal::new(String::new());
    let entity_id = RwSignal::new(loaded.as_ref().map(|k| k.entity_id.clone()).unwrap_or_default());
    let sso_url = RwSignal::new(loaded.as_ref().map(|k| k.sso_url.clone()).unwrap_or_default());
    let certificate = RwSignal::new(String::new());
    let save = Submit::new(move |request: SamlChange| async move {
        let saved = api::set_saml(request).await?;
        // What was kept, read from the metadata when it was pasted.
        if let Some(kept) = &saved.saml {
            entity_id.set(kept.entity_id.clone());
            sso_url.set(kept.sso_url.clone());
        }
        metadata.set(String::new());
        certificate.set(String::new());
        notice.set(Some(t().saml_saved.to_string()));
        changed.run(());
        Ok(saved)
    });
    // The same provider typed again without a certificate keeps the ones kept.
    let kept_entity_id = move || current.with_untracked(|c| c.saml.as_ref().map(|k| k.entity_id.clone()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pasted = metadata.get_untracked();
        let request = SamlChange {
            metadata_xml: (!pasted.trim().is_empty()).then_some(pasted),
            entity_id: entity_id.get_untracked().trim().to_owned(),
            sso_url: sso_url.get_untracked().trim().to_owned(),
            certificate: certificate.get_untracked(),
        };
        let certificates_kept = kept_entity_id().as_deref() == Some(request.entity_id.as_str());
        match request.problem(certificates_kept, lang()) {
            Some((field, message)) => save.refuse(vec![FieldIssue {
                field: field.into(),
                message,
            }]),
            None => save.send(request),
        }
    };
    let in_use = move || current.with(|c| c.saml.is_some());
    let certificates = move || current.with(|c| c.saml.as_ref().map(|k| k.certificates.clone()).unwrap_or_default());
    let ours = move |pick: fn(&contract::SamlServiceProvider) -> &String| {
        Signal::derive(move || current.with(|c| pick(&c.saml_service_provider).clone()))
    };
    view! {
        <section class="card settings-section" aria-labelledby="sso-saml-title">
            <h2 id="sso-saml-title">
                {t().saml_title}
                {move || in_use().then(|| view! { " " <span class="badge badge-current">{t().in_use}</span> })}
            </h2>
            <p class="muted">{t().saml_intro}</p>
            <Copyable id="sso-saml-entity-id" label=t().our_entity_id value=ours(|o| &o.entity_id) />
            <Copyable id="sso-saml-acs-url" label=t().acs_url value=ours(|o| &o.acs_url) />
            <Copyable id="sso-saml-metadata-url" label=t().metadata_url value=ours(|o| &o.metadata_url) />
            <p id="sso-saml-ours-hint" class="muted hint">{t().ours_hint}</p>
            {move || {
                let certificates = certificates();
                (!certificates.is_empty()).then(|| view! {
                <h3>{t().certificates_kept}</h3>
                <ul class="sso-certificates">
                    {certificates.into_iter().map(|c| {
                        let expires = format::moment(&c.expires_at);
                        view! { <li>{fill(t().certificate_line, &[&c.subject, &c.fingerprint, &expires])}</li> }
                    }).collect_view()}
                </ul>
            })}}
            <form on:submit=on_submit novalidate>
                {save.failure_panel()}
                <TextField id="sso-saml-metadata" label=t().idp_metadata value=metadata error=save.at("metadata_xml")
                    hint=t().idp_metadata_hint rows=5 />
                <TextField id="sso-saml-idp-entity-id" label=t().idp_entity_id value=entity_id error=save.at("entity_id") />
                <TextField id="sso-saml-sso-url" label=t().idp_sso_url value=sso_url error=save.at("sso_url")
                    hint=t().idp_sso_url_hint />
                <TextField id="sso-saml-certificate" label=t().idp_certificate value=certificate
                    error=save.at("certificate") hint=t().idp_certificate_hint rows=4 />
                <ProviderActions protocol=Protocol::Saml in_use=Signal::derive(in_use) saving=save.pending().into()
                    save_label=t().save_saml remove_label=t().remove_saml notice=notice changed=changed />
            </form>
        </section>
    }
}
