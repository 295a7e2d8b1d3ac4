use contract::{check_invite, Invitation, MailStatus, OrgRole};
use leptos::prelude::*;

use super::invitations_api as api;
use crate::widgets::DeprecatedBadge;

/// Invitations not accepted yet, with their expiry and how their mail is doing; resend mails a
/// new link (the old one stops working), revoke ends it.
#[component]
pub fn PendingInvitations(
    invitations: Vec<Invitation>,
    my_role: OrgRole,
    notice: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    if invitations.is_empty() {
        return view! { <p class="muted">"No pending invitations."</p> }.into_any();
    }
    let now = js_sys_now();
    let act = Action::new_local(move |(id, email, resend): &(i64, String, bool)| {
        let (id, email, resend) = (*id, email.clone(), *resend);
        async move {
            if resend {
                api::resend(id)
                    .await
                    .map(|_| format!("A new invitation is on its way to {email}; the old link no longer works."))
            } else {
                api::revoke(id)
                    .await
                    .map(|_| format!("The invitation to {email} was revoked."))
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = act.value().get() {
            notice.set(Some(result.unwrap_or_else(|e| e.to_string())));
            on_change.run(());
        }
    });
    view! {
        <table class="table stack">
            <thead><tr>
                <th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Expires"</th><th scope="col">"Mail"</th>
                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
            </tr></thead>
            <tbody>
                {invitations.into_iter().map(|i| {
                    let expired = i.expires_at.as_str() <= now.as_str();
                    let manageable = check_invite(my_role, i.org_role).is_ok();
                    let (id, email) = (i.id, i.email.clone());
                    let email2 = email.clone();
                    view! {
                        <tr>
                            <td>{i.email.clone()}</td>
                            <td data-label="Role">
                                {i.org_role.label()}
                                {i.org_role.is_deprecated().then(|| view! { " " <DeprecatedBadge /> })}
                            </td>
                            <td data-label="Expires">{if expired { "Expired".to_string() } else { i.expires_at.get(..10).unwrap_or(&i.expires_at).to_string() }}</td>
                            <td data-label="Mail">{mail_status(&i)}</td>
                            <td class="actions">
                                {manageable.then(|| view! {
                                    <button type="button" class="button small" aria-label=format!("Resend invitation to {}", i.email)
                                        on:click=move |_| { act.dispatch((id, email.clone(), true)); }>"Resend"</button>
                                    " "
                                    <button type="button" class="button small" aria-label=format!("Revoke invitation to {}", i.email)
                                        on:click=move |_| { act.dispatch((id, email2.clone(), false)); }>"Revoke"</button>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// How the invitation's latest mail is doing, in words.
fn mail_status(invitation: &Invitation) -> String {
    match &invitation.mail {
        None => "Not sent".into(),
        Some(mail) => match (mail.status, &mail.last_error) {
            (MailStatus::Sent, _) => match &mail.sent_at {
                Some(at) => format!("Sent {}", at.get(..10).unwrap_or(at)),
                None => "Sent".into(),
            },
            (MailStatus::Queued, None) => "Sending…".into(),
            (MailStatus::Queued, Some(error)) => format!("Not delivered yet ({error}); trying again"),
            (MailStatus::Failed, Some(error)) => format!("Failed: {error}"),
            (MailStatus::Failed, None) => "Failed".into(),
        },
    }
}

/// Now as the server writes timestamps (RFC 3339, UTC, milliseconds), to compare with them.
fn js_sys_now() -> String {
    let now = js_sys::Date::new_0();
    now.to_iso_string().as_string().unwrap_or_default()
}
