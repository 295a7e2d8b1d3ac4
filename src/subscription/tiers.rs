use super::text::t;
use crate::i18n::fill;
use contract::{Tier, TierId, TIERS};
use leptos::prelude::*;

use crate::widgets::format;

/// The tier plans side by side. `choose` is absent for people who may not subscribe: they see
/// the plans and no way to pick one.
#[component]
pub fn TierPlans(current: Option<TierId>, #[prop(optional)] choose: Option<Callback<TierId>>) -> impl IntoView {
    view! {
        <ul class="tiers" aria-label=t().tier_plans>
            {TIERS.iter().map(|tier: &Tier| {
                let id = tier.id;
                let is_current = current == Some(id);
                let action = choose.map(|choose| {
                    let label = match current {
                        None => fill(t().subscribe_to, &[&tier.name]),
                        Some(_) if is_current => String::new(),
                        Some(_) => fill(t().switch_to, &[&tier.name]),
                    };
                    (!is_current).then(|| view! {
                        <button type="button" class="button primary wide" on:click=move |_| choose.run(id)>{label}</button>
                    })
                });
                view! {
                    <li class="card tier" class:current=is_current aria-labelledby=format!("tier-{}", id.as_str())>
                        <h2 id=format!("tier-{}", id.as_str())>{tier.name}</h2>
                        {is_current.then(|| view! { <span class="badge current-badge">{t().current_plan}</span> })}
                        <p class="price"><strong>{format::money(tier.monthly_price_cents)}</strong>{t().a_month}</p>
                        <ul>
                            <li>{t().premium_for_all}</li>
                            <li>{fill(t().up_to_spaces, &[&format::count(tier.max_spaces)])}</li>
                            <li>{fill(t().up_to_collaborators, &[&format::count(tier.max_collaborators)])}</li>
                            <li>{fill(t().traffic_included, &[&format::bytes(tier.included_traffic_bytes)])}</li>
                        </ul>
                        {action}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
