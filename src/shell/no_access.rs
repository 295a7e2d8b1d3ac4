use leptos::prelude::*;

use super::text::t;
use crate::dashboard::MemberAddSpace;
use crate::mount;
use crate::session::use_session;

/// What a member (or someone in no organization) sees instead of the organization area.
#[component]
pub fn NoAccess() -> impl IntoView {
    let session = use_session();
    let who = move || session.me().map(|me| me.user.email).unwrap_or_default();
    let can_add_spaces = session.me().and_then(|me| me.org).is_some_and(|org| org.can_add_spaces);
    view! {
        <main class="centered no-access">
            <section class="card notice" aria-labelledby="no-access-title">
                <h1 id="no-access-title">{t().no_access_title}</h1>
                <p>{t().signed_in_as} <strong>{who}</strong> {t().no_access_why}</p>
                <p class="muted">{t().no_access_spaces}</p>
                <div class="form-actions">
                    <a class="button" href=mount::href("/account")>{t().account}</a>
                    <button type="button" class="button" on:click=move |_| session.sign_out()>{t().sign_out}</button>
                </div>
            </section>
            {can_add_spaces.then(|| view! { <MemberAddSpace /> })}
        </main>
    }
}
