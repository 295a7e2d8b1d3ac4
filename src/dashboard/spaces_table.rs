use super::text::t;
use crate::i18n::{fill, lang};
use crate::widgets::text::t as shared;
use contract::{region_allowed, region_codes, OrgSpace, Region};
use leptos::prelude::*;
use leptos_router::components::A;

use super::view_state::{SortKey, ViewState};
use crate::widgets::{format, SortHeader};

/// Every space of the organization with its owner, users, plan and traffic; filter and sort are
/// part of the address.
#[component]
pub fn SpacesTable(
    spaces: Vec<OrgSpace>,
    /// The regions the organization allows (empty: all): spaces elsewhere are flagged.
    allowed_regions: Vec<Region>,
    view: Memo<ViewState>,
    set_view: Callback<ViewState>,
    on_detach: Callback<OrgSpace>,
) -> impl IntoView {
    let total = spaces.len();
    let outside: Vec<String> = spaces
        .iter()
        .filter(|s| !region_allowed(&allowed_regions, s.region))
        .map(|s| format!("{} ({})", s.name, s.region.as_str()))
        .collect();
    let outside_note = (!outside.is_empty()).then(|| {
        let text = fill(
            t().outside_summary,
            &[&outside.len(), &outside.join(", "), &region_codes(&allowed_regions)],
        );
        view! { <p class="alert alert-warning">{text}</p> }
    });
    let allowed = StoredValue::new(allowed_regions);
    let spaces = StoredValue::new(spaces);
    let rows = Memo::new(move |_| spaces.with_value(|all| view.with(|v| v.apply(all))));

    let header = move |key: SortKey| {
        view! {
            <SortHeader label=key.label() numeric=key.is_numeric()
                sorted=Signal::derive(move || view.with(|v| (v.sort == key).then_some(v.descending)))
                on_sort=Callback::new(move |_| set_view.run(view.get_untracked().sorted_by(key))) />
        }
    };

    view! {
        <section class="card table-card" aria-labelledby="spaces-title" tabindex="0">
            <div class="table-toolbar">
                <h2 id="spaces-title">{t().all_spaces}</h2>
                <div class="field inline">
                    <label for="spaces-filter">{t().filter_spaces}</label>
                    <input id="spaces-filter" type="search" placeholder=t().filter_placeholder
                        prop:value=move || view.get().filter
                        on:input=move |ev| set_view.run(ViewState { filter: event_target_value(&ev), ..view.get_untracked() }) />
                </div>
            </div>
            {outside_note}
            <p class="muted table-count" aria-live="polite">
                {move || fill(t().spaces_count, &[&format::count(rows.with(|r| r.len()) as i64), &format::count(total as i64)])}
            </p>
            <table class="table stack">
                <thead>
                    <tr>
                        {SortKey::ALL.into_iter().map(header).collect_view()}
                        <th scope="col"><span class="visually-hidden">{shared().actions}</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|s| (s.id, s.traffic_bytes, s.user_count) let:space>
                        <SpaceRow allowed=allowed.with_value(|a| region_allowed(a, space.region)) space=space on_detach=on_detach />
                    </For>
                </tbody>
            </table>
            <Show when=move || rows.with(|r| r.is_empty())>
                <p class="empty-state table-empty">{t().no_match}</p>
            </Show>
        </section>
    }
}

#[component]
fn SpaceRow(space: OrgSpace, allowed: bool, on_detach: Callback<OrgSpace>) -> impl IntoView {
    let detach_label = fill(t().detach_named, &[&space.name]);
    let for_detach = space.clone();
    view! {
        <tr>
            <td><A href=crate::mount::href(&format!("/spaces/{}", space.id))>{space.name}</A></td>
            <td data-label=t().owner>
                <div>
                    <span class="cell-primary">{space.owner_name}</span>
                    <span class="cell-secondary">{space.owner_email}</span>
                </div>
            </td>
            <td class="num" data-label=t().users>{space.user_count}</td>
            <td data-label=t().plan><span class="badge badge-plan">{space.plan}</span></td>
            <td data-label=t().region>
                <span title=space.region.name_in(lang())>{space.region.as_str()}</span>
                {(!allowed).then(|| view! { " " <span class="badge badge-warning">{t().outside_regions}</span> })}
            </td>
            <td class="num" data-label=t().traffic>{format::bytes(space.traffic_bytes)}</td>
            <td class="actions">
                <button type="button" class="button small" aria-label=detach_label
                    on:click=move |_| on_detach.run(for_detach.clone())>{t().detach}</button>
            </td>
        </tr>
    }
}
