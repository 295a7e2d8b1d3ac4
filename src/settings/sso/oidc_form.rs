//! The OpenID Connect provider people sign in through: the redirect URI to register there, and
//! the issuer, client ID and client secret it gave this app. The server reads the provider's
//! discovery document before keeping it; the secret is never shown again. Drawn once with what was
//! loaded: a live update changes what is kept (the "Remove" button, the secret's hint), never
//! what is being typed.

use contract::{FieldIssue, OidcChange, SsoSettings};
use leptos::prelude::*;

use super::api::{self, Protocol};
use super::provider_actions::ProviderActions;
use super::text::t;
use crate::i18n::lang;
use crate::widgets::{Submit, TextField};

#[component]
pub fn OidcForm(
    current: Signal<SsoSettings>,
    notice: RwSignal<Option<String>>,
    changed: Callback<()>,
) -> impl IntoView {
    let loaded = current.get_untracked().oidc;
    let issuer = RwSignal::new(loaded.as_ref().map(|c| c.issuer.clone()).unwrap_or_default());
    let client_id = RwSignal::new(loaded.as_ref().map(|c| c.client_id.clone()).unwrap_or_default());
    let client_secret = RwSignal::new(String::new());
    let save = Submit::new(move |request: OidcChange| async move {
        let saved = api::set_oidc(request).await?;
        if let Some(kept) = &saved.oidc {
            issuer.set(kept.issuer.clone());
            client_id.set(kept.client_id.clone());
        }
        client_secret.set(String::new());
        notice.set(Some(t().provider_saved.to_string()));
        changed.run(());
        Ok(saved)
    });
    // The same issuer and client keep the secret already kept.
    let secret_kept = move |issuer: &str, client_id: &str| {
        current.with_untracked(|c| {
            c.oidc
                .as_ref()
                .is_some_and(|c| c.issuer == issuer.trim() && c.client_id == client_id.trim())
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let secret = client_secret.get_untracked();
        let request = OidcChange {
            issuer: issuer.get_untracked().trim().to_owned(),
            client_id: client_id.get_untracked().trim().to_owned(),
            client_secret: (!secret.trim().is_empty()).then_some(secret),
        };
        match request.problem(secret_kept(&request.issuer, &request.client_id), lang()) {
            Some((field, message)) => save.refuse(vec![FieldIssue {
                field: field.into(),
                message,
            }]),
            None => save.send(request),
        }
    };
    let has_provider = move || current.with(|c| c.oidc.is_some());
    let secret_hint = move || {
        if has_provider() {
            t().client_secret_kept
        } else {
            t().client_secret_hint
        }
    };
    view! {
        <section class="card settings-section" aria-labelledby="sso-oidc-title">
            <h2 id="sso-oidc-title">
                {t().provider_title}
                {move || has_provider().then(|| view! { " " <span class="badge badge-current">{t().in_use}</span> })}
            </h2>
            <p class="muted">{t().provider_intro}</p>
            <div class="field">
                <label for="sso-redirect-uri">{t().redirect_uri}</label>
                <input id="sso-redirect-uri" class="token-value" type="text" readonly prop:value=move || current.with(|c| c.redirect_uri.clone())
                    aria-describedby="sso-redirect-uri-hint" />
                <p id="sso-redirect-uri-hint" class="muted hint">{t().redirect_uri_hint}</p>
            </div>
            <form on:submit=on_submit novalidate>
                {save.failure_panel()}
                <TextField id="sso-issuer" label=t().issuer value=issuer error=save.at("issuer") hint=t().issuer_hint />
                <TextField id="sso-client-id" label=t().client_id value=client_id error=save.at("client_id") />
                <div class="field">
                    <label for="sso-client-secret">{t().client_secret}</label>
                    <input id="sso-client-secret" type="password" autocomplete="new-password" bind:value=client_secret
                        aria-invalid=move || save.at("client_secret").get().is_some().to_string()
                        aria-describedby="sso-client-secret-hint sso-client-secret-error" />
                    <p id="sso-client-secret-hint" class="muted hint">{secret_hint}</p>
                    <p id="sso-client-secret-error" class="field-error" role="alert">{save.at("client_secret")}</p>
                </div>
                <ProviderActions protocol=Protocol::Oidc in_use=Signal::derive(has_provider) saving=save.pending().into()
                    save_label=t().save_provider remove_label=t().remove_provider notice=notice changed=changed />
            </form>
        </section>
    }
}
