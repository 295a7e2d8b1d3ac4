//! Who invoices are made out to, checked field by field; VAT IDs by their country's format where
//! it is known.

use crate::{said_in, Lang};
use serde::{Deserialize, Serialize};

use crate::{is_valid_email, FieldIssue};

/// Countries offered, with the VAT rate charged there (basis points) and VAT ID formats: `d` a
/// digit, `a` a letter, `x` either, anything else itself. Empty: no format checked.
pub const COUNTRIES: &[(&str, &str, i64, &[&str])] = &[
    ("AT", "Austria", 2_000, &["ATUdddddddd"]),
    ("AU", "Australia", 1_000, &[]),
    ("BE", "Belgium", 2_100, &["BE0ddddddddd", "BE1ddddddddd"]),
    ("CA", "Canada", 0, &[]),
    (
        "CH",
        "Switzerland",
        810,
        &["CHEddddddddd", "CHEdddddddddMWST", "CHEdddddddddTVA", "CHEdddddddddIVA"],
    ),
    ("DE", "Germany", 1_900, &["DEddddddddd"]),
    ("DK", "Denmark", 2_500, &["DKdddddddd"]),
    ("ES", "Spain", 2_100, &["ESxdddddddx"]),
    ("FR", "France", 2_000, &["FRxxddddddddd"]),
    ("GB", "United Kingdom", 2_000, &["GBddddddddd", "GBdddddddddddd"]),
    ("IE", "Ireland", 2_300, &["IEddddddda", "IEdddddddaa", "IEdxddddda"]),
    ("IT", "Italy", 2_200, &["ITddddddddddd"]),
    ("JP", "Japan", 1_000, &[]),
    ("NL", "Netherlands", 2_100, &["NLdddddddddBdd"]),
    ("PL", "Poland", 2_300, &["PLdddddddddd"]),
    ("SE", "Sweden", 2_500, &["SEdddddddddddd"]),
    ("US", "United States", 0, &[]),
];

/// Without billing information, the seller's own country's rate applies.
const DEFAULT_TAX_COUNTRY: &str = "DE";

pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES.iter().find(|c| c.0 == code).map(|c| c.1)
}

/// A country's name in `lang`, from its ISO code.
pub fn country_name_in(code: &str, lang: Lang) -> Option<&'static str> {
    let english = country_name(code)?;
    Some(match (lang, code) {
        (Lang::En, _) => english,
        (Lang::De, "AT") => "Österreich",
        (Lang::De, "AU") => "Australien",
        (Lang::De, "BE") => "Belgien",
        (Lang::De, "CA") => "Kanada",
        (Lang::De, "CH") => "Schweiz",
        (Lang::De, "DE") => "Deutschland",
        (Lang::De, "DK") => "Dänemark",
        (Lang::De, "ES") => "Spanien",
        (Lang::De, "FR") => "Frankreich",
        (Lang::De, "GB") => "Vereinigtes Königreich",
        (Lang::De, "IE") => "Irland",
        (Lang::De, "IT") => "Italien",
        (Lang::De, "JP") => "Japan",
        (Lang::De, "NL") => "Niederlande",
        (Lang::De, "PL") => "Polen",
        (Lang::De, "SE") => "Schweden",
        (Lang::De, "US") => "Vereinigte Staaten",
        (Lang::De, _) => english,
    })
}

