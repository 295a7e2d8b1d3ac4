use leptos::prelude::*;

/// How a customer puts the app into their own site: the frame's code and the branded address.
#[component]
pub fn EmbedHelp(slug: String, app_name: Signal<String>) -> impl IntoView {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let embed_url = format!("{origin}/embed/{slug}/");
    let branded_url = format!("{origin}/o/{slug}/");
    let snippet = move || {
        format!(
            "<iframe src=\"{embed_url}\" title=\"{}\"\n        style=\"width:100%;height:760px;border:0\"></iframe>",
            app_name.get().replace('"', "&quot;")
        )
    };
    view! {
        <div class="embed-help">
            <p>"Paste this into a page on one of the allowed origins. People sign in inside the frame; the frame wears your brand and hides this app's header."</p>
            <pre><code>{snippet}</code></pre>
            <p class="muted">"Your branded sign-in page, outside any frame: " <code>{branded_url}</code></p>
        </div>
    }
}
