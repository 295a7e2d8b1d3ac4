use leptos::prelude::*;

use super::api;
use super::form::SettingsForm;
use super::sections::SettingsSections;
use super::text::t;
use crate::access_tokens::{texts as token_texts, TokenList, Whose};
use crate::widgets::{load_view, Loader};

/// The organization's name, white-labeling, embedding, and security and access rules.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = LocalResource::new(api::load);
    let reload = Callback::new(move |_| settings.refetch());
    view! {
        <section class="page settings-page" aria-labelledby="settings-title">
            <div class="page-head">
                <div>
                    <h1 id="settings-title">{t().title}</h1>
                    <p class="muted">{t().intro}</p>
                </div>
            </div>
            <SettingsSections />
            <Loader label=t().loading retry=reload load=Callback::new(move |_| load_view(async move {
                settings.await.map(|initial| view! { <SettingsForm initial=initial reload=reload /> }.into_any())
            })) />
            <section class="card settings-section" aria-labelledby="settings-tokens">
                <h2 id="settings-tokens">{token_texts().org_title}</h2>
                <p class="muted">{token_texts().org_intro}</p>
                <TokenList whose=Whose::Organization version=Signal::derive(|| 0u32) />
            </section>
        </section>
    }
}
