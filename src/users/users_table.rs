use std::collections::HashMap;

use super::text::t;
use crate::widgets::text::t as shared;
use contract::{assignable_roles, check_removal, check_role_change, Keepers, OrgRole, OrgUser, Party, UsersPage};
use leptos::prelude::*;

use super::page::{name_of, Pending};
use super::pager::Pager;
use super::view_state::{sort_label, ViewState, SORTABLE};
use crate::api::ApiError;
use crate::i18n::{fill, lang};
use crate::widgets::markup::Markup;
use crate::widgets::{format, keep_focus_across_redraw, ErrorPanel, Loading, SortHeader};
use contract::UserSort;

type Loaded<T> = LocalResource<Result<T, ApiError>>;

/// What the users part of the page shows; the table is built once it is `Ready` and then only its
/// rows and counts change, page after page.
#[derive(Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(String),
    Ready,
}

/// The rows of the page drawn now, as markup, with the counts shown above them.
#[derive(Clone, PartialEq)]
struct Rows {
    markup: String,
    shown: usize,
    total: i64,
}

/// The page of users the view asks for: loading, its error with a retry, or the table with its
/// pager. Moving between pages, sorting and searching replace the rows' markup in place: the
/// table, its headers and the pager are drawn once (docs/decisions.md, "Users and invitations").
#[component]
pub fn UsersTable(
    users: Loaded<UsersPage>,
    space_names: Loaded<HashMap<i64, String>>,
    view: Memo<ViewState>,
    set_view: Callback<ViewState>,
    /// Who is signed in and their role now: the rows' controls follow a change of it.
    actor: Signal<Party>,
    on_change: Callback<Pending>,
    retry: Callback<()>,
) -> impl IntoView {
    let shown = Memo::new(move |_| {
        let failed = users.with(|page| page.as_ref().map(|page| page.as_ref().err().map(ToString::to_string)));
        match failed {
            None => Shown::Loading,
            Some(Some(error)) => Shown::Failed(error),
            // Without the names (an error there), the table still shows how many spaces.
            Some(None) if space_names.with(Option::is_some) => Shown::Ready,
            Some(None) => Shown::Loading,
        }
    });
    let rows = Memo::new(move |before: Option<&Rows>| {
        let no_names = HashMap::new();
        space_names.with(|names| {
            let names = names.as_ref().and_then(|n| n.as_ref().ok()).unwrap_or(&no_names);
            users.with(|page| match page {
                Some(Ok(page)) => {
                    // The rows are replaced under the person's focus (a live update, a role changed).
                    if before.is_some() {
                        keep_focus_across_redraw();
                    }
                    let mut markup = Markup::with_capacity(page.users.len() * 1200);
                    let actor = actor.get();
                    for user in &page.users {
                        write_row(&mut markup, user, &spaces_cell(&user.on_spaces, names), actor);
                    }
                    let markup = markup.finish();
                    crate::widgets::timing::mark("org-area:users-rows-written");
                    Rows {
                        markup,
                        shown: page.users.len(),
                        total: page.total,
                    }
                }
                // A failed reload keeps the rows it had until the error is shown instead.
                _ => before.cloned().unwrap_or(Rows {
                    markup: String::new(),
                    shown: 0,
                    total: 0,
                }),
            })
        })
    });
    // The person whose control (the closest element with `attribute`, holding their id) the event
    // came from, among the rows drawn now.
    let person_of = move |ev: &web_sys::Event, attribute: &str| -> Option<OrgUser> {
        let target: web_sys::Element = event_target(ev);
        let control = target.closest(&format!("[{attribute}]")).ok().flatten()?;
        let id: i64 = control.get_attribute(attribute)?.parse().ok()?;
        users.with_untracked(|page| {
            let page = page.as_ref()?.as_ref().ok()?;
            page.users.iter().find(|u| u.id == id).cloned()
        })
    };
    let header = move |key: UserSort| {
        view! {
            <SortHeader label=sort_label(key)
                sorted=Signal::derive(move || view.with(|v| (v.sort == key).then_some(v.descending)))
                on_sort=Callback::new(move |_| set_view.run(view.get_untracked().sorted_by(key))) />
        }
    };
    let table = move || {
        view! {
            <section class="card table-card" aria-labelledby="users-table-title" tabindex="0">
                <div class="table-toolbar">
                    <h2 id="users-table-title">{t().people}</h2>
                </div>
                <p class="muted table-count" aria-live="polite">{move || rows.with(|r| {
                    fill(t().shown_of, &[&format::count(r.shown as i64), &format::count(r.total)])
                })}</p>
                // On a phone each person becomes a stacked card of labelled lines (style.css).
                <table class="table stack">
                    <thead>
                        <tr>
                            {SORTABLE[..3].iter().copied().map(header).collect_view()}
                            <th scope="col">{t().spaces}</th>
                            {SORTABLE[3..].iter().copied().map(header).collect_view()}
                            <th scope="col">{t().two_factor}</th>
                            <th scope="col"><span class="visually-hidden">{shared().actions}</span></th>
                        </tr>
                    </thead>
                    // The rows are written as one string and read by the browser's parser at once
                    // (widgets::markup, docs/decisions.md); the two controls answer through the
                    // table body, which finds the person by the id the control carries.
                    <tbody inner_html=move || rows.with(|r| r.markup.clone())
                        on:change=move |ev| {
                            let Some(user) = person_of(&ev, "data-user") else { return };
                            if let Some(role) = OrgRole::parse(&event_target_value(&ev)) {
                                on_change.run(Pending::Role(user, role));
                            }
                        }
                        on:click=move |ev| {
                            if let Some(user) = person_of(&ev, "data-remove") {
                                on_change.run(Pending::Remove(user));
                            }
                        }>
                    </tbody>
                </table>
                {move || rows.with(|r| r.shown == 0).then(|| view! { <p class="empty-state table-empty">{t().no_match}</p> })}
            </section>
            <Pager view=view set_view=set_view total=Signal::derive(move || rows.with(|r| r.total)) />
        }
    };
    move || match shown.get() {
        Shown::Loading => view! { <Loading label=t().loading_users /> }.into_any(),
        Shown::Failed(error) => view! { <ErrorPanel error=error retry=retry /> }.into_any(),
        Shown::Ready => table().into_any(),
    }
}

