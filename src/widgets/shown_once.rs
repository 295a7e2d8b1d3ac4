//! A secret the server shows once (an access token, a webhook's signing secret): in a read-only
//! field, selected when focused so it copies whole, until the person says they have it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn ShownOnce(
    /// What to do with it, in the page's language.
    message: &'static str,
    /// The field's accessible name ("The new token CI deploy").
    #[prop(into)]
    label: String,
    #[prop(into)] value: String,
    /// The button that puts it away ("I have copied it").
    done: &'static str,
    on_done: Callback<()>,
) -> impl IntoView {
    let select_all = |ev: leptos::ev::FocusEvent| {
        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            input.select();
        }
    };
    view! {
        <div class="alert alert-success token-made" role="status">
            <p>{message}</p>
            <input class="token-value" type="text" readonly aria-label=label prop:value=value on:focus=select_all />
            <button type="button" class="button small" on:click=move |_| on_done.run(())>{done}</button>
        </div>
    }
}
