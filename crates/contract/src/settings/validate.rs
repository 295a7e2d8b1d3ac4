//! The settings' validation: every problem named at its field, and values normalized (trimmed,
//! lower-cased, without repeats) so what is stored is what was meant.

use super::contrast::{check_colors, parse_hex_color};
use super::{
    SettingsUpdate, MAX_APP_NAME_CHARS, MAX_EMAIL_DOMAINS, MAX_EMBED_ORIGINS, MAX_ORG_NAME_CHARS,
    MAX_SIGN_IN_TEXT_CHARS,
};
use crate::text::settings;
use crate::{fill, Lang};

/// One refused value: the field (`name`, `branding.light.primary`, ...) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldIssue {
    pub field: String,
    pub message: String,
}

fn issue(field: &str, message: impl Into<String>) -> FieldIssue {
    FieldIssue {
        field: field.to_string(),
        message: message.into(),
    }
}

/// A single-line text: trimmed, not over `max` characters, no control characters.
fn line(field: &str, what: &str, value: &str, max: usize, required: bool, lang: Lang) -> Result<String, FieldIssue> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(issue(field, fill(settings(lang).enter_field, &[&what])));
    }
    let chars = value.chars().count();
    if chars > max {
        return Err(issue(
            field,
            fill(settings(lang).field_too_long, &[&what, &max, &chars]),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(issue(field, fill(settings(lang).field_one_line, &[&what])));
    }
    Ok(value.to_string())
}

/// `https://host[:port]` as a browser writes an origin; `http` only for this machine. A leading
/// `*.` on the host allows every subdomain, as `frame-ancestors` does.
pub fn normalize_origin(text: &str, lang: Lang) -> Result<String, String> {
    let lower = text.trim().trim_end_matches('/').to_lowercase();
    let shown = text.trim();
    let invalid = || fill(settings(lang).not_an_origin, &[&shown]);
    let (scheme, rest) = lower.split_once("://").ok_or_else(invalid)?;
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ', '\'', '"', ';', ',']) {
        return Err(invalid());
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || rest.starts_with('[') => (host, Some(port)),
        _ => (rest, None),
    };
    if let Some(port) = port {
        if port.parse::<u16>().ok().filter(|p| *p > 0).is_none() {
            return Err(fill(settings(lang).invalid_port, &[&shown]));
        }
    }
    let local = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    match scheme {
        "https" => {}
        "http" if local => {}
        "http" => return Err(fill(settings(lang).must_use_https, &[&shown])),
        _ => return Err(invalid()),
    }
    let name = host.strip_prefix("*.").unwrap_or(host);
    if !local && (normalize_domain(name, lang).is_err() || (host.starts_with("*.") && !name.contains('.'))) {
        return Err(invalid());
    }
    Ok(lower)
}

/// A domain name like `example.com`, lower-cased; a leading `@` and the root's trailing dot are
/// forgiven. An international domain is written in its `xn--` form, and a top-level label of
/// digits alone is refused (an IP address is no domain).
pub fn normalize_domain(text: &str, lang: Lang) -> Result<String, String> {
    let domain = text.trim().trim_start_matches('@').trim_end_matches('.').to_lowercase();
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let top_is_name = domain
        .rsplit('.')
        .next()
        .is_some_and(|top| top.bytes().any(|b| b.is_ascii_alphabetic()));
    if domain.len() <= 253 && domain.contains('.') && domain.split('.').all(label_ok) && top_is_name {
        Ok(domain)
    } else {
        let shown = text.trim();
        Err(fill(settings(lang).not_a_domain, &[&shown]))
    }
}

