use leptos::prelude::*;

/// Marks the Owner role and the Subscription tab, which are kept but deprecated. Inside a control
/// whose accessible name must stay its label, pass `describes` and point `aria-describedby` at `id`.
#[component]
pub fn DeprecatedBadge(#[prop(optional, into)] id: Option<String>, #[prop(optional)] describes: bool) -> impl IntoView {
    view! {
        <span class="badge badge-deprecated" id=id aria-hidden=describes.then_some("true")>{super::text::t().deprecated}</span>
    }
}
