use contract::WebhookSecret;
use leptos::prelude::*;

use super::api;
use super::endpoint::EndpointCard;
use super::endpoint_form::{EndpointForm, Saved};
use super::text::t;
use crate::i18n::fill;
use crate::live::{use_live, Topic};
use crate::settings::sections::SettingsSections;
use crate::widgets::{load_view, Loader, NoticeBar};

/// A secret in a field to copy it from, until the person says they have it.
#[component]
pub fn SecretOnce(secret: RwSignal<Option<WebhookSecret>>) -> impl IntoView {
    move || {
        secret.get().map(|shown| {
            let label = fill(t().secret_of, &[&shown.endpoint.url]);
            view! {
                <div class="alert alert-success token-made" role="status">
                    <p>{t().secret_once}</p>
                    <input class="token-value" type="text" readonly aria-label=label prop:value=shown.secret />
                    <button type="button" class="button small" on:click=move |_| secret.set(None)>{t().copied}</button>
                </div>
            }
        })
    }
}

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let live = use_live();
    let endpoints = LocalResource::new(move || {
        live.track(Topic::Settings);
        api::list()
    });
    let secret = RwSignal::new(None::<WebhookSecret>);
    let notice = RwSignal::new(None::<String>);
    let changed = Callback::new(move |_| endpoints.refetch());
    view! {
        <section class="page settings-page" aria-labelledby="webhooks-title">
            <div class="page-head">
                <div>
                    <h1 id="webhooks-title">{t().title}</h1>
                    <p class="muted">{t().intro}</p>
                </div>
            </div>
            <SettingsSections />
            <NoticeBar notice=notice />
            <SecretOnce secret=secret />
            <Loader label=t().loading retry=Callback::new(move |_| endpoints.refetch())
                load=Callback::new(move |_| load_view(async move {
                    endpoints.await.map(|list| {
                        if list.endpoints.is_empty() {
                            view! { <p class="muted empty-state">{t().none}</p> }.into_any()
                        } else {
                            list.endpoints.into_iter().map(|endpoint| view! {
                                <EndpointCard endpoint=endpoint secret=secret notice=notice changed=changed />
                            }).collect_view().into_any()
                        }
                    })
                })) />
            <section class="card settings-section" aria-labelledby="webhook-add-title">
                <h2 id="webhook-add-title">{t().add_title}</h2>
                <EndpointForm on_saved=Callback::new(move |saved: Saved| {
                    if let Saved::Added(added) = saved {
                        secret.set(Some(added));
                    }
                    endpoints.refetch();
                }) />
            </section>
        </section>
    }
}
