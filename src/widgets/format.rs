//! Numbers, money and times as people of this page's language read them.

use crate::i18n::{lang, Lang};

/// Bytes in decimal units, as traffic is billed: "412.3 GB" ("412,3 GB" in German), "1 TB".
/// Integer arithmetic only: float formatting would add kilobytes to the app.
pub fn bytes(n: i64) -> String {
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
        format!("{sign}{whole}{}{tenth} {}", lang().decimal_separator(), UNITS[unit])
    }
}

/// 1234567 as "1,234,567" ("1.234.567" in German).
pub fn count(n: i64) -> String {
    let grouped = lang().group_digits(n.unsigned_abs());
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

/// A day `2026-11-29` as "2026-11-29" (English, unambiguous everywhere) or "29.11.2026".
pub fn day(iso: &str) -> String {
    match (lang(), iso.get(..4), iso.get(5..7), iso.get(8..10)) {
        (Lang::De, Some(y), Some(m), Some(d)) if iso.len() >= 10 => format!("{d}.{m}.{y}"),
        _ => iso.get(..10).unwrap_or(iso).to_string(),
    }
}

/// A moment `2026-11-29T10:32:01Z` as "2026-11-29 10:32 UTC" or "29.11.2026, 10:32 UTC".
pub fn moment(iso: &str) -> String {
    match iso.get(11..16) {
        Some(time) if iso.len() >= 16 => match lang() {
            Lang::En => format!("{} {time} UTC", day(iso)),
            Lang::De => format!("{}, {time} UTC", day(iso)),
        },
        _ => iso.to_string(),
    }
}
