//! "Add user": the person's details, a "Roles" button to choose their role, and "Create", which
//! sends each address an invitation by mail. The code is in the mail only: nobody else sees it.

use super::text::t;
use contract::{assignable_roles, split_emails, FieldIssue, InviteRequest, OrgRole};
use leptos::prelude::*;

use super::invitations_api as api;
use crate::i18n::{fill, lang};
use crate::widgets::{modal_keys, DeprecatedBadge, Submit};

#[component]
pub fn AddUser(my_role: OrgRole, on_created: Callback<()>) -> impl IntoView {
    let open = RwSignal::new(false);
    // From the command palette: open at the first field, or at the addresses to invite.
    let commands = crate::commands::use_commands();
    Effect::new(move |_| {
        use crate::commands::{focus_when_drawn, Command};
        if commands.take(Command::AddUser) {
            open.set(true);
            focus_when_drawn("invite-first");
        } else if commands.take(Command::Invite) {
            open.set(true);
            focus_when_drawn("invite-emails");
        }
    });
    view! {
        <button type="button" class="button primary" on:click=move |_| open.set(true)>{t().add_user}</button>
        <Show when=move || open.get()>
            <AddUserDialog my_role=my_role on_close=Callback::new(move |_| open.set(false)) on_created=on_created />
        </Show>
    }
}

#[component]
fn AddUserDialog(my_role: OrgRole, on_close: Callback<()>, on_created: Callback<()>) -> impl IntoView {
    let firstname = RwSignal::new(String::new());
    let lastname = RwSignal::new(String::new());
    let emails = RwSignal::new(String::new());
    let role = RwSignal::new(OrgRole::Member);
    let roles_open = RwSignal::new(false);
    let create = Submit::new(move |request: InviteRequest| async move {
        let issued = api::invite(request).await?;
        on_created.run(());
        Ok(issued)
    });
    let created = create.done();
    let error_at = move |field: &'static str| create.at(field);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let refuse = |message: String| {
            create.refuse(vec![FieldIssue {
                field: "emails".into(),
                message,
            }])
        };
        let list = split_emails(&emails.get_untracked());
        if list.is_empty() {
            refuse(t().enter_invitee.into());
            return;
        }
        if let Some(bad) = list.iter().find(|e| !contract::is_valid_email(e)) {
            refuse(fill(t().not_an_email, &[bad]));
            return;
        }
        create.send(InviteRequest {
            emails: list,
            firstname: firstname.get_untracked(),
            lastname: lastname.get_untracked(),
            org_role: role.get_untracked(),
        });
    };

    let dialog = NodeRef::<leptos::html::Div>::new();
    modal_keys(dialog, on_close);
    // The form is replaced by what was sent: focus goes to its Done button, not to the page.
    let done = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = done.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div class="dialog-backdrop">
            <div class="dialog card wide" role="dialog" aria-modal="true" aria-labelledby="add-user-title"
                node_ref=dialog>
                {move || match created.get() {
                    Some(issued) => view! {
                        <h2 id="add-user-title">{if issued.invitations.len() == 1 { t().invitation_sent } else { t().invitations_sent }}</h2>
                        <p>{t().sent_text}</p>
                        <ul class="sent-list">
                            {issued.invitations.into_iter().map(|i| view! {
                                <li>{i.email} " " <span class="muted">{fill(t().as_role, &[&i.org_role.choice_label_in(lang())])}</span></li>
                            }).collect_view()}
                        </ul>
                        <p class="muted">{t().sent_hint}</p>
                        <div class="dialog-actions">
                            <button type="button" class="button primary" node_ref=done on:click=move |_| on_close.run(())>{t().done}</button>
                        </div>
                    }.into_any(),
                    None => view! {
                        <h2 id="add-user-title">{t().add_user}</h2>
                        <form on:submit=on_submit novalidate>
                            <div class="form-row">
                                <div class="field">
                                    <label for="invite-first">{t().first_name}</label>
                                    <input id="invite-first" type="text" autocomplete="off" bind:value=firstname />
                                </div>
                                <div class="field">
                                    <label for="invite-last">{t().last_name}</label>
                                    <input id="invite-last" type="text" autocomplete="off" bind:value=lastname />
                                </div>
                            </div>
                            <div class="field">
                                <label for="invite-emails">{t().email}</label>
                                <textarea id="invite-emails" rows="2" autocomplete="off" bind:value=emails
                                    aria-invalid=move || error_at("emails").get().is_some().to_string()
                                    aria-describedby="invite-emails-hint invite-emails-error"></textarea>
                                <p id="invite-emails-hint" class="muted hint">{t().several_hint}</p>
                                <p id="invite-emails-error" class="field-error" role="alert">{error_at("emails")}</p>
                            </div>
                            <div class="field">
                                <div class="roles-line">
                                    <button type="button" class="button" aria-expanded=move || roles_open.get().to_string()
                                        aria-controls="invite-roles" aria-describedby="invite-role-chosen"
                                        on:click=move |_| roles_open.update(|o| *o = !*o)>{t().roles}</button>
                                    <span id="invite-role-chosen">{move || fill(t().role_chosen, &[&role.get().choice_label_in(lang())])}</span>
                                </div>
                                <Show when=move || roles_open.get()>
                                    <fieldset class="role-choices" id="invite-roles">
                                        <legend>{t().role_in_org}</legend>
                                        {OrgRole::ALL.into_iter().map(|r| {
                                            let allowed = assignable_roles(my_role).contains(&r);
                                            let id = format!("invite-role-{}", r.as_str());
                                            let label_for = id.clone();
                                            let help_id = format!("{id}-help");
                                            view! {
                                                <div class="role-choice" class:unavailable=!allowed>
                                                    <input type="radio" name="invite-role" id=id value=r.as_str() disabled=!allowed
                                                        aria-describedby=help_id.clone()
                                                        prop:checked=move || role.get() == r
                                                        on:change=move |_| role.set(r) />
                                                    <label for=label_for>{r.label_in(lang())}</label>
                                                    {r.is_deprecated().then(|| view! { <DeprecatedBadge /> })}
                                                    <span class="muted" id=help_id>{role_help(r, allowed)}</span>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                </Show>
                                <p class="field-error" role="alert">{move || create.failure().get()}</p>
                            </div>
                            <div class="dialog-actions">
                                <button type="button" class="button" on:click=move |_| on_close.run(())>{crate::widgets::text::t().cancel}</button>
                                <button type="submit" class="button primary" disabled=move || create.pending().get()>{t().create}</button>
                            </div>
                        </form>
                    }.into_any(),
                }}
            </div>
        </div>
    }
}

fn role_help(role: OrgRole, allowed: bool) -> &'static str {
    match (role, allowed) {
        (OrgRole::Owner, false) => t().owner_not_allowed,
        (OrgRole::Owner, true) => t().owner_help,
        (OrgRole::Admin, _) => t().admin_help,
        (OrgRole::Member, _) => t().member_help,
    }
}
