//! The console's routes: every screen has its own address, so links can be shared and reloaded.
//! The console is a chunk (`boot` mounts it); every screen behind sign-in is a chunk of its own
//! in turn, downloaded when it is first shown (`screens.rs`). The pages of someone not signed in
//! are here too, for after a sign-out; their code is the main module's.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::brand::provide_brand;
use crate::mount;
use crate::screens::ScreenRoutes;
use crate::session::provide_session;
use crate::shell::NotFound;
use crate::sign_in::{ForgotPasswordPage, ResetPasswordPage, SignInPage};

crate::lazy_part!(invitation, ACCEPT_INVITATION => leptos::view! { <crate::users::AcceptInvitationPage /> });
crate::lazy_part!(sso_sign_in, SSO_SIGN_IN => leptos::view! { <crate::sign_in::SsoSignInPage /> });

/// Mount the console on the page.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    provide_session();
    provide_brand();
    // At `/o/{slug}` or `/embed/{slug}` every route lives under that prefix.
    let base = mount::get().base;
    view! {
        <Router base=base>
            <ReportNavigation />
            <Routes fallback=NotFound>
                <Route path=path!("/sign-in") view=SignInPage />
                <Route path=path!("/sign-in/sso") view=SSO_SIGN_IN />
                <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                <Route path=path!("/reset-password") view=ResetPasswordPage />
                <Route path=path!("/accept-invitation") view=ACCEPT_INVITATION />
                <ScreenRoutes />
            </Routes>
        </Router>
    }
}

/// Each page the router shows is said to an embedding host page (nothing outside a frame).
#[component]
fn ReportNavigation() -> impl IntoView {
    let location = use_location();
    Effect::new(move |_| crate::embed::navigated(&mount::app_path(&location.pathname.get())));
}
