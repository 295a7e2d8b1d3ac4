use contract::ColorPair;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::text::t;

/// The brand as it would look, light and dark, before it is saved.
#[component]
pub fn BrandPreview(
    name: Signal<String>,
    logo: Signal<Option<String>>,
    light: Signal<ColorPair>,
    dark: Signal<ColorPair>,
) -> impl IntoView {
    view! {
        <div class="brand-preview" aria-label=t().preview role="group">
            <PreviewPane title=t().light_mode scheme="light" name=name logo=logo colors=light />
            <PreviewPane title=t().dark_mode scheme="dark" name=name logo=logo colors=dark />
        </div>
    }
}

#[component]
fn PreviewPane(
    title: &'static str,
    scheme: &'static str,
    name: Signal<String>,
    logo: Signal<Option<String>>,
    colors: Signal<ColorPair>,
) -> impl IntoView {
    let pane = NodeRef::<Div>::new();
    // Custom properties through the CSSOM: the Content-Security-Policy allows no inline style.
    Effect::new(move |_| {
        let colors = colors.get();
        if let Some(el) = pane.get().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            let style = el.style();
            let _ = style.set_property("--color-primary", &colors.primary);
            let _ = style.set_property("--color-accent", &colors.accent);
        }
    });
    view! {
        <figure class=format!("preview-pane {scheme}")>
            <figcaption>{title}</figcaption>
            <div class="preview-app" node_ref=pane aria-hidden="true">
                <div class="preview-bar">
                    {move || match logo.get() {
                        Some(src) => view! { <img class="brand-logo" src=src alt="" /> }.into_any(),
                        None => view! { <span class="brand-mark"></span> }.into_any(),
                    }}
                    <strong>{move || name.get()}</strong>
                </div>
                <div class="preview-tabs"><span class="active">{t().preview_dashboard}</span><span>{t().preview_users}</span></div>
                <div class="preview-body">
                    <span class="preview-link">"Online Shop"</span>
                    <span class="preview-meter"><span></span></span>
                    <span class="preview-button">{t().preview_add_space}</span>
                </div>
            </div>
        </figure>
    }
}
