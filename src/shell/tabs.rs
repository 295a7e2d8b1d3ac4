use leptos::prelude::*;
use leptos_router::components::A;

use crate::mount;
use crate::widgets::DeprecatedBadge;

#[component]
pub fn Tabs() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Organization">
            <A href=mount::href("/") exact=true>"Dashboard"</A>
            <A href=mount::href("/users")>"Users"</A>
            <A href=mount::href("/settings")>"Settings"</A>
            // The badge is a description, so the tab's accessible name stays "Subscription".
            <A href=mount::href("/subscription") attr:aria-describedby="subscription-deprecated">
                "Subscription" <DeprecatedBadge id="subscription-deprecated" describes=true />
            </A>
        </nav>
    }
}
