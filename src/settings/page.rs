use leptos::prelude::*;

use crate::shell::Placeholder;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! { <Placeholder title="Settings" /> }
}
