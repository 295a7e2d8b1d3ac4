//! Which requests a person asked for. The server ends a session that no person used for its idle
//! timeout, so the app's own work (refreshing a screen after a live change, its timers) must not
//! keep a session alive: a request sent with no key or pointer press in the last few seconds says
//! it is background work (`X-Background: 1`).

use std::cell::Cell;

use leptos::prelude::window_event_listener;

/// A request this soon after a key or pointer press is the person's.
const RECENT_MS: f64 = 5_000.0;

thread_local! {
    /// When the person last pressed a key or a pointer; the page's opening counts as one.
    static LAST_INPUT: Cell<f64> = Cell::new(js_sys::Date::now());
}

/// Start hearing key and pointer presses, once per page.
pub fn watch_input() {
    let pressed = |_| LAST_INPUT.with(|last| last.set(js_sys::Date::now()));
    // Kept for the page's life: the handles are never removed.
    let _ = window_event_listener(leptos::ev::keydown, move |e| pressed(e.type_()));
    let _ = window_event_listener(leptos::ev::pointerdown, move |e| pressed(e.type_()));
}

/// Whether a request sent now is background work.
pub fn in_background() -> bool {
    LAST_INPUT.with(|last| js_sys::Date::now() - last.get() > RECENT_MS)
}
