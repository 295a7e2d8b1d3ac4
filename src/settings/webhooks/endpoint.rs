//! One endpoint: its address, what it receives, whether it is working, and what can be done with
//! it (a test event, a new secret, enabling it again, deleting it), with its delivery log.

use contract::{WebhookEndpoint, WebhookEvents, WebhookSecret};
use leptos::prelude::*;

use super::api;
use super::endpoint_form::EndpointForm;
use super::log::DeliveryLog;
use super::text::t;
use crate::i18n::fill;
use crate::widgets::{format, ConfirmDialog};

/// What is being asked before it is done.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asking {
    Roll,
    Delete,
}

fn state(endpoint: &WebhookEndpoint) -> (String, &'static str) {
    match (&endpoint.disabled_at, &endpoint.failing_since) {
        (Some(at), _) => (fill(t().disabled_at, &[&format::moment(at)]), "badge badge-deprecated"),
        (None, Some(since)) => (
            fill(t().failing_since, &[&format::moment(since)]),
            "badge badge-deprecated",
        ),
        (None, None) => (t().active.to_string(), "badge"),
    }
}

#[component]
pub fn EndpointCard(
    endpoint: WebhookEndpoint,
    secret: RwSignal<Option<WebhookSecret>>,
    notice: RwSignal<Option<String>>,
    changed: Callback<()>,
) -> impl IntoView {
    let id = endpoint.id;
    let asking = RwSignal::new(None::<Asking>);
    let log_version = RwSignal::new(0u32);
    let act = Action::new_local(move |what: &&'static str| {
        let what = *what;
        async move {
            let outcome = match what {
                "test" => api::send_test(id).await.map(|()| t().test_sent.to_string()),
                "enable" => api::enable(id).await.map(|_| t().enabled.to_string()),
                "delete" => api::delete(id).await.map(|()| t().deleted.to_string()),
                _ => api::roll_secret(id).await.map(|rolled| {
                    secret.set(Some(rolled));
                    String::new()
                }),
            };
            asking.set(None);
            match outcome {
                Ok(said) => {
                    notice.set((!said.is_empty()).then_some(said));
                    log_version.update(|v| *v += 1);
                    changed.run(());
                }
                Err(err) => notice.set(Some(err.to_string())),
            }
        }
    });
    let busy = move || act.pending().get();
    let (state, badge) = state(&endpoint);
    let events = match &endpoint.events {
        WebhookEvents::All => t().all_kinds.to_string(),
        WebhookEvents::Only(keys) => {
            let keys: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
            fill(t().some_kinds, &[&keys.join(", ")])
        }
    };
    let (heading_id, labelled_by) = (format!("webhook-{id}"), format!("webhook-{id}"));
    let url = endpoint.url.clone();
    let delete_label = fill(t().delete_named, &[&url]);
    let delete_message = fill(t().delete_message, &[&url]);
    let disabled = endpoint.disabled_at.is_some();
    let editing = RwSignal::new(false);
    let edit_label = fill(t().edit_named, &[&url]);
    let for_form = endpoint.clone();
    view! {
        <section class="card settings-section webhook" aria-labelledby=labelled_by>
            <div class="webhook-head">
                <h2 id=heading_id class="webhook-url">{url.clone()}</h2>
                <span class=badge>{state}</span>
            </div>
            {(!endpoint.description.is_empty()).then(|| view! { <p>{endpoint.description.clone()}</p> })}
            <p class="muted">{events}</p>
            {endpoint.previous_secret_until.as_ref().map(|until| view! {
                <p class="muted">{fill(t().previous_until, &[&format::moment(until)])}</p>
            })}
            <div class="form-actions webhook-actions">
                <button type="button" class="button" disabled=busy on:click=move |_| { act.dispatch("test"); }>{t().send_test}</button>
                <button type="button" class="button" aria-label=edit_label aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)>{t().edit}</button>
                <button type="button" class="button" disabled=busy on:click=move |_| asking.set(Some(Asking::Roll))>{t().roll_secret}</button>
                {disabled.then(|| view! {
                    <button type="button" class="button primary" disabled=busy on:click=move |_| { act.dispatch("enable"); }>{t().enable}</button>
                })}
                <button type="button" class="button danger" aria-label=delete_label disabled=busy
                    on:click=move |_| asking.set(Some(Asking::Delete))>{t().delete}</button>
            </div>
            {move || editing.get().then(|| view! {
                <div class="endpoint-edit">
                <EndpointForm editing=for_form.clone()
                    on_saved=Callback::new(move |_| {
                        editing.set(false);
                        notice.set(Some(t().changed.to_string()));
                        changed.run(());
                    })
                    on_cancel=Callback::new(move |_| editing.set(false)) />
                </div>
            })}
            <DeliveryLog endpoint=id url=url version=log_version />
            {move || asking.get().map(|what| {
                let (title, message, confirm, action) = match what {
                    Asking::Roll => (t().roll_title.to_string(), t().roll_message.to_string(), t().roll_secret, "roll"),
                    Asking::Delete => (t().delete_title.to_string(), delete_message.clone(), t().delete, "delete"),
                };
                view! {
                    <ConfirmDialog title=title message=message confirm_label=confirm pending=Signal::derive(busy)
                        on_confirm=Callback::new(move |_| { act.dispatch(action); })
                        on_cancel=Callback::new(move |_| asking.set(None)) />
                }
            })}
        </section>
    }
}
