//! The OpenID Connect provider people sign in through: the redirect URI to register there, and
//! the issuer, client ID and client secret it gave this app. The server reads the provider's
//! discovery document before keeping it; the secret is never shown again.

use contract::{FieldIssue, OidcChange, SsoSettings};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::lang;
use crate::widgets::{ConfirmDialog, Submit, TextField};

#[component]
pub fn OidcForm(current: SsoSettings, notice: RwSignal<Option<String>>, changed: Callback<()>) -> impl IntoView {
    let kept = current.oidc.clone();
    let issuer = RwSignal::new(kept.as_ref().map(|c| c.issuer.clone()).unwrap_or_default());
    let client_id = RwSignal::new(kept.as_ref().map(|c| c.client_id.clone()).unwrap_or_default());
    let client_secret = RwSignal::new(String::new());
    let save = Submit::new(move |request: OidcChange| async move {
        let saved = api::set_oidc(request).await?;
        notice.set(Some(t().provider_saved.to_string()));
        changed.run(());
        Ok(saved)
    });
    // The same issuer and client keep the secret already kept.
    let secret_kept = {
        let kept = kept.clone();
        move |issuer: &str, client_id: &str| {
            kept.as_ref()
                .is_some_and(|c| c.issuer == issuer.trim() && c.client_id == client_id.trim())
        }
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
    let asking = RwSignal::new(false);
    let remove = Action::new_local(move |_: &()| async move {
        let outcome = api::remove_oidc().await;
        asking.set(false);
        match outcome {
            Ok(()) => {
                notice.set(Some(t().provider_removed.to_string()));
                changed.run(());
            }
            Err(err) => notice.set(Some(err.to_string())),
        }
    });
    let has_provider = kept.is_some();
    let secret_hint = if has_provider {
        t().client_secret_kept
    } else {
        t().client_secret_hint
    };
    view! {
        <section class="card settings-section" aria-labelledby="sso-oidc-title">
            <h2 id="sso-oidc-title">
                {t().provider_title}
                {has_provider.then(|| view! { " " <span class="badge badge-current">{t().in_use}</span> })}
            </h2>
            <p class="muted">{t().provider_intro}</p>
            <div class="field">
                <label for="sso-redirect-uri">{t().redirect_uri}</label>
                <input id="sso-redirect-uri" class="token-value" type="text" readonly prop:value=current.redirect_uri
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
                <div class="form-actions">
                    {has_provider.then(|| view! {
                        <button type="button" class="button danger" disabled=move || remove.pending().get()
                            on:click=move |_| asking.set(true)>{t().remove_provider}</button>
                    })}
                    <button type="submit" class="button primary" disabled=move || save.pending().get()>{t().save_provider}</button>
                </div>
            </form>
            {move || asking.get().then(|| view! {
                <ConfirmDialog title=t().remove_provider_title message=t().remove_provider_message
                    confirm_label=t().remove_provider pending=Signal::derive(move || remove.pending().get())
                    on_confirm=Callback::new(move |_| { remove.dispatch(()); })
                    on_cancel=Callback::new(move |_| asking.set(false)) />
            })}
        </section>
    }
}
