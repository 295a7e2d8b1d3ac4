use leptos::prelude::*;

use super::api;
use super::password_form::PasswordForm;
use super::profile_form::ProfileForm;
use super::sessions::SessionsSection;
use super::text::t;
use super::tokens::AccessTokensSection;
use super::two_factor::TwoFactorSection;
use crate::session::use_session;
use crate::widgets::{load_view, Loader};

#[component]
pub fn AccountPage() -> impl IntoView {
    let session = use_session();
    let account = LocalResource::new(api::account);
    let retry = Callback::new(move |_| account.refetch());
    view! {
        <section class="page account" aria-labelledby="account-title">
            <h1 id="account-title">{t().title}</h1>
            <p class="muted page-intro">{t().intro}</p>
            <Loader label=t().loading retry=retry load=Callback::new(move |_| load_view(async move {
                account.await.map(|view| {
                    let for_name = view.clone();
                    view! {
                        <ProfileForm account=for_name on_saved=Callback::new(move |view: contract::AccountView| session.set_profile(view.profile)) />
                        <PasswordForm />
                        <TwoFactorSection account=view on_change=Callback::new(move |_| account.refetch()) />
                        <SessionsSection />
                        <AccessTokensSection />
                    }.into_any()
                })
            })) />
        </section>
    }
}
