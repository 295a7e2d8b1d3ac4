//! The Settings tab's pages: the settings form ("General"), "Webhooks" and "SSO & Provisioning".

use leptos::prelude::*;
use leptos_router::components::A;

use super::text::t;
use crate::mount;

#[component]
pub fn SettingsSections() -> impl IntoView {
    view! {
        <nav class="subnav" aria-label=t().sections>
            <A href=mount::href("/settings") exact=true>{t().general}</A>
            <A href=mount::href("/settings/webhooks") exact=true>{t().webhooks}</A>
            <A href=mount::href("/settings/sso") exact=true>{t().sso}</A>
        </nav>
    }
}
