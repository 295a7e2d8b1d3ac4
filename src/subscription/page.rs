//! The Subscription tab: the tier plans side by side; an owner subscribes, changes tier or
//! cancels at the period's end, each after a confirmation that says what changes and what it
//! costs. Admins see the plans and who can change them.

use contract::{allows, describe_change, OrgRole, Permission, SubscriptionStatus, SubscriptionView, TierId};
use leptos::prelude::*;

use super::api;
use super::tiers::TierPlans;
use crate::api::ApiError;
use crate::live::{use_live, Topic};
use crate::session::use_session;
use crate::widgets::{load_view, ConfirmDialog, DeprecatedBadge, Loader, NoticeBar};

#[derive(Clone)]
enum Change {
    Choose(TierId),
    Cancel,
}

#[component]
pub fn SubscriptionPage() -> impl IntoView {
    let session = use_session();
    let role = session.me().and_then(|me| me.role()).unwrap_or(OrgRole::Member);
    let owner = allows(role, Permission::ManageSubscription);
    view! {
        <section class="page subscription" aria-labelledby="subscription-title">
            <div class="page-head">
                <div>
                    <h1 id="subscription-title">"Subscription " <DeprecatedBadge /></h1>
                    <p class="muted">"Every tier grants the premium plan to all spaces connected to your organization. After subscribing, Invoices, Billing information and Payment information appear in the menu."</p>
                </div>
            </div>
            {if owner {
                view! { <OwnerSubscription /> }.into_any()
            } else {
                view! {
                    <p class="alert alert-info" role="note">"Only owners of the organization subscribe, change the plan or see invoices. Ask an owner if your organization needs a different plan."</p>
                    <TierPlans current=None />
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn OwnerSubscription() -> impl IntoView {
    let session = use_session();
    let live = use_live();
    let subscription = LocalResource::new(move || {
        live.track(Topic::Subscription);
        api::subscription()
    });
    let pending = RwSignal::new(None::<(Change, Option<String>)>);
    let notice = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);

    let apply = Action::new_local(move |change: &Change| {
        let change = change.clone();
        async move {
            let view = match &change {
                Change::Choose(tier) => api::choose(*tier).await,
                Change::Cancel => api::cancel().await,
            }?;
            Ok::<_, ApiError>((change, view))
        }
    });
    let resume = Action::new_local(|_: &()| api::resume());
    let after = move |view: &SubscriptionView| {
        session.set_billing_open(view.billing_open);
        subscription.refetch();
    };
    Effect::new(move |_| match apply.value().get() {
        Some(Ok((change, view))) => {
            pending.set(None);
            error.set(None);
            notice.set(Some(match change {
                Change::Choose(tier) => format!("Your organization is on the {} plan.", tier.tier().name),
                Change::Cancel => format!(
                    "Cancelled. Premium stays until {}; no further invoices.",
                    view.period_end.clone().unwrap_or_default()
                ),
            }));
            after(&view);
        }
        Some(Err(err)) => {
            pending.set(None);
            error.set(Some(err.to_string()));
        }
        None => {}
    });
    Effect::new(move |_| match resume.value().get() {
        Some(Ok(view)) => {
            notice.set(Some("Your subscription renews again.".into()));
            after(&view);
        }
        Some(Err(err)) => error.set(Some(err.to_string())),
        None => {}
    });

    let load = Callback::new(move |_| {
        load_view(async move {
            let view = subscription.await?;
            let period_end = view.period_end.clone();
            let choose = Callback::new(move |tier| pending.set(Some((Change::Choose(tier), period_end.clone()))));
            let status = match (view.tier, view.status) {
                (Some(tier), Some(SubscriptionStatus::Active)) => format!(
                    "Subscribed to {}. The current period runs from {} to {}; it renews then.",
                    tier.tier().name,
                    view.period_start.clone().unwrap_or_default(),
                    view.period_end.clone().unwrap_or_default()
                ),
                (Some(tier), _) => format!(
                    "{} until {}, then the subscription ends: spaces go back to their own plans.",
                    tier.tier().name,
                    view.period_end.clone().unwrap_or_default()
                ),
                _ => "Not subscribed. Connected spaces keep their own plans.".to_string(),
            };
            let active = view.status == Some(SubscriptionStatus::Active);
            let canceling = view.status == Some(SubscriptionStatus::Canceling);
            let period_end = view.period_end.clone();
            Ok(view! {
                <div class="card subscription-status">
                    <p role="status">{status}</p>
                    {(view.tier.is_some() && !view.has_payment_method).then(|| view! {
                        <p class="muted">"No card on file: invoices stay open until you add one under Payment information."</p>
                    })}
                    <div class="form-actions">
                        {active.then(|| view! {
                            <button type="button" class="button" on:click=move |_| pending.set(Some((Change::Cancel, period_end.clone())))>
                                "Cancel subscription"
                            </button>
                        })}
                        {canceling.then(|| view! {
                            <button type="button" class="button" on:click=move |_| { resume.dispatch(()); }>"Keep subscription"</button>
                        })}
                    </div>
                </div>
                <TierPlans current=view.tier choose=choose />
            }
            .into_any())
        })
    });

    view! {
        <NoticeBar notice=notice />
        {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert">{e}</p> })}
        <Loader label="Loading your subscription…" load=load retry=Callback::new(move |_| subscription.refetch()) />
        {move || pending.get().map(|(change, period_end)| {
            let current = subscription.get().and_then(|r| r.ok()).and_then(|v| v.tier);
            let (title, message, label) = match &change {
                Change::Choose(tier) => (
                    if current.is_some() { format!("Switch to {}?", tier.tier().name) } else { format!("Subscribe to {}?", tier.tier().name) },
                    describe_change(current, *tier, period_end.as_deref()),
                    if current.is_some() { format!("Switch to {}", tier.tier().name) } else { format!("Subscribe for {}", contract::format_money(tier.tier().monthly_price_cents)) },
                ),
                Change::Cancel => (
                    "Cancel the subscription?".to_string(),
                    format!(
                        "Nothing more is billed. Connected spaces keep premium until {}, then go back to their own plans. You can keep the subscription until then.",
                        period_end.unwrap_or_default()
                    ),
                    "Cancel at period end".to_string(),
                ),
            };
            view! {
                <ConfirmDialog title=title message=message confirm_label=label
                    pending=apply.pending()
                    on_confirm=Callback::new(move |_| { apply.dispatch(change.clone()); })
                    on_cancel=Callback::new(move |_| pending.set(None)) />
            }
        })}
    }
}
