use super::text::t;
use contract::{new_password_problem, FieldIssue, PasswordChange, MIN_PASSWORD_LEN};
use leptos::prelude::*;

use super::api;
use crate::password::PasswordJudgement;
use crate::session::use_session;
use crate::widgets::Submit;

/// A new password, proven by the current one; every other session of the account is signed out.
#[component]
pub fn PasswordForm() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let session = use_session();
    // As the server judges a change: not the person's own address or names.
    let about = Signal::derive(move || {
        session
            .me()
            .map(|me| vec![me.user.email, me.user.firstname, me.user.lastname])
            .unwrap_or_default()
    });
    let change = Submit::new(move |change: PasswordChange| async move {
        api::change_password(change).await?;
        current.set(String::new());
        new.set(String::new());
        Ok(())
    });
    let error_at = move |field: &'static str| change.at(field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let refuse = |field: &str, message: String| {
            change.refuse(vec![FieldIssue {
                field: field.into(),
                message,
            }])
        };
        if current.get_untracked().is_empty() {
            refuse("current_password", t().enter_current.into());
            return;
        }
        if let Some(message) = new_password_problem(&new.get_untracked(), crate::i18n::lang()) {
            refuse("new_password", message);
            return;
        }
        change.send(PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        });
    };
    view! {
        <section class="card settings-section" aria-labelledby="account-password">
            <h2 id="account-password">{t().password}</h2>
            <form on:submit=on_submit novalidate>
                {change.failure_panel()}
                <div class="form-row">
                    <div class="field">
                        <label for="current-password">{t().current_password}</label>
                        <input id="current-password" type="password" autocomplete="current-password" bind:value=current
                            aria-invalid=move || error_at("current_password").get().is_some().to_string()
                            aria-describedby="current-password-error" />
                        <p id="current-password-error" class="field-error" role="alert">{error_at("current_password")}</p>
                    </div>
                    <div class="field">
                        <label for="account-new-password">{t().new_password}</label>
                        <input id="account-new-password" type="password" autocomplete="new-password" bind:value=new
                            aria-invalid=move || error_at("new_password").get().is_some().to_string()
                            aria-describedby="account-new-password-hint account-new-password-judgement account-new-password-error" />
                        <p id="account-new-password-hint" class="muted hint">{crate::i18n::fill(t().new_password_hint, &[&MIN_PASSWORD_LEN])}</p>
                        <PasswordJudgement password=new id="account-new-password-judgement" about=about />
                        <p id="account-new-password-error" class="field-error" role="alert">{error_at("new_password")}</p>
                    </div>
                </div>
                <div class="form-actions">
                    <span class="muted" role="status">{move || change.done().get().map(|_| t().password_changed)}</span>
                    <button type="submit" class="button primary" disabled=move || change.pending().get()>{t().change_password}</button>
                </div>
            </form>
        </section>
    }
}
