//! Recipes for hosts other than our own server, from the same policy the server sends
//! (`contract::hosting`): `_headers` and `_redirects` (Netlify, Cloudflare Pages) and an nginx
//! server block. The page's own meta policy for hosts that set no headers is
//! `contract::hosting::configure_index`. The build (`cargo xtask hosting`) and the delivery tests
//! use these; neither the app nor the server does.

use contract::hosting::{
    content_security_policy, origin_of, Framing, APP_SEGMENTS, EVERY_ANSWER, IMMUTABLE, REVALIDATE,
};

/// Where and how `dist/` is served.
#[derive(Clone, Debug, Default)]
pub struct Host {
    /// The path `index.html` is served under, `/` or like `/admin/`.
    pub prefix: String,
    /// The API's base address when it is on another origin; empty for the page's own origin.
    pub api_base: String,
    /// The sites that may frame `/embed/{slug}/…`; none when empty.
    pub frame_ancestors: Vec<String>,
}

impl Host {
    /// Checked and normalized: the prefix starts and ends with `/`, origins are origins.
    pub fn new(prefix: &str, api_base: &str, frame_ancestors: &[String]) -> Result<Host, String> {
        let prefix = format!("/{}/", prefix.trim().trim_matches('/'));
        let prefix = prefix.replace("//", "/");
        if prefix.contains(['*', ' ', '"', '\'', ';', '{', '}', '$']) {
            return Err(format!("{prefix} is not a path prefix like /admin/"));
        }
        if let Some(first) = prefix.split('/').find(|s| APP_SEGMENTS.contains(s)) {
            return Err(format!(
                "the prefix {prefix} contains \"{first}\", an address of the app itself; pick another folder name"
            ));
        }
        let api_base = api_base.trim().to_string();
        if !api_base.is_empty() && origin_of(&api_base).is_none() {
            return Err(format!("{api_base} is not an address like https://api.example.com"));
        }
        let frame_ancestors = frame_ancestors
            .iter()
            .map(|o| contract::normalize_origin(o, contract::Lang::En))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Host {
            prefix,
            api_base,
            frame_ancestors,
        })
    }

    fn policy(&self, framing: Framing) -> String {
        content_security_policy(origin_of(&self.api_base).as_deref(), framing)
    }

    /// The headers of a page of the app (index.html at any of its addresses).
    fn page_headers(&self, framed: bool) -> Vec<(&'static str, String)> {
        let mut headers = if framed {
            vec![(
                "Content-Security-Policy",
                self.policy(Framing::Only(&self.frame_ancestors)),
            )]
        } else {
            vec![
                ("Content-Security-Policy", self.policy(Framing::Only(&[]))),
                ("X-Frame-Options", "DENY".to_string()),
            ]
        };
        if framed && self.frame_ancestors.is_empty() {
            headers.push(("X-Frame-Options", "DENY".to_string()));
        }
        headers.push(("Cache-Control", REVALIDATE.to_string()));
        headers.extend(EVERY_ANSWER.iter().map(|(n, v)| (*n, v.to_string())));
        headers
    }

    fn file_headers(&self, cache: &str) -> Vec<(&'static str, String)> {
        let mut headers = vec![("Cache-Control", cache.to_string())];
        headers.extend(EVERY_ANSWER.iter().map(|(n, v)| (*n, v.to_string())));
        headers
    }
}

/// The folders of `dist/` whose every file is content-hashed.
const HASHED_FOLDERS: &[&str] = &["app", "charts"];

/// The `_headers` file: rules that never overlap (hosts merge overlapping rules by joining the
/// values with commas, which would make two policies of one).
pub fn headers_file(host: &Host, root_files: &[String]) -> String {
    let p = &host.prefix;
    let mut out = String::from(
        "# The headers org-area needs, for Netlify and Cloudflare Pages; written by the build from the\n\
         # policy the org-area server sends. Regenerate with `cargo xtask hosting`, do not edit.\n",
    );
    let mut rule = |paths: &[String], headers: &[(&str, String)]| {
        for path in paths {
            out.push_str(path);
            out.push('\n');
            for (name, value) in headers {
                out.push_str(&format!("  {name}: {value}\n"));
            }
        }
    };
    let mut pages = vec![p.to_string(), format!("{p}index.html")];
    for segment in APP_SEGMENTS.iter().filter(|s| **s != "embed") {
        pages.push(format!("{p}{segment}"));
        pages.push(format!("{p}{segment}/*"));
    }
    rule(&pages, &host.page_headers(false));
    rule(&[format!("{p}embed"), format!("{p}embed/*")], &host.page_headers(true));
    let immutable: Vec<String> = HASHED_FOLDERS
        .iter()
        .map(|folder| format!("{p}{folder}/*"))
        .chain(root_files.iter().map(|file| format!("{p}{file}")))
        .collect();
    rule(&immutable, &host.file_headers(IMMUTABLE));
    rule(&[format!("{p}embed.js")], &host.file_headers(REVALIDATE));
    out
}

