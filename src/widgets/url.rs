use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

pub use contract::query::percent_encode as encode;

/// A screen's view (filter, sort, page, ...) read from the address, and a way to change it that
/// replaces the address, so reloads and shared links show the same view.
pub fn use_view_state<V>(parse: fn(&ParamsMap) -> V, href: fn(&V) -> String) -> (Memo<V>, Callback<V>)
where
    V: Clone + PartialEq + Send + Sync + 'static,
{
    let query = use_query_map();
    let navigate = use_navigate();
    let view = Memo::new(move |_| parse(&query.get()));
    let set_view = Callback::new(move |next: V| {
        navigate(
            &href(&next),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    (view, set_view)
}

/// A view's address read back the way the router reads the browser's: through the browser's own
/// URL parser, into the query map the view is made from.
#[cfg(all(test, target_arch = "wasm32"))]
pub fn params_of(href: &str) -> ParamsMap {
    use leptos_router::location::{BrowserUrl, LocationProvider};
    BrowserUrl::parse_with_base(href, "https://app.example")
        .expect("the browser reads the address")
        .search_params()
        .clone()
}
