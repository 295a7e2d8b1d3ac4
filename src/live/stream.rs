//! The connection to the event stream: opened while an owner or admin is signed in, reopened
//! after a drop (at once, then backing off to half a minute) with the last id seen, so nothing
//! that happened in between is missed.

use contract::ChangeEvent;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult};

use super::events::Parser;
use super::Live;
use crate::api::{self, ApiError};
use crate::session::Session;

const LONGEST_WAIT_MS: u32 = 30_000;

/// Follow the organization's changes until the returned controller is aborted.
pub fn follow(live: Live, session: Session) -> AbortController {
    let controller = AbortController::new().expect("AbortController exists in every supported browser");
    let signal = controller.signal();
    spawn_local(async move {
        let mut last_id: Option<String> = None;
        let mut wait_ms = 0;
        while !signal.aborted() {
            if wait_ms > 0 {
                gloo_timers::future::TimeoutFuture::new(wait_ms).await;
            }
            match read(live, &signal, &mut last_id).await {
                // It was open and ended (the server restarted, a proxy closed it): reopen soon.
                Ok(()) => wait_ms = 1_000,
                // Signed out: the app is on its way to the sign-in page.
                Err(ApiError::Unauthorized(_)) => return,
                // No longer allowed (the role changed): who we are now decides what shows.
                Err(ApiError::Refused { status: 403 | 404, .. }) => {
                    session.refresh();
                    return;
                }
                Err(_) => wait_ms = (wait_ms * 2).clamp(1_000, LONGEST_WAIT_MS),
            }
        }
    });
    controller
}

/// One connection, until it ends. `Ok` when it was open.
async fn read(live: Live, signal: &web_sys::AbortSignal, last_id: &mut Option<String>) -> Result<(), ApiError> {
    let mut call = api::Call::get("/orgs/me/events");
    if let Some(id) = last_id.as_deref() {
        call = call.header("Last-Event-ID", id);
    }
    let body = call.stream(signal).await?;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut parser = Parser::default();
    loop {
        let Ok(result) = JsFuture::from(reader.read()).await else {
            return Ok(());
        };
        let result: ReadableStreamReadResult = result.unchecked_into();
        if result.get_done().unwrap_or(true) {
            return Ok(());
        }
        let bytes = js_sys::Uint8Array::new(&result.get_value()).to_vec();
        let mut changes = Vec::new();
        for sent in parser.push(&bytes) {
            if let Some(id) = sent.id {
                *last_id = Some(id);
            }
            if sent.event == "change" {
                if let Ok(change) = serde_json::from_str::<ChangeEvent>(&sent.data) {
                    changes.push(change);
                }
            }
        }
        if !changes.is_empty() {
            live.changed(&changes);
        }
    }
}