/// The `_redirects` file: every address that is not a file gets `index.html` (a rewrite, not a
/// redirect: the address stays).
pub fn redirects_file(host: &Host) -> String {
    let p = &host.prefix;
    format!(
        "# Every address of the app that is not a file answers with index.html (Netlify, Cloudflare\n\
         # Pages); written by `cargo xtask hosting`.\n{p}*  {p}index.html  200\n"
    )
}

/// An nginx `server` block serving the app with the same headers, `dist/` copied to `{root}{prefix}`.
/// nginx drops inherited `add_header`s in a location that adds its own, so each names them all.
pub fn nginx_block(host: &Host, root: &str, listen: &str) -> String {
    let p = &host.prefix;
    let add = |headers: Vec<(&'static str, String)>| -> String {
        headers
            .into_iter()
            .map(|(name, value)| format!("        add_header {name} \"{}\" always;\n", value.replace('"', "\\\"")))
            .collect()
    };
    let page = add(host.page_headers(false));
    format!(
        r#"# org-area under {p}: written by the build from the policy the org-area server sends
# (regenerate with `cargo xtask hosting`). Put this block in nginx's http context, with `dist/`
# copied to {root}{p}; change `listen`, `server_name` and `root` to yours.
server {{
    listen {listen};
    server_name _;
    root {root};
    # The .gz copies the build wrote beside each file; the page (which has none) compressed as sent.
    gzip_static on;
    gzip on;
    types {{
        text/html html;
        text/css css;
        text/javascript js;
        application/wasm wasm;
        image/svg+xml svg;
    }}

    # Content-hashed files: their name changes with their bytes, so they are kept for a year.
    location ~ "^{p}.+-[0-9a-f]{{16}}\.(js|wasm|css|svg)$" {{
{immutable}    }}
    location = {p}embed.js {{
{revalidate}    }}
    # Embeds: framed only by the sites named here.
    location ^~ {p}embed/ {{
        try_files /nonexistent @embedded;
    }}
    location @embedded {{
        try_files {p}index.html =404;
{embedded}    }}
    # Every other address is a page of the app (index.html, with the address kept).
    location {p} {{
        try_files $uri @page;
{page}    }}
    location @page {{
        try_files {p}index.html =404;
{page}    }}
}}
"#,
        embedded = add(host.page_headers(true)),
        revalidate = add(host.file_headers(REVALIDATE)),
        immutable = add(host.file_headers(IMMUTABLE)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host() -> Host {
        Host::new("admin", "https://api.example.com", &["https://www.acme.test".into()]).unwrap()
    }

    #[test]
    fn prefixes_and_origins_are_checked() {
        assert_eq!(host().prefix, "/admin/");
        assert_eq!(Host::new("/", "", &[]).unwrap().prefix, "/");
        assert!(Host::new("/users/", "", &[]).is_err(), "an app address as the folder");
        assert!(Host::new("/a/", "ftp:/x", &[]).is_err());
        assert!(Host::new("/a/", "", &["http://evil.test".into()]).is_err());
    }

    #[test]
    fn headers_rules_never_overlap_and_embeds_are_framed_only_by_their_sites() {
        let text = headers_file(&host(), &["main-0123456789abcdef.css".into()]);
        let paths: Vec<&str> = text.lines().filter(|l| l.starts_with('/')).collect();
        let mut unique = paths.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(paths.len(), unique.len(), "one rule per path");
        let block = |path: &str| -> String {
            let start = text
                .find(&format!("\n{path}\n"))
                .unwrap_or_else(|| panic!("{path} in {text}"));
            text[start + path.len() + 2..]
                .lines()
                .take_while(|l| l.starts_with("  "))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert!(block("/admin/users/*").contains("frame-ancestors 'none'"));
        assert!(block("/admin/users/*").contains("X-Frame-Options: DENY"));
        assert!(block("/admin/users/*").contains("connect-src 'self' https://api.example.com"));
        assert!(block("/admin/embed/*").contains("frame-ancestors https://www.acme.test"));
        assert!(!block("/admin/embed/*").contains("X-Frame-Options"));
        assert!(block("/admin/main-0123456789abcdef.css").contains(IMMUTABLE));
        assert!(block("/admin/app/*").contains(IMMUTABLE));
        assert!(block("/admin/embed.js").contains("Cache-Control: no-cache"));
        assert!(block("/admin/").contains("Cache-Control: no-cache"));
    }

    #[test]
    fn nginx_names_every_header_in_every_location() {
        let text = nginx_block(&host(), "/srv/www", "8080");
        let locations = text.matches("    location").count();
        // Each location that answers repeats the headers for every answer (not the one that
        // hands embeds to their named location).
        assert_eq!(text.matches("add_header X-Content-Type-Options").count(), locations - 1);
        assert!(text.contains("frame-ancestors https://www.acme.test"));
        assert!(text.contains("location ^~ /admin/embed/"));
    }
}
