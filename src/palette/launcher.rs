//! What the console holds of the palette before it is first opened: the keys that open it, the
//! header's button, and the place its chunk is drawn in.

use leptos::prelude::*;

use super::text::t;
use super::{use_palette, PaletteOpen};
use crate::i18n::fill;

/// "⌘K" on a Mac, "Ctrl+K" elsewhere.
fn keys() -> &'static str {
    let mac = web_sys::window()
        .and_then(|w| w.navigator().platform().ok())
        .is_some_and(|p| p.starts_with("Mac") || p.starts_with("iP"));
    if mac {
        "⌘K"
    } else {
        "Ctrl+K"
    }
}

/// Listens for Ctrl+K / ⌘K while the console is shown, and draws the palette while it is open.
#[component]
pub fn PaletteLauncher() -> impl IntoView {
    let PaletteOpen(open) = use_palette();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() && ev.key().eq_ignore_ascii_case("k") {
            ev.prevent_default();
            open.update(|o| *o = !*o);
        }
    });
    on_cleanup(move || keys.remove());
    move || {
        open.get().then(|| {
            // The app has one thread; the wrapper only tells the type system so.
            Suspend::new(send_wrapper::SendWrapper::new(crate::screens::PALETTE.view()))
        })
    }
}

/// The header's way in, for phones and pointers.
#[component]
pub fn PaletteButton() -> impl IntoView {
    let PaletteOpen(open) = use_palette();
    let keys = keys();
    view! {
        <button type="button" class="button small palette-button" aria-keyshortcuts="Control+K Meta+K"
            title=fill(t().open_palette_keys, &[&keys])
            on:click=move |_| open.set(true)>
            <svg class="palette-icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
                <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
                <line x1="12.5" y1="12.5" x2="17" y2="17" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
            <span class="palette-button-label">{t().open_palette}</span>
            <kbd aria-hidden="true">{keys}</kbd>
        </button>
    }
}
