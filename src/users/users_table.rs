use std::collections::HashMap;

use super::text::t;
use crate::widgets::text::t as shared;
use contract::{assignable_roles, check_removal, check_role_change, Keepers, OrgRole, OrgUser, Party, UsersPage};
use leptos::prelude::*;

use super::page::{name_of, Pending};
use super::view_state::{SortKey, ViewState};
use crate::i18n::{fill, lang};
use crate::widgets::{format, DeprecatedBadge, SortHeader};

/// One page of users. The role control and the remove button appear only where the permission
/// rules (the same functions the server runs) allow the signed-in person to use them.
#[component]
pub fn UsersTable(
    page: UsersPage,
    space_names: HashMap<i64, String>,
    view: Memo<ViewState>,
    set_view: Callback<ViewState>,
    me: i64,
    my_role: OrgRole,
    on_change: Callback<Pending>,
) -> impl IntoView {
    let header = move |key: SortKey| {
        view! {
            <SortHeader label=key.label()
                sorted=Signal::derive(move || view.with(|v| (v.sort == key).then_some(v.descending)))
                on_sort=Callback::new(move |_| set_view.run(view.get_untracked().sorted_by(key))) />
        }
    };
    let total = page.total;
    let shown = page.users.len();
    let actor = Party {
        user_id: me,
        role: my_role,
    };
    view! {
        <section class="card table-card" aria-labelledby="users-table-title" tabindex="0">
            <div class="table-toolbar">
                <h2 id="users-table-title">{t().people}</h2>
            </div>
            <p class="muted table-count" aria-live="polite">{fill(t().shown_of, &[&format::count(shown as i64), &format::count(total)])}</p>
            // On a phone each person becomes a stacked card of labelled lines (style.css).
            <table class="table stack">
                <thead>
                    <tr>
                        {[SortKey::Name, SortKey::Email, SortKey::Role].into_iter().map(header).collect_view()}
                        <th scope="col">{t().spaces}</th>
                        {[SortKey::SignIns, SortKey::LastSignIn].into_iter().map(header).collect_view()}
                        <th scope="col">{t().two_factor}</th>
                        <th scope="col"><span class="visually-hidden">{shared().actions}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {page.users.into_iter().map(|user| {
                        let spaces = spaces_cell(&user.on_spaces, &space_names);
                        view! { <UserRow user=user spaces=spaces actor=actor on_change=on_change /> }
                    }).collect_view()}
                </tbody>
            </table>
            {(shown == 0).then(|| view! { <p class="empty-state table-empty">{t().no_match}</p> })}
        </section>
    }
}

#[component]
fn UserRow(user: OrgUser, spaces: String, actor: Party, on_change: Callback<Pending>) -> impl IntoView {
    let name = name_of(&user);
    let target = Party {
        user_id: user.id,
        role: user.org_role,
    };
    // The roles the signed-in person may give this one; whether the last owner or admin would go is
    // for the server to say, as only it knows the count.
    let choices: Vec<OrgRole> = assignable_roles(actor.role)
        .iter()
        .copied()
        .filter(|r| check_role_change(actor, target, *r, Keepers::UNKNOWN).is_ok())
        .collect();
    let can_change = choices.iter().any(|r| *r != user.org_role);
    let can_remove = check_removal(actor, target, Keepers::UNKNOWN).is_ok();
    let last_sign_in = user
        .last_sign_in_at
        .as_deref()
        .map(format::day)
        .unwrap_or_else(|| t().never.into());
    let role_label = fill(t().role_for, &[&name]);
    let remove_label = fill(t().remove_person, &[&name]);
    let for_role = user.clone();
    let for_remove = user.clone();
    view! {
        <tr class:disabled-user=user.disabled>
            <td>
                <span class="cell-primary">{name.clone()}</span>
                {user.disabled.then(|| view! { <span class="badge">{t().disabled}</span> })}
            </td>
            <td data-label=t().email>{user.email.clone()}</td>
            <td data-label=t().role>
                {if can_change {
                    view! {
                        <select class="role-select" aria-label=role_label on:change=move |ev| {
                            if let Some(role) = OrgRole::parse(&event_target_value(&ev)) {
                                on_change.run(Pending::Role(for_role.clone(), role));
                            }
                        }>
                            {choices.into_iter().map(|r| view! {
                                <option value=r.as_str() selected=r == user.org_role>{r.choice_label_in(lang())}</option>
                            }).collect_view()}
                        </select>
                    }.into_any()
                } else {
                    view! { <span>{user.org_role.label_in(lang())}</span> }.into_any()
                }}
                {user.org_role.is_deprecated().then(|| view! { <DeprecatedBadge /> })}
            </td>
            <td class="spaces-cell" data-label=t().spaces>{spaces}</td>
            <td class="num" data-label=t().sign_ins>{user.sign_in_count}</td>
            <td data-label=t().last_sign_in>{last_sign_in}</td>
            <td data-label=t().two_factor>{if user.two_factor { t().on } else { t().off }}</td>
            <td class="actions">
                {can_remove.then(|| view! {
                    <button type="button" class="button small" aria-label=remove_label
                        on:click=move |_| on_change.run(Pending::Remove(for_remove.clone()))>{t().remove}</button>
                })}
            </td>
        </tr>
    }
}

/// The names of the spaces a user works on, the first three and how many more; "None" if none.
fn spaces_cell(ids: &[i64], names: &HashMap<i64, String>) -> String {
    if ids.is_empty() {
        return t().none.into();
    }
    let mut known: Vec<&str> = ids.iter().filter_map(|id| names.get(id).map(String::as_str)).collect();
    if known.is_empty() {
        return fill(t().n_spaces, &[&ids.len()]);
    }
    known.sort_unstable();
    let shown = known.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    match ids.len().saturating_sub(3) {
        0 => shown,
        more => fill(t().and_more, &[&shown, &more]),
    }
}
