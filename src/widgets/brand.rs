use leptos::prelude::*;

use crate::brand::use_brand;

/// The organization's logo (or the product's mark) and app name, at the top of every page.
#[component]
pub fn Brand() -> impl IntoView {
    let brand = use_brand();
    view! {
        <div class="brand">
            {move || match brand.logo_url() {
                // The name follows as text, so the image adds nothing for a screen reader.
                Some(src) => view! { <img class="brand-logo" src=src alt="" /> }.into_any(),
                None => view! { <span class="brand-mark" aria-hidden="true"></span> }.into_any(),
            }}
            <span class="brand-name" data-testid="brand-name">{move || brand.name()}</span>
        </div>
    }
}

/// "Powered by" the product, unless the organization's white-labeling hides it.
#[component]
pub fn PoweredBy() -> impl IntoView {
    let brand = use_brand();
    move || {
        brand
            .shows_powered_by()
            .then(|| view! { <p class="powered-by">{super::text::t().powered_by} <strong>"org-area"</strong></p> })
    }
}
