//! The card on file. Only brand, last four digits and expiry are ever kept; the number and the
//! security code pass through once and are never printed, not even by `Debug`.

use crate::text::billing;
use crate::{fill, Lang};
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::FieldIssue;

/// `PUT /api/v1/orgs/me/payment`
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CardUpdate {
    pub holder: String,
    pub number: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub cvc: String,
}

impl fmt::Debug for CardUpdate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardUpdate")
            .field("holder", &self.holder)
            .field("number", &"[redacted]")
            .field("exp_month", &self.exp_month)
            .field("exp_year", &self.exp_year)
            .field("cvc", &"[redacted]")
            .finish()
    }
}

/// What is stored and shown: never enough to charge the card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentMethod {
    pub brand: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub holder: String,
}

/// The Luhn checksum every card number carries.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.len() < 12 || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// The card's network, from its leading digits.
pub fn card_brand(digits: &str) -> &'static str {
    let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    match () {
        _ if digits.starts_with('4') => "Visa",
        _ if (51..=55).contains(&prefix(2)) || (2221..=2720).contains(&prefix(4)) => "Mastercard",
        _ if matches!(prefix(2), 34 | 37) => "American Express",
        _ if digits.starts_with("6011") || digits.starts_with("65") => "Discover",
        _ => "Card",
    }
}

impl CardUpdate {
    /// The card as it may be kept, when its number passes Luhn and it has not expired by
    /// `today` (year, month); else every field to fix.
    pub fn validated(&self, today: (i32, u32), lang: Lang) -> Result<PaymentMethod, Vec<FieldIssue>> {
        let mut issues = Vec::new();
        let mut issue = |field: &str, message: String| {
            issues.push(FieldIssue {
                field: field.into(),
                message,
            })
        };
        let holder = self.holder.trim().to_string();
        if holder.is_empty() || holder.chars().count() > 100 {
            issue("holder", billing(lang).enter_card_name.to_owned());
        }
        let digits: String = self
            .number
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if !luhn_valid(&digits) {
            issue("number", billing(lang).card_number_invalid.to_owned());
        }
        if !(1..=12).contains(&self.exp_month) {
            issue("exp_month", billing(lang).choose_expiry_month.to_owned());
        } else if (self.exp_year, self.exp_month) < today {
            issue("exp_year", billing(lang).card_expired.to_owned());
        } else if self.exp_year > today.0 + 20 {
            issue("exp_year", billing(lang).check_expiry_year.to_owned());
        }
        let brand = card_brand(&digits);
        let cvc_len = if brand == "American Express" { 4 } else { 3 };
        if self.cvc.len() != cvc_len || !self.cvc.bytes().all(|b| b.is_ascii_digit()) {
            issue("cvc", fill(billing(lang).enter_cvc, &[&cvc_len]));
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        Ok(PaymentMethod {
            brand: brand.to_string(),
            last4: digits[digits.len() - 4..].to_string(),
            exp_month: self.exp_month,
            exp_year: self.exp_year,
            holder,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(number: &str) -> CardUpdate {
        CardUpdate {
            holder: "Olivia Owens".into(),
            number: number.into(),
            exp_month: 12,
            exp_year: 2030,
            cvc: "123".into(),
        }
    }

    #[test]
    fn luhn_accepts_real_test_numbers_and_refuses_a_typo() {
        assert!(luhn_valid("4242424242424242"));
        assert!(luhn_valid("5555555555554444"));
        assert!(luhn_valid("378282246310005"));
        assert!(!luhn_valid("4242424242424241"));
        assert!(!luhn_valid("4242"));
        assert!(!luhn_valid("42424242424242a2"));
    }

    #[test]
    fn only_brand_last_four_and_expiry_come_out() {
        let kept = card("4242 4242 4242 4242").validated((2026, 11), Lang::En).unwrap();
        assert_eq!((kept.brand.as_str(), kept.last4.as_str()), ("Visa", "4242"));
        assert_eq!(card_brand("5555555555554444"), "Mastercard");
        assert_eq!(card_brand("2223003122003222"), "Mastercard");
        let debug = format!("{:?}", card("4242424242424242"));
        assert!(!debug.contains("4242") && !debug.contains("123"), "{debug}");
    }

    #[test]
    fn expired_cards_and_bad_codes_are_refused_at_their_field() {
        let mut old = card("4242424242424242");
        old.exp_year = 2026;
        old.exp_month = 10;
        let fields: Vec<String> = old
            .validated((2026, 11), Lang::En)
            .unwrap_err()
            .into_iter()
            .map(|i| i.field)
            .collect();
        assert_eq!(fields, ["exp_year"]);
        old.exp_month = 11;
        assert!(
            old.validated((2026, 11), Lang::En).is_ok(),
            "valid through the end of its month"
        );
        let mut amex = card("378282246310005");
        assert_eq!(amex.validated((2026, 11), Lang::En).unwrap_err()[0].field, "cvc");
        amex.cvc = "1234".into();
        assert!(amex.validated((2026, 11), Lang::En).is_ok());
    }
}
