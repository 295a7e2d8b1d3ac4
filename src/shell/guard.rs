//! The protected part of the app: signed-out visitors go to sign-in and come back to the page they
//! asked for; someone at another organization's address is told so and sees nothing of theirs;
//! members see that they have no access; owners and admins get the layout.

use contract::{allows, Permission};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use super::{Layout, NoAccess, OtherOrganization};
use crate::mount;
use crate::screens;
use crate::session::{use_session, SessionState};
use crate::widgets::{ErrorPanel, Loading};

#[component]
pub fn Guarded() -> impl IntoView {
    let session = use_session();
    let location = use_location();

    // Signed out (or signed out just now): to the sign-in page, which comes back here afterwards.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.state.get() == SessionState::SignedOut {
            let here = format!(
                "{}{}",
                mount::app_path(&location.pathname.get_untracked()),
                location.search.get_untracked()
            );
            let target = mount::sign_in_first(&here);
            crate::embed::signed_out();
            navigate(
                &mount::href(&target),
                NavigateOptions {
                    resolve: false,
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    // An organization that requires two-factor sign-in opens nothing but the Account page until
    // the person has set it up. Loaded anew there rather than routed: a routed change would
    // mount the screen asked for for a moment, which would ask the API for what it refuses.
    Effect::new(move |_| {
        if let SessionState::SignedIn(me) = session.state.get() {
            let here = mount::app_path(&location.pathname.get());
            if me.must_set_up_two_factor && here != "/account" && !at_other_organization(&me) {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().replace(&mount::href("/account"));
                }
            }
        }
    });

    // Only a change of gate re-renders: renaming the organization keeps the open page as it is.
    let gate = Memo::new(move |_| match session.state.get() {
        SessionState::Checking | SessionState::SignedOut => Gate::Waiting,
        SessionState::Unreachable(error) => Gate::Unreachable(error.to_string()),
        SessionState::SignedIn(me) if at_other_organization(&me) => Gate::OtherOrganization,
        // On its way to the Account page (the effect above): no screen loads what it may not.
        SessionState::SignedIn(me)
            if me.must_set_up_two_factor && mount::app_path(&location.pathname.get()) != "/account" =>
        {
            Gate::Waiting
        }
        SessionState::SignedIn(me) if me.role().is_some_and(|r| allows(r, Permission::OpenOrgArea)) => Gate::Open,
        // Their own account is everyone's, members included.
        SessionState::SignedIn(_) if screens::for_everyone(&mount::app_path(&location.pathname.get())) => Gate::Open,
        SessionState::SignedIn(_) => Gate::NoAccess,
    });
    move || match gate.get() {
        Gate::Waiting => view! { <Loading label=crate::widgets::text::t().checking_session /> }.into_any(),
        Gate::Unreachable(error) => view! {
            <main class="centered">
                <ErrorPanel error=error retry=Callback::new(move |_| session.recheck()) />
            </main>
        }
        .into_any(),
        Gate::Open => view! { <Layout /> }.into_any(),
        Gate::NoAccess => view! { <NoAccess /> }.into_any(),
        Gate::OtherOrganization => view! { <OtherOrganization /> }.into_any(),
    }
}

/// Whether the address names an organization this person is not in.
fn at_other_organization(me: &contract::Me) -> bool {
    match (mount::get().slug, &me.org) {
        (Some(slug), Some(org)) => org.slug != slug,
        _ => false,
    }
}

#[derive(Clone, PartialEq)]
enum Gate {
    Waiting,
    Unreachable(String),
    Open,
    NoAccess,
    OtherOrganization,
}
