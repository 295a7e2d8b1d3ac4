//! WCAG 2.x contrast, so a brand colour that people could not read is refused with the number.

use super::ColorPair;
use crate::text::settings;
use crate::{fill, Lang};

/// WCAG AA for normal text (1.4.3).
pub const MIN_TEXT_CONTRAST: f64 = 4.5;
/// WCAG AA for user-interface graphics such as bars and marks (1.4.11).
pub const MIN_GRAPHICS_CONTRAST: f64 = 3.0;

/// The backgrounds of the app's stylesheet (`style/main.css`) the brand colours are drawn on.
const LIGHT_BACKGROUNDS: [&str; 2] = ["#f5f6fa", "#ffffff"];
const DARK_BACKGROUNDS: [&str; 2] = ["#12141c", "#1b1e29"];

/// `#rrggbb` (or `#rgb`) to its three channels.
pub fn parse_hex_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match hex.len() {
        6 => Some([channel(&hex[0..2])?, channel(&hex[2..4])?, channel(&hex[4..6])?]),
        3 => {
            let short = |i: usize| channel(&hex[i..i + 1]).map(|v| v * 17);
            Some([short(0)?, short(1)?, short(2)?])
        }
        _ => None,
    }
}

fn relative_luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The WCAG contrast ratio of two colours, from 1.0 to 21.0.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la >= lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// One brand colour measured against the backgrounds it is shown on.
#[derive(Clone, Debug, PartialEq)]
pub struct ColorCheck {
    /// The settings field: `branding.light.primary`, ...
    pub field: &'static str,
    /// The lowest ratio against any of its backgrounds; `None` when the colour is not `#rrggbb`.
    pub ratio: Option<f64>,
    pub required: f64,
}

impl ColorCheck {
    pub fn passes(&self) -> bool {
        self.ratio.is_some_and(|r| r >= self.required)
    }

    /// The colour's name, as its field is labelled.
    pub fn label(&self, lang: Lang) -> &'static str {
        let texts = settings(lang);
        match self.field {
            "branding.light.primary" => texts.light_primary,
            "branding.light.accent" => texts.light_accent,
            "branding.dark.primary" => texts.dark_primary,
            _ => texts.dark_accent,
        }
    }

    /// Written for the person choosing the colour.
    pub fn message(&self, lang: Lang) -> String {
        let label = self.label(lang);
        match self.ratio {
            None => fill(settings(lang).not_a_colour, &[&label]),
            Some(ratio) => {
                let (ratio, required) = (
                    lang.with_decimal_sign(&format!("{ratio:.2}")),
                    lang.with_decimal_sign(&self.required.to_string()),
                );
                fill(settings(lang).low_contrast, &[&label, &ratio, &required])
            }
        }
    }
}

/// Every brand colour's check: primary colours carry text (links, tabs, button labels), accents
/// are graphics (bars, marks).
pub fn check_colors(light: &ColorPair, dark: &ColorPair) -> Vec<ColorCheck> {
    let measure = |color: &str, backgrounds: &[&str]| {
        let color = parse_hex_color(color)?;
        backgrounds
            .iter()
            .filter_map(|bg| parse_hex_color(bg))
            .map(|bg| contrast_ratio(color, bg))
            .reduce(f64::min)
    };
    vec![
        ColorCheck {
            field: "branding.light.primary",
            ratio: measure(&light.primary, &LIGHT_BACKGROUNDS),
            required: MIN_TEXT_CONTRAST,
        },
        ColorCheck {
            field: "branding.light.accent",
            ratio: measure(&light.accent, &LIGHT_BACKGROUNDS),
            required: MIN_GRAPHICS_CONTRAST,
        },
        ColorCheck {
            field: "branding.dark.primary",
            ratio: measure(&dark.primary, &DARK_BACKGROUNDS),
            required: MIN_TEXT_CONTRAST,
        },
        ColorCheck {
            field: "branding.dark.accent",
            ratio: measure(&dark.accent, &DARK_BACKGROUNDS),
            required: MIN_GRAPHICS_CONTRAST,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_the_wcag_reference_values() {
        let black = [0, 0, 0];
        let white = [255, 255, 255];
        assert!((contrast_ratio(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known smallest grey that passes AA: 4.54:1.
        let grey = parse_hex_color("#767676").unwrap();
        assert!((contrast_ratio(grey, white) - 4.54).abs() < 0.01);
        assert_eq!(parse_hex_color("#fff"), Some(white));
        assert_eq!(parse_hex_color("red"), None);
        assert_eq!(parse_hex_color("#12345g"), None);
    }

    #[test]
    fn the_default_brand_passes_and_a_pale_primary_fails_with_its_ratio() {
        let defaults = crate::Branding::default();
        assert!(check_colors(&defaults.light, &defaults.dark)
            .iter()
            .all(ColorCheck::passes));

        let pale = ColorPair {
            primary: "#ffcc00".into(),
            accent: defaults.light.accent.clone(),
        };
        let checks = check_colors(&pale, &defaults.dark);
        let failed: Vec<_> = checks.iter().filter(|c| !c.passes()).collect();
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].field, "branding.light.primary");
        assert!(
            failed[0].message(Lang::En).contains(":1"),
            "{}",
            failed[0].message(Lang::En)
        );
    }
}
