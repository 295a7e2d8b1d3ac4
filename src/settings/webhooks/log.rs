//! An endpoint's delivery log: each delivery's time, event, how its last try went and what the
//! receiver answered, with "Redeliver". Read when opened, and again on "Refresh".

use contract::{DeliveryStatus, WebhookDelivery};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::fill;
use crate::widgets::{format, load_view, Loader};

fn outcome(delivery: &WebhookDelivery) -> String {
    let word = match delivery.status {
        DeliveryStatus::Pending => t().pending,
        DeliveryStatus::Delivered => t().delivered,
        DeliveryStatus::Failed => t().failed,
    };
    let code = delivery
        .response_status
        .map(|s| s.to_string())
        .unwrap_or_else(|| t().unreachable.to_string());
    match delivery.attempts {
        0 => word.to_string(),
        tries => format!("{word} ({})", fill(t().status_tries, &[&code, &tries])),
    }
}

#[component]
pub fn DeliveryLog(endpoint: i64, url: String, version: RwSignal<u32>) -> impl IntoView {
    let open = RwSignal::new(false);
    let said = RwSignal::new(None::<String>);
    let deliveries = LocalResource::new(move || {
        version.track();
        let open = open.get();
        async move {
            if open {
                api::deliveries(endpoint).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    let redeliver = Action::new_local(move |delivery: &i64| {
        let delivery = *delivery;
        async move {
            let outcome = api::redeliver(endpoint, delivery).await;
            said.set(Some(match outcome {
                Ok(()) => t().redelivered.to_string(),
                Err(err) => err.to_string(),
            }));
            version.update(|v| *v += 1);
        }
    });
    let row = move |delivery: WebhookDelivery| {
        let label = fill(t().redeliver_named, &[&delivery.id]);
        let id = delivery.id;
        let duration = delivery.duration_ms.map(|ms| fill(t().ms, &[&ms])).unwrap_or_default();
        let when = delivery
            .attempted_at
            .clone()
            .unwrap_or_else(|| delivery.created_at.clone());
        view! {
            <tr>
                <td class="nowrap" data-label=t().when><time datetime=when.clone()>{format::moment(&when)}</time></td>
                <td data-label=t().event><code>{delivery.event.clone()}</code></td>
                <td data-label=t().status>{outcome(&delivery)}</td>
                <td data-label=t().duration>{duration}</td>
                <td class="details" data-label=t().answer>{delivery.response_excerpt.clone().unwrap_or_default()}</td>
                <td>
                    <button type="button" class="button small" aria-label=label disabled=move || redeliver.pending().get()
                        on:click=move |_| { redeliver.dispatch(id); }>{t().redeliver}</button>
                </td>
            </tr>
        }
    };
    let toggle_label = fill(t().show_log, &[&url]);
    view! {
        <div class="webhook-log">
            <div class="webhook-log-actions">
                <button type="button" class="button small" aria-expanded=move || open.get().to_string() aria-label=toggle_label
                    on:click=move |_| open.update(|o| *o = !*o)>{t().log}</button>
                {move || open.get().then(|| view! {
                    <button type="button" class="button small" on:click=move |_| version.update(|v| *v += 1)>{t().refresh}</button>
                })}
            </div>
            <p class="muted" role="status">{move || said.get()}</p>
            {move || open.get().then(|| view! {
                <Loader label=t().loading_log retry=Callback::new(move |_| deliveries.refetch())
                    load=Callback::new(move |_| load_view(async move {
                        deliveries.await.map(|found| {
                            let list = found.map(|l| l.deliveries).unwrap_or_default();
                            if list.is_empty() {
                                view! { <p class="muted">{t().no_deliveries}</p> }.into_any()
                            } else {
                                view! {
                                    <table class="table stack delivery-table">
                                        <caption class="visually-hidden">{t().caption}</caption>
                                        <thead><tr>
                                            <th scope="col">{t().when}</th>
                                            <th scope="col">{t().event}</th>
                                            <th scope="col">{t().status}</th>
                                            <th scope="col">{t().duration}</th>
                                            <th scope="col">{t().answer}</th>
                                            <th scope="col"><span class="visually-hidden">{t().redeliver}</span></th>
                                        </tr></thead>
                                        <tbody>{list.into_iter().map(row).collect_view()}</tbody>
                                    </table>
                                }.into_any()
                            }
                        })
                    })) />
            })}
        </div>
    }
}
