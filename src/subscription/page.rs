use leptos::prelude::*;

use crate::shell::Placeholder;

#[component]
pub fn SubscriptionPage() -> impl IntoView {
    view! { <Placeholder title="Subscription" /> }
}
