use super::text::t;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="centered">
            <section class="card notice" aria-labelledby="not-found-title">
                <h1 id="not-found-title">{t().not_found_title}</h1>
                <p>{t().not_found_text}</p>
                <A href=crate::mount::href("/") attr:class="button primary">{t().go_to_dashboard}</A>
            </section>
        </main>
    }
}
