//! The headers the app is served with, written once: the server sends them and the build writes
//! them into each host's recipe (`_headers`, the nginx block, the page's own meta tag), so a host
//! other than our server protects the app the same way.

use base64::Engine;
use sha2::{Digest, Sha256};

use super::{is_hashed_name, meta, BOOTSTRAP_SCRIPT, STABLE_FILES};

/// The first hex digits of the SHA-256 of a file's bytes, for its name.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest
        .iter()
        .take(super::HASH_CHARS / 2)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The bootstrap script's CSP source: `'sha256-…'` of its exact text.
pub fn bootstrap_script_source() -> String {
    let digest = Sha256::digest(BOOTSTRAP_SCRIPT.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// Who may put the app in a frame.
#[derive(Clone, Copy, Debug)]
pub enum Framing<'a> {
    /// Said elsewhere: a meta tag cannot carry `frame-ancestors` (browsers ignore it there).
    Unsaid,
    /// Exactly these origins; none when empty.
    Only(&'a [String]),
}

/// The app's Content-Security-Policy: its own files, wasm compiled with `'wasm-unsafe-eval'`, the
/// bootstrap script by its hash and nothing else inline; the API (and the images it serves) on
/// `api_origin` when that is another origin.
pub fn content_security_policy(api_origin: Option<&str>, framing: Framing) -> String {
    let api = api_origin.map(|o| format!(" {o}")).unwrap_or_default();
    let mut policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {script}; style-src 'self'; \
         img-src 'self' data:{api}; font-src 'self'; connect-src 'self'{api}; object-src 'none'; \
         base-uri 'self'; form-action 'self'",
        script = bootstrap_script_source(),
    );
    if let Framing::Only(origins) = framing {
        policy.push_str("; frame-ancestors ");
        if origins.is_empty() {
            policy.push_str("'none'");
        } else {
            policy.push_str(&origins.join(" "));
        }
    }
    policy
}

/// Browser features the app never uses, switched off for it and anything it might load.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), \
     microphone=(), payment=(), usb=(), interest-cohort=()";

/// HTTPS only from now on, for a year, once a page arrived over HTTPS.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

/// Sent with every answer, whatever it is.
pub const EVERY_ANSWER: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", PERMISSIONS_POLICY),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

/// Files whose name changes with their bytes: kept for a year, never asked about again.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The page and the embed script: asked about on every load, so a new build shows at once.
pub const REVALIDATE: &str = "no-cache";

/// The cache policy of a path under the app (a file of `dist/` or a deep link).
pub fn cache_control(path: &str) -> &'static str {
    let file = path.rsplit('/').next().unwrap_or("");
    if is_hashed_name(file) && !STABLE_FILES.contains(&file) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// The origin part of an API base (`https://api.example.com/v` gives `https://api.example.com`),
/// for the policy; `None` for the page's own origin.
pub fn origin_of(api_base: &str) -> Option<String> {
    let base = api_base.trim();
    let (scheme, rest) = base.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    (!host.is_empty()).then(|| format!("{}://{}", scheme.to_lowercase(), host.to_lowercase()))
}

/// `index.html` pointed at an API (`""` for its own origin): the `org-area-api-base` meta tag and
/// the page's own policy, which must allow that origin. A host changes both this way, no rebuild.
pub fn configure_index(html: &str, api_base: &str) -> String {
    let api_origin = origin_of(api_base);
    let policy = content_security_policy(api_origin.as_deref(), Framing::Unsaid);
    let html = set_meta(html, &format!("name=\"{}\"", meta::API_BASE), api_base.trim());
    set_meta(&html, "http-equiv=\"Content-Security-Policy\"", &policy)
}

/// `index.html` told the path it is served under (`/admin/`, or `""` to tell it from the address).
pub fn pin_prefix(html: &str, prefix: &str) -> String {
    set_meta(html, &format!("name=\"{}\"", meta::PREFIX), prefix)
}

/// The meta tag whose attributes start with `key` gets `content` (attribute-escaped).
fn set_meta(html: &str, key: &str, content: &str) -> String {
    let opening = format!("<meta {key} content=\"");
    let Some(start) = html.find(&opening).map(|at| at + opening.len()) else {
        return html.to_string();
    };
    let Some(end) = html[start..].find('"').map(|len| start + len) else {
        return html.to_string();
    };
    format!("{}{}{}", &html[..start], escape_attribute(content), &html[end..])
}

/// Text safe inside a double-quoted HTML attribute.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_bootstrap_script_and_the_api_origin_only() {
        let policy = content_security_policy(Some("https://api.example.com"), Framing::Only(&[]));
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(policy.contains("connect-src 'self' https://api.example.com;"));
        assert!(policy.contains("img-src 'self' data: https://api.example.com;"));
        assert!(policy.ends_with("frame-ancestors 'none'"));
        let framed = content_security_policy(
            None,
            Framing::Only(&["https://a.test".into(), "https://*.b.test".into()]),
        );
        assert!(framed.ends_with("frame-ancestors https://a.test https://*.b.test"));
        assert!(framed.contains("connect-src 'self';"));
        assert!(!content_security_policy(None, Framing::Unsaid).contains("frame-ancestors"));
    }

    #[test]
    fn only_hashed_files_are_immutable() {
        assert_eq!(cache_control("/admin/main-64bd0c168c889ba2.css"), IMMUTABLE);
        assert_eq!(cache_control("/app/split_users-0123456789abcdef.wasm"), IMMUTABLE);
        assert_eq!(cache_control("/index.html"), REVALIDATE);
        assert_eq!(cache_control("/embed.js"), REVALIDATE);
        assert_eq!(cache_control("/users/12"), REVALIDATE);
    }

    #[test]
    fn the_page_is_pointed_at_an_api_on_another_origin() {
        let html = "<meta http-equiv=\"Content-Security-Policy\" content=\"old\">\n<meta name=\"org-area-api-base\" content=\"\">";
        let out = configure_index(html, "https://api.example.com/");
        assert!(
            out.contains("<meta name=\"org-area-api-base\" content=\"https://api.example.com/\">"),
            "{out}"
        );
        assert!(out.contains("connect-src 'self' https://api.example.com;"), "{out}");
        let back = configure_index(&out, "");
        assert!(back.contains("connect-src 'self';"), "{back}");
        assert!(back.contains("content=\"\">"));
        let pinned = pin_prefix("<meta name=\"org-area-prefix\" content=\"\">", "/admin/");
        assert_eq!(pinned, "<meta name=\"org-area-prefix\" content=\"/admin/\">");
    }

    #[test]
    fn origins_are_taken_from_api_bases() {
        assert_eq!(
            origin_of("https://API.example.com/v1"),
            Some("https://api.example.com".into())
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), Some("http://127.0.0.1:8080".into()));
        assert_eq!(origin_of(""), None);
        assert_eq!(origin_of("/api"), None);
    }
}
