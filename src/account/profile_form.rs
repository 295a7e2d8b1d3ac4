use super::text::t;
use contract::{AccountView, FieldIssue, ProfileUpdate};
use leptos::prelude::*;

use super::api;
use crate::widgets::{Submit, TextField};

/// The person's name, as others in the organization see it.
#[component]
pub fn ProfileForm(account: AccountView, on_saved: Callback<AccountView>) -> impl IntoView {
    let firstname = RwSignal::new(account.profile.firstname.clone());
    let lastname = RwSignal::new(account.profile.lastname.clone());
    let save = Submit::new(move |update: ProfileUpdate| async move {
        let view = api::rename(update).await?;
        on_saved.run(view.clone());
        Ok(view)
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let update = ProfileUpdate {
            firstname: firstname.get_untracked(),
            lastname: lastname.get_untracked(),
        };
        match update.validated(crate::i18n::lang()) {
            Ok(update) => save.send(update),
            Err((field, message)) => save.refuse(vec![FieldIssue {
                field: field.into(),
                message,
            }]),
        }
    };
    view! {
        <section class="card settings-section" aria-labelledby="account-name">
            <h2 id="account-name">{t().your_name}</h2>
            <form on:submit=on_submit novalidate>
                {save.failure_panel()}
                <div class="form-row">
                    <TextField id="account-first" label=t().first_name value=firstname error=save.at("firstname") />
                    <TextField id="account-last" label=t().last_name value=lastname error=save.at("lastname") />
                </div>
                <p class="muted">{crate::i18n::fill(t().signs_in_as, &[&account.profile.email])}</p>
                <div class="form-actions">
                    <span class="muted" role="status">{move || save.done().get().map(|_| t().saved)}</span>
                    <button type="submit" class="button primary" disabled=move || save.pending().get()>{t().save_name}</button>
                </div>
            </form>
        </section>
    }
}
