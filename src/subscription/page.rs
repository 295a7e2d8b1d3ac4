//! The Subscription tab: the tier plans side by side; an owner subscribes, changes tier or
//! cancels at the period's end, each after a confirmation that says what changes and what it
//! costs. Admins see the plans and who can change them.

use super::text::t;
use crate::i18n::fill;
use crate::widgets::format;
use contract::{allows, OrgRole, Permission, SubscriptionStatus, SubscriptionView, TierId};
use leptos::prelude::*;
use leptos_router::components::A;

use super::api;
use super::tiers::TierPlans;
use crate::api::ApiError;
use crate::live::{use_live, Topic};
use crate::mount;
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
                    <h1 id="subscription-title">{t().title} <DeprecatedBadge /></h1>
                    <p class="muted">{t().intro}</p>
                </div>
            </div>
            {if owner {
                view! { <OwnerSubscription /> }.into_any()
            } else {
                view! {
                    <p class="alert alert-info" role="note">{t().owners_only}</p>
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
    let needs_card = RwSignal::new(false);

    let after = move |view: &SubscriptionView| {
        session.set_billing_open(view.billing_open);
        subscription.refetch();
    };
    // The notice and the failure are the page's, shared by both actions: each sets them when it
    // is done.
    let failed = move |err: ApiError| {
        // No card, or a declined one: the way out is the Payment information page.
        needs_card.set(matches!(&err, ApiError::Refused { status: 402, .. }));
        error.set(Some(err.to_string()));
    };
    let apply = Action::new_local(move |change: &Change| {
        let change = change.clone();
        async move {
            let view = match &change {
                Change::Choose(tier) => api::choose(*tier).await,
                Change::Cancel => api::cancel().await,
            };
            pending.set(None);
            match view {
                Ok(view) => {
                    error.set(None);
                    notice.set(Some(match change {
                        Change::Choose(tier) => fill(t().on_plan, &[&tier.tier().name]),
                        Change::Cancel => fill(t().cancelled, &[&day_or_nothing(&view.period_end)]),
                    }));
                    after(&view);
                }
                Err(err) => failed(err),
            }
        }
    });
    let resume = Action::new_local(move |_: &()| async move {
        match api::resume().await {
            Ok(view) => {
                notice.set(Some(t().renews_again.into()));
                after(&view);
            }
            Err(err) => error.set(Some(err.to_string())),
        }
    });

    let load = Callback::new(move |_| {
        load_view(async move {
            let view = subscription.await?;
            let period_end = view.period_end.clone();
            let choose = Callback::new(move |tier| pending.set(Some((Change::Choose(tier), period_end.clone()))));
            let status = match (view.tier, view.status) {
                (Some(tier), Some(SubscriptionStatus::Active)) => fill(
                    t().subscribed,
                    &[
                        &tier.tier().name,
                        &day_or_nothing(&view.period_start),
                        &day_or_nothing(&view.period_end),
                    ],
                ),
                (Some(tier), _) => fill(t().ending, &[&tier.tier().name, &day_or_nothing(&view.period_end)]),
                _ => t().not_subscribed.to_string(),
            };
            let period_end_for_next = view.period_end.clone();
            let active = view.status == Some(SubscriptionStatus::Active);
            let canceling = view.status == Some(SubscriptionStatus::Canceling);
            let period_end = view.period_end.clone();
            Ok(view! {
                <div class="card subscription-status">
                    <p role="status">{status}</p>
                    {(view.tier.is_some() && !view.has_payment_method).then(|| view! {
                        <p class="muted">{t().no_card}</p>
                    })}
                    {view.next_tier.map(|next| view! {
                        <p>{fill(t().downgrade_waits, &[&next.tier().name, &day_or_nothing(&period_end_for_next)])}</p>
                    })}
                    <div class="form-actions">
                        {active.then(|| view! {
                            <button type="button" class="button" on:click=move |_| pending.set(Some((Change::Cancel, period_end.clone())))>
                                {t().cancel_subscription}
                            </button>
                        })}
                        {canceling.then(|| view! {
                            <button type="button" class="button" on:click=move |_| { resume.dispatch(()); }>{t().keep_subscription}</button>
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
        {move || error.get().map(|e| view! {
            <p class="alert alert-error" role="alert">
                {e}
                {needs_card.get().then(|| view! { " " <A href=mount::href("/payment")>{t().go_to_payment}</A> })}
            </p>
        })}
        <Loader label=t().loading load=load retry=Callback::new(move |_| subscription.refetch()) />
        {move || pending.get().map(|(change, period_end)| {
            let current = subscription.get().and_then(|r| r.ok()).and_then(|v| v.tier);
            let (title, message, label) = match &change {
                Change::Choose(tier) => (
                    fill(if current.is_some() { t().switch_to_q } else { t().subscribe_to_q }, &[&tier.tier().name]),
                    describe_change(current, *tier, period_end.as_deref()),
                    if current.is_some() { fill(t().switch_to, &[&tier.tier().name]) } else { fill(t().subscribe_for, &[&format::money(tier.tier().monthly_price_cents)]) },
                ),
                Change::Cancel => (
                    t().cancel_q.to_string(),
                    fill(t().cancel_text, &[&day_or_nothing(&period_end)]),
                    t().cancel_at_end.to_string(),
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

/// A day of the subscription's period as this page's language writes it, or nothing.
fn day_or_nothing(day: &Option<String>) -> String {
    day.as_deref().map(format::day).unwrap_or_default()
}

/// What choosing `next` means, from the current tier (or none) and the period's end.
fn describe_change(current: Option<TierId>, next: TierId, period_end: Option<&str>) -> String {
    let tier = next.tier();
    let price = format::money(tier.monthly_price_cents);
    match current {
        None => fill(t().subscribe_text, &[&tier.name, &price]),
        Some(from) => fill(
            if tier.monthly_price_cents > from.tier().monthly_price_cents {
                t().upgrade_text
            } else {
                t().downgrade_text
            },
            &[
                &from.tier().name,
                &tier.name,
                &period_end.map(format::day).unwrap_or_else(|| t().next_month.into()),
                &price,
            ],
        ),
    }
}
