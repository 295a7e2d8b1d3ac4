//! Put a brand on the page without a rebuild: custom properties on the root element (the
//! stylesheet reads `--brand-*` with its own colours as fallback), the title and the favicon.
//! Set through the CSSOM, which the Content-Security-Policy allows (no inline style).

use contract::PublicBranding;
use wasm_bindgen::JsCast;

use crate::api;

use std::cell::OnceCell;

thread_local! {
    /// The favicon the build put in index.html (its name carries a content hash).
    static DEFAULT_FAVICON: OnceCell<Option<String>> = const { OnceCell::new() };
}

pub fn apply(brand: Option<&PublicBranding>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document
        .document_element()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let style = root.style();
        let colors = brand.map(|b| {
            [
                b.light.primary.clone(),
                b.light.accent.clone(),
                b.dark.primary.clone(),
                b.dark.accent.clone(),
            ]
        });
        let names = [
            "--brand-primary-light",
            "--brand-accent-light",
            "--brand-primary-dark",
            "--brand-accent-dark",
        ];
        for (i, name) in names.iter().enumerate() {
            let _ = match &colors {
                Some(values) => style.set_property(name, &values[i]),
                None => style.remove_property(name).map(|_| ()),
            };
        }
    }
    document.set_title(brand.map(|b| b.display_name()).unwrap_or(contract::PRODUCT_NAME));
    if let Ok(Some(link)) = document.query_selector("link[rel~='icon']") {
        let default = DEFAULT_FAVICON.with(|cell| cell.get_or_init(|| link.get_attribute("href")).clone());
        match brand.and_then(|b| b.favicon_url.as_deref()) {
            Some(path) => {
                // The build's integrity hash is for its own file, not the organization's.
                let _ = link.remove_attribute("integrity");
                let _ = link.set_attribute("href", &api::absolute(path));
            }
            None => {
                if let Some(default) = default {
                    let _ = link.set_attribute("href", &default);
                }
            }
        }
    }
}
