//! The host page as the frame sees it: whether there is one, its origin, its messages, and the
//! content height it needs to know.

use contract::origin_matches;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the app is inside another page's frame.
pub fn framed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, &window),
        // A top window that cannot even be named is another page's.
        _ => true,
    }
}

/// The host page's origin, when the browser tells it: the frame's first ancestor (Chromium,
/// Safari), else the address that opened the frame (unless the host hides its referrer).
pub fn parent_origin() -> Option<String> {
    let window = web_sys::window()?;
    let ancestors = Reflect::get(&window.location(), &"ancestorOrigins".into()).ok();
    let first = ancestors
        .filter(|list| !list.is_undefined())
        .and_then(|list| Reflect::get(&list, &0.into()).ok())
        .and_then(|origin| origin.as_string());
    first.or_else(|| {
        let referrer = window.document()?.referrer();
        web_sys::Url::new(&referrer).ok().map(|url| url.origin())
    })
}

/// Follow `org-area:navigate` from the parent window on an allowed origin; everything else,
/// from anyone else, is ignored.
pub fn listen(allowed: Vec<String>, on_navigate: fn(&str)) {
    let Some(window) = web_sys::window() else { return };
    let parent = window.parent().ok().flatten();
    let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let from_parent = match (event.source(), &parent) {
            (Some(source), Some(parent)) => js_sys::Object::is(&source, parent),
            _ => false,
        };
        if !from_parent || !allowed.iter().any(|pattern| origin_matches(pattern, &event.origin())) {
            return;
        }
        let data = event.data();
        let field = |name: &str| Reflect::get(&data, &name.into()).ok().and_then(|v| v.as_string());
        if field("type").as_deref() == Some("org-area:navigate") {
            if let Some(path) = field("path").filter(|p| is_app_path(p)) {
                on_navigate(&path);
            }
        }
    });
    let _ = window.add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
    // Listens for the page's whole life.
    handler.forget();
}

/// A path inside the app (`/users`), never an address elsewhere.
fn is_app_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains(['\\', '\n', '\r']) && path.len() <= 2048
}

/// Call `report` with the content's height now and whenever it changes.
pub fn report_height(report: fn(f64)) {
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else {
        return;
    };
    let measured = body.clone();
    let last = std::cell::Cell::new(-1.0);
    let callback = Closure::<dyn Fn()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil();
        if height != last.get() {
            last.set(height);
            report(height);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    callback.forget();
}
