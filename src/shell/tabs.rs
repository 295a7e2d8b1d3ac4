use leptos::prelude::*;
use leptos_router::components::A;

use crate::mount;
use crate::session::use_session;
use crate::widgets::DeprecatedBadge;

#[component]
pub fn Tabs() -> impl IntoView {
    let session = use_session();
    let billing_open = move || session.me().and_then(|me| me.org).is_some_and(|org| org.billing_open);
    view! {
        <nav class="tabs" aria-label="Organization">
            <A href=mount::href("/") exact=true>"Dashboard"</A>
            <A href=mount::href("/users")>"Users"</A>
            <A href=mount::href("/settings")>"Settings"</A>
            // The badge is a description, so the tab's accessible name stays "Subscription".
            <A href=mount::href("/subscription") attr:aria-describedby="subscription-deprecated">
                "Subscription" <DeprecatedBadge id="subscription-deprecated" describes=true />
            </A>
            // Owners of a subscribed organization only; the server refuses everyone else too.
            {move || billing_open().then(|| view! {
                <A href=mount::href("/invoices")>"Invoices"</A>
                <A href=mount::href("/billing")>"Billing information"</A>
                <A href=mount::href("/payment")>"Payment information"</A>
            })}
        </nav>
    }
}
