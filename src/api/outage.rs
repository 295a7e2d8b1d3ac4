//! Whether the service is out of reach for a moment (it answers 503 `unavailable`): reads wait
//! and try again by themselves, and the frame says so while they do.

use std::cell::{Cell, RefCell};

thread_local! {
    static HANDLER: RefCell<Option<Box<dyn Fn(bool)>>> = const { RefCell::new(None) };
    static DOWN: Cell<bool> = const { Cell::new(false) };
}

/// Told `true` when a read finds the service unavailable, and `false` once one is answered.
pub fn on_change(handler: impl Fn(bool) + 'static) {
    HANDLER.with(|h| *h.borrow_mut() = Some(Box::new(handler)));
}

pub(super) fn report(down: bool) {
    if DOWN.with(|d| d.replace(down)) == down {
        return;
    }
    HANDLER.with(|h| {
        if let Some(handler) = h.borrow().as_ref() {
            handler(down)
        }
    });
}

#[cfg(all(test, target_arch = "wasm32"))]
mod in_the_browser {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen_test::wasm_bindgen_test;

    /// The browser's `fetch` answers 503 `unavailable` twice (asking for a second's wait), then
    /// the answer; the real one is put back afterwards.
    const OUTAGE: &str = r#"
        globalThis.__realFetch = globalThis.fetch;
        globalThis.__calls = 0;
        globalThis.fetch = function () {
            globalThis.__calls += 1;
            const json = { "Content-Type": "application/json" };
            if (globalThis.__calls <= 2) {
                const body = { error: { code: "unavailable", message: "Unavailable for a moment", field: null } };
                return Promise.resolve(new Response(JSON.stringify(body), { status: 503, headers: { ...json, "Retry-After": "1" } }));
            }
            return Promise.resolve(new Response(JSON.stringify({ answer: 42 }), { status: 200, headers: json }));
        };
    "#;

    #[wasm_bindgen_test]
    async fn a_read_waits_out_an_outage_and_the_frame_hears_when_it_begins_and_ends() {
        let heard = Rc::new(RefCell::new(Vec::new()));
        let hearing = heard.clone();
        super::on_change(move |down| hearing.borrow_mut().push(down));
        js_sys::eval(OUTAGE).unwrap();
        let answer = crate::api::Call::get("/orgs/me").fetch::<serde_json::Value>().await;
        let calls = js_sys::eval("globalThis.fetch = globalThis.__realFetch; globalThis.__calls").unwrap();
        assert_eq!(answer.unwrap()["answer"], 42);
        assert_eq!(calls.as_f64(), Some(3.0), "asked again after each refusal");
        assert_eq!(*heard.borrow(), vec![true, false]);
    }
}
