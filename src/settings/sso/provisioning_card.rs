//! SCIM provisioning: the base URL to give the identity provider, the token's state,
//! "Generate SCIM token" (replacing a token asks first) and "Revoke token", and the role each
//! pushed group gives. A new token is shown
//! once, by [`TokenOnce`], which lives outside what a live update redraws.

use contract::{NewScimToken, SsoSettings};
use leptos::prelude::*;

use super::api;
use super::group_roles::GroupRoles;
use super::text::t;
use crate::i18n::fill;
use crate::widgets::{format, ConfirmDialog};

/// Which confirmation is open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asking {
    Nothing,
    Replace,
    Revoke,
}

#[component]
pub fn ProvisioningCard(
    current: SsoSettings,
    made: RwSignal<Option<NewScimToken>>,
    notice: RwSignal<Option<String>>,
    changed: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(Asking::Nothing);
    let generate = Action::new_local(move |_: &()| async move {
        let outcome = api::generate_scim_token().await;
        asking.set(Asking::Nothing);
        match outcome {
            Ok(token) => {
                made.set(Some(token));
                changed.run(());
            }
            Err(err) => notice.set(Some(err.to_string())),
        }
    });
    let revoke = Action::new_local(move |_: &()| async move {
        let outcome = api::revoke_scim_token().await;
        asking.set(Asking::Nothing);
        match outcome {
            Ok(()) => {
                made.set(None);
                notice.set(Some(t().token_revoked.to_string()));
                changed.run(());
            }
            Err(err) => notice.set(Some(err.to_string())),
        }
    });
    let has_token = current.scim_token.is_some();
    let state = match &current.scim_token {
        None => t().no_scim_token.to_string(),
        Some(token) => {
            let used = match &token.last_used_at {
                Some(when) => fill(t().token_used, &[&format::moment(when)]),
                None => t().token_unused.to_string(),
            };
            format!(
                "{} · {used}",
                fill(t().token_made, &[&format::moment(&token.created_at)])
            )
        }
    };
    let busy = move || generate.pending().get() || revoke.pending().get();
    view! {
        <section class="card settings-section" aria-labelledby="sso-scim-title">
            <h2 id="sso-scim-title">{t().provisioning_title}</h2>
            <p class="muted">{t().provisioning_intro}</p>
            <div class="field">
                <label for="sso-scim-url">{t().scim_url}</label>
                <input id="sso-scim-url" class="token-value" type="text" readonly prop:value=current.scim_url
                    aria-describedby="sso-scim-url-hint" />
                <p id="sso-scim-url-hint" class="muted hint">{t().scim_url_hint}</p>
            </div>
            <p class="muted">{state}</p>
            <div class="form-actions">
                {has_token.then(|| view! {
                    <button type="button" class="button danger" disabled=busy
                        on:click=move |_| asking.set(Asking::Revoke)>{t().revoke_token}</button>
                })}
                <button type="button" class="button primary" disabled=busy
                    on:click=move |_| if has_token { asking.set(Asking::Replace) } else { generate.dispatch(()); }>
                    {if has_token { t().regenerate_token } else { t().generate_token }}
                </button>
            </div>
            <h3>{t().groups_title}</h3>
            <p class="muted">{t().groups_intro}</p>
            <GroupRoles groups=current.scim_groups.clone() notice=notice changed=changed />
            {move || match asking.get() {
                Asking::Nothing => None,
                Asking::Replace => Some(view! {
                    <ConfirmDialog title=t().regenerate_title message=t().regenerate_message
                        confirm_label=t().regenerate_token pending=Signal::derive(move || generate.pending().get())
                        on_confirm=Callback::new(move |_| { generate.dispatch(()); })
                        on_cancel=Callback::new(move |_| asking.set(Asking::Nothing)) />
                }.into_any()),
                Asking::Revoke => Some(view! {
                    <ConfirmDialog title=t().revoke_title message=t().revoke_message
                        confirm_label=t().revoke_token pending=Signal::derive(move || revoke.pending().get())
                        on_confirm=Callback::new(move |_| { revoke.dispatch(()); })
                        on_cancel=Callback::new(move |_| asking.set(Asking::Nothing)) />
                }.into_any()),
            }}
        </section>
    }
}

/// A new token in a field to copy it from, until the person says they have it.
#[component]
pub fn TokenOnce(made: RwSignal<Option<NewScimToken>>) -> impl IntoView {
    move || {
        made.get().map(|shown| {
            view! {
                <div class="alert alert-success token-made" role="status">
                    <p>{t().token_once}</p>
                    <input class="token-value" type="text" readonly aria-label=t().token_label prop:value=shown.token />
                    <button type="button" class="button small" on:click=move |_| made.set(None)>{t().token_copied}</button>
                </div>
            }
        })
    }
}
