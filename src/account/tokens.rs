//! Account → Access tokens: the person's own tokens and the form that makes one.

use leptos::prelude::*;

use crate::access_tokens::{GenerateToken, TokenList, Whose};
use crate::session::use_session;

/// Shown to people in an organization once nothing is owed: while the organization waits for
/// them to set up two-factor sign-in, a token would open nothing. Its own closure follows the
/// session, so the rest of the page is not drawn again when the set-up completes.
#[component]
pub fn AccessTokensSection() -> impl IntoView {
    let session = use_session();
    let open = Memo::new(move |_| {
        session
            .me()
            .is_some_and(|me| me.org.is_some() && !me.must_set_up_two_factor)
    });
    move || open.get().then(|| view! { <Tokens /> })
}

#[component]
fn Tokens() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let texts = crate::access_tokens::texts();
    view! {
        <section class="card settings-section" aria-labelledby="account-tokens">
            <h2 id="account-tokens">{texts.title}</h2>
            <p class="muted">{texts.intro}</p>
            <TokenList whose=Whose::Mine version=version />
            <GenerateToken on_made=Callback::new(move |_| version.update(|v| *v += 1)) />
        </section>
    }
}
