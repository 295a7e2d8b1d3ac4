//! The activities of one page: when, who, the action in words, its target and details.

use contract::Activity;
use leptos::prelude::*;

use super::details::describe;

/// `2026-11-29T10:32:01.123Z` as `2026-11-29 10:32 UTC`.
fn when(created_at: &str) -> String {
    match (created_at.get(..10), created_at.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => created_at.to_string(),
    }
}

fn who(activity: &Activity) -> String {
    match (&activity.owner_name, activity.owner_id) {
        (Some(name), _) => name.clone(),
        (None, Some(id)) => format!("User {id}"),
        // Scheduled work, or someone who was not signed in.
        (None, None) if activity.key == contract::ActivityKey::SessionFail => "Someone signing in".into(),
        (None, None) => "The system".into(),
    }
}

#[component]
pub fn ActivityTable(activities: Vec<Activity>) -> impl IntoView {
    if activities.is_empty() {
        return view! { <p class="empty-state">"No activity matches these filters."</p> }.into_any();
    }
    view! {
        <section class="card table-card" aria-label="Activities" tabindex="0">
            <table class="table stack activity-table">
                <caption class="visually-hidden">"Activities, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"Action"</th>
                        <th scope="col">"Target"</th>
                        <th scope="col">"Details"</th>
                    </tr>
                </thead>
                <tbody>
                    {activities.into_iter().map(|a| {
                        let details = describe(&a);
                        view! {
                            <tr>
                                <td class="nowrap" data-label="When"><time datetime=a.created_at.clone()>{when(&a.created_at)}</time></td>
                                <td data-label="Who">
                                    <span class="cell-primary">{who(&a)}</span>
                                    {a.ip.clone().map(|ip| view! { <span class="cell-secondary">{ip}</span> })}
                                </td>
                                <td data-label="Action">{a.key.describe()}</td>
                                <td data-label="Target">{a.trackable_name.clone().unwrap_or_default()}</td>
                                <td class="details" data-label="Details">{details}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}
