use super::text::t;
use crate::widgets::text::t as shared;
use leptos::prelude::*;

use super::view_state::{ViewState, PAGE_SIZES};
use crate::i18n::fill;

/// Previous and next page, where the view is among its pages, and how many rows a page holds.
#[component]
pub fn Pager(view: Memo<ViewState>, set_view: Callback<ViewState>, total: Signal<i64>) -> impl IntoView {
    let pages = move || view.with(|v| v.pages(total.get()));
    view! {
        <nav class="pager" aria-label=shared().pages>
            <button type="button" class="button small" disabled=move || { view.get().page <= 1 }
                on:click=move |_| set_view.run(ViewState { page: view.get_untracked().page - 1, ..view.get_untracked() })>
                {shared().previous_page}
            </button>
            <span>{move || fill(shared().page_of, &[&view.get().page, &pages()])}</span>
            <button type="button" class="button small" disabled=move || { view.get().page >= pages() }
                on:click=move |_| set_view.run(ViewState { page: view.get_untracked().page + 1, ..view.get_untracked() })>
                {shared().next_page}
            </button>
            <span class="page-size">
                <label for="users-per-page">{t().rows_per_page}</label>
                <select id="users-per-page" on:change=move |ev| {
                    if let Ok(per_page) = event_target_value(&ev).parse() {
                        set_view.run(ViewState { per_page, page: 1, ..view.get_untracked() });
                    }
                }>
                    {PAGE_SIZES.into_iter().map(|n| view! {
                        <option value=n.to_string() selected=move || view.get().per_page == n>{n}</option>
                    }).collect_view()}
                </select>
            </span>
        </nav>
    }
}
