//! Where the app was opened: under the path it was deployed at (`/`, or `/admin/` on a CDN: the
//! page's bootstrap script put it in `<base href>`), then at the root, at an organization's
//! branded address `/o/{slug}`, or inside another site's frame at `/embed/{slug}`. Every route
//! lives under that prefix, so a reload or a shared link stays branded (and, for frames, stays
//! allowed by the server's `frame-ancestors`).

use std::cell::OnceCell;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    /// Where the app was deployed (`""` or like `/admin`), then `""`, `/o/{slug}` or
    /// `/embed/{slug}`.
    pub base: String,
    /// Where the app was deployed: `""` at the root of a host, or like `/admin`.
    pub prefix: String,
    /// The organization whose brand the address asks for.
    pub slug: Option<String>,
    /// Shown in another site's frame: no outer chrome.
    pub embedded: bool,
}

thread_local! {
    static MOUNT: OnceCell<Mount> = const { OnceCell::new() };
}

/// Read from the address the app was opened at, once.
pub fn get() -> Mount {
    MOUNT.with(|cell| {
        cell.get_or_init(|| {
            let path = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_default();
            parse(&deploy_prefix(), &path)
        })
        .clone()
    })
}

/// The path of the page's `<base href>` without its last `/`: `""` at the root of a host.
fn deploy_prefix() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

fn parse(prefix: &str, path: &str) -> Mount {
    let inside = path.strip_prefix(prefix).unwrap_or(path);
    match contract::org_address(inside) {
        Some((slug, embedded)) => Mount {
            base: format!("{prefix}{}{slug}", if embedded { "/embed/" } else { "/o/" }),
            prefix: prefix.to_string(),
            slug: Some(slug.to_string()),
            embedded,
        },
        None => Mount {
            base: prefix.to_string(),
            prefix: prefix.to_string(),
            slug: None,
            embedded: false,
        },
    }
}

/// An address of a file of the built app (`console/…`, named in the page's meta tags), made
/// absolute against the page's `<base href>`.
pub fn asset_url(relative: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|base| web_sys::Url::new_with_base(relative, &base).ok())
        .map(|url| url.href())
        .unwrap_or_else(|| relative.to_string())
}

/// The `content` of one of the page's meta tags (`contract::hosting::meta`).
pub fn meta(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("meta[name='{name}']")).ok().flatten())
        .and_then(|el| el.get_attribute("content"))
        .map(|content| content.trim().to_string())
        .filter(|content| !content.is_empty())
}

/// A link's address for an app path (`/users`): the router adds the prefix when navigating, but
/// not to `<A href>`.
pub fn href(path: &str) -> String {
    format!("{}{path}", get().base)
}

/// The app path of a browser path: without the prefix.
pub fn app_path(pathname: &str) -> String {
    let base = get().base;
    match pathname.strip_prefix(base.as_str()) {
        Some("") => "/".to_string(),
        Some(rest) if !base.is_empty() => rest.to_string(),
        _ => pathname.to_string(),
    }
}

thread_local! {
    static ENTER: std::cell::Cell<Option<fn(&str)>> = const { std::cell::Cell::new(None) };
}

/// What signing in does: the boot module opens the console (`boot::start` sets it), so the
/// sign-in pages need not know it.
pub fn on_enter(enter: fn(&str)) {
    ENTER.with(|e| e.set(Some(enter)));
}

/// Signed in: on to `next` (an app path), in the console.
pub fn enter(next: &str) {
    if let Some(enter) = ENTER.with(|e| e.get()) {
        enter(next);
    }
}

/// Only same-app paths are followed, so a crafted link cannot send people elsewhere. Browsers
/// read `\` as `/` and drop tabs and line breaks from addresses, so `/\evil.example` or
/// `/<tab>/evil.example` would be another host's address: any of those refuses the path.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/sign-in")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/".to_string(),
    }
}

/// The sign-in page that leads back to `next` (an app path with its query) afterwards.
pub fn sign_in_first(next: &str) -> String {
    if next == "/" {
        "/sign-in".to_string()
    } else {
        format!("/sign-in?next={}", contract::query::percent_encode(next))
    }
}

/// `next` from a query string (`?next=/users`).
pub fn next_from(search: &str) -> String {
    let next = web_sys::UrlSearchParams::new_with_str(search)
        .ok()
        .and_then(|params| params.get("next"));
    safe_next(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount(base: &str, prefix: &str, slug: Option<&str>, embedded: bool) -> Mount {
        Mount {
            base: base.into(),
            prefix: prefix.into(),
            slug: slug.map(String::from),
            embedded,
        }
    }

    #[test]
    fn addresses_say_where_the_app_was_deployed_and_for_whom() {
        assert_eq!(parse("", "/users"), mount("", "", None, false));
        assert_eq!(
            parse("", "/o/acme-studio/users"),
            mount("/o/acme-studio", "", Some("acme-studio"), false)
        );
        assert_eq!(
            parse("", "/embed/acme-studio/"),
            mount("/embed/acme-studio", "", Some("acme-studio"), true)
        );
        assert_eq!(
            parse("/admin", "/admin/o/acme-studio/settings"),
            mount("/admin/o/acme-studio", "/admin", Some("acme-studio"), false)
        );
        assert_eq!(parse("/admin", "/admin/users"), mount("/admin", "/admin", None, false));
        // Outside the deployed path (a stale link): read as it stands.
        assert_eq!(
            parse("/admin", "/o/globex"),
            mount("/admin/o/globex", "/admin", Some("globex"), false)
        );
    }

    #[test]
    fn look_alike_paths_are_not_organization_addresses() {
        assert_eq!(parse("", "/open/acme"), mount("", "", None, false));
        assert_eq!(parse("", "/embedded/acme"), mount("", "", None, false));
        assert_eq!(parse("", "/o/"), mount("", "", None, false));
    }

    #[test]
    fn only_paths_of_this_app_are_followed_after_signing_in() {
        let next = |path: &str| safe_next(Some(path.to_string()));
        assert_eq!(next("/users?role=admin"), "/users?role=admin");
        assert_eq!(next("/o/acme-studio/settings"), "/o/acme-studio/settings");
        assert_eq!(safe_next(None), "/");
        for elsewhere in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example/",
            "/\\/evil.example/",
            "/\t/evil.example/",
            "/\n/evil.example/",
            "javascript:alert(1)",
            "users",
            "",
            // Back to where it started: no loop.
            "/sign-in?next=/users",
        ] {
            assert_eq!(next(elsewhere), "/", "{elsewhere:?}");
        }
    }
}
