//! Put a brand on the page without a rebuild: custom properties on the root element (the
//! stylesheet reads `--brand-*` with its own colours as fallback, and a neutral look while
//! `data-brand="pending"`), the title and the favicon. Set through the CSSOM, which the
//! Content-Security-Policy allows (no inline style).

use contract::hosting::meta;
use wasm_bindgen::JsCast;

use super::Look;
use crate::{api, mount};

const COLOR_PROPERTIES: [&str; 4] = [
    "--brand-primary-light",
    "--brand-accent-light",
    "--brand-primary-dark",
    "--brand-accent-dark",
];

pub fn apply(look: &Look) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document
        .document_element()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let style = root.style();
    match look {
        Look::Org(brand) => {
            let colors = [
                &brand.light.primary,
                &brand.light.accent,
                &brand.dark.primary,
                &brand.dark.accent,
            ];
            for (name, value) in COLOR_PROPERTIES.iter().zip(colors) {
                let _ = style.set_property(name, value);
            }
            let _ = root.set_attribute("data-brand", "org");
            document.set_title(brand.display_name());
        }
        Look::Pending => {
            let _ = root.set_attribute("data-brand", "pending");
            document.set_title("");
        }
        Look::Product => {
            for name in COLOR_PROPERTIES {
                let _ = style.remove_property(name);
            }
            let _ = root.remove_attribute("data-brand");
            document.set_title(contract::PRODUCT_NAME);
        }
    }
    set_favicon(&document, look);
}

/// The organization's favicon, the product's (named by the page) or, while the brand is
/// unknown, none.
fn set_favicon(document: &web_sys::Document, look: &Look) {
    let href = match look {
        Look::Org(brand) => match &brand.favicon_url {
            Some(path) => api::absolute(path),
            None => "data:,".to_string(),
        },
        Look::Pending => "data:,".to_string(),
        Look::Product => match mount::meta(meta::FAVICON) {
            Some(relative) => mount::asset_url(&relative),
            None => return,
        },
    };
    let link = match document.query_selector("link[rel~='icon']") {
        Ok(Some(link)) => link,
        _ => match document.create_element("link") {
            Ok(link) => {
                let _ = link.set_attribute("rel", "icon");
                if let Some(head) = document.head() {
                    let _ = head.append_child(&link);
                }
                link
            }
            Err(_) => return,
        },
    };
    if link.get_attribute("href").as_deref() != Some(href.as_str()) {
        let _ = link.set_attribute("href", &href);
    }
}
