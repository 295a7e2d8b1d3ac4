use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// What a keyboard can reach inside a dialog.
const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Keyboard rules of a modal dialog (the WAI-ARIA dialog pattern): Tab and Shift+Tab cycle
/// inside it, Escape closes it, and when it goes away focus returns to what opened it. Call it
/// while building the dialog. The keys are heard on the whole window, so they work also when
/// focus fell out of the dialog (its focused button was replaced, say).
pub fn modal_keys(dialog: NodeRef<leptos::html::Div>, close: Callback<()>) {
    let opener = SendWrapper::new(document().active_element());
    let keys = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            close.run(());
        }
        "Tab" => {
            let Some(dialog) = dialog.get_untracked() else {
                return;
            };
            let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
                return;
            };
            let item = |i: u32| list.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok());
            let (Some(first), Some(last)) = (item(0), item(list.length().saturating_sub(1))) else {
                return;
            };
            let active = document().active_element();
            let at = |el: &HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
            };
            let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
            if ev.shift_key() && (at(&first) || !inside) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && (at(&last) || !inside) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    });
    on_cleanup(move || {
        keys.remove();
        if let Some(opener) = opener.take().and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            if opener.is_connected() {
                let _ = opener.focus();
            }
        }
    });
}
