//! The colours the charts are drawn in, read from the page as it looks now: the organization's
//! primary and accent (through the stylesheet's `--color-*`, which already pick the light or dark
//! brand colour), and the page's muted text and border colours.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The palette as JSON for the charts module.
pub fn current() -> String {
    let style = web_sys::window().and_then(|w| {
        let root = w.document()?.document_element()?;
        w.get_computed_style(&root).ok().flatten()
    });
    let read = |name: &str| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    serde_json::json!({
        "primary": read("--color-primary"),
        "accent": read("--color-accent"),
        "text": read("--color-muted"),
        "grid": read("--color-border"),
        "lang": crate::i18n::lang(),
    })
    .to_string()
}

/// Whether the system asks for dark colours, following changes while the page is open.
pub fn prefers_dark() -> ReadSignal<bool> {
    let query = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
    let (dark, set_dark) = signal(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(query) = query {
        let listener =
            Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(move |event: web_sys::MediaQueryListEvent| {
                set_dark.set(event.matches());
            });
        let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
        let kept = StoredValue::new_local((query, listener));
        on_cleanup(move || {
            kept.with_value(|(query, listener)| {
                let _ = query.remove_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
            });
        });
    }
    dark
}
