use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use super::{ErrorPanel, Loading};
use crate::api::ApiError;

/// What a [`Loader`] awaits: a view built from loaded data, or the error that stopped it.
pub type ViewFuture = Pin<Box<dyn Future<Output = Result<AnyView, ApiError>> + Send>>;

/// Box an async block for a [`Loader`].
pub fn load_view(future: impl Future<Output = Result<AnyView, ApiError>> + Send + 'static) -> ViewFuture {
    Box::pin(future)
}

/// A part of a screen that loads: a loading state first (and the old content while reloading),
/// then the content, or the error with a retry. One non-generic component for every such part
/// keeps the app's wasm small.
#[component]
pub fn Loader(#[prop(into)] label: String, load: Callback<(), ViewFuture>, retry: Callback<()>) -> impl IntoView {
    let label = StoredValue::new(label);
    view! {
        <Transition fallback=move || view! { <Loading label=label.get_value() /> }>
            <ErrorBoundary fallback=move |errors| {
                let message = errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join(" ");
                view! { <ErrorPanel error=message retry=retry /> }
            }>
                {
                    // Each load builds its content under an owner of its own that lives exactly as
                    // long as that content is drawn. Built under the reloading closure's owner
                    // instead, the content's signals would be disposed the moment the next load
                    // starts, while the Transition still shows that content: a change arriving
                    // then (a keystroke in a search) would read them and stop the app.
                    let parent = Owner::current().unwrap_or_default();
                    move || {
                        let owner = parent.child();
                        owner.clone().with(|| {
                            let future = load.run(());
                            Suspend::new(async move {
                                let view = future.await;
                                // Reloads (a live update) replace the content under the person's focus.
                                super::keep_focus_across_redraw();
                                view.map(|view| owned_by(view, owner))
                            })
                        })
                    }
                }
            </ErrorBoundary>
        </Transition>
    }
}

/// `view`, keeping `owner` (and so every signal the view was built with) alive until the view
/// is taken off the page.
fn owned_by(view: AnyView, owner: Owner) -> AnyView {
    let mut view = Some(view);
    // Reads nothing reactive, so it runs once: when the view is drawn.
    (move || {
        let _owner = &owner;
        view.take()
    })
    .into_any()
}
