//! The one list of the organization area's screens. It feeds the router (each screen's route,
//! behind the sign-in guard), the tabs (the screens that have one, for the people they are for)
//! and the boot module (which addresses need a session, so a signed-out visitor gets the small
//! sign-in page instead of the console). Adding a screen here is all it takes.

use contract::{allows, Membership, Permission};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

use crate::activity::ActivityPage;
use crate::dashboard::{DashboardPage, SpacePage};
use crate::session::Guarded;
use crate::settings::SettingsPage;
use crate::subscription::{BillingPage, InvoicePage, InvoicesPage, PaymentPage, SubscriptionPage};
use crate::users::UsersPage;

/// A screen's place in the tabs.
#[derive(Clone, Copy)]
pub struct Tab {
    pub label: &'static str,
    /// Shown with the "Deprecated" badge (the Subscription tab).
    pub deprecated: bool,
    /// Whether this person's tabs include it.
    pub shown: fn(&Membership) -> bool,
}

/// One screen behind sign-in: its route (relative to the app's base) and its tab, if any.
#[derive(Clone, Copy)]
pub struct Screen {
    pub route: &'static str,
    pub tab: Option<Tab>,
}

impl Screen {
    /// The tab's link: the route without parameters (screens with a tab have none).
    pub fn href(&self) -> String {
        format!("/{}", self.route)
    }

    /// The address's first segment, which tells the screen apart.
    fn first_segment(&self) -> &'static str {
        self.route.split('/').next().unwrap_or("")
    }
}

fn everyone(_: &Membership) -> bool {
    true
}

fn billing_is_open(membership: &Membership) -> bool {
    membership.billing_open && allows(membership.org_role, Permission::ManageSubscription)
}

const fn tab(label: &'static str) -> Option<Tab> {
    Some(Tab {
        label,
        deprecated: false,
        shown: everyone,
    })
}

macro_rules! screens {
    ($($route:tt => $view:ident, $tab:expr;)*) => {
        /// Every screen behind sign-in, in the tabs' order.
        pub const SCREENS: &[Screen] = &[$(Screen { route: $route, tab: $tab }),*];

        /// The routes of [`SCREENS`], inside the guard that sends signed-out visitors to sign in.
        #[component(transparent)]
        pub fn ScreenRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
            view! {
                <ParentRoute path=path!("") view=Guarded>
                    $(<Route path=path!($route) view=$view />)*
                </ParentRoute>
            }
            .into_inner()
        }
    };
}

screens! {
    "" => DashboardPage, tab("Dashboard");
    "spaces/:id" => SpacePage, None;
    "users" => UsersPage, tab("Users");
    "activity" => ActivityPage, tab("Activity");
    "settings" => SettingsPage, tab("Settings");
    "subscription" => SubscriptionPage, Some(Tab { label: "Subscription", deprecated: true, shown: everyone });
    "invoices" => InvoicesPage, Some(Tab { label: "Invoices", deprecated: false, shown: billing_is_open });
    "invoices/:id" => InvoicePage, None;
    "billing" => BillingPage, Some(Tab { label: "Billing information", deprecated: false, shown: billing_is_open });
    "payment" => PaymentPage, Some(Tab { label: "Payment information", deprecated: false, shown: billing_is_open });
}

/// Whether an app path is a screen behind sign-in (the invitation page and unknown addresses are
/// answered by the console itself).
pub fn behind_sign_in(app_path: &str) -> bool {
    let first = app_path.trim_start_matches('/').split('/').next().unwrap_or("");
    SCREENS.iter().any(|screen| screen.first_segment() == first)
}
