use leptos::prelude::*;

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
                <h1 id="no-access-title">"No access to the organization area"</h1>
                <p>"You are signed in as " <strong>{who}</strong> ". Only owners and admins of an organization can open the organization area."</p>
                <p class="muted">"Your spaces are not affected: you keep working in them as a collaborator. Ask an admin of your organization if you need access."</p>
                <div class="form-actions">
                    <a class="button" href=mount::href("/account")>"Account"</a>
                    <button type="button" class="button" on:click=move |_| session.sign_out()>"Sign out"</button>
                </div>
            </section>
            {can_add_spaces.then(|| view! { <MemberAddSpace /> })}
        </main>
    }
}
