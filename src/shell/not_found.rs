use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="centered">
            <section class="card notice" aria-labelledby="not-found-title">
                <h1 id="not-found-title">"Page not found"</h1>
                <p>"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
                <A href=crate::mount::href("/") attr:class="button primary">"Go to the dashboard"</A>
            </section>
        </main>
    }
}
