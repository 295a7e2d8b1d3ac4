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
    let summary = format!(
        "{} of {}",
        format::bytes(free.used_bytes),
        format::bytes(free.included_bytes)
    );
    let period = format!("Billing month {} to {}", free.period_start, free.period_end);
    let included = format::bytes(free.included_bytes);
    view! {
        <section class="card free-traffic" class:over-limit=over aria-labelledby="free-traffic-label">
            <div class="free-traffic-head">
                <h2 id="free-traffic-label">"Free traffic"</h2>
                <span class="free-traffic-value" data-testid="free-traffic-value">{summary}</span>
            </div>
            <progress aria-labelledby="free-traffic-label" aria-describedby="free-traffic-note"
                max=free.included_bytes.to_string() value=free.used_bytes.min(free.included_bytes).to_string()></progress>
            <p id="free-traffic-note" class="muted">
                {period}". "
                {if over {
                    format!("{percent}% used: {} over the {included} included.", format::bytes(free.used_bytes - free.included_bytes))
                } else {
                    format!("{percent}% of the {included} included used.")
                }}
            </p>
        </section>
    }
}
