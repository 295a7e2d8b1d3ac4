use contract::{NewScimToken, SsoDomain, SsoSettings};
use leptos::prelude::*;

use super::api;
use super::domain_card::DomainCard;
use super::domain_form::DomainForm;
use super::oidc_form::OidcForm;
use super::provisioning_card::{ProvisioningCard, TokenOnce};
use super::saml_form::SamlForm;
use super::sign_in_form::SignInForm;
use super::test_connection::TestResultCard;
use super::text::t;
use crate::live::{use_live, Topic};
use crate::settings::sections::SettingsSections;
use crate::widgets::{fragment, load_view, Loader, NoticeBar};

#[component]
pub fn SsoPage() -> impl IntoView {
    let live = use_live();
    let settings = LocalResource::new(move || {
        live.track(Topic::Settings);
        api::get()
    });
    let notice = RwSignal::new(None::<String>);
    let changed = Callback::new(move |_| settings.refetch());
    // Kept here, outside what a live update redraws: the token is shown this once.
    let made = RwSignal::new(None::<NewScimToken>);
    // A "Test connection" window lands here with what the provider sent, read once.
    let tested = fragment::take("sso_test");
    // The settings as last loaded. The forms are drawn once, from the first load, and read what
    // is kept from here: a refetch (after a change, or a live update) redraws what the server
    // decides, never a field someone is typing in.
    let latest = RwSignal::new(None::<SsoSettings>);
    let loaded = Memo::new(move |_| latest.with(Option::is_some));
    let forms = move || {
        if !loaded.get() {
            return None;
        }
        let first = latest.get_untracked()?;
        let current = Signal::derive(move || latest.get().unwrap_or_else(|| first.clone()));
        Some(view! {
            <SignInForm current=current notice=notice changed=changed />
            <OidcForm current=current notice=notice changed=changed />
            <SamlForm current=current notice=notice changed=changed />
        })
    };
    view! {
        <section class="page settings-page" aria-labelledby="sso-title">
            <div class="page-head">
                <div>
                    <h1 id="sso-title">{t().title}</h1>
                    <p class="muted">{t().intro}</p>
                </div>
            </div>
            <SettingsSections />
            <NoticeBar notice=notice />
            {tested.map(|code| view! { <TestResultCard code=code /> })}
            <TokenOnce made=made />
            {forms}
            <Loader label=t().loading retry=Callback::new(move |_| settings.refetch())
                load=Callback::new(move |_| load_view(async move {
                    settings.await.map(|shown| {
                        latest.set(Some(shown.clone()));
                        let provisioning = shown.clone();
                        view! {
                            <ProvisioningCard current=provisioning made=made notice=notice changed=changed />
                            <section class="card settings-section" aria-labelledby="sso-domains-title">
                                <h2 id="sso-domains-title">{t().domains_title}</h2>
                                <p class="muted">{t().domains_intro}</p>
                                {if shown.domains.is_empty() {
                                    view! { <p class="muted empty-state">{t().no_domains}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="sso-domains">
                                            {shown.domains.into_iter().map(|domain| view! {
                                                <DomainCard domain=domain notice=notice changed=changed />
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                        }
                        .into_any()
                    })
                })) />
            // Apart from what a change redraws, so nothing typed here is lost to a live update.
            <section class="card settings-section" aria-labelledby="sso-domain-add-title">
                <h2 id="sso-domain-add-title">{t().add_domain}</h2>
                <DomainForm notice=notice on_added=Callback::new(move |_: SsoDomain| settings.refetch()) />
            </section>
        </section>
    }
}
