//! The routes: every screen has its own address, so links can be shared and reloaded.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::brand::provide_brand;
use crate::dashboard::{DashboardPage, SpacePage};
use crate::mount;
use crate::session::{provide_session, Guarded};
use crate::settings::SettingsPage;
use crate::shell::NotFound;
use crate::subscription::{BillingPage, InvoicePage, InvoicesPage, PaymentPage, SubscriptionPage};
use crate::users::{AcceptInvitationPage, UsersPage};

#[component]
pub fn App() -> impl IntoView {
    provide_session();
    provide_brand();
    // At `/o/{slug}` or `/embed/{slug}` every route lives under that prefix.
    let base = mount::get().base;
    view! {
        <Router base=base>
            <Routes fallback=NotFound>
                <Route path=path!("/accept-invitation") view=AcceptInvitationPage />
                <ParentRoute path=path!("") view=Guarded>
                    <Route path=path!("") view=DashboardPage />
                    <Route path=path!("spaces/:id") view=SpacePage />
                    <Route path=path!("users") view=UsersPage />
                    <Route path=path!("settings") view=SettingsPage />
                    <Route path=path!("subscription") view=SubscriptionPage />
                    <Route path=path!("invoices") view=InvoicesPage />
                    <Route path=path!("invoices/:id") view=InvoicePage />
                    <Route path=path!("billing") view=BillingPage />
                    <Route path=path!("payment") view=PaymentPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
