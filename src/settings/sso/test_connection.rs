//! "Test connection": a sign-in round trip with the identity provider in a window of its own,
//! which comes back to this tab with `#sso_test=CODE`; the tab then shows what the provider sent
//! (subject, address, name, groups) and whether that person would come in. Nobody is signed in.

use contract::SsoTestResult;
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::fill;
use crate::widgets::{load_view, Loader};

/// The button, in the card of the provider in use. The window is opened at the click (a window
/// opened after an answer arrives is what pop-up blockers block), then sent to the provider.
#[component]
pub fn TestConnectionButton(notice: RwSignal<Option<String>>) -> impl IntoView {
    let start = Action::new_local(move |_: &()| async move {
        let Some(window) = web_sys::window()
            .and_then(|w| w.open_with_url_and_target("about:blank", "_blank").ok())
            .flatten()
        else {
            notice.set(Some(t().popup_blocked.to_string()));
            return;
        };
        // The provider's pages get no handle on this tab.
        let _ = window.set_opener(&wasm_bindgen::JsValue::NULL);
        match api::start_test().await {
            Ok(redirect) => {
                let _ = window.location().set_href(&redirect.redirect_url);
            }
            Err(err) => {
                let _ = window.close();
                notice.set(Some(err.to_string()));
            }
        }
    });
    view! {
        <button type="button" class="button"
            disabled=move || start.pending().get() on:click=move |_| { start.dispatch(()); }>
            {t().test_connection}
        </button>
    }
}

/// One line of what came back.
fn row(term: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="sso-test-row">
            <dt>{term}</dt>
            <dd>{value}</dd>
        </div>
    }
}

fn shown(result: SsoTestResult) -> impl IntoView {
    let texts = t();
    let Some(email) = result.email.clone().filter(|_| result.problem.is_none()) else {
        let why = result.problem.clone().unwrap_or_default();
        return view! {
            <p class="alert alert-error" role="alert">{fill(texts.test_problem, &[&why])}</p>
            <dl class="sso-test">{row(texts.test_provider, format!("{} · {}", result.protocol, result.issuer))}</dl>
        }
        .into_any();
    };
    let verified = if result.email_verified {
        texts.test_email_verified
    } else {
        texts.test_email_unverified
    };
    let name = [result.given_name.clone(), result.family_name.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let or_none = |text: String| {
        if text.trim().is_empty() {
            texts.test_none_sent.to_string()
        } else {
            text
        }
    };
    let groups = or_none(result.groups.join(", "));
    let outcome = match (result.email_verified, result.domain_verified) {
        (false, _) => texts.test_no_email,
        (true, false) => texts.test_no_domain,
        (true, true) => texts.test_yes,
    };
    view! {
        <dl class="sso-test">
            {row(texts.test_provider, format!("{} · {}", result.protocol, result.issuer))}
            {row(texts.test_subject, or_none(result.subject.clone().unwrap_or_default()))}
            {row(texts.test_email, format!("{email} ({verified})"))}
            {row(texts.test_name, or_none(name))}
            {row(texts.test_groups, groups)}
            {row(texts.test_would_sign_in, outcome.to_string())}
        </dl>
    }
    .into_any()
}

/// What the test `code` saw, at the top of the tab in the test's window.
#[component]
pub fn TestResultCard(code: String) -> impl IntoView {
    let code = StoredValue::new(code);
    let result = LocalResource::new(move || api::test_result(code.get_value()));
    view! {
        <section class="card settings-section" aria-labelledby="sso-test-title">
            <h2 id="sso-test-title">{t().test_title}</h2>
            <p class="muted">{t().test_intro}</p>
            <Loader label=t().test_loading retry=Callback::new(move |_| result.refetch())
                load=Callback::new(move |_| load_view(async move {
                    result.await.map(|seen| shown(seen).into_any())
                })) />
        </section>
    }
}
