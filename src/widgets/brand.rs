use leptos::prelude::*;

/// The product's mark and name, at the top of every page.
#[component]
pub fn Brand() -> impl IntoView {
    view! {
        <div class="brand">
            <span class="brand-mark" aria-hidden="true"></span>
            <span class="brand-name">"Organization area"</span>
        </div>
    }
}
