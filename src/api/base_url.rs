//! Where the API lives. Same origin by default; a host that serves the built app from a CDN sets
//! `<meta name="org-area-api-base" content="https://api.example.com">` in index.html, no rebuild.

use std::cell::OnceCell;

thread_local! {
    static BASE: OnceCell<String> = const { OnceCell::new() };
}

pub fn get() -> String {
    BASE.with(|cell| cell.get_or_init(read_meta).clone())
}

fn read_meta() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name='org-area-api-base']").ok().flatten())
        .and_then(|el| el.get_attribute("content"))
        .map(|s| s.trim().trim_end_matches('/').to_string())
        .unwrap_or_default()
}
