use contract::QrCode;
use leptos::prelude::*;

/// A QR code drawn as one SVG path, dark on light whatever the colour scheme (scanners need the
/// contrast), with the quiet zone around it that the standard asks for.
#[component]
pub fn QrImage(code: QrCode, #[prop(into)] label: String) -> impl IntoView {
    const QUIET: u32 = 4;
    let size = code.size;
    let mut path = String::new();
    for (i, module) in code.modules.bytes().enumerate() {
        if module == b'1' {
            let (x, y) = (i as u32 % size + QUIET, i as u32 / size + QUIET);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let full = size + 2 * QUIET;
    view! {
        <svg class="qr" viewBox=format!("0 0 {full} {full}") role="img" aria-label=label
            shape-rendering="crispEdges">
            <rect width=full height=full fill="#ffffff"></rect>
            <path d=path fill="#000000"></path>
        </svg>
    }
}
