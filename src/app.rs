//! The routes: every screen has its own address, so links can be shared and reloaded.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::brand::provide_brand;
use crate::mount;
use crate::screens::ScreenRoutes;
use crate::session::provide_session;
use crate::shell::NotFound;
use crate::users::AcceptInvitationPage;

#[component]
pub fn App() -> impl IntoView {
    provide_session();
    provide_brand();
    // At `/o/{slug}` or `/embed/{slug}` every route lives under that prefix.
    let base = mount::get().base;
    view! {
        <Router base=base>
            <ReportNavigation />
            <Routes fallback=NotFound>
                <Route path=path!("/accept-invitation") view=AcceptInvitationPage />
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
