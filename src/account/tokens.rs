//! Account → Access tokens: the person's own tokens and the form that makes one.

use leptos::prelude::*;

use crate::access_tokens::{GenerateToken, TokenList, Whose};

#[component]
pub fn AccessTokensSection() -> impl IntoView {
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
