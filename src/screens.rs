//! The one list of the organization area's screens. It feeds the router (each screen's route,
//! behind the sign-in guard), the tabs (the screens that have one, for the people they are for)
//! and the boot module (which addresses need a session, so a signed-out visitor gets the small
//! sign-in page instead of the console). Adding a screen here is all it takes.

use contract::{allows, Membership, Permission};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

use crate::account::AccountPage;
use crate::activity::ActivityPage;
use crate::dashboard::{DashboardPage, SpacePage};
use crate::session::Guarded;
use crate::settings::SettingsPage;
use crate::shell::text::t;
use crate::subscription::{BillingPage, InvoicePage, InvoicesPage, PaymentPage, SubscriptionPage};
use crate::users::UsersPage;

/// A screen's place in the tabs.
#[derive(Clone, Copy)]
pub struct Tab {
    /// In this page's language.
    pub label: fn() -> &'static str,
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
    /// Open to every signed-in person, members included (their own account); the others need a
    /// role that opens the organization area.
    pub for_everyone: bool,
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

fn managers(membership: &Membership) -> bool {
    allows(membership.org_role, Permission::OpenOrgArea)
}

fn owners(membership: &Membership) -> bool {
    allows(membership.org_role, Permission::ManageSubscription)
}

/// Invoices once there are any; billing and payment information are the owner's from the start
/// (the card comes before the first payment).
fn billing_is_open(membership: &Membership) -> bool {
    membership.billing_open && owners(membership)
}

const fn tab(label: fn() -> &'static str) -> Option<Tab> {
    Some(Tab {
        label,
        deprecated: false,
        shown: managers,
    })
}

macro_rules! screens {
    ($($route:tt => $view:ident, $tab:expr, $for_everyone:expr;)*) => {
        /// Every screen behind sign-in, in the tabs' order.
        pub const SCREENS: &[Screen] = &[$(Screen { route: $route, tab: $tab, for_everyone: $for_everyone }),*];

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
    "" => DashboardPage, tab(|| t().dashboard), false;
    "spaces/:id" => SpacePage, None, false;
    "users" => UsersPage, tab(|| t().users), false;
    "activity" => ActivityPage, tab(|| t().activity), false;
    "settings" => SettingsPage, tab(|| t().settings), false;
    "subscription" => SubscriptionPage, Some(Tab { label: || t().subscription, deprecated: true, shown: managers }), false;
    "invoices" => InvoicesPage, Some(Tab { label: || t().invoices, deprecated: false, shown: billing_is_open }), false;
    "invoices/:id" => InvoicePage, None, false;
    "billing" => BillingPage, Some(Tab { label: || t().billing, deprecated: false, shown: owners }), false;
    "payment" => PaymentPage, Some(Tab { label: || t().payment, deprecated: false, shown: owners }), false;
    "account" => AccountPage, None, true;
}

// Every screen's address starts with a segment the page's bootstrap script knows: from it the
// script tells where the app was deployed (`/admin/users/7` → `/admin/`), so a deep link under
// any path prefix finds the app's files. Checked when the app compiles.
const _: () = {
    let mut i = 0;
    while i < SCREENS.len() {
        assert!(
            known_segment(SCREENS[i].route.as_bytes()),
            "a screen's first segment is missing from contract::hosting::APP_SEGMENTS"
        );
        i += 1;
    }
};

/// Whether a route's first segment (up to `/`) is `""` (the dashboard) or in `APP_SEGMENTS`.
const fn known_segment(route: &[u8]) -> bool {
    let mut len = 0;
    while len < route.len() && route[len] != b'/' {
        len += 1;
    }
    if len == 0 {
        return true;
    }
    let segments = contract::hosting::APP_SEGMENTS;
    let mut s = 0;
    while s < segments.len() {
        let known = segments[s].as_bytes();
        if known.len() == len {
            let mut same = true;
            let mut b = 0;
            while b < len {
                same = same && known[b] == route[b];
                b += 1;
            }
            if same {
                return true;
            }
        }
        s += 1;
    }
    false
}

/// The screen an app path shows, if it is one.
fn screen_at(app_path: &str) -> Option<&'static Screen> {
    let first = app_path.trim_start_matches('/').split('/').next().unwrap_or("");
    SCREENS.iter().find(|screen| screen.first_segment() == first)
}

/// Whether an app path's screen is open to every signed-in person, whatever their role.
pub fn for_everyone(app_path: &str) -> bool {
    screen_at(app_path).is_some_and(|screen| screen.for_everyone)
}

/// Whether an app path is a screen behind sign-in (the invitation page and unknown addresses are
/// answered by the console itself).
pub fn behind_sign_in(app_path: &str) -> bool {
    screen_at(app_path).is_some()
}
