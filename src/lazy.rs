//! Code that is downloaded when it is first needed. The build (`cargo xtask build-app`) splits
//! the app's wasm at each function marked by [`lazy_part!`] into a chunk of its own, fetched and
//! instantiated the first time the function is called; the main module keeps only what the
//! sign-in page and the shell need. See docs/decisions.md, "One module, split per screen".
//!
//! A chunk that cannot be downloaded (a dropped network, a server error) is said on the page with
//! a way to try again, never a panic: a panic would end the whole app.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos_router::ChooseView;

use crate::widgets::ErrorPanel;

/// A chunk could not be fetched or instantiated (the browser's console has the details).
#[derive(Debug, Clone, Copy)]
pub struct LoadFailed;

impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadFailed
    }
}

pub type Loading<T> = Pin<Box<dyn Future<Output = Result<T, LoadFailed>>>>;

/// A view whose code is a chunk: drawn by a function [`lazy_part!`] made.
#[derive(Clone, Copy)]
pub struct LazyView {
    pub load: fn() -> Loading<AnyView>,
    /// Fetches the chunk without drawing anything (when the person is likely to go there next).
    pub preload: fn() -> Loading<()>,
}

impl LazyView {
    /// The view once its chunk is here; on failure, the failure and a retry in its place.
    pub async fn view(self) -> AnyView {
        match (self.load)().await {
            Ok(view) => view,
            Err(LoadFailed) => view! { <Retry part=self /> }.into_any(),
        }
    }

    /// Fetch the chunk now, so showing it later costs no download.
    pub fn prefetch(self) {
        leptos::task::spawn_local(async move {
            let _ = (self.preload)().await;
        });
    }
}

/// A lazy screen as a route's view: the router keeps the current page until it is here.
impl ChooseView for LazyView {
    async fn choose(self) -> AnyView {
        self.view().await
    }

    async fn preload(&self) {
        let _ = (self.preload)().await;
    }
}

/// Said where a part could not be loaded; "Retry" tries the download again.
#[component]
fn Retry(part: LazyView) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    move || {
        let tried = attempt.get();
        if tried == 0 {
            return failure(attempt).into_any();
        }
        // The app has one thread; the wrapper only tells the type system so.
        Suspend::new(send_wrapper::SendWrapper::new(async move {
            match (part.load)().await {
                Ok(view) => view,
                Err(LoadFailed) => failure(attempt).into_any(),
            }
        }))
        .into_any()
    }
}

fn failure(attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        // In the layout's own `main`, so not a landmark of its own.
        <div class="centered">
            <ErrorPanel
                error=crate::widgets::text::t().part_not_loaded
                retry=Callback::new(move |_| attempt.update(|n| *n += 1))
            />
        </div>
    }
}

/// `lazy_part!(chunk, name => view)`: a [`LazyView`] constant `name` whose view is in the chunk
/// called `chunk` (parts with the same chunk name share one chunk).
#[macro_export]
macro_rules! lazy_part {
    ($chunk:ident, $name:ident => $view:expr) => {
        pub const $name: $crate::lazy::LazyView = {
            // Named after the constant: the split point's symbols are made from the function's name.
            #[cfg(not(test))]
            #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload))]
            #[allow(non_snake_case)]
            fn $name() -> Result<::leptos::prelude::AnyView, $crate::lazy::LoadFailed> {
                use ::leptos::prelude::IntoAny;
                Ok($view.into_any())
            }
            // The app's unit tests are not split (their wasm would import the split's placeholder
            // module, which only the build's split step replaces): there it is a plain call.
            #[cfg(test)]
            #[allow(non_snake_case)]
            fn $name() -> Result<::leptos::prelude::AnyView, $crate::lazy::LoadFailed> {
                use ::leptos::prelude::IntoAny;
                Ok($view.into_any())
            }
            #[cfg(test)]
            async fn preload() -> Result<(), $crate::lazy::LoadFailed> {
                Ok(())
            }
            $crate::lazy::LazyView {
                #[cfg(not(test))]
                load: || Box::pin($name()),
                #[cfg(test)]
                load: || Box::pin(async { $name() }),
                preload: || Box::pin(async { preload().await.map_err($crate::lazy::LoadFailed::from) }),
            }
        };
    };
}
