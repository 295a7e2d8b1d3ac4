//! The one way a text is written in every language: a catalog per area, made with [`catalog!`].
//!
//! A catalog is a struct of texts with one value per language, so a text missing in one language
//! does not compile, and adding a language means adding its column to each catalog (one file per
//! area) and its formats to [`crate::Lang`]. The app's areas, the contract's rules, the server's
//! messages, the mails and the charts all write their texts this way. Blanks in a text are `{0}`,
//! `{1}`, ... by position, filled by [`fill`], so a language can put them in its own order; the
//! tests check that every language of every text has the same blanks.

use std::fmt::Display;

/// `catalog! { pub struct Texts { name: "English" | "Deutsch" | "Français", ... } }`: the struct
/// with a `&'static str` per text and `Texts::of(lang)`, the texts in one language.
#[macro_export]
macro_rules! catalog {
    (
        $(#[$meta:meta])*
        $vis:vis struct $ty:ident {
            $($(#[$doc:meta])* $name:ident: $en:literal | $de:literal | $fr:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[allow(non_snake_case)]
        $vis struct $ty {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        impl $ty {
            /// The texts in `lang`.
            pub fn of(lang: $crate::Lang) -> &'static $ty {
                static EN: $ty = $ty { $($name: $en,)* };
                static DE: $ty = $ty { $($name: $de,)* };
                static FR: $ty = $ty { $($name: $fr,)* };
                match lang {
                    $crate::Lang::En => &EN,
                    $crate::Lang::De => &DE,
                    $crate::Lang::Fr => &FR,
                }
            }

            /// Each text's name and its wording in every language, in [`$crate::Lang::ALL`]'s
            /// order: what [`$crate::i18n::blanks_disagree`] checks.
            #[allow(dead_code)]
            pub fn each() -> ::std::vec::Vec<(&'static str, [&'static str; 3])> {
                ::std::vec![$((stringify!($name), [$en, $de, $fr]),)*]
            }
        }
    };
}

/// A text with its blanks filled: `{0}`, `{1}`, ... by position.
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

/// The blanks (`{0}`, `{1}`, ...) a text has, sorted.
fn blanks(text: &str) -> Vec<usize> {
    let mut found: Vec<usize> = text
        .split('{')
        .skip(1)
        .filter_map(|after| after.split_once('}')?.0.parse().ok())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The texts of a catalog (its [`catalog!`]'s `each()`) whose languages do not have the same
/// blanks, or which one language left empty: a translation that would drop or invent a value.
pub fn blanks_disagree(each: Vec<(&'static str, [&'static str; 3])>) -> Vec<&'static str> {
    each.into_iter()
        .filter(|(_, said)| {
            let english = blanks(said[0]);
            said.iter()
                .any(|text| text.trim().is_empty() != said[0].trim().is_empty() || blanks(text) != english)
        })
        .map(|(name, _)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_fill_in_any_order() {
        assert_eq!(fill("{0} shown of {1}", &[&3, &9]), "3 shown of 9");
        assert_eq!(fill("{1} von {0}", &[&"a", &"b"]), "b von a");
        assert_eq!(fill("{x} {5} {", &[&1]), "{x} {5} {");
    }

    #[test]
    fn a_translation_that_drops_a_blank_is_found() {
        let each = vec![
            ("kept", ["{0} of {1}", "{1} von {0}", "{0} sur {1}"]),
            ("dropped", ["{0} left", "übrig", "{0} restant"]),
            ("empty", ["Hello", "Hallo", " "]),
        ];
        assert_eq!(blanks_disagree(each), ["dropped", "empty"]);
    }
}
