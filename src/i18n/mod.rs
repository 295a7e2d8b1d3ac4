//! English, German and French. Each area keeps its texts in its own `text.rs`, written with
//! [`texts!`]: the contract's [`contract::catalog!`] (one struct of texts, a value of it per
//! language, so a text missing in one language does not compile) plus `t()`, the texts of this
//! page's language. The sign-in module carries only the sign-in page's texts.
//!
//! The language is chosen once per page load: what the person picked in the user menu (kept in
//! this browser's storage), else the first of the browser's languages we speak, else English.
//! Picking another one stores it and loads the page again, as GitHub and Google do: every text,
//! date and number then comes out in the new language, with no per-text signal to keep.

use std::cell::Cell;

pub use contract::Lang;

const KEY: &str = "org-area.language";

thread_local! {
    static CHOSEN: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// This page's language.
pub fn lang() -> Lang {
    CHOSEN.with(|chosen| {
        chosen.get().unwrap_or_else(|| {
            let lang = picked().or_else(from_browser).unwrap_or_default();
            chosen.set(Some(lang));
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.tag());
            }
            lang
        })
    })
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn picked() -> Option<Lang> {
    Lang::of_tag(&storage()?.get_item(KEY).ok().flatten()?)
}

fn from_browser() -> Option<Lang> {
    let navigator = web_sys::window()?.navigator();
    navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .chain(navigator.language())
        .find_map(|tag| Lang::of_tag(&tag))
}

/// Keep `lang` for this browser and show the page again in it.
pub fn switch_to(lang: Lang) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, lang.tag());
    }
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

pub use contract::fill;

/// `texts! { name: "English" | "Deutsch" | "Français", ... }`: the struct `Texts` (a
/// [`contract::catalog!`]) and `t()`, its texts in this page's language.
macro_rules! texts {
    ($($body:tt)*) => {
        contract::catalog! {
            pub struct Texts { $($body)* }
        }

        /// This page's texts.
        pub fn t() -> &'static Texts {
            Texts::of($crate::i18n::lang())
        }

        #[cfg(test)]
        #[test]
        fn every_language_keeps_every_blank() {
            assert_eq!(contract::i18n::blanks_disagree(Texts::each()), Vec::<&str>::new());
        }
    };
}
pub(crate) use texts;
