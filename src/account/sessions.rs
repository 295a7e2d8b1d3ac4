//! Where the person is signed in: each live session with its browser, address and last activity,
//! and a way to sign any other one out (a lost phone, a shared computer) or all of them at once.

use contract::{SessionSummary, SessionsEnded};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::fill;
use crate::widgets::{format, load_view, Loader};

/// "Firefox on macOS", as far as the session's browser is known.
fn device(session: &SessionSummary) -> String {
    match (&session.browser, &session.system) {
        (Some(browser), Some(system)) => fill(t().browser_on_system, &[browser, system]),
        (Some(name), None) | (None, Some(name)) => name.clone(),
        (None, None) => t().unknown_browser.to_string(),
    }
}

/// Which sessions to sign out.
#[derive(Clone)]
enum Ending {
    One(String),
    Others,
}

#[component]
pub fn SessionsSection() -> impl IntoView {
    let list = LocalResource::new(api::sessions);
    // One action for both ways of signing out: what it says when done is its value, and the list
    // is read again either way (another browser may have signed out meanwhile).
    let end = Action::new_local(move |what: &Ending| {
        let what = what.clone();
        async move {
            let said = match what {
                Ending::One(id) => api::end_session(id).await.map(|()| t().session_signed_out.to_string()),
                Ending::Others => api::end_other_sessions()
                    .await
                    .map(|SessionsEnded { ended }| fill(t().others_signed_out, &[&ended])),
            };
            list.refetch();
            said.unwrap_or_else(|err| err.to_string())
        }
    });
    let status = move || end.value().get();
    let busy = move || end.pending().get();

    let row = move |session: SessionSummary| {
        let name = device(&session);
        let address = session.ip.clone().unwrap_or_default();
        let id = session.id.clone();
        let sign_out_label = fill(t().sign_out_session, &[&name]);
        view! {
            <li class="session">
                <div class="session-what">
                    <strong>{name}</strong>
                    {session.current.then(|| view! { <span class="badge badge-current">{t().this_session}</span> })}
                    <p class="muted">{address}</p>
                    <p class="muted">
                        {fill(t().signed_in_at, &[&format::moment(&session.signed_in_at)])}
                        " · "
                        {fill(t().last_active_at, &[&format::moment(&session.last_active_at)])}
                    </p>
                </div>
                {(!session.current).then(|| view! {
                    <button type="button" class="button" aria-label=sign_out_label disabled=busy
                        on:click=move |_| { end.dispatch(Ending::One(id.clone())); }>
                        {t().sign_out}
                    </button>
                })}
            </li>
        }
    };

    view! {
        <section class="card settings-section" aria-labelledby="account-sessions">
            <h2 id="account-sessions">{t().sessions}</h2>
            <p class="muted">{t().sessions_intro}</p>
            <Loader label=t().loading_sessions retry=Callback::new(move |_| list.refetch())
                load=Callback::new(move |_| load_view(async move {
                    list.await.map(|found| {
                        let others = found.sessions.iter().filter(|s| !s.current).count();
                        view! {
                            <ul class="session-list">{found.sessions.into_iter().map(row).collect_view()}</ul>
                            <button type="button" class="button" disabled=move || busy() || others == 0
                                on:click=move |_| { end.dispatch(Ending::Others); }>
                                {t().sign_out_others}
                            </button>
                        }.into_any()
                    })
                })) />
            <p class="muted" role="status">{status}</p>
        </section>
    }
}
