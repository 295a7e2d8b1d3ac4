//! The activities of one page: when, who, the action in words, its target and details.

use super::text::t;
use crate::i18n::{fill, lang};
use crate::widgets::format;
use contract::Activity;
use leptos::prelude::*;

use super::details::describe;

fn who(activity: &Activity) -> String {
    match (&activity.owner_name, activity.owner_id) {
        (Some(name), _) => name.clone(),
        (None, Some(id)) => fill(t().user_n, &[&id]),
        // Scheduled work, or someone who was not signed in.
        (None, None) if activity.key == contract::ActivityKey::SessionFail => t().someone_signing_in.into(),
        (None, None) => t().the_system.into(),
    }
}

#[component]
pub fn ActivityTable(activities: Vec<Activity>) -> impl IntoView {
    if activities.is_empty() {
        return view! { <p class="empty-state">{t().no_match}</p> }.into_any();
    }
    view! {
        <section class="card table-card" aria-label=t().activities tabindex="0">
            <table class="table stack activity-table">
                <caption class="visually-hidden">{t().caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t().when}</th>
                        <th scope="col">{t().who}</th>
                        <th scope="col">{t().action}</th>
                        <th scope="col">{t().target}</th>
                        <th scope="col">{t().details}</th>
                    </tr>
                </thead>
                <tbody>
                    {activities.into_iter().map(|a| {
                        let details = describe(&a);
                        view! {
                            <tr>
                                <td class="nowrap" data-label=t().when><time datetime=a.created_at.clone()>{format::moment(&a.created_at)}</time></td>
                                <td data-label=t().who>
                                    <span class="cell-primary">{who(&a)}</span>
                                    {a.access_token.clone().map(|token| view! { <span class="cell-secondary">{fill(t().with_token, &[&token])}</span> })}
                                    {a.ip.clone().map(|ip| view! { <span class="cell-secondary">{ip}</span> })}
                                </td>
                                <td data-label=t().action>{a.key.describe_in(lang())}</td>
                                <td data-label=t().target>{a.trackable_name.clone().unwrap_or_default()}</td>
                                <td class="details" data-label=t().details>{details}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}
