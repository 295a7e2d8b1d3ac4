use leptos::prelude::*;

/// Marks the Owner role and the Subscription tab, which are kept but deprecated.
#[component]
pub fn DeprecatedBadge(#[prop(optional)] id: Option<&'static str>) -> impl IntoView {
    view! { <span class="badge badge-deprecated" id=id>"Deprecated"</span> }
}
