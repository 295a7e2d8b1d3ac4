use leptos::prelude::*;

/// A failure people can see and act on: the message and, when given, a retry.
#[component]
pub fn ErrorPanel(#[prop(into)] error: String, #[prop(optional)] retry: Option<Callback<()>>) -> impl IntoView {
    view! {
        <div class="alert alert-error error-panel" role="alert">
            <p>{error}</p>
            {retry.map(|retry| view! {
                <button type="button" class="button" on:click=move |_| retry.run(())>{super::text::t().retry}</button>
            })}
        </div>
    }
}
