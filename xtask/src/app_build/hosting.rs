//! `cargo xtask hosting`: point a built `dist/` at its host without rebuilding it: the page's
//! meta tags (API address and policy), `_headers` and `_redirects` inside `dist/`, and the nginx
//! block in `target/hosting/`. The recipes come from `contract::hosting`, the policy the server
//! itself sends.

use std::path::{Path, PathBuf};

use ::hosting::Host;
use contract::hosting;

use crate::Result;

/// Write every recipe for `host` into (and beside) `dist`; returns the nginx block's path. With
/// `pin`, the page is told its prefix (else it tells it from the address, so a `dist/` copied
/// under any folder works as it is).
pub fn configure(dist: &Path, host: &Host, pin: bool) -> Result<PathBuf> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let html = hosting::configure_index(&html, &host.api_base);
    write(&index, &hosting::pin_prefix(&html, if pin { &host.prefix } else { "" }))?;
    write(
        &dist.join("_headers"),
        &::hosting::headers_file(host, &root_files(dist)?),
    )?;
    write(&dist.join("_redirects"), &::hosting::redirects_file(host))?;
    let nginx = crate::root().join("target/hosting/nginx.conf");
    std::fs::create_dir_all(nginx.parent().unwrap_or(dist)).map_err(|e| e.to_string())?;
    write(&nginx, &::hosting::nginx_block(host, "/srv/www", "80"))?;
    Ok(nginx)
}

/// `cargo xtask hosting [--dist DIR] [--prefix /admin/] [--api-base URL] [--frame-ancestor ORIGIN]…`
pub fn command(args: &[String]) -> Result {
    let mut dist = crate::root().join("dist");
    let (mut prefix, mut api_base, mut ancestors) = (None, String::new(), Vec::new());
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?.clone();
        match flag.as_str() {
            "--dist" => dist = PathBuf::from(value),
            "--prefix" => prefix = Some(value),
            "--api-base" => api_base = value,
            "--frame-ancestor" => ancestors.push(value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let host = Host::new(prefix.as_deref().unwrap_or("/"), &api_base, &ancestors)?;
    let nginx = configure(&dist, &host, prefix.is_some())?;
    println!(
        "{} is ready for {}{}: index.html, _headers and _redirects updated; nginx block in {}",
        dist.display(),
        host.prefix,
        if api_base.is_empty() {
            String::new()
        } else {
            format!(" with the API at {api_base}")
        },
        nginx.display()
    );
    Ok(())
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The content-hashed files at the top of `dist/` (the folders below hold nothing else).
fn root_files(dist: &Path) -> Result<Vec<String>> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
    let mut files: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| hosting::is_hashed_name(name) && !name.ends_with(".br") && !name.ends_with(".gz"))
        .collect();
    files.sort();
    Ok(files)
}
