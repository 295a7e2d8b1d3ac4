use super::text::t;
use contract::{AccountView, ProfileUpdate};
use leptos::prelude::*;

use super::api;
use crate::widgets::TextField;

/// The person's name, as others in the organization see it.
#[component]
pub fn ProfileForm(account: AccountView, on_saved: Callback<AccountView>) -> impl IntoView {
    let firstname = RwSignal::new(account.profile.firstname.clone());
    let lastname = RwSignal::new(account.profile.lastname.clone());
    let error = RwSignal::new(None::<(String, String)>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |update: &ProfileUpdate| {
        let update = update.clone();
        async move { api::rename(update).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(view)) => {
            saved.set(true);
            on_saved.run(view);
        }
        Some(Err(err)) => error.set(Some((err.field().unwrap_or("firstname").to_string(), err.to_string()))),
        None => {}
    });
    let error_at =
        move |field: &'static str| Signal::derive(move || error.get().filter(|(f, _)| f == field).map(|(_, m)| m));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        saved.set(false);
        let update = ProfileUpdate {
            firstname: firstname.get_untracked(),
            lastname: lastname.get_untracked(),
        };
        match update.validated(crate::i18n::lang()) {
            Ok(update) => {
                save.dispatch(update);
            }
            Err((field, message)) => error.set(Some((field.to_string(), message))),
        }
    };
    view! {
        <section class="card settings-section" aria-labelledby="account-name">
            <h2 id="account-name">{t().your_name}</h2>
            <form on:submit=on_submit novalidate>
                <div class="form-row">
                    <TextField id="account-first" label=t().first_name value=firstname error=error_at("firstname") />
                    <TextField id="account-last" label=t().last_name value=lastname error=error_at("lastname") />
                </div>
                <p class="muted">{crate::i18n::fill(t().signs_in_as, &[&account.profile.email])}</p>
                <div class="form-actions">
                    <span class="muted" role="status">{move || saved.get().then_some(t().saved)}</span>
                    <button type="submit" class="button primary" disabled=move || save.pending().get()>{t().save_name}</button>
                </div>
            </form>
        </section>
    }
}
