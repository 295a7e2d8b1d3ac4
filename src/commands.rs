//! What the command palette asks a screen to do: it goes to the screen and leaves the command
//! here; the screen, once it is showing, takes it and does it once (open "Add user", start the
//! export, go to the "Add space" field).

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Open "Add user" at its first field.
    AddUser,
    /// Open "Add user" at the addresses to invite.
    Invite,
    /// Go to the dashboard's "Space" field.
    AddSpace,
    /// Download the users list.
    ExportUsers,
}

#[derive(Clone, Copy)]
pub struct Commands(RwSignal<Option<Command>>);

impl Commands {
    pub fn give(self, command: Command) {
        self.0.set(Some(command));
    }

    /// Whether `command` is waiting, taking it if so. Tracked: an effect calling it runs again
    /// when a command is given while its screen shows.
    pub fn take(self, command: Command) -> bool {
        if self.0.get() != Some(command) {
            return false;
        }
        self.0.set(None);
        true
    }
}

pub fn provide_commands() {
    provide_context(Commands(RwSignal::new(None)));
}

/// The console's commands; outside it, none ever come.
pub fn use_commands() -> Commands {
    use_context::<Commands>().unwrap_or_else(|| Commands(RwSignal::new(None)))
}

/// Focus the element with `id` once the page has drawn it.
pub fn focus_when_drawn(id: &'static str) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
