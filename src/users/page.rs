use leptos::prelude::*;

use crate::shell::Placeholder;

#[component]
pub fn UsersPage() -> impl IntoView {
    view! { <Placeholder title="Users" /> }
}
