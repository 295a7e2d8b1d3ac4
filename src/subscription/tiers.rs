use contract::{format_money, Tier, TierId, TIERS};
use leptos::prelude::*;

use crate::widgets::format;

/// The tier plans side by side. `choose` is absent for people who may not subscribe: they see
/// the plans and no way to pick one.
#[component]
pub fn TierPlans(current: Option<TierId>, #[prop(optional)] choose: Option<Callback<TierId>>) -> impl IntoView {
    view! {
        <ul class="tiers" aria-label="Tier plans">
            {TIERS.iter().map(|tier: &Tier| {
                let id = tier.id;
                let is_current = current == Some(id);
                let action = choose.map(|choose| {
                    let label = match current {
                        None => format!("Subscribe to {}", tier.name),
                        Some(_) if is_current => String::new(),
                        Some(_) => format!("Switch to {}", tier.name),
                    };
                    (!is_current).then(|| view! {
                        <button type="button" class="button primary wide" on:click=move |_| choose.run(id)>{label}</button>
                    })
                });
                view! {
                    <li class="card tier" class:current=is_current aria-labelledby=format!("tier-{}", id.as_str())>
                        <h2 id=format!("tier-{}", id.as_str())>{tier.name}</h2>
                        {is_current.then(|| view! { <span class="badge current-badge">"Current plan"</span> })}
                        <p class="price"><strong>{format_money(tier.monthly_price_cents)}</strong>" a month, plus tax"</p>
                        <ul>
                            <li>"Premium plan for every connected space"</li>
                            <li>{format!("Up to {} spaces", format::count(tier.max_spaces))}</li>
                            <li>{format!("Up to {} collaborators", format::count(tier.max_collaborators))}</li>
                            <li>{format!("{} of traffic included each month (the free terabyte included)", format::bytes(tier.included_traffic_bytes))}</li>
                        </ul>
                        {action}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
