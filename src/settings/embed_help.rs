use leptos::prelude::*;

use super::text::t;

/// How a customer puts the app into their own site: the embed script's snippet (the frame follows
/// the app's height) and the branded address.
#[component]
pub fn EmbedHelp(slug: String, app_name: Signal<String>) -> impl IntoView {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let app = format!("{origin}{}", crate::mount::get().prefix);
    let embed_url = format!("{app}/embed/{slug}/");
    let branded_url = format!("{app}/o/{slug}/");
    let snippet = move || {
        let title = app_name
            .get()
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        format!(
            "<div data-org-area=\"{embed_url}\"\n     data-org-area-title=\"{title}\"></div>\n\
             <script src=\"{app}/embed.js\" async></script>"
        )
    };
    view! {
        <div class="embed-help">
            <p>{t().embed_help}</p>
            <pre><code>{snippet}</code></pre>
            <p class="muted">{t().branded_page} <code>{branded_url}</code></p>
        </div>
    }
}
