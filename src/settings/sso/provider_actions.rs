//! The end of an identity provider's card, the same for OpenID Connect and SAML: while the
//! provider is in use, "Test connection" and its "Remove" (asked first); always its save button.

use leptos::prelude::*;

use super::api::{self, Protocol};
use super::test_connection::TestConnectionButton;
use super::text::t;
use crate::widgets::ConfirmDialog;

#[component]
pub fn ProviderActions(
    protocol: Protocol,
    in_use: Signal<bool>,
    saving: Signal<bool>,
    save_label: &'static str,
    remove_label: &'static str,
    notice: RwSignal<Option<String>>,
    changed: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let remove = Action::new_local(move |_: &()| async move {
        let outcome = api::remove_provider(protocol).await;
        asking.set(false);
        match outcome {
            Ok(()) => {
                notice.set(Some(t().provider_removed.to_string()));
                changed.run(());
            }
            Err(err) => notice.set(Some(err.to_string())),
        }
    });
    view! {
        {move || in_use.get().then(|| view! { <p class="muted hint">{t().test_connection_hint}</p> })}
        <div class="form-actions">
            {move || in_use.get().then(|| view! {
                <TestConnectionButton notice=notice />
                <button type="button" class="button danger" disabled=move || remove.pending().get()
                    on:click=move |_| asking.set(true)>{remove_label}</button>
            })}
            <button type="submit" class="button primary" disabled=move || saving.get()>{save_label}</button>
        </div>
        {move || asking.get().then(|| view! {
            <ConfirmDialog title=t().remove_provider_title message=t().remove_provider_message
                confirm_label=remove_label pending=Signal::derive(move || remove.pending().get())
                on_confirm=Callback::new(move |_| { remove.dispatch(()); })
                on_cancel=Callback::new(move |_| asking.set(false)) />
        })}
    }
}
