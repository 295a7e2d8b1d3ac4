//! The embed protocol, version 1 (docs/embedding.md): inside another site's frame at
//! `/embed/{slug}/…`, the app tells its host page when it is ready, how tall its content is,
//! where it navigated and that someone signed out, and it follows the host page's
//! `org-area:navigate`. Only pages on the origins the organization allows hear anything or are
//! obeyed; on any other page (a host that sends no `frame-ancestors`) the app shows nothing.
//!
//! The start (`boot`) connects once per page and keeps the listeners; the console only reports
//! navigations, through what the start left on `window`.

mod host;

use contract::PublicBranding;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use host::{framed, parent_origin};

pub const VERSION: u32 = 1;

/// The origins messages go to, once connected (a JS array on `window`, shared by both modules).
const TARGETS: &str = "orgAreaEmbedTargets";
/// The last app path reported, so each navigation is said once whichever module saw it.
const REPORTED_PATH: &str = "orgAreaEmbedPath";

/// Why the app refuses to show itself in this frame.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Only `/embed/{slug}/…` may be framed.
    NotAnEmbed,
    /// The host page is not on a site the organization allows.
    HostNotAllowed,
    /// The organization's embed settings could not be read.
    Unknown,
}

/// Check the host page against the organization's allowed sites, then listen to it.
pub async fn connect(slug: &str, on_navigate: fn(&str)) -> Result<(), Refusal> {
    let allowed = allowed_origins(slug).await.ok_or(Refusal::Unknown)?;
    let targets = contract::embed_targets(&allowed, parent_origin().as_deref()).ok_or(Refusal::HostNotAllowed)?;
    let window = web_sys::window().ok_or(Refusal::Unknown)?;
    let list = js_sys::Array::new();
    for target in &targets {
        list.push(&JsValue::from_str(target));
    }
    let _ = Reflect::set(&window, &TARGETS.into(), &list);
    host::listen(allowed, on_navigate);
    Ok(())
}

/// The first page is up: `org-area:ready`, where it is, and its height from now on.
pub fn announce() {
    post(&message("ready", &[("version", VERSION.into())]));
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .map(|p| crate::mount::app_path(&p))
        .unwrap_or_default();
    navigated(&path);
    host::report_height(|height| post(&message("resize", &[("height", height.into())])));
}

/// The sites the organization allows to frame it: from the brand our server put in the page,
/// else asked of the API (a brand kept in local storage may be out of date).
async fn allowed_origins(slug: &str) -> Option<Vec<String>> {
    let inlined = crate::mount::meta(contract::hosting::meta::BRAND)
        .and_then(|json| serde_json::from_str::<PublicBranding>(&json).ok())
        .filter(|brand| brand.slug == slug);
    match inlined {
        Some(brand) => Some(brand.embed_origins),
        None => crate::api::Call::get(&format!("/branding/{}", crate::widgets::url::encode(slug)))
            .fetch::<PublicBranding>()
            .await
            .ok()
            .map(|brand| brand.embed_origins),
    }
}

/// The app now shows `app_path`: said to the host page once per change.
pub fn navigated(app_path: &str) {
    let Some(window) = web_sys::window() else { return };
    let last = Reflect::get(&window, &REPORTED_PATH.into())
        .ok()
        .and_then(|p| p.as_string());
    if last.as_deref() == Some(app_path) {
        return;
    }
    let _ = Reflect::set(&window, &REPORTED_PATH.into(), &JsValue::from_str(app_path));
    post(&message("navigated", &[("path", app_path.into())]));
}

/// The person signed out (or their session ended).
pub fn signed_out() {
    post(&message("signed-out", &[]));
}

/// `{type: "org-area:{kind}", ...fields}`
fn message(kind: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    let _ = Reflect::set(&object, &"type".into(), &JsValue::from_str(&format!("org-area:{kind}")));
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

/// To the parent window, at each allowed target origin (the browser delivers it only when the
/// parent really is on that origin). Nothing before [`connect`] or outside a frame.
fn post(message: &JsValue) {
    let Some(window) = web_sys::window() else { return };
    let Some(targets) = Reflect::get(&window, &TARGETS.into())
        .ok()
        .and_then(|t| t.dyn_into::<js_sys::Array>().ok())
    else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else { return };
    for target in targets.iter().filter_map(|t| t.as_string()) {
        let _ = parent.post_message(message, &target);
    }
}
