//! The one list of the organization area's screens. It feeds the router (each screen's route,
//! behind the sign-in guard, drawn from the screen's own chunk) and the tabs (the screens that
//! have one, for the people they are for, whose chunks are fetched ahead when a tab is pointed
//! at). Adding a screen here is all it takes.

use contract::{allows, Membership, Permission};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

use crate::lazy_part;
use crate::shell::text::t;

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

/// One screen behind sign-in: its route (relative to the app's base), its code and its tab, if any.
#[derive(Clone, Copy)]
pub struct Screen {
    pub route: &'static str,
    pub view: crate::lazy::LazyView,
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
        pub const SCREENS: &[Screen] = &[$(Screen { route: $route, view: $view, tab: $tab, for_everyone: $for_everyone }),*];

        /// The routes of [`SCREENS`] alone: what the sign-in page needs to know of them (the
        /// table names every screen's code, which would keep it in the main module).
        const ROUTES: &[&str] = &[$($route),*];

        /// The routes of [`SCREENS`], inside the guard that sends signed-out visitors to sign in.
        #[component(transparent)]
        pub fn ScreenRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
            view! {
                <ParentRoute path=path!("") view=SHELL>
                    $(<Route path=path!($route) view=$view />)*
                </ParentRoute>
            }
            .into_inner()
        }
    };
}

screens! {
    "" => DASHBOARD, tab(|| t().dashboard), false;
    "spaces/:id" => SPACE, None, false;
    "users" => USERS, tab(|| t().users), false;
    "activity" => ACTIVITY, tab(|| t().activity), false;
    "settings" => SETTINGS, tab(|| t().settings), false;
    "settings/webhooks" => WEBHOOKS, None, false;
    "settings/sso" => SSO, None, false;
    "subscription" => SUBSCRIPTION, Some(Tab { label: || t().subscription, deprecated: true, shown: managers }), false;
    "invoices" => INVOICES, Some(Tab { label: || t().invoices, deprecated: false, shown: billing_is_open }), false;
    "invoices/:id" => INVOICE, None, false;
    "billing" => BILLING, Some(Tab { label: || t().billing, deprecated: false, shown: owners }), false;
    "payment" => PAYMENT, Some(Tab { label: || t().payment, deprecated: false, shown: owners }), false;
    "account" => ACCOUNT, None, true;
}

// Each screen's code is a chunk of its own, downloaded the first time the screen is shown; the
// pages about money share one. The guard and the layout around them are the console's (the
// sign-in page needs neither; every page behind sign-in needs both), fetched with the first
// screen's.
lazy_part!(console, SHELL => view! { <crate::shell::Guarded /> });
lazy_part!(dashboard, DASHBOARD => view! { <crate::dashboard::DashboardPage /> });
lazy_part!(space, SPACE => view! { <crate::dashboard::SpacePage /> });
lazy_part!(users, USERS => view! { <crate::users::UsersPage /> });
lazy_part!(activity, ACTIVITY => view! { <crate::activity::ActivityPage /> });
lazy_part!(settings, SETTINGS => view! { <crate::settings::SettingsPage /> });
lazy_part!(webhooks, WEBHOOKS => view! { <crate::settings::WebhooksPage /> });
lazy_part!(sso, SSO => view! { <crate::settings::SsoPage /> });
lazy_part!(money, SUBSCRIPTION => view! { <crate::subscription::SubscriptionPage /> });
lazy_part!(money, INVOICES => view! { <crate::subscription::InvoicesPage /> });
lazy_part!(money, INVOICE => view! { <crate::subscription::InvoicePage /> });
lazy_part!(money, BILLING => view! { <crate::subscription::BillingPage /> });
lazy_part!(money, PAYMENT => view! { <crate::subscription::PaymentPage /> });
lazy_part!(account, ACCOUNT => view! { <crate::account::AccountPage /> });
// The command palette is not a screen: its chunk comes the first time it opens.
lazy_part!(palette, PALETTE => view! { <crate::palette::Palette /> });

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
/// not).
pub fn behind_sign_in(app_path: &str) -> bool {
    let first = app_path.trim_start_matches('/').split('/').next().unwrap_or("");
    ROUTES.iter().any(|route| route.split('/').next() == Some(first))
}

#[cfg(test)]
mod tests {
    use super::behind_sign_in;

    #[test]
    fn the_sign_in_page_knows_which_addresses_are_behind_it() {
        for path in ["/", "/users", "/spaces/12", "/invoices/7", "/account"] {
            assert!(behind_sign_in(path), "{path}");
        }
        for path in ["/sign-in", "/accept-invitation", "/reset-password", "/nowhere"] {
            assert!(!behind_sign_in(path), "{path}");
        }
    }
}
