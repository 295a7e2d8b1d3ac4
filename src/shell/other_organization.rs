use leptos::prelude::*;

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
                <h1 id="other-organization-title">"This address belongs to another organization"</h1>
                <p>"You are signed in as " <strong>{who}</strong> ", who is not a member of the organization this address is for."</p>
                <p class="muted">"Sign out to sign in with an account of this organization, or go to your own organization."</p>
                <div class="form-actions">
                    {own.map(|href| view! { <a class="button primary" href=href>"Go to your organization"</a> })}
                    <button type="button" class="button" on:click=move |_| session.sign_out()>"Sign out"</button>
                </div>
            </section>
        </main>
    }
}
