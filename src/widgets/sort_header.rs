use leptos::prelude::*;

/// A column header that sorts its table; `aria-sort` says which way. `sorted` is None while the
/// table is sorted by another column, else whether it is descending.
#[component]
pub fn SortHeader(
    label: &'static str,
    #[prop(into)] sorted: Signal<Option<bool>>,
    on_sort: Callback<()>,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let aria_sort = move || match sorted.get() {
        Some(true) => "descending",
        Some(false) => "ascending",
        None => "none",
    };
    view! {
        <th scope="col" class:num=numeric aria-sort=aria_sort>
            <button type="button" class="sort-button" on:click=move |_| on_sort.run(())>
                {label}
                <span class="sort-indicator" aria-hidden="true">{move || match sorted.get() {
                    Some(true) => "▼",
                    Some(false) => "▲",
                    None => "",
                }}</span>
            </button>
        </th>
    }
}
