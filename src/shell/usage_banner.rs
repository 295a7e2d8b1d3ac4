//! The usage alert banner: owners and admins see, on every screen, that the billing month's
//! traffic crossed a threshold Settings → Notifications has on. It follows live (the alert is an
//! activity), and "Dismiss" hides that threshold in this browser until the next one.

use contract::{Permission, UsageAlert, UsageAlertState};
use leptos::prelude::*;
use leptos_router::components::A;

use super::text::t;
use crate::i18n::fill;
use crate::live::{use_live, Topic};
use crate::session::use_session;
use crate::widgets::format;

const DISMISSED: &str = "org-area.usage-alert-dismissed";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Which alert a dismissal is of: the month and the threshold.
fn mark(alert: &UsageAlert) -> String {
    format!("{}:{}", alert.period_start, alert.percent)
}

#[component]
pub fn UsageBanner() -> impl IntoView {
    let session = use_session();
    let live = use_live();
    let may_see = Memo::new(move |_| session.me().is_some_and(|me| me.may(Permission::OpenOrgArea)));
    // Asked again after each change of the subscription's topic (a usage alert is one). A plain
    // effect, not a resource: the console every page loads stays small.
    let alert = RwSignal::new(None::<UsageAlert>);
    Effect::new(move |_| {
        live.track(Topic::Subscription);
        if !may_see.get() {
            alert.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            let state: Option<UsageAlertState> = crate::api::Call::get("/orgs/me/usage-alert").fetch().await.ok();
            if let Some(state) = state {
                let _ = alert.try_set(state.alert);
            }
        });
    });
    let dismissed = RwSignal::new(storage().and_then(|s| s.get_item(DISMISSED).ok().flatten()));
    let shown = move || {
        alert
            .get()
            .filter(|a| dismissed.with(|d| d.as_deref() != Some(mark(a).as_str())))
    };
    view! {
        <div class="usage-status" role="status">
            {move || shown().map(|a| {
                let text = fill(
                    t().usage_banner,
                    &[&a.percent, &format::bytes(a.used_bytes), &format::bytes(a.included_bytes), &format::day(&a.period_end)],
                );
                let dismiss = move |_| {
                    if let Some(s) = storage() {
                        let _ = s.set_item(DISMISSED, &mark(&a));
                    }
                    dismissed.set(Some(mark(&a)));
                };
                view! {
                    <div class="alert alert-warning usage-banner">
                        <p>{text}</p>
                        <A href=crate::mount::href("/") attr:class="button small">{t().usage_see}</A>
                        <button type="button" class="button small" on:click=dismiss>{crate::widgets::text::t().dismiss}</button>
                    </div>
                }
            })}
        </div>
    }
}