/// Normalize each entry, drop repeats, keep the order, and refuse the first bad one.
fn list(
    field: &str,
    values: &[String],
    max: usize,
    what: &str,
    normalize: fn(&str, Lang) -> Result<String, String>,
    lang: Lang,
) -> Result<Vec<String>, FieldIssue> {
    let too_many = |given: usize| issue(field, fill(settings(lang).too_many_in_list, &[&max, &what, &given]));
    // Counted before any other work, so a huge pasted list costs nothing to refuse.
    let given = values.iter().filter(|v| !v.trim().is_empty()).count();
    if given > 4 * max {
        return Err(too_many(given));
    }
    let mut out: Vec<String> = Vec::new();
    for value in values.iter().filter(|v| !v.trim().is_empty()) {
        let value = normalize(value, lang).map_err(|message| issue(field, message))?;
        if !out.contains(&value) {
            out.push(value);
        }
    }
    if out.len() > max {
        return Err(too_many(out.len()));
    }
    Ok(out)
}

impl SettingsUpdate {
    /// The update as it will be stored, or every field that must change first.
    pub fn validated(&self, lang: Lang) -> Result<SettingsUpdate, Vec<FieldIssue>> {
        let mut issues = Vec::new();
        let mut out = self.clone();
        let mut keep = |result: Result<(), FieldIssue>| {
            if let Err(i) = result {
                issues.push(i);
            }
        };

        keep(
            line(
                "name",
                settings(lang).org_name,
                &self.name,
                MAX_ORG_NAME_CHARS,
                true,
                lang,
            )
            .map(|v| out.name = v),
        );
        keep(
            line(
                "branding.app_name",
                settings(lang).app_name,
                &self.branding.app_name,
                MAX_APP_NAME_CHARS,
                false,
                lang,
            )
            .map(|v| out.branding.app_name = v),
        );

        let text = self.branding.sign_in_text.replace("\r\n", "\n");
        let text = text.trim();
        let chars = text.chars().count();
        keep(if chars > MAX_SIGN_IN_TEXT_CHARS {
            Err(issue(
                "branding.sign_in_text",
                fill(settings(lang).sign_in_text_too_long, &[&MAX_SIGN_IN_TEXT_CHARS, &chars]),
            ))
        } else if text.chars().any(|c| c.is_control() && c != '\n') {
            Err(issue(
                "branding.sign_in_text",
                settings(lang).sign_in_text_control.to_owned(),
            ))
        } else {
            out.branding.sign_in_text = text.to_string();
            Ok(())
        });

        for check in check_colors(&self.branding.light, &self.branding.dark) {
            if !check.passes() {
                keep(Err(issue(check.field, check.message(lang))));
            }
        }
        for color in [
            &mut out.branding.light.primary,
            &mut out.branding.light.accent,
            &mut out.branding.dark.primary,
            &mut out.branding.dark.accent,
        ] {
            if let Some([r, g, b]) = parse_hex_color(color) {
                *color = format!("#{r:02x}{g:02x}{b:02x}");
            }
        }

        keep(
            list(
                "embed.allowed_origins",
                &self.embed.allowed_origins,
                MAX_EMBED_ORIGINS,
                settings(lang).origins,
                normalize_origin,
                lang,
            )
            .map(|v| out.embed.allowed_origins = v),
        );
        keep(
            list(
                "access.allowed_email_domains",
                &self.access.allowed_email_domains,
                MAX_EMAIL_DOMAINS,
                settings(lang).domains,
                normalize_domain,
                lang,
            )
            .map(|v| out.access.allowed_email_domains = v),
        );

        let days = self.access.activity_retention_days;
        if !(crate::MIN_ACTIVITY_RETENTION_DAYS..=crate::MAX_ACTIVITY_RETENTION_DAYS).contains(&days) {
            keep(Err(issue(
                "access.activity_retention_days",
                fill(
                    settings(lang).retention_range,
                    &[&crate::MIN_ACTIVITY_RETENTION_DAYS, &crate::MAX_ACTIVITY_RETENTION_DAYS],
                ),
            )));
        }

        if let Some(days) = self.access.max_token_days {
            if !(1..=3650).contains(&days) {
                keep(Err(issue(
                    "access.max_token_days",
                    fill(settings(lang).token_days_range, &[&1, &3650]),
                )));
            }
        }

        out.access.allowed_regions.sort();
        out.access.allowed_regions.dedup();

        if issues.is_empty() {
            Ok(out)
        } else {
            Err(issues)
        }
    }
}

