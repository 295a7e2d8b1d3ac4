//! The built app's `index.html`, written here rather than by trunk: every address in it is
//! relative (the bootstrap script sets the `<base>` to wherever the app was deployed), it names
//! the content-hashed modules the app loads later, and it carries the policy a host without
//! headers still gets from a meta tag.

use contract::hosting::{self, meta, BOOTSTRAP_SCRIPT, BRAND_SLOT};

/// What the page links to, by their hashed names relative to `index.html`.
pub struct Files {
    pub stylesheet: String,
    pub favicon: String,
    pub boot: String,
    /// Fetched while the boot script starts: its module, its snippets and its wasm.
    pub module_preloads: Vec<String>,
    pub wasm: String,
    pub charts: String,
    pub echarts: String,
}

/// The page, pointed at the API on the page's own origin (see `hosting::configure_index`).
pub fn index_html(files: &Files) -> String {
    let policy = hosting::content_security_policy(None, hosting::Framing::Unsaid);
    let preloads: String = files
        .module_preloads
        .iter()
        .map(|href| format!("<link rel=\"modulepreload\" href=\"{href}\">\n"))
        .collect();
    // The order matters: the policy first (a meta policy covers only what follows it), then what
    // the bootstrap script reads, the script, and only then anything with an address.
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<!-- Where the API lives; empty means this same origin. Change it after the build, no rebuild
     (`cargo xtask hosting --api-base URL` also updates the policy above to allow it). -->
<meta name="{api_base}" content="">
<!-- The path this page is served under, like /admin/; empty: told from the address. -->
<meta name="{prefix_meta}" content="">
<meta name="{favicon_meta}" content="{favicon}">
<meta name="{charts_meta}" content="{charts}">
<meta name="{echarts_meta}" content="{echarts}">
{BRAND_SLOT}
<script>{BOOTSTRAP_SCRIPT}</script>
<title></title>
<link rel="stylesheet" href="{stylesheet}">
{preloads}<link rel="preload" href="{wasm}" as="fetch" type="application/wasm" crossorigin>
<script type="module" src="{boot}"></script>
</head>
<body></body>
</html>
"#,
        policy = hosting::escape_attribute(&policy),
        api_base = meta::API_BASE,
        prefix_meta = meta::PREFIX,
        favicon_meta = meta::FAVICON,
        favicon = files.favicon,
        charts_meta = meta::CHARTS,
        charts = files.charts,
        echarts_meta = meta::ECHARTS,
        echarts = files.echarts,
        stylesheet = files.stylesheet,
        wasm = files.wasm,
        boot = files.boot,
    )
}

/// The app's start: its main module's script and wasm, named relative to this script's address.
pub fn boot_script(module: &str, wasm: &str) -> String {
    format!("import init from './{module}';\nawait init({{ module_or_path: new URL('./{wasm}', import.meta.url) }});\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_no_absolute_address_and_the_policy_before_the_script() {
        let html = index_html(&Files {
            stylesheet: "main-0123456789abcdef.css".into(),
            favicon: "favicon-0123456789abcdef.svg".into(),
            boot: "boot-0123456789abcdef.js".into(),
            module_preloads: vec!["org-area-0123456789abcdef.js".into()],
            wasm: "org-area-0123456789abcdef.wasm".into(),
            charts: "charts/org_area_charts-0123456789abcdef.js".into(),
            echarts: "charts/echarts-0123456789abcdef.js".into(),
        });
        assert!(!html.contains("href=\"/") && !html.contains("src=\"/"), "{html}");
        let policy = html.find("Content-Security-Policy").unwrap();
        let script = html.find("<script>").unwrap();
        let slot = html.find(BRAND_SLOT).unwrap();
        let first_address = html.find("href=").unwrap();
        assert!(policy < slot && slot < script && script < first_address);
        assert!(html.contains(&format!("<script>{BOOTSTRAP_SCRIPT}</script>")));
        // The policy sits in a double-quoted attribute.
        assert!(html.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
    }
}
