//! CSV for spreadsheets: quoted where needed, and cells a spreadsheet would run as a formula
//! (`=`, `+`, `-`, `@`, tab, carriage return) prefixed with `'`.

/// One cell, escaped.
pub fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// Append one row and its line end.
pub fn push_row(out: &mut String, cells: &[String]) {
    let escaped: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.push_str(&escaped.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_separators_quoted() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("plain"), "plain");
        let mut out = String::new();
        push_row(&mut out, &["a".into(), "@b".into()]);
        assert_eq!(out, "a,'@b\r\n");
    }
}
