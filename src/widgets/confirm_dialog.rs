use leptos::prelude::*;

/// A modal question with a cancel and a confirm button. Escape cancels.
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
    // Focus moves into the dialog so keyboard users land on it.
    Effect::new(move |_| {
        if let Some(button) = confirm.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div class="dialog-backdrop">
            <div class="dialog card" role="dialog" aria-modal="true" aria-labelledby="dialog-title" aria-describedby="dialog-message"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { on_cancel.run(()) }>
                <h2 id="dialog-title">{title}</h2>
                <p id="dialog-message">{message}</p>
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="button" class="button danger" node_ref=confirm disabled=move || pending.get()
                        on:click=move |_| on_confirm.run(())>{confirm_label}</button>
                </div>
            </div>
        </div>
    }
}
