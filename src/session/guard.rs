//! The protected part of the app: signed-out visitors go to sign-in and come back to the page they
//! asked for; members see that they have no access; owners and admins get the layout.

use contract::{allows, Permission};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use super::{use_session, SessionState};
use crate::shell::{Layout, NoAccess};
use crate::widgets::url;
use crate::widgets::{ErrorPanel, Loading};

#[component]
pub fn Guarded() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();

    Effect::new(move |_| {
        if session.state.get() == SessionState::SignedOut {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let target = if here == "/" {
                "/sign-in".to_string()
            } else {
                format!("/sign-in?next={}", url::encode(&here))
            };
            navigate(
                &target,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    move || match session.state.get() {
        SessionState::Checking | SessionState::SignedOut => {
            view! { <Loading label="Checking your session…" /> }.into_any()
        }
        SessionState::Unreachable(error) => view! {
            <main class="centered">
                <ErrorPanel error=error.to_string() retry=Callback::new(move |_| session.recheck()) />
            </main>
        }
        .into_any(),
        SessionState::SignedIn(me) if me.role().is_some_and(|r| allows(r, Permission::OpenOrgArea)) => {
            view! { <Layout /> }.into_any()
        }
        SessionState::SignedIn(_) => view! { <NoAccess /> }.into_any(),
    }
}
