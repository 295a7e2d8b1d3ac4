//! Where the app was opened: at the root, at an organization's branded address `/o/{slug}`, or
//! inside another site's frame at `/embed/{slug}`. Every route then lives under that prefix, so
//! a reload or a shared link stays branded (and, for frames, stays allowed by the server's
//! `frame-ancestors`).

use std::cell::OnceCell;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    /// `""`, `/o/{slug}` or `/embed/{slug}`.
    pub base: String,
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
            parse(&path)
        })
        .clone()
    })
}

fn parse(path: &str) -> Mount {
    match contract::org_address(path) {
        Some((slug, embedded)) => Mount {
            base: format!("{}{slug}", if embedded { "/embed/" } else { "/o/" }),
            slug: Some(slug.to_string()),
            embedded,
        },
        None => Mount {
            base: String::new(),
            slug: None,
            embedded: false,
        },
    }
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
