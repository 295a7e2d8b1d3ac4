//! English and German. Each area keeps its texts in its own `text.rs`, written with [`texts!`]:
//! one struct of texts and a `const` value of it per language, so a text missing in one
//! language does not compile, and the sign-in module carries only the sign-in page's texts.
//!
//! The language is chosen once per page load: what the person picked in the user menu (kept in
//! this browser's storage), else the first of the browser's languages we speak, else English.
//! Picking another one stores it and loads the page again, as GitHub and Google do: every text,
//! date and number then comes out in the new language, with no per-text signal to keep.

use std::cell::Cell;
use std::fmt::Display;

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

/// A text with its blanks filled: `{0}`, `{1}`, ... by position, so a language can put them in
/// its own order.
pub fn fill(template: &str, values: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, after[..close].parse::<usize>().ok()?)))
        {
            Some((close, index)) if index < values.len() => {
                out.push_str(&values[index].to_string());
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `texts! { name: "English" | "Deutsch", ... }`: the struct `Texts`, its `EN` and `DE` values and
/// `t()`, the texts of this page's language.
macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident: $en:literal | $de:literal,)*) => {
        pub struct Texts {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        const EN: Texts = Texts { $($name: $en,)* };
        const DE: Texts = Texts { $($name: $de,)* };

        /// This page's texts.
        pub fn t() -> &'static Texts {
            match $crate::i18n::lang() {
                $crate::i18n::Lang::En => &EN,
                $crate::i18n::Lang::De => &DE,
            }
        }
    };
}
pub(crate) use texts;

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn blanks_fill_in_any_order() {
        assert_eq!(fill("{0} shown of {1}", &[&3, &9]), "3 shown of 9");
        assert_eq!(fill("{1} von {0}", &[&"a", &"b"]), "b von a");
        assert_eq!(fill("{x} {5} {", &[&1]), "{x} {5} {");
    }
}
