//! Undo: after removing a user, revoking an invitation, detaching a space or removing a
//! collaborator, a notice says what was done and offers "Undo" for the seconds the server still
//! keeps it. The window lives on the server, so a reload within it shows the notice again.

mod api;
mod notice;
mod text;

use leptos::prelude::*;

pub use notice::UndoNotice;

/// Told by a screen that it did something that can be undone.
#[derive(Clone, Copy)]
pub struct Undo {
    offered: RwSignal<u32>,
}

impl Undo {
    /// An action that can be undone went through: the notice asks the server for it.
    pub fn offer(self) {
        self.offered.update(|n| *n = n.wrapping_add(1));
    }
}

pub fn provide_undo() -> Undo {
    let undo = Undo {
        offered: RwSignal::new(0),
    };
    provide_context(undo);
    undo
}

/// The console's undo; outside it (never today) a still one.
pub fn use_undo() -> Undo {
    use_context::<Undo>().unwrap_or(Undo {
        offered: RwSignal::new(0),
    })
}
