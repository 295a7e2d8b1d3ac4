//! Where the person is signed in: each live session with its browser, address and last activity,
//! and a way to sign any other one out (a lost phone, a shared computer) or all of them at once.

use contract::{SessionSummary, SessionsEnded};
use leptos::prelude::*;

use super::api;
use super::text::t;
use crate::i18n::fill;
use crate::widgets::format;

/// "Firefox on macOS", as far as the session's browser is known.
fn device(session: &SessionSummary) -> String {
    match (&session.browser, &session.system) {
        (Some(browser), Some(system)) => fill(t().browser_on_system, &[browser, system]),
        (Some(name), None) | (None, Some(name)) => name.clone(),
        (None, None) => t().unknown_browser.to_string(),
    }
}

#[component]
pub fn SessionsSection() -> impl IntoView {
    let list = LocalResource::new(api::sessions);
    let status = RwSignal::new(None::<String>);
    let end_one = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::end_session(id).await }
    });
    let end_others = Action::new_local(move |_: &()| api::end_other_sessions());
    // Each answer says what happened, and the list is read again (another browser may have
    // signed out meanwhile, or this one's list was old).
    Effect::new(move |_| {
        if let Some(result) = end_one.value().get() {
            status.set(Some(match result {
                Ok(()) => t().session_signed_out.to_string(),
                Err(err) => err.to_string(),
            }));
            list.refetch();
        }
    });
    Effect::new(move |_| {
        if let Some(result) = end_others.value().get() {
            status.set(Some(match result {
                Ok(SessionsEnded { ended }) => fill(t().others_signed_out, &[&ended]),
                Err(err) => err.to_string(),
            }));
            list.refetch();
        }
    });
    let busy = move || end_one.pending().get() || end_others.pending().get();

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
                        on:click=move |_| { end_one.dispatch(id.clone()); }>
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
            <Suspense fallback=move || view! { <p class="muted">{t().loading_sessions}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(found) => {
                            let others = found.sessions.iter().filter(|s| !s.current).count();
                            view! {
                                <ul class="session-list">{found.sessions.into_iter().map(row).collect_view()}</ul>
                                <button type="button" class="button" disabled=move || busy() || others == 0
                                    on:click=move |_| { end_others.dispatch(()); }>
                                    {t().sign_out_others}
                                </button>
                            }.into_any()
                        }
                        Err(err) => view! {
                            <p class="alert alert-error" role="alert">{err.to_string()}</p>
                            <button type="button" class="button" on:click=move |_| list.refetch()>{t().retry}</button>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <p class="muted" role="status">{move || status.get()}</p>
        </section>
    }
}
