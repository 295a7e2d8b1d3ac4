//! The languages the app and its mails speak, and how each writes numbers, money and dates: the
//! one place formats live. The app chooses a language per browser (what the person picked, else
//! the browser's own) and sends it as `Accept-Language`, so mails it causes go out in that
//! language too. The texts themselves are in each area's catalog ([`crate::catalog!`]).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    De,
    Fr,
}

impl Lang {
    /// In the order of a catalog's columns.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::De, Lang::Fr];

    /// The BCP 47 tag: `en`, `de`, `fr`.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
        }
    }

    /// The language's name in itself, as a language switch lists it.
    pub const fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
        }
    }

    /// Between groups of three digits: `1,234,567` in English, `1.234.567` in German,
    /// `1 234 567` in French (a narrow no-break space, so a number never breaks over two lines).
    pub const fn group_separator(self) -> char {
        match self {
            Lang::En => ',',
            Lang::De => '.',
            Lang::Fr => '\u{202f}',
        }
    }

    /// Before the decimals: `412.3` in English, `412,3` in German and French.
    pub const fn decimal_separator(self) -> char {
        match self {
            Lang::En => '.',
            Lang::De | Lang::Fr => ',',
        }
    }

    /// Bytes in decimal units, as traffic is billed: "412.3 GB" ("412,3 GB" in German), "1 TB".
    /// Integer arithmetic only: float formatting would add kilobytes to the app.
    pub fn bytes(self, n: i64) -> String {
        const UNITS: [&str; 6] = ["B", "KB", "MB", "GB", "TB", "PB"];
        let sign = if n < 0 { "-" } else { "" };
        let n = n.unsigned_abs();
        let mut unit = 0;
        let mut scale = 1u64;
        while n / scale >= 1000 && unit < UNITS.len() - 1 {
            scale *= 1000;
            unit += 1;
        }
        // One decimal, rounded half up.
        let tenths = (n * 10 + scale / 2) / scale;
        let (whole, tenth) = (tenths / 10, tenths % 10);
        if unit == 0 || tenth == 0 {
            format!("{sign}{whole} {}", UNITS[unit])
        } else {
            format!("{sign}{whole}{}{tenth} {}", self.decimal_separator(), UNITS[unit])
        }
    }

    /// A day: `2026-11-29` in English (unambiguous everywhere), `29.11.2026` in German,
    /// `29/11/2026` in French. The parts come as written in ISO 8601, zero-padded.
    pub fn day(self, year: &str, month: &str, day: &str) -> String {
        match self {
            Lang::En => format!("{year}-{month}-{day}"),
            Lang::De => format!("{day}.{month}.{year}"),
            Lang::Fr => format!("{day}/{month}/{year}"),
        }
    }

    /// A month: `2026-11`, `11.2026`, `11/2026`.
    pub fn month(self, year: &str, month: &str) -> String {
        match self {
            Lang::En => format!("{year}-{month}"),
            Lang::De => format!("{month}.{year}"),
            Lang::Fr => format!("{month}/{year}"),
        }
    }

    /// A moment from its day (as [`Lang::day`] wrote it) and `HH:MM`, always in UTC:
    /// `2026-11-29 10:32 UTC`, `29.11.2026, 10:32 UTC`, `29/11/2026 10:32 UTC`.
    pub fn moment(self, day: &str, time: &str) -> String {
        match self {
            Lang::En | Lang::Fr => format!("{day} {time} UTC"),
            Lang::De => format!("{day}, {time} UTC"),
        }
    }

    /// Euros from whole euros already grouped and the cents: `€1,499.00`, `1.499,00 €`,
    /// `1 499,00 €` (with a no-break space before the sign, so it stays with its number).
    pub fn euros(self, negative: bool, grouped: &str, cents: u64) -> String {
        let sign = if negative { "-" } else { "" };
        match self {
            Lang::En => format!("{sign}€{grouped}.{cents:02}"),
            Lang::De => format!("{sign}{grouped},{cents:02} €"),
            Lang::Fr => format!("{sign}{grouped},{cents:02}\u{a0}€"),
        }
    }

    /// A number written with a `.` (`4.5`, `{:.2}`) in this language's decimal sign.
    pub fn with_decimal_sign(self, number: &str) -> String {
        number.replace('.', &self.decimal_separator().to_string())
    }

    /// Digits grouped in threes: `1234567` as `1,234,567` (English) or `1.234.567` (German).
    pub fn group_digits(self, n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(self.group_separator());
            }
            out.push(c);
        }
        out
    }

    /// The language a tag like `de-AT` or `en_US` asks for, if we speak it.
    pub fn of_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_', ';']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.tag() == primary)
    }

    /// The first language of an `Accept-Language` header we speak, in the header's order of
    /// preference (`q` weights), English when none.
    pub fn of_accept_language(header: &str) -> Lang {
        let mut wanted: Vec<(u16, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(at, part)| {
                let mut pieces = part.split(';');
                let lang = Lang::of_tag(pieces.next()?)?;
                let weight = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (weight > 0.0).then_some(((weight * 1000.0) as u16, at, lang))
            })
            .collect();
        wanted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        wanted.first().map(|w| w.2).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_the_language_whatever_the_region() {
        assert_eq!(Lang::of_tag("de-AT"), Some(Lang::De));
        assert_eq!(Lang::of_tag("DE"), Some(Lang::De));
        assert_eq!(Lang::of_tag("en_US"), Some(Lang::En));
        assert_eq!(Lang::of_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::of_tag("it-IT"), None);
        assert_eq!(Lang::of_tag(""), None);
    }

    #[test]
    fn digits_group_as_each_language_writes_them() {
        assert_eq!(Lang::En.group_digits(1_234_567), "1,234,567");
        assert_eq!(Lang::De.group_digits(1_234_567), "1.234.567");
        assert_eq!(Lang::De.group_digits(999), "999");
        assert_eq!(Lang::En.group_digits(0), "0");
        assert_eq!(Lang::Fr.group_digits(1_234_567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn days_are_written_as_each_language_writes_them() {
        assert_eq!(Lang::En.day("2026", "11", "29"), "2026-11-29");
        assert_eq!(Lang::De.day("2026", "11", "29"), "29.11.2026");
        assert_eq!(Lang::Fr.day("2026", "11", "29"), "29/11/2026");
        assert_eq!(Lang::Fr.month("2026", "11"), "11/2026");
        assert_eq!(Lang::De.moment("29.11.2026", "10:32"), "29.11.2026, 10:32 UTC");
    }

    #[test]
    fn the_shared_rules_explain_themselves_in_german_too() {
        use crate::{new_password_problem, CardUpdate, LoginRequest, Refusal};
        let login = LoginRequest {
            email: String::new(),
            password: String::new(),
            unlock: None,
        };
        assert_eq!(login.problem(Lang::De).unwrap().1, "Geben Sie Ihre E-Mail-Adresse ein.");
        assert_eq!(login.problem(Lang::En).unwrap().1, "Enter your email address.");
        assert!(new_password_problem("short", Lang::De)
            .unwrap()
            .contains("mindestens 10 Zeichen"));
        let card = CardUpdate {
            holder: String::new(),
            number: "4242".into(),
            exp_month: 13,
            exp_year: 2030,
            cvc: "1".into(),
        };
        let issues = card.validated((2026, 11), Lang::De).unwrap_err();
        let messages: Vec<&str> = issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Geben Sie den Namen auf der Karte ein.",
                "Diese Kartennummer ist ungültig. Prüfen Sie die Ziffern.",
                "Wählen Sie den Ablaufmonat.",
                "Geben Sie den 3-stelligen Sicherheitscode ein.",
            ]
        );
        assert!(Refusal::LastOwner.message(Lang::De).contains("Eigentümer"));
    }

    #[test]
    fn accept_language_follows_the_weights() {
        assert_eq!(Lang::of_accept_language("de"), Lang::De);
        assert_eq!(Lang::of_accept_language("it-IT, de;q=0.8, en;q=0.5"), Lang::De);
        assert_eq!(Lang::of_accept_language("fr-FR, de;q=0.8"), Lang::Fr);
        assert_eq!(Lang::of_accept_language("en;q=0.4, de-CH;q=0.9"), Lang::De);
        assert_eq!(Lang::of_accept_language("de;q=0, en"), Lang::En);
        assert_eq!(Lang::of_accept_language("it, es"), Lang::En);
        assert_eq!(Lang::of_accept_language(""), Lang::En);
    }
}
