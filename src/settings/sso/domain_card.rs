//! One domain: where it stands, the TXT record that proves it (to copy into a DNS provider), and
//! "Verify" (or "Check again") and "Remove". A failed lookup says at the card what DNS answered.

use contract::{DomainStatus, SsoDomain};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::fill;
use crate::widgets::{format, ConfirmDialog};

fn badge(status: DomainStatus) -> (&'static str, &'static str) {
    match status {
        DomainStatus::Verified => (t().verified, "badge badge-success"),
        DomainStatus::Pending => (t().pending, "badge"),
        DomainStatus::Lost => (t().lost, "badge badge-warning"),
    }
}

/// A value to copy, in a read-only field named for what it is.
fn copyable(label: String, value: String) -> impl IntoView {
    view! { <input class="token-value" type="text" readonly aria-label=label prop:value=value /> }
}

#[component]
pub fn DomainCard(domain: SsoDomain, notice: RwSignal<Option<String>>, changed: Callback<()>) -> impl IntoView {
    let id = domain.id;
    let name = domain.domain.clone();
    let asking = RwSignal::new(false);
    let verify = Action::new_local(move |_: &()| async move {
        let outcome = api::verify(id).await;
        if let Ok(verified) = &outcome {
            notice.set(Some(fill(t().now_verified, &[&verified.domain])));
            changed.run(());
        }
        outcome.map(|_| ()).map_err(|err| err.to_string())
    });
    let remove_name = name.clone();
    let remove = Action::new_local(move |_: &()| {
        let name = remove_name.clone();
        async move {
            let outcome = api::remove(id).await;
            asking.set(false);
            match outcome {
                Ok(()) => {
                    notice.set(Some(fill(t().removed, &[&name])));
                    changed.run(());
                }
                Err(err) => notice.set(Some(err.to_string())),
            }
        }
    });
    let busy = move || verify.pending().get() || remove.pending().get();
    let verify_error = move || verify.value().get().and_then(Result::err);
    let (status, class) = badge(domain.status);
    let (heading_id, labelled_by) = (format!("sso-domain-{id}"), format!("sso-domain-{id}"));
    let error_id = format!("sso-domain-{id}-error");
    let verified = domain.status == DomainStatus::Verified;
    let (verify_text, verify_label) = if verified {
        (t().check_again, fill(t().check_again_named, &[&name]))
    } else {
        (t().verify, fill(t().verify_named, &[&name]))
    };
    let when = match (&domain.verified_at, &domain.checked_at, &domain.lost_at) {
        (Some(at), Some(checked), _) => Some(format!(
            "{}, {}",
            fill(t().verified_at, &[&format::moment(at)]),
            fill(t().checked_at, &[&format::moment(checked)])
        )),
        (None, _, Some(lost)) => Some(fill(t().lost_at, &[&format::moment(lost)])),
        _ => None,
    };
    view! {
        <li class="sso-domain" aria-labelledby=labelled_by>
            <div class="webhook-head">
                <h3 id=heading_id class="webhook-url">{name.clone()}</h3>
                <span class=class>{status}</span>
            </div>
            {when.map(|when| view! { <p class="muted">{when}</p> })}
            {(!verified).then(|| view! {
                <dl class="dns-record">
                    <dt>{t().record_type}</dt>
                    <dd><code>"TXT"</code></dd>
                    <dt>{t().record_name}</dt>
                    <dd>{copyable(fill(t().record_name_of, &[&name]), domain.record_name.clone())}</dd>
                    <dt>{t().record_value}</dt>
                    <dd>{copyable(fill(t().record_value_of, &[&name]), domain.record_value.clone())}</dd>
                </dl>
            })}
            <p id=error_id.clone() class="field-error" role="alert">{verify_error}</p>
            <div class="form-actions">
                <button type="button" class="button primary" aria-label=verify_label aria-describedby=error_id
                    disabled=busy on:click=move |_| { verify.dispatch(()); }>{verify_text}</button>
                <button type="button" class="button danger" aria-label=fill(t().remove_named, &[&name]) disabled=busy
                    on:click=move |_| asking.set(true)>{t().remove}</button>
            </div>
            {move || asking.get().then(|| view! {
                <ConfirmDialog title=t().remove_title message=fill(t().remove_message, &[&name]) confirm_label=t().remove
                    pending=Signal::derive(busy)
                    on_confirm=Callback::new(move |_| { remove.dispatch(()); })
                    on_cancel=Callback::new(move |_| asking.set(false)) />
            })}
        </li>
    }
}