pub fn tax_rate_basis_points(country: Option<&str>) -> i64 {
    let code = country.unwrap_or(DEFAULT_TAX_COUNTRY);
    COUNTRIES.iter().find(|c| c.0 == code).map(|c| c.2).unwrap_or(0)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BillingInfo {
    pub company: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, one of [`COUNTRIES`].
    pub country: String,
    /// Optional; written without spaces, dots or dashes once saved.
    pub vat_id: String,
    pub email: String,
}

fn matches_format(value: &str, format: &str) -> bool {
    value.len() == format.len()
        && value.bytes().zip(format.bytes()).all(|(v, f)| match f {
            b'd' => v.is_ascii_digit(),
            b'a' => v.is_ascii_uppercase(),
            b'x' => v.is_ascii_digit() || v.is_ascii_uppercase(),
            _ => v == f,
        })
}

impl BillingInfo {
    /// The information as it will be stored, or every field that must change first.
    pub fn validated(&self, lang: Lang) -> Result<BillingInfo, Vec<FieldIssue>> {
        let mut issues = Vec::new();
        let mut out = BillingInfo::default();
        let mut text = |field: &str, (label, was): (&str, &str), value: &str, max: usize, required: bool| {
            let value = value.trim();
            if required && value.is_empty() {
                issues.push(FieldIssue {
                    field: field.into(),
                    message: said_in!(lang, "Enter the {label}.", "Geben Sie „{was}“ ein."),
                });
            } else if value.chars().count() > max || value.chars().any(char::is_control) {
                issues.push(FieldIssue {
                    field: field.into(),
                    message: said_in!(
                        lang,
                        "The {label} must be one line of at most {max} characters.",
                        "„{was}“ muss eine Zeile mit höchstens {max} Zeichen sein."
                    ),
                });
            }
            value.to_string()
        };
        out.company = text("company", ("company name", "Firmenname"), &self.company, 100, true);
        out.address_line1 = text(
            "address_line1",
            ("street address", "Straße und Hausnummer"),
            &self.address_line1,
            100,
            true,
        );
        out.address_line2 = text(
            "address_line2",
            ("second address line", "Adresszeile 2"),
            &self.address_line2,
            100,
            false,
        );
        out.postal_code = text(
            "postal_code",
            ("postal code", "Postleitzahl"),
            &self.postal_code,
            16,
            true,
        );
        out.city = text("city", ("city", "Ort"), &self.city, 60, true);
        out.email = text(
            "email",
            ("billing email", "E-Mail für Rechnungen"),
            &self.email,
            254,
            true,
        );
        if !out.email.is_empty() && !is_valid_email(&out.email) {
            let typed = &out.email;
            issues.push(FieldIssue {
                field: "email".into(),
                message: said_in!(
                    lang,
                    "“{typed}” is not a valid email address.",
                    "„{typed}“ ist keine gültige E-Mail-Adresse."
                ),
            });
        }
        out.country = self.country.trim().to_uppercase();
        let country = COUNTRIES.iter().find(|c| c.0 == out.country);
        if country.is_none() {
            issues.push(FieldIssue {
                field: "country".into(),
                message: said_in!(
                    lang,
                    "Choose the country from the list.",
                    "Wählen Sie das Land aus der Liste."
                ),
            });
        }
        out.vat_id = self
            .vat_id
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-'))
            .collect::<String>()
            .to_uppercase();
        if let (Some((code, _, _, formats)), false) = (country, out.vat_id.is_empty()) {
            let name = country_name_in(code, lang).unwrap_or(code);
            if !formats.is_empty() && !formats.iter().any(|f| matches_format(&out.vat_id, f)) {
                let example = formats[0].replace('d', "1").replace('a', "A").replace('x', "1");
                issues.push(FieldIssue {
                    field: "vat_id".into(),
                    message: said_in!(
                        lang,
                        "A VAT ID from {name} looks like {example}; it starts with {code}.",
                        "Eine USt-IdNr. aus {name} sieht aus wie {example}; sie beginnt mit {code}."
                    ),
                });
            }
        }
        if issues.is_empty() {
            Ok(out)
        } else {
            Err(issues)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> BillingInfo {
        BillingInfo {
            company: "Acme Studio GmbH".into(),
            address_line1: "Hauptstraße 1".into(),
            address_line2: String::new(),
            postal_code: "10115".into(),
            city: "Berlin".into(),
            country: "de".into(),
            vat_id: "DE 123.456.789".into(),
            email: "billing@acme.test".into(),
        }
    }

    fn fields(info: &BillingInfo) -> Vec<String> {
        info.validated(Lang::En)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|i| i.field)
            .collect()
    }

    #[test]
    fn every_country_has_its_german_name() {
        for (code, english, ..) in COUNTRIES {
            let german = country_name_in(code, Lang::De).unwrap();
            // Only Japan is written the same in both.
            assert_eq!(german == *english, *code == "JP", "{code}: {german}");
        }
        assert_eq!(country_name_in("XX", Lang::De), None);
    }

    #[test]
    fn a_complete_address_is_normalized() {
        let out = valid().validated(Lang::En).unwrap();
        assert_eq!(out.country, "DE");
        assert_eq!(out.vat_id, "DE123456789");
    }

    #[test]
    fn required_fields_email_and_country_are_checked() {
        let empty = BillingInfo::default();
        assert_eq!(
            fields(&empty),
            ["company", "address_line1", "postal_code", "city", "email", "country"]
        );
        let mut info = valid();
        info.email = "billing at acme".into();
        info.country = "XX".into();
        assert_eq!(fields(&info), ["email", "country"]);
    }

    #[test]
    fn vat_ids_follow_their_country() {
        let mut info = valid();
        info.vat_id = "DE12345678".into();
        let issues = info.validated(Lang::En).unwrap_err();
        assert_eq!(issues[0].field, "vat_id");
        assert!(issues[0].message.contains("DE111111111"), "{}", issues[0].message);
        info.vat_id = "FR12345678901".into();
        assert_eq!(fields(&info), ["vat_id"], "a French ID for a German address");
        info.country = "FR".into();
        assert!(info.validated(Lang::En).is_ok());
        info.country = "NL".into();
        info.vat_id = "NL123456789B01".into();
        assert!(info.validated(Lang::En).is_ok());
        info.country = "US".into();
        info.vat_id = "anything-goes".into();
        assert!(info.validated(Lang::En).is_ok(), "no known format: not checked");
    }

    #[test]
    fn tax_follows_the_billing_country() {
        assert_eq!(tax_rate_basis_points(Some("DE")), 1_900);
        assert_eq!(tax_rate_basis_points(Some("US")), 0);
        assert_eq!(tax_rate_basis_points(None), 1_900);
        assert_eq!(country_name("NL"), Some("Netherlands"));
    }
}
