use leptos::prelude::*;

/// The outcome of the last action ("… was added"), announced to screen readers, until dismissed.
#[component]
pub fn NoticeBar(notice: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        notice.get().map(|text| {
            view! {
                <div class="notice-bar" role="status">
                    <span>{text}</span>
                    <button type="button" class="button small" on:click=move |_| notice.set(None)>{super::text::t().dismiss}</button>
                </div>
            }
        })
    }
}
