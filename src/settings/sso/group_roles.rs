//! The groups the identity provider pushed through SCIM, each with the role it gives its members:
//! none (it only groups), Member or Admin. A choice is saved at once; the server settles the
//! members' roles in the same change.

use contract::{OrgRole, ScimGroup, ScimGroupChange};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::{fill, lang};

#[component]
pub fn GroupRoles(groups: Vec<ScimGroup>, notice: RwSignal<Option<String>>, changed: Callback<()>) -> impl IntoView {
    if groups.is_empty() {
        return view! { <p class="muted empty-state">{t().no_groups}</p> }.into_any();
    }
    view! {
        <ul class="sso-groups">
            {groups.into_iter().map(|group| view! { <GroupRole group=group notice=notice changed=changed /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn GroupRole(group: ScimGroup, notice: RwSignal<Option<String>>, changed: Callback<()>) -> impl IntoView {
    let (id, name) = (group.id, group.display_name.clone());
    let field = format!("sso-group-{id}");
    let save = Action::new_local(move |role: &Option<OrgRole>| {
        let (role, name) = (*role, name.clone());
        async move {
            match api::map_group(id, ScimGroupChange { org_role: role }).await {
                Ok(_) => {
                    notice.set(Some(fill(t().group_saved, &[&name])));
                    changed.run(());
                }
                Err(err) => notice.set(Some(err.to_string())),
            }
        }
    });
    let current = group.org_role;
    let option = move |role: Option<OrgRole>| {
        let label = match role {
            Some(role) => role.label_in(lang()).to_string(),
            None => t().no_role.to_string(),
        };
        let value = role.map(OrgRole::as_str).unwrap_or("");
        view! { <option value=value selected=current == role>{label}</option> }
    };
    view! {
        <li class="sso-group">
            <div>
                <strong>{group.display_name.clone()}</strong>
                <p class="muted">
                    {match group.members {
                        1 => t().group_one_member.to_string(),
                        n => fill(t().group_members, &[&n]),
                    }}
                </p>
            </div>
            <div class="field">
                <label for=field.clone()>{fill(t().role_given_by, &[&group.display_name])}</label>
                <select id=field disabled=move || save.pending().get()
                    on:change=move |ev| { save.dispatch(OrgRole::parse(&event_target_value(&ev))); }>
                    {option(None)}
                    {option(Some(OrgRole::Member))}
                    {option(Some(OrgRole::Admin))}
                </select>
            </div>
        </li>
    }
}
