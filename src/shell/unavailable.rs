//! The frame's word while the service is unavailable (its database out of reach): the screen's
//! reads are waiting and trying again by themselves.

use leptos::prelude::*;

use super::text::t;

#[component]
pub fn UnavailableNotice() -> impl IntoView {
    let down = RwSignal::new(false);
    crate::api::outage::on_change(move |is_down| {
        // (The frame may be gone by the time a read comes back.)
        let _ = down.try_set(is_down);
    });
    // The live region is always there, so what appears in it is announced.
    view! {
        <div class="service-status" role="status">
            {move || down.get().then(|| view! { <p class="alert alert-warning">{t().unavailable_retrying}</p> })}
        </div>
    }
}
