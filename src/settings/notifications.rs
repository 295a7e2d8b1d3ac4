//! Settings → Notifications: which usage alert thresholds are on, and who gets a mail. Owners and
//! admins always see the banner of a threshold that is on.

use super::text::t;
use contract::{NotificationSettings, UsageMailTo, UsageThreshold};
use leptos::prelude::*;

#[component]
pub fn NotificationsSection(value: RwSignal<NotificationSettings>) -> impl IntoView {
    let threshold_box = move |threshold: UsageThreshold| {
        let id = format!("usage-at-{}", threshold.percent());
        let checked = move || value.with(|n| threshold.enabled_in(n));
        let toggle = move |_| {
            value.update(|n| {
                let on = match threshold {
                    UsageThreshold::Half => &mut n.usage_at_50,
                    UsageThreshold::Most => &mut n.usage_at_80,
                    UsageThreshold::Full => &mut n.usage_at_100,
                };
                *on = !*on;
            })
        };
        view! {
            <div class="field checkbox">
                <input id=id.clone() type="checkbox" prop:checked=checked on:change=toggle />
                <label for=id>{crate::i18n::fill(t().usage_at, &[&threshold.percent()])}</label>
            </div>
        }
    };
    let mail_label = |to: UsageMailTo| match to {
        UsageMailTo::Owners => t().mail_owners,
        UsageMailTo::OwnersAndAdmins => t().mail_owners_admins,
        UsageMailTo::Nobody => t().mail_nobody,
    };
    view! {
        <section class="card settings-section" aria-labelledby="settings-notifications">
            <h2 id="settings-notifications">{t().notifications}</h2>
            <fieldset class="field" aria-describedby="usage-alerts-hint">
                <legend>{t().usage_alerts}</legend>
                <div class="region-choices">{UsageThreshold::ALL.into_iter().map(threshold_box).collect_view()}</div>
                <p id="usage-alerts-hint" class="muted hint">{t().usage_alerts_hint}</p>
            </fieldset>
            <div class="field">
                <label for="usage-mail-to">{t().usage_mail_to}</label>
                <select id="usage-mail-to" prop:value=move || value.with(|n| n.usage_mail_to.as_str())
                    on:change=move |ev| {
                        if let Some(to) = UsageMailTo::parse(&event_target_value(&ev)) {
                            value.update(|n| n.usage_mail_to = to);
                        }
                    }>
                    {UsageMailTo::ALL.into_iter().map(|to| view! {
                        <option value=to.as_str()>{mail_label(to)}</option>
                    }).collect_view()}
                </select>
            </div>
        </section>
    }
}
