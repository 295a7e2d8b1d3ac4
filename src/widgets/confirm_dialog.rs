use leptos::prelude::*;

/// A modal question with a cancel and a confirm button. Escape cancels; focus stays inside and
/// returns to what opened it.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    #[prop(into)] confirm_label: String,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    #[prop(into, optional)] pending: Signal<bool>,
) -> impl IntoView {
    let confirm = NodeRef::<leptos::html::Button>::new();
    let dialog = NodeRef::<leptos::html::Div>::new();
    super::modal_keys(dialog, on_cancel);
    // Focus moves into the dialog so keyboard users land on it.
    Effect::new(move |_| {
        if let Some(button) = confirm.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div class="dialog-backdrop">
            <div class="dialog card" role="dialog" aria-modal="true" aria-labelledby="dialog-title" aria-describedby="dialog-message"
                node_ref=dialog>
                <h2 id="dialog-title">{title}</h2>
                <p id="dialog-message">{message}</p>
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>{super::text::t().cancel}</button>
                    <button type="button" class="button danger" node_ref=confirm disabled=move || pending.get()
                        on:click=move |_| on_confirm.run(())>{confirm_label}</button>
                </div>
            </div>
        </div>
    }
}
