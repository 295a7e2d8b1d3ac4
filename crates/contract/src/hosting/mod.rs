//! How the built app is delivered, shared by the app, the server and the build: the page's first
//! script (which finds where the app was deployed and paints an organization's brand before
//! anything else), the names of the page's meta tags, which file names carry a content hash, and
//! (feature `hosting`) the security headers, written once for the server and for every host's
//! recipe (the recipes themselves are the `org-area-hosting` crate's).

#[cfg(feature = "hosting")]
mod policy;

#[cfg(feature = "hosting")]
pub use policy::*;

/// The page's first script, inline in `index.html`. The Content-Security-Policy allows it by its
/// hash, so it must be put into the page exactly as it is here.
pub const BOOTSTRAP_SCRIPT: &str = include_str!("bootstrap.js");

/// The first segment of every address the app answers (besides `/` itself): the bootstrap script
/// takes whatever comes before one of them as the path the app was deployed under. The app checks
/// at compile time that each of its screens starts with one of these.
pub const APP_SEGMENTS: &[&str] = &[
    "accept-invitation",
    "account",
    "activity",
    "billing",
    "embed",
    "forgot-password",
    "invoices",
    "o",
    "payment",
    "reset-password",
    "settings",
    "sign-in",
    "spaces",
    "subscription",
    "users",
];

/// Meta tags of `index.html`, read by the app at run time, so a host can change them (the API's
/// address) and the build can name its content-hashed modules without rebuilding the app.
pub mod meta {
    /// Where the API lives; empty means the page's own origin.
    pub const API_BASE: &str = "org-area-api-base";
    /// The charts module's script, relative to `index.html`.
    pub const CHARTS: &str = "org-area-charts";
    /// ECharts, relative to `index.html`.
    pub const ECHARTS: &str = "org-area-echarts";
    /// The path the app is served under (`/admin/`); empty: the bootstrap script tells it from the
    /// address. Set by a host that knows (our server, `cargo xtask hosting --prefix`), so even an
    /// unknown address deep under the prefix finds the app's files.
    pub const PREFIX: &str = "org-area-prefix";
    /// The product's favicon, relative to `index.html`.
    pub const FAVICON: &str = "org-area-favicon";
    /// The organization's public brand as JSON, put in by the server for `/o/{slug}/…` and
    /// `/embed/{slug}/…`, so the first paint already wears it.
    pub const BRAND: &str = "org-area-brand";
}

/// Where in `index.html` the server puts the brand's meta tag: before the bootstrap script.
pub const BRAND_SLOT: &str = "<!--org-area-brand-->";

/// The local-storage key of the last brand seen for an organization, so the next visit paints it
/// at once.
pub fn brand_cache_key(slug: &str) -> String {
    format!("org-area:brand:{slug}")
}

/// Whether a file name carries a content hash (`name-0123456789abcdef.ext`), so the file may be
/// cached for a year: its name changes whenever its bytes do.
pub fn is_hashed_name(file: &str) -> bool {
    let stem = file.split('.').next().unwrap_or("");
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() == HASH_CHARS && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Hex digits of the content hash in a file name.
pub const HASH_CHARS: usize = 16;

/// The files that keep their name from build to build: the page itself and the embed script host
/// pages link to.
pub const STABLE_FILES: &[&str] = &["index.html", "embed.js"];

/// Files of `dist/` that hosts read and never serve (Netlify's and Cloudflare Pages' rules).
pub const HOST_RULE_FILES: &[&str] = &["_headers", "_redirects"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bootstrap_script_knows_every_app_segment_and_the_product_name() {
        let list = serde_json::to_string(APP_SEGMENTS).unwrap();
        assert!(BOOTSTRAP_SCRIPT.contains(&format!("var SEGMENTS = {list};")), "{list}");
        assert!(BOOTSTRAP_SCRIPT.contains(&format!("var PRODUCT = \"{}\";", crate::PRODUCT_NAME)));
        for name in [meta::API_BASE, meta::FAVICON, meta::BRAND, meta::PREFIX] {
            assert!(BOOTSTRAP_SCRIPT.contains(&format!("meta(\"{name}\")")), "{name}");
        }
        assert!(BOOTSTRAP_SCRIPT.contains(&format!("\"{}\" + slug", brand_cache_key(""))));
        // Inside a <script> element these would end it or start a comment.
        assert!(!BOOTSTRAP_SCRIPT.contains("</") && !BOOTSTRAP_SCRIPT.contains("<!--"));
    }

    #[test]
    fn hashed_names_are_told_apart() {
        assert!(is_hashed_name("org-area-c3341b9c3ee7d72c.wasm"));
        assert!(is_hashed_name("main-64bd0c168c889ba2.css"));
        assert!(is_hashed_name("load-0000000000000000.js.br"));
        assert!(!is_hashed_name("org-area.js"));
        assert!(!is_hashed_name("echarts-5.js"));
        assert!(!is_hashed_name("index.html"));
        assert!(!is_hashed_name("embed.js"));
        assert!(!is_hashed_name("users"));
    }
}