/// Entries typed one per line (or separated by commas or spaces), without empty ones.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessSettings, Branding, EmbedSettings};

    fn update() -> SettingsUpdate {
        SettingsUpdate {
            version: 1,
            name: "Acme Studio".into(),
            branding: Branding::default(),
            embed: EmbedSettings::default(),
            access: AccessSettings::default(),
            notifications: None,
        }
    }

    fn fields(u: &SettingsUpdate) -> Vec<String> {
        u.validated(Lang::En)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|i| i.field)
            .collect()
    }

    #[test]
    fn names_must_be_present_short_and_single_line() {
        assert!(update().validated(Lang::En).is_ok());
        for bad in ["", "   ", "a\tb", &"x".repeat(81)] {
            let mut u = update();
            u.name = bad.into();
            assert_eq!(fields(&u), ["name"], "{bad:?}");
        }
        let mut u = update();
        u.name = "  Acme  ".into();
        assert_eq!(u.validated(Lang::En).unwrap().name, "Acme");
        u.branding.app_name = "y".repeat(41);
        assert_eq!(fields(&u), ["branding.app_name"]);
    }

    #[test]
    fn origins_are_normalized_and_strict() {
        assert_eq!(
            normalize_origin(" https://Shop.Example.com/ ", Lang::En).unwrap(),
            "https://shop.example.com"
        );
        assert_eq!(
            normalize_origin("https://*.example.com", Lang::En).unwrap(),
            "https://*.example.com"
        );
        assert_eq!(
            normalize_origin("http://127.0.0.1:8080", Lang::En).unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            normalize_origin("https://example.com:8443", Lang::En).unwrap(),
            "https://example.com:8443"
        );
        for bad in [
            "example.com",
            "http://example.com",
            "https://example.com/path",
            "https://example.com:0",
            "https://exa mple.com",
            "https://*",
            "javascript://x",
            "https://a.com; script-src *",
            "'none'",
        ] {
            assert!(normalize_origin(bad, Lang::En).is_err(), "{bad}");
        }
        let mut u = update();
        u.embed.allowed_origins = vec!["https://a.example".into(), "https://A.example/".into()];
        assert_eq!(
            u.validated(Lang::En).unwrap().embed.allowed_origins,
            ["https://a.example"]
        );
        u.embed.allowed_origins = vec!["ftp://a.example".into()];
        assert_eq!(fields(&u), ["embed.allowed_origins"]);
    }

    #[test]
    fn email_domains_are_normalized() {
        assert_eq!(normalize_domain("@Acme.Test", Lang::En).unwrap(), "acme.test");
        assert!(normalize_domain("acme", Lang::En).is_err());
        assert!(normalize_domain("-acme.test", Lang::En).is_err());
        assert!(normalize_domain("acme..test", Lang::En).is_err());
        let mut u = update();
        u.access.allowed_email_domains = (0..51).map(|i| format!("d{i}.test")).collect();
        assert_eq!(fields(&u), ["access.allowed_email_domains"]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let mut u = update();
        u.name = " ".into();
        u.branding.light.primary = "#ffff00".into();
        u.branding.dark.accent = "teal".into();
        u.branding.sign_in_text = "z".repeat(501);
        assert_eq!(
            fields(&u),
            [
                "name",
                "branding.sign_in_text",
                "branding.light.primary",
                "branding.dark.accent"
            ]
        );
    }

    #[test]
    fn colours_are_stored_as_lowercase_six_digits() {
        let mut u = update();
        u.branding.light.primary = "#3B4CCA".into();
        u.branding.dark.primary = "#FFF".into();
        let out = u.validated(Lang::En).unwrap();
        assert_eq!(out.branding.light.primary, "#3b4cca");
        assert_eq!(out.branding.dark.primary, "#ffffff");
    }

    #[test]
    fn split_list_accepts_lines_commas_and_spaces() {
        assert_eq!(
            split_list("a.test, b.test\n\nc.test  d.test"),
            ["a.test", "b.test", "c.test", "d.test"]
        );
    }
}
