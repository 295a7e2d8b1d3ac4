//! Numbers, money and times as people of this page's language read them. Each has an `_in`
//! twin taking the language, which is what the tests call.

use crate::i18n::{lang, Lang};

/// Bytes in decimal units, as traffic is billed: "412.3 GB" ("412,3 GB" in German), "1 TB".
pub fn bytes(n: i64) -> String {
    bytes_in(n, lang())
}

fn bytes_in(n: i64, lang: Lang) -> String {
    lang.bytes(n)
}

/// 1234567 as "1,234,567" ("1.234.567" in German).
pub fn count(n: i64) -> String {
    count_in(n, lang())
}

fn count_in(n: i64, lang: Lang) -> String {
    let grouped = lang.group_digits(n.unsigned_abs());
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// Cents as money: "€1,499.00", "1.499,00 €".
pub fn money(cents: i64) -> String {
    contract::format_money_in(cents, lang())
}

/// Basis points as a rate: "19.00 %", "19,00 %".
pub fn rate(basis_points: i64) -> String {
    contract::format_rate_in(basis_points, lang())
}

/// A day `2026-11-29` as "2026-11-29" (English, unambiguous everywhere), "29.11.2026" or
/// "29/11/2026" ([`Lang::day`]).
pub fn day(iso: &str) -> String {
    day_in(iso, lang())
}

fn day_in(iso: &str, lang: Lang) -> String {
    match (iso.get(..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) => lang.day(y, m, d),
        _ => iso.to_string(),
    }
}

/// A moment `2026-11-29T10:32:01Z` as "2026-11-29 10:32 UTC" or "29.11.2026, 10:32 UTC".
pub fn moment(iso: &str) -> String {
    moment_in(iso, lang())
}

fn moment_in(iso: &str, lang: Lang) -> String {
    match iso.get(11..16) {
        Some(time) => lang.moment(&day_in(iso, lang), time),
        None => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_read_with_the_language_decimal_sign() {
        assert_eq!(bytes_in(412_300_000_000, Lang::En), "412.3 GB");
        assert_eq!(bytes_in(412_300_000_000, Lang::De), "412,3 GB");
        assert_eq!(bytes_in(1_000_000_000_000, Lang::De), "1 TB");
        assert_eq!(bytes_in(999, Lang::De), "999 B");
        assert_eq!(bytes_in(-1_500_000, Lang::De), "-1,5 MB");
    }

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(count_in(18_204_395, Lang::En), "18,204,395");
        assert_eq!(count_in(18_204_395, Lang::De), "18.204.395");
        assert_eq!(count_in(-1_000, Lang::De), "-1.000");
    }

    #[test]
    fn days_and_moments_put_the_day_first_in_german() {
        assert_eq!(day_in("2026-11-29", Lang::En), "2026-11-29");
        assert_eq!(day_in("2026-11-29T10:32:01Z", Lang::De), "29.11.2026");
        assert_eq!(moment_in("2026-11-29T10:32:01.123Z", Lang::En), "2026-11-29 10:32 UTC");
        assert_eq!(moment_in("2026-11-29T10:32:01.123Z", Lang::De), "29.11.2026, 10:32 UTC");
        assert_eq!(moment_in("2026-11-29T10:32:01.123Z", Lang::Fr), "29/11/2026 10:32 UTC");
        assert_eq!(count_in(1_234_567, Lang::Fr), "1\u{202f}234\u{202f}567");
        // Anything else is shown as it came rather than cut up.
        assert_eq!(day_in("soon", Lang::De), "soon");
        assert_eq!(moment_in("2026-11-29", Lang::De), "2026-11-29");
    }
}
