use leptos::prelude::*;

use super::text::t;
use crate::mount;
use crate::session::use_session;

/// At another organization's address (`/o/{slug}`, `/embed/{slug}`): nothing of the signed-in
/// person's organization is shown under a brand that is not theirs.
#[component]
pub fn OtherOrganization() -> impl IntoView {
    let session = use_session();
    let who = move || session.me().map(|me| me.user.email).unwrap_or_default();
    let here = mount::get();
    // Inside another site's frame a way out of the frame would not help; signing out does.
    let own = (!here.embedded).then(|| format!("{}/", here.prefix));
    view! {
        <main class="centered other-organization">
            <section class="card notice" aria-labelledby="other-organization-title">
                <h1 id="other-organization-title">{t().other_org_title}</h1>
                <p>{t().signed_in_as} <strong>{who}</strong> {t().other_org_why}</p>
                <p class="muted">{t().other_org_hint}</p>
                <div class="form-actions">
                    {own.map(|href| view! { <a class="button primary" href=href>{t().go_to_own_org}</a> })}
                    <button type="button" class="button" on:click=move |_| session.sign_out()>{t().sign_out}</button>
                </div>
            </section>
        </main>
    }
}
