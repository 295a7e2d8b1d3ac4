use leptos::prelude::*;

/// The outcome of the last action ("… was added"), announced to screen readers, until dismissed.
#[component]
pub fn NoticeBar(notice: RwSignal<Option<String>>) -> impl IntoView {
    view! { <Notice text=notice dismiss=Callback::new(move |_| notice.set(None)) /> }
}

/// The same for an outcome read from elsewhere (a form's saved result), with its own way to
/// dismiss it.
#[component]
pub fn Notice(#[prop(into)] text: Signal<Option<String>>, dismiss: Callback<()>) -> impl IntoView {
    move || {
        text.get().map(|text| {
            view! {
                <div class="notice-bar" role="status">
                    <span>{text}</span>
                    <button type="button" class="button small" on:click=move |_| dismiss.run(())>{super::text::t().dismiss}</button>
                </div>
            }
        })
    }
}
