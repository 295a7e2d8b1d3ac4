//! Secrets that arrive in the address's fragment (`#code=…`, `#token=…`): browsers never send the
//! fragment to a server, and the page takes it out of the address bar (and so out of the history)
//! as soon as it has read it.

/// The value of `name` in the fragment, removed from the address bar.
pub fn take(name: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(hash.trim_start_matches('#')).ok()?;
    let value = params.get(name).filter(|v| !v.is_empty())?;
    if let (Ok(path), Ok(search), Ok(history)) = (location.pathname(), location.search(), window.history()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
    Some(value)
}
