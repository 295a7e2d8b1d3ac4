use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// What has focus, told by what survives a redraw: its id, or its tag with its accessible
/// label or text.
struct Focused {
    id: String,
    tag: String,
    label: Option<String>,
    text: String,
}

fn focused() -> Option<HtmlElement> {
    let active = document().active_element()?.dyn_into::<HtmlElement>().ok()?;
    (active.tag_name() != "BODY").then_some(active)
}

impl Focused {
    fn now() -> Option<Focused> {
        let active = focused()?;
        Some(Focused {
            id: active.id(),
            tag: active.tag_name(),
            label: active.get_attribute("aria-label"),
            text: active.text_content().unwrap_or_default(),
        })
    }

    fn find(&self) -> Option<HtmlElement> {
        if !self.id.is_empty() {
            return document().get_element_by_id(&self.id)?.dyn_into().ok();
        }
        let list = document().query_selector_all(&self.tag).ok()?;
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
            .find(|el| match &self.label {
                Some(label) => el.get_attribute("aria-label").as_ref() == Some(label),
                None => el.text_content().unwrap_or_default() == self.text,
            })
    }
}

/// Call just before a part of the screen is drawn anew with fresh data (a live update): if the
/// element that has focus is replaced, focus moves to its replacement instead of falling back to
/// the page, where a keyboard or screen reader user would lose their place.
pub fn keep_focus_across_redraw() {
    let Some(before) = Focused::now() else {
        return;
    };
    let before = SendWrapper::new(before);
    request_animation_frame(move || {
        if focused().is_none() {
            if let Some(again) = before.find() {
                let _ = again.focus();
            }
        }
    });
}
