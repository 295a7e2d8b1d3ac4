use super::text::t;
use crate::widgets::text::t as shared;
use contract::{check_invite, Invitation, MailStatus, OrgRole};
use leptos::prelude::*;

use super::invitations_api as api;
use crate::i18n::{fill, lang};
use crate::widgets::{format, DeprecatedBadge};

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
        return view! { <p class="muted">{t().no_pending}</p> }.into_any();
    }
    let now = js_sys_now();
    let undo = crate::undo::use_undo();
    let act = Action::new_local(move |(id, email, resend): &(i64, String, bool)| {
        let (id, email, resend) = (*id, email.clone(), *resend);
        async move {
            // A revocation is told by the undo notice, which offers to take it back.
            let said = if resend {
                api::resend(id).await.map(|_| Some(fill(t().resent, &[&email])))
            } else {
                api::revoke(id).await.map(|_| {
                    undo.offer();
                    None
                })
            };
            notice.set(said.unwrap_or_else(|e| Some(e.to_string())));
            on_change.run(());
        }
    });
    view! {
        <table class="table stack">
            <thead><tr>
                <th scope="col">{t().email}</th><th scope="col">{t().role}</th><th scope="col">{t().expires}</th><th scope="col">{t().mail}</th>
                <th scope="col"><span class="visually-hidden">{shared().actions}</span></th>
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
                            <td data-label=t().role>
                                {i.org_role.label_in(lang())}
                                {i.org_role.is_deprecated().then(|| view! { " " <DeprecatedBadge /> })}
                            </td>
                            <td data-label=t().expires>{if expired { t().expired.to_string() } else { format::day(&i.expires_at) }}</td>
                            <td data-label=t().mail>{mail_status(&i)}</td>
                            <td class="actions">
                                {manageable.then(|| view! {
                                    <button type="button" class="button small" aria-label=fill(t().resend_to, &[&i.email])
                                        on:click=move |_| { act.dispatch((id, email.clone(), true)); }>{t().resend}</button>
                                    " "
                                    <button type="button" class="button small" aria-label=fill(t().revoke_to, &[&i.email])
                                        on:click=move |_| { act.dispatch((id, email2.clone(), false)); }>{t().revoke}</button>
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
        None => t().not_sent.into(),
        Some(mail) => match (mail.status, &mail.last_error) {
            (MailStatus::Sent, _) => match &mail.sent_at {
                Some(at) => fill(t().sent_on, &[&format::day(at)]),
                None => t().sent.into(),
            },
            (MailStatus::Queued, None) => t().sending.into(),
            (MailStatus::Queued, Some(error)) => fill(t().retrying, &[error]),
            (MailStatus::Failed, Some(error)) => fill(t().failed_because, &[error]),
            (MailStatus::Failed, None) => t().failed.into(),
        },
    }
}

/// Now as the server writes timestamps (RFC 3339, UTC, milliseconds), to compare with them.
fn js_sys_now() -> String {
    let now = js_sys::Date::new_0();
    now.to_iso_string().as_string().unwrap_or_default()
}
