//! Numbers as people read them.

/// Bytes in decimal units, as traffic is billed: "412.3 GB", "1 TB".
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
        format!("{sign}{whole}.{tenth} {}", UNITS[unit])
    }
}

/// 1234567 as "1,234,567".
pub fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}
