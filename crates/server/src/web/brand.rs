//! The app's page for an address of the app, with the organization's brand inlined at its
//! addresses, so the first paint already wears it.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use contract::hosting;

use super::files::AppFiles;
use crate::on_db;

/// `index.html` for an address of the app; at an organization's address with its brand inlined,
/// so the first paint already wears it.
pub(super) async fn app_page(app: &AppFiles, path: &str, gzip: bool) -> Response {
    let Ok(html) = tokio::fs::read_to_string(&app.index).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Served at the root: an unknown address deep down still finds the files.
    let mut html = hosting::pin_prefix(&html, "/");
    if let Some((slug, _)) = contract::org_address(path) {
        if let Ok(brand) = on_db!(&app.db, |pool, domain| {
            domain::settings::public_branding(pool, slug).await
        }) {
            let json = serde_json::to_string(&brand).unwrap_or_default();
            let tag = format!(
                "<meta name=\"{}\" content=\"{}\">",
                hosting::meta::BRAND,
                hosting::escape_attribute(&json)
            );
            html = html.replacen(hosting::BRAND_SLOT, &tag, 1);
        }
    }
    let html_type = (header::CONTENT_TYPE, "text/html; charset=utf-8");
    // The page differs per address (the brand), so it is compressed per request rather than
    // ahead like the other files: about 4 KB to 2, on the first request of every visit.
    let vary = (header::VARY, "accept-encoding");
    if gzip {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        if let Ok(body) = encoder.write_all(html.as_bytes()).and_then(|()| encoder.finish()) {
            return ([html_type, vary, (header::CONTENT_ENCODING, "gzip")], body).into_response();
        }
    }
    ([html_type, vary], html).into_response()
}
