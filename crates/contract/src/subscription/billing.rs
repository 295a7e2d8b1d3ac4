//! Who invoices are made out to, checked field by field; VAT IDs by their country's format where
//! it is known.

use crate::text::{billing, CountryNames};
use crate::{fill, Lang};
use serde::{Deserialize, Serialize};

use crate::{is_valid_email, FieldIssue};

/// Countries offered, with the VAT rate charged there (basis points) and VAT ID formats: `d` a
/// digit, `a` a letter, `x` either, anything else itself. Empty: no format checked. The name is
/// read from the [`CountryNames`] catalog, so a country without its name in every language does
/// not compile.
pub const COUNTRIES: &[(&str, CountryName, i64, &[&str])] = &[
    ("AT", |n| n.AT, 2_000, &["ATUdddddddd"]),
    ("AU", |n| n.AU, 1_000, &[]),
    ("BE", |n| n.BE, 2_100, &["BE0ddddddddd", "BE1ddddddddd"]),
    ("CA", |n| n.CA, 0, &[]),
    (
        "CH",
        |n| n.CH,
        810,
        &["CHEddddddddd", "CHEdddddddddMWST", "CHEdddddddddTVA", "CHEdddddddddIVA"],
    ),
    ("DE", |n| n.DE, 1_900, &["DEddddddddd"]),
    ("DK", |n| n.DK, 2_500, &["DKdddddddd"]),
    ("ES", |n| n.ES, 2_100, &["ESxdddddddx"]),
    ("FR", |n| n.FR, 2_000, &["FRxxddddddddd"]),
    ("GB", |n| n.GB, 2_000, &["GBddddddddd", "GBdddddddddddd"]),
    ("IE", |n| n.IE, 2_300, &["IEddddddda", "IEdddddddaa", "IEdxddddda"]),
    ("IT", |n| n.IT, 2_200, &["ITddddddddddd"]),
    ("JP", |n| n.JP, 1_000, &[]),
    ("NL", |n| n.NL, 2_100, &["NLdddddddddBdd"]),
    ("PL", |n| n.PL, 2_300, &["PLdddddddddd"]),
    ("SE", |n| n.SE, 2_500, &["SEdddddddddddd"]),
    ("US", |n| n.US, 0, &[]),
];

/// Without billing information, the seller's own country's rate applies.
const DEFAULT_TAX_COUNTRY: &str = "DE";

/// Where a country's name is in the [`CountryNames`] catalog.
pub type CountryName = fn(&CountryNames) -> &'static str;

/// A country's English name, from its ISO code.
pub fn country_name(code: &str) -> Option<&'static str> {
    country_name_in(code, Lang::En)
}

/// A country's name in `lang`, from its ISO code.
pub fn country_name_in(code: &str, lang: Lang) -> Option<&'static str> {
    let name = COUNTRIES.iter().find(|c| c.0 == code)?.1;
    Some(name(CountryNames::of(lang)))
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
        let mut text = |field: &str, label: &str, value: &str, max: usize, required: bool| {
            let value = value.trim();
            if required && value.is_empty() {
                issues.push(FieldIssue {
                    field: field.into(),
                    message: fill(billing(lang).enter_billing_field, &[&label]),
                });
            } else if value.chars().count() > max || value.chars().any(char::is_control) {
                issues.push(FieldIssue {
                    field: field.into(),
                    message: fill(billing(lang).billing_field_too_long, &[&label, &max]),
                });
            }
            value.to_string()
        };
        out.company = text("company", billing(lang).company_name, &self.company, 100, true);
        out.address_line1 = text(
            "address_line1",
            billing(lang).street_address,
            &self.address_line1,
            100,
            true,
        );
        out.address_line2 = text(
            "address_line2",
            billing(lang).second_address_line,
            &self.address_line2,
            100,
            false,
        );
        out.postal_code = text("postal_code", billing(lang).postal_code, &self.postal_code, 16, true);
        out.city = text("city", billing(lang).city, &self.city, 60, true);
        out.email = text("email", billing(lang).billing_email, &self.email, 254, true);
        if !out.email.is_empty() && !is_valid_email(&out.email) {
            let typed = &out.email;
            issues.push(FieldIssue {
                field: "email".into(),
                message: fill(crate::text::auth(lang).not_an_email, &[&typed]),
            });
        }
        out.country = self.country.trim().to_uppercase();
        let country = COUNTRIES.iter().find(|c| c.0 == out.country);
        if country.is_none() {
            issues.push(FieldIssue {
                field: "country".into(),
                message: billing(lang).choose_country.to_owned(),
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
                    message: fill(billing(lang).vat_id_format, &[&name, &example, &code]),
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
        for (code, ..) in COUNTRIES {
            let english = country_name(code).unwrap();
            let german = country_name_in(code, Lang::De).unwrap();
            // Only Japan is written the same in both.
            assert_eq!(german == english, *code == "JP", "{code}: {german}");
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
