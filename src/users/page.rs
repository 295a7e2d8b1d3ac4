use contract::{OrgRole, OrgUser};
use leptos::prelude::*;

use super::add_user::AddUser;
use super::api;
use super::invitations_api;
use super::pending_invitations::PendingInvitations;
use super::users_table::UsersTable;
use super::view_state::{ViewState, PAGE_SIZES};
use crate::live::{use_live, Topic};
use crate::session::use_session;
use crate::widgets::{download, load_view, url, ConfirmDialog, Loader, NoticeBar};

/// A change waiting for the person's confirmation.
#[derive(Clone)]
pub enum Pending {
    Role(OrgUser, OrgRole),
    Remove(OrgUser),
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let session = use_session();
    let (view, set_view) = url::use_view_state(ViewState::from_params, ViewState::href);
    // Another admin's change shows here without a reload.
    let live = use_live();
    let users = LocalResource::new(move || {
        live.track(Topic::Users);
        api::users(view.get())
    });
    let invitations = LocalResource::new(move || {
        live.track(Topic::Users);
        invitations_api::pending()
    });
    let space_names = LocalResource::new(move || {
        live.track(Topic::Spaces);
        api::space_names()
    });
    let my_role = move || session.me().and_then(|m| m.role()).unwrap_or(OrgRole::Member);
    let refresh = Callback::new(move |_| {
        users.refetch();
        invitations.refetch();
    });
    let me = move || session.me();

    let notice = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);
    let apply = Action::new_local(move |change: &Pending| {
        let change = change.clone();
        async move {
            match change {
                Pending::Role(user, role) => api::change_role(user.id, role)
                    .await
                    .map(|u| format!("{} is now {}.", name_of(&u), u.org_role.label())),
                Pending::Remove(user) => api::remove(user.id)
                    .await
                    .map(|_| format!("{} was removed from the organization.", name_of(&user))),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = apply.value().get() {
            pending.set(None);
            notice.set(Some(result.unwrap_or_else(|e| e.to_string())));
            users.refetch();
        }
    });

    let retry = Callback::new(move |_| users.refetch());
    // The rows as filtered, every page, as a spreadsheet file.
    let export = Action::new_local(move |view: &ViewState| {
        let view = view.clone();
        async move {
            let csv = api::export_csv(view).await.map_err(|e| e.to_string())?;
            let rows = csv.lines().count().saturating_sub(1);
            download::save_text("users.csv", "text/csv", &csv)?;
            Ok::<_, String>(format!("Exported {rows} users to users.csv."))
        }
    });
    Effect::new(move |_| {
        if let Some(result) = export.value().get() {
            notice.set(Some(result.unwrap_or_else(|e| e)));
        }
    });
    view! {
        <section class="page users" aria-labelledby="users-title">
            <div class="page-head">
                <h1 id="users-title">"Users"</h1>
                <div class="head-actions">
                    <button type="button" class="button" disabled=move || export.pending().get()
                        on:click=move |_| { export.dispatch(view.get_untracked()); }>"Export CSV"</button>
                    <AddUser my_role=my_role() on_created=refresh />
                </div>
            </div>
            <p class="muted page-intro">
                "Your team (owners and admins) and your customers (members). Members do not see the organization area or each other."
            </p>
            <NoticeBar notice=notice />
            <div class="toolbar">
                <div class="field inline grow">
                    <label for="users-search">"Search users"</label>
                    <input id="users-search" type="search" placeholder="Name or email"
                        prop:value=move || view.get().search
                        on:input=move |ev| set_view.run(ViewState { search: event_target_value(&ev), page: 1, ..view.get_untracked() }) />
                </div>
                <div class="field inline">
                    <label for="users-role">"Role"</label>
                    <select id="users-role" on:change=move |ev| {
                        let role = OrgRole::parse(&event_target_value(&ev));
                        set_view.run(ViewState { role, page: 1, ..view.get_untracked() });
                    }>
                        <option value="" selected=move || view.get().role.is_none()>"All roles"</option>
                        {OrgRole::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=move || view.get().role == Some(r)>{r.choice_label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <Loader label="Loading users…" retry=retry load=Callback::new(move |_| load_view(async move {
                // Without the names (an error there), the table still shows how many spaces.
                let names = space_names.await.unwrap_or_default();
                users.await.map(|page| {
                    let pages = view.get_untracked().pages(page.total);
                    view! {
                        <UsersTable page=page space_names=names view=view set_view=set_view me=me().map(|m| m.user.id).unwrap_or_default()
                            my_role=me().and_then(|m| m.role()).unwrap_or(OrgRole::Member)
                            on_change=Callback::new(move |p| pending.set(Some(p))) />
                        <nav class="pager" aria-label="Pages">
                            <button type="button" class="button small" disabled=move || { view.get().page <= 1 }
                                on:click=move |_| set_view.run(ViewState { page: view.get_untracked().page - 1, ..view.get_untracked() })>
                                "Previous page"
                            </button>
                            <span>{move || format!("Page {} of {pages}", view.get().page)}</span>
                            <button type="button" class="button small" disabled=move || { view.get().page >= pages }
                                on:click=move |_| set_view.run(ViewState { page: view.get_untracked().page + 1, ..view.get_untracked() })>
                                "Next page"
                            </button>
                            <span class="page-size">
                                <label for="users-per-page">"Rows per page"</label>
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
                    }.into_any()
                })
            })) />
            <section class="card" aria-labelledby="invitations-title">
                <h2 id="invitations-title">"Pending invitations"</h2>
                <Loader label="Loading invitations…" retry=refresh load=Callback::new(move |_| load_view(async move {
                    invitations.await.map(|list| view! {
                        <PendingInvitations invitations=list.invitations my_role=my_role() notice=notice on_change=refresh />
                    }.into_any())
                })) />
            </section>
            {move || pending.get().map(|change| {
                let (title, message, confirm) = match &change {
                    Pending::Role(user, role) => (
                        format!("Make {} {}?", name_of(user), with_article(*role)),
                        format!(
                            "{} changes from {} to {} in this organization. Their roles in each space stay as they are.",
                            name_of(user), user.org_role.label(), role.label()),
                        "Change role".to_string(),
                    ),
                    Pending::Remove(user) => (
                        format!("Remove {}?", name_of(user)),
                        format!(
                            "{} ({}) leaves the organization and loses access to the organization area, and is taken off the organization's {}. Their account and their own spaces stay.",
                            name_of(user), user.email,
                            match user.on_spaces.len() {
                                0 => "spaces (they work on none)".to_string(),
                                1 => "one space they work on".to_string(),
                                n => format!("{n} spaces they work on"),
                            }),
                        "Remove user".to_string(),
                    ),
                };
                view! {
                    <ConfirmDialog title=title message=message confirm_label=confirm pending=apply.pending()
                        on_confirm=Callback::new(move |_| { apply.dispatch(change.clone()); })
                        on_cancel=Callback::new(move |_| { pending.set(None); users.refetch(); }) />
                }
            })}
        </section>
    }
}

pub fn name_of(user: &OrgUser) -> String {
    user.friendly_name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| user.email.clone())
}

fn with_article(role: OrgRole) -> String {
    match role {
        OrgRole::Owner => "an Owner".into(),
        OrgRole::Admin => "an Admin".into(),
        OrgRole::Member => "a Member".into(),
    }
}
