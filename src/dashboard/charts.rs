use contract::{Granularity, Statistics};
use leptos::prelude::*;

use crate::widgets::format;

/// The three overview charts with their text alternatives.
#[component]
pub fn Charts(stats: Statistics) -> impl IntoView {
    let per = if stats.granularity == Granularity::Day {
        "day"
    } else {
        "month"
    };
    let spaces_now = stats.spaces.last().map(|p| p.count).unwrap_or(0);
    let spaces_then = stats.spaces.first().map(|p| p.count).unwrap_or(0);
    let users_now = stats.users.last().map(|p| p.count).unwrap_or(0);
    let bytes: i64 = stats.traffic.iter().map(|p| p.total_bytes).sum();
    let requests: i64 = stats.traffic.iter().map(|p| p.api_requests).sum();
    let roles = stats.users_by_role.clone();
    view! {
        <div class="charts">
            <section class="card chart-card" aria-labelledby="chart-spaces-title">
                <h2 id="chart-spaces-title">"Spaces"</h2>
                <p class="chart-summary">{format!("{spaces_now} spaces now, {spaces_then} at the start of the period.")}</p>
            </section>
            <section class="card chart-card" aria-labelledby="chart-users-title">
                <h2 id="chart-users-title">"Users"</h2>
                <p class="chart-summary">{format!(
                    "{users_now} users: {} owner, {} admins, {} members.", roles.owner, roles.admin, roles.member)}</p>
            </section>
            <section class="card chart-card" aria-labelledby="chart-traffic-title">
                <h2 id="chart-traffic-title">"Traffic"</h2>
                <p class="chart-summary">{format!(
                    "{} and {} API requests in the period, per {per}.", format::bytes(bytes), format::count(requests))}</p>
            </section>
        </div>
    }
}
