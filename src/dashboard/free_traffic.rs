use super::text::t;
use crate::i18n::fill;
use contract::FreeTraffic;
use leptos::prelude::*;

use crate::widgets::format;

/// This billing month's traffic against what the organization's plan includes (a terabyte
/// free, more with a subscription's tier).
#[component]
pub fn FreeTrafficBar(free: FreeTraffic) -> impl IntoView {
    let ratio = free.used_bytes as f64 / free.included_bytes.max(1) as f64;
    let over = ratio > 1.0;
    let percent = (ratio * 100.0).round() as i64;
    let summary = fill(
        t().used_of,
        &[&format::bytes(free.used_bytes), &format::bytes(free.included_bytes)],
    );
    let period = fill(
        t().billing_month,
        &[&format::day(&free.period_start), &format::day(&free.period_end)],
    );
    let included = format::bytes(free.included_bytes);
    view! {
        <section class="card free-traffic" class:over-limit=over aria-labelledby="free-traffic-label">
            <div class="free-traffic-head">
                <h2 id="free-traffic-label">{t().free_traffic}</h2>
                <span class="free-traffic-value" data-testid="free-traffic-value">{summary}</span>
            </div>
            <progress aria-labelledby="free-traffic-label" aria-describedby="free-traffic-note"
                max=free.included_bytes.to_string() value=free.used_bytes.min(free.included_bytes).to_string()></progress>
            <p id="free-traffic-note" class="muted">
                {period}". "
                {if over {
                    fill(t().over_included, &[&percent, &format::bytes(free.used_bytes - free.included_bytes), &included])
                } else {
                    fill(t().of_included, &[&percent, &included])
                }}
            </p>
        </section>
    }
}
