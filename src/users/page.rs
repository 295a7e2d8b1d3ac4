use super::text::t;
use contract::{OrgRole, OrgUser, Party};
use leptos::prelude::*;

use super::add_user::AddUser;
use super::api;
use super::invitations_api;
use super::pending_invitations::PendingInvitations;
use super::users_table::UsersTable;
use super::view_state::ViewState;
use crate::i18n::{fill, lang};
use crate::live::{use_live, Topic};
use crate::session::use_session;
use crate::widgets::{download, format, load_view, url, ConfirmDialog, Loader, NoticeBar};

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
    let undo = crate::undo::use_undo();
    // The notice is the page's, shared with other outcomes: each action sets it when it is done.
    let apply = Action::new_local(move |change: &Pending| {
        let change = change.clone();
        async move {
            // A removal is told by the undo notice, which offers to take it back.
            let said = match change {
                Pending::Role(user, role) => api::change_role(user.id, role)
                    .await
                    .map(|u| Some(fill(t().now_role, &[&name_of(&u), &u.org_role.label_in(lang())]))),
                Pending::Remove(user) => api::remove(user.id).await.map(|_| {
                    undo.offer();
                    None
                }),
            };
            pending.set(None);
            notice.set(said.unwrap_or_else(|e| Some(e.to_string())));
            users.refetch();
        }
    });

    let retry = Callback::new(move |_| users.refetch());
    // The rows as filtered, every page, as a spreadsheet file.
    let export = Action::new_local(move |view: &ViewState| {
        let view = view.clone();
        async move {
            let saved = async {
                let csv = api::export_csv(view).await.map_err(|e| e.to_string())?;
                let rows = csv.lines().count().saturating_sub(1);
                download::save_text("users.csv", "text/csv", &csv)?;
                Ok::<_, String>(fill(t().exported, &[&format::count(rows as i64)]))
            };
            notice.set(Some(saved.await.unwrap_or_else(|e| e)));
        }
    });
    // From the command palette.
    let commands = crate::commands::use_commands();
    Effect::new(move |_| {
        if commands.take(crate::commands::Command::ExportUsers) {
            export.dispatch(view.get_untracked());
        }
    });
    view! {
        <section class="page users" aria-labelledby="users-title">
            <div class="page-head">
                <h1 id="users-title">{t().title}</h1>
                <div class="head-actions">
                    <button type="button" class="button" disabled=move || export.pending().get()
                        on:click=move |_| { export.dispatch(view.get_untracked()); }>{t().export_csv}</button>
                    <AddUser my_role=my_role() on_created=refresh />
                </div>
            </div>
            <p class="muted page-intro">
                {t().intro}
            </p>
            <NoticeBar notice=notice />
            <div class="toolbar">
                <div class="field inline grow">
                    <label for="users-search">{t().search_label}</label>
                    <input id="users-search" type="search" placeholder=t().search_placeholder
                        prop:value=move || view.get().search
                        on:input=move |ev| set_view.run(ViewState { search: event_target_value(&ev), page: 1, ..view.get_untracked() }) />
                </div>
                <div class="field inline">
                    <label for="users-role">{t().role}</label>
                    <select id="users-role" on:change=move |ev| {
                        let role = OrgRole::parse(&event_target_value(&ev));
                        set_view.run(ViewState { role, page: 1, ..view.get_untracked() });
                    }>
                        <option value="" selected=move || view.get().role.is_none()>{t().all_roles}</option>
                        {OrgRole::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=move || view.get().role == Some(r)>{r.choice_label_in(lang())}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <UsersTable users=users space_names=space_names view=view set_view=set_view
                actor=Signal::derive(move || Party { user_id: me().map(|m| m.user.id).unwrap_or_default(), role: my_role() })
                retry=retry
                on_change=Callback::new(move |p| pending.set(Some(p))) />
            <section class="card" aria-labelledby="invitations-title">
                <h2 id="invitations-title">{t().pending_invitations}</h2>
                <Loader label=t().loading_invitations retry=refresh load=Callback::new(move |_| load_view(async move {
                    invitations.await.map(|list| view! {
                        <PendingInvitations invitations=list.invitations my_role=my_role() notice=notice on_change=refresh />
                    }.into_any())
                })) />
            </section>
            {move || pending.get().map(|change| {
                let (title, message, confirm) = match &change {
                    Pending::Role(user, role) => (
                        fill(make_role(*role), &[&name_of(user)]),
                        fill(t().role_change_text, &[&name_of(user), &user.org_role.label_in(lang()), &role.label_in(lang())]),
                        t().change_role.to_string(),
                    ),
                    Pending::Remove(user) => (
                        fill(t().remove_title, &[&name_of(user)]),
                        fill(t().remove_text, &[&name_of(user), &user.email,
                            &match user.on_spaces.len() {
                                0 => t().remove_no_spaces.to_string(),
                                1 => t().remove_one_space.to_string(),
                                n => fill(t().remove_spaces, &[&n]),
                            }]),
                        t().remove_user.to_string(),
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

/// "Make {0} an Owner?": the article goes with the role, in each language differently.
fn make_role(role: OrgRole) -> &'static str {
    match role {
        OrgRole::Owner => t().make_owner,
        OrgRole::Admin => t().make_admin,
        OrgRole::Member => t().make_member,
    }
}
