//! The last brand seen for each organization: kept in this browser, so the next visit's first
//! paint already wears it, and on `window`, so the app starts from what the page's bootstrap
//! script (or the sign-in page, before the console) already knew.

use contract::hosting::brand_cache_key;
use contract::PublicBranding;
use wasm_bindgen::JsValue;

/// Where the bootstrap script and the app share the brand's JSON.
const SHARED: &str = "orgAreaBrand";

pub fn load(slug: &str) -> Option<PublicBranding> {
    let window = web_sys::window()?;
    let shared = js_sys::Reflect::get(&window, &JsValue::from_str(SHARED))
        .ok()
        .and_then(|v| v.as_string());
    let stored = || {
        window
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(&brand_cache_key(slug)).ok().flatten())
    };
    shared
        .into_iter()
        .chain(stored())
        .filter_map(|json| serde_json::from_str::<PublicBranding>(&json).ok())
        .find(|brand| brand.slug == slug)
}

pub fn store(brand: &PublicBranding) {
    let (Some(window), Ok(json)) = (web_sys::window(), serde_json::to_string(brand)) else {
        return;
    };
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str(SHARED), &JsValue::from_str(&json));
    // A full or blocked storage only costs the next visit its instant brand.
    if let Some(storage) = window.local_storage().ok().flatten() {
        let _ = storage.set_item(&brand_cache_key(&brand.slug), &json);
    }
}
