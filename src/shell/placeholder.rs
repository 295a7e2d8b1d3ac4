use leptos::prelude::*;

/// A screen whose feature is still being built; it keeps its address so links work already.
#[component]
pub fn Placeholder(title: &'static str) -> impl IntoView {
    view! {
        <section class="page">
            <h1>{title}</h1>
            <div class="card empty-state">
                <p>"This part of the organization area is coming soon."</p>
            </div>
        </section>
    }
}
