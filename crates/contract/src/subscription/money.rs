//! Exact money: cents as integers, tax rounded half up once per invoice.

use crate::Lang;

pub const CURRENCY: &str = "EUR";

/// Tax on `amount_cents` at `rate_bp` basis points (1 % = 100), rounded half up to the cent.
pub fn tax_for(amount_cents: i64, rate_bp: i64) -> i64 {
    (amount_cents * rate_bp + 5_000) / 10_000
}

/// `19.00 %` from 1900 basis points.
pub fn format_rate(basis_points: i64) -> String {
    format_rate_in(basis_points, Lang::En)
}

/// `19.00 %` (English) or `19,00 %` (German) from 1900 basis points.
pub fn format_rate_in(basis_points: i64, lang: Lang) -> String {
    let decimal = lang.decimal_separator();
    format!("{}{decimal}{:02} %", basis_points / 100, basis_points % 100)
}

/// `€1,499.00` from 149900.
pub fn format_money(cents: i64) -> String {
    format_money_in(cents, Lang::En)
}

/// `€1,499.00` (English), `1.499,00 €` (German) or `1 499,00 €` (French) from 149900.
pub fn format_money_in(cents: i64, lang: Lang) -> String {
    let grouped = lang.group_digits(cents.unsigned_abs() / 100);
    lang.euros(cents < 0, &grouped, cents.unsigned_abs() % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_is_exact_and_rounds_half_up() {
        assert_eq!(tax_for(9_900, 1_900), 1_881);
        assert_eq!(tax_for(39_900, 2_100), 8_379);
        assert_eq!(tax_for(5, 1_000), 1, "0.5 cent rounds up");
        assert_eq!(tax_for(4, 1_000), 0);
        assert_eq!(tax_for(149_900, 0), 0);
    }

    #[test]
    fn german_money_puts_the_sign_after_and_swaps_the_separators() {
        assert_eq!(format_money_in(149_900, Lang::De), "1.499,00 €");
        assert_eq!(format_money_in(-5, Lang::De), "-0,05 €");
        assert_eq!(format_rate_in(1_900, Lang::De), "19,00 %");
        assert_eq!(format_money_in(149_900, Lang::Fr), "1\u{202f}499,00\u{a0}€");
    }

    #[test]
    fn money_reads_as_people_write_it() {
        assert_eq!(format_money(149_900), "€1,499.00");
        assert_eq!(format_money(9_900), "€99.00");
        assert_eq!(format_money(1_881), "€18.81");
        assert_eq!(format_money(5), "€0.05");
        assert_eq!(format_money(123_456_789), "€1,234,567.89");
        assert_eq!(format_rate(1_900), "19.00 %");
        assert_eq!(format_rate(810), "8.10 %");
    }
}
