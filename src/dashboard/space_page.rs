//! One connected space: who works on it, with which collaborator role. Owners and admins add any
//! user of the organization at no extra charge, change their role in the space, or take them off.

use super::text::{space_role, t};
use crate::i18n::{fill, lang};
use crate::widgets::text::t as shared;
use contract::{Collaborator, SpaceDetail, COLLABORATOR_ROLES};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::api;
use crate::live::{use_live, Topic};
use crate::widgets::{load_view, DeprecatedBadge, Loader, NoticeBar};

#[component]
pub fn SpacePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0));
    let live = use_live();
    let detail = LocalResource::new(move || {
        live.track(Topic::Spaces);
        api::space(id.get())
    });
    let notice = RwSignal::new(None::<String>);
    let refresh = Callback::new(move |_| detail.refetch());

    let undo = crate::undo::use_undo();
    let change = Action::new_local(move |(user, role, name): &(i64, Option<String>, String)| {
        let (space, user, role, name) = (id.get_untracked(), *user, role.clone(), name.clone());
        async move {
            // A removal is told by the undo notice, which offers to take it back.
            let said = match role {
                Some(role) => api::set_collaborator(space, user, role.clone())
                    .await
                    .map(|_| Some(fill(t().now_space_role, &[&name, &space_role(&role)]))),
                None => api::remove_collaborator(space, user).await.map(|_| {
                    undo.offer();
                    None
                }),
            };
            notice.set(said.unwrap_or_else(|e| Some(e.to_string())));
            detail.refetch();
        }
    });
    let on_change = Callback::new(move |c: (i64, Option<String>, String)| {
        change.dispatch(c);
    });

    view! {
        <section class="page space" aria-labelledby="space-title">
            <A href=crate::mount::href("/") attr:class="back-link">{t().all_spaces_link}</A>
            <NoticeBar notice=notice />
            <Loader label=t().loading_space retry=refresh load=Callback::new(move |_| load_view(async move {
                detail.await.map(|d| view! { <SpaceView detail=d on_change=on_change /> }.into_any())
            })) />
        </section>
    }
}

#[component]
fn SpaceView(detail: SpaceDetail, on_change: Callback<(i64, Option<String>, String)>) -> impl IntoView {
    let space = detail.space;
    let on_space: Vec<i64> = detail.collaborators.iter().map(|c| c.user_id).collect();
    view! {
        <h1 id="space-title">{space.name.clone()}</h1>
        <p class="muted">
            {fill(t().owned_by, &[&space.owner_name, &space.owner_email, &space.plan])}
            {t().collaborators_free}
        </p>
        <p class="space-region">
            {fill(t().kept_in, &[&space.region.label_in(lang())])}
            {(!contract::region_allowed(&detail.allowed_regions, space.region)).then(|| view! {
                " " <span class="badge badge-warning">{t().outside_regions}</span>
            })}
        </p>
        <AddCollaborator on_space=on_space on_change=on_change />
        <section class="card table-card" aria-labelledby="collaborators-title" tabindex="0">
            <div class="table-toolbar"><h2 id="collaborators-title">{t().collaborators}</h2></div>
            <p class="muted table-count">{fill(t().people_on_space, &[&detail.collaborators.len()])}</p>
            // On a phone each collaborator becomes a stacked card of labelled lines (style.css).
            <table class="table stack">
                <thead><tr>
                    <th scope="col">{t().name}</th><th scope="col">{t().org_role}</th><th scope="col">{t().space_role}</th>
                    <th scope="col"><span class="visually-hidden">{shared().actions}</span></th>
                </tr></thead>
                <tbody>
                    {detail.collaborators.into_iter().map(|c| view! { <CollaboratorRow collaborator=c on_change=on_change /> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn CollaboratorRow(collaborator: Collaborator, on_change: Callback<(i64, Option<String>, String)>) -> impl IntoView {
    let (user, name) = (collaborator.user_id, collaborator.friendly_name.clone());
    let name_for_remove = name.clone();
    view! {
        <tr>
            <td>
                <span class="cell-primary">{collaborator.friendly_name.clone()}</span>
                <span class="cell-secondary">{collaborator.email.clone()}</span>
            </td>
            <td data-label=t().org_role>
                {collaborator.org_role.map(|r| r.label_in(lang())).unwrap_or(t().not_in_org)}
                {collaborator.org_role.is_some_and(|r| r.is_deprecated()).then(|| view! { <DeprecatedBadge /> })}
            </td>
            <td data-label=t().space_role>
                <select class="role-select" aria-label=fill(t().space_role_for, &[&name])
                    on:change=move |ev| on_change.run((user, Some(event_target_value(&ev)), name.clone()))>
                    {COLLABORATOR_ROLES.into_iter().map(|r| view! {
                        <option value=r selected=r == collaborator.role>{space_role(r)}</option>
                    }).collect_view()}
                </select>
            </td>
            <td class="actions">
                <button type="button" class="button small" aria-label=fill(t().remove_from_space, &[&collaborator.friendly_name])
                    on:click=move |_| on_change.run((user, None, name_for_remove.clone()))>{t().remove}</button>
            </td>
        </tr>
    }
}

/// Pick a user of the organization (type to search) and a space role.
#[component]
fn AddCollaborator(on_space: Vec<i64>, on_change: Callback<(i64, Option<String>, String)>) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let role = RwSignal::new("editor".to_string());
    let error = RwSignal::new(None::<String>);
    let on_space = StoredValue::new(on_space);
    // A search still under way when a change redraws the space (this form included) answers into
    // a form that is gone: these reads then find nothing instead of stopping the app.
    let found = LocalResource::new(move || crate::api::people::find(typed.try_get().unwrap_or_default()));
    let candidates = move || found.try_get().flatten().and_then(Result::ok).unwrap_or_default();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = typed.get_untracked().trim().to_lowercase();
        let user = candidates().into_iter().find(|u| u.email.to_lowercase() == wanted);
        match user {
            None => error.set(Some(t().pick_user.into())),
            Some(u) if on_space.with_value(|ids| ids.contains(&u.id)) => {
                error.set(Some(fill(t().already_on_space, &[&u.email])))
            }
            Some(u) => {
                error.set(None);
                let name = u.friendly_name.clone().unwrap_or(u.email.clone());
                on_change.run((u.id, Some(role.get_untracked()), name));
                typed.set(String::new());
            }
        }
    };
    view! {
        <form class="card add-space" on:submit=on_submit novalidate>
            <h2>{t().add_collaborator}</h2>
            <div class="add-space-row">
                <div class="field">
                    <label for="collaborator-user">{t().user}</label>
                    <input id="collaborator-user" type="text" list="organization-users" autocomplete="off"
                        placeholder=t().type_name_or_email bind:value=typed aria-describedby="collaborator-error" />
                    <datalist id="organization-users">
                        {move || candidates().into_iter().map(|u| view! {
                            <option value=u.email.clone()>{u.friendly_name.clone().unwrap_or_default()}</option>
                        }).collect_view()}
                    </datalist>
                    <p id="collaborator-error" class="field-error" role="alert">{move || error.try_get().flatten()}</p>
                </div>
                <div class="field">
                    <label for="collaborator-role">{t().space_role}</label>
                    <select id="collaborator-role" on:change=move |ev| role.set(event_target_value(&ev))>
                        {COLLABORATOR_ROLES.into_iter().map(|r| view! { <option value=r selected=r == "editor">{space_role(r)}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button primary">{t().add_to_space}</button>
            </div>
        </form>
    }
}