/// One person's row: the role control and the remove button only where the permission rules
/// (the same functions the server runs) allow the signed-in person to use them.
fn write_row(m: &mut Markup, user: &OrgUser, spaces: &str, actor: Party) {
    let name = name_of(user);
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
    let id = user.id.to_string();
    m.tag(if user.disabled {
        "<tr class=\"disabled-user\"><td>"
    } else {
        "<tr><td>"
    });
    m.tag("<span class=\"cell-primary\">").text(&name).tag("</span>");
    if user.disabled {
        m.tag("<span class=\"badge\">").text(t().disabled).tag("</span>");
    }
    m.tag("</td><td")
        .attr("data-label", t().email)
        .tag(">")
        .text(&user.email);
    m.tag("</td><td").attr("data-label", t().role).tag(">");
    if can_change {
        m.tag("<select class=\"role-select\"")
            .attr("aria-label", &fill(t().role_for, &[&name]))
            .attr("data-user", &id)
            .tag(">");
        for role in choices {
            m.tag("<option").attr("value", role.as_str());
            if role == user.org_role {
                m.tag(" selected");
            }
            m.tag(">").text(role.choice_label_in(lang())).tag("</option>");
        }
        m.tag("</select>");
    } else {
        m.tag("<span>").text(user.org_role.label_in(lang())).tag("</span>");
    }
    if user.org_role.is_deprecated() {
        // widgets::DeprecatedBadge, as markup.
        m.tag("<span class=\"badge badge-deprecated\">")
            .text(shared().deprecated)
            .tag("</span>");
    }
    m.tag("</td><td class=\"spaces-cell\"")
        .attr("data-label", t().spaces)
        .tag(">")
        .text(spaces);
    m.tag("</td><td class=\"num\"")
        .attr("data-label", t().sign_ins)
        .tag(">")
        .text(&user.sign_in_count.to_string());
    m.tag("</td><td")
        .attr("data-label", t().last_sign_in)
        .tag(">")
        .text(&last_sign_in);
    m.tag("</td><td")
        .attr("data-label", t().two_factor)
        .tag(">")
        .text(if user.two_factor { t().on } else { t().off });
    m.tag("</td><td class=\"actions\">");
    if can_remove {
        m.tag("<button type=\"button\" class=\"button small\"")
            .attr("aria-label", &fill(t().remove_person, &[&name]))
            .attr("data-remove", &id)
            .tag(">")
            .text(t().remove)
            .tag("</button>");
    }
    m.tag("</td></tr>");
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
