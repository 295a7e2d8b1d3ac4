//! The command palette: Ctrl+K (⌘K on a Mac), or the header's button, opens it anywhere in the
//! console. Its code is a chunk of its own, fetched the first time it opens.

mod items;
mod launcher;
mod palette;
pub(crate) mod text;

pub use launcher::PaletteButton;
pub use launcher::PaletteLauncher;
pub use palette::Palette;

use leptos::prelude::*;

/// Whether the palette is open; given by the launcher to the palette.
#[derive(Clone, Copy)]
pub struct PaletteOpen(pub RwSignal<bool>);

/// Made once by the console's layout, before the header and the launcher use it.
pub fn provide_palette() {
    provide_context(PaletteOpen(RwSignal::new(false)));
}

pub fn use_palette() -> PaletteOpen {
    use_context::<PaletteOpen>().unwrap_or_else(|| PaletteOpen(RwSignal::new(false)))
}
