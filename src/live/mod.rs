//! Live updates: the organization's changes, as the server streams them
//! (`GET /orgs/me/events`), refresh what is on screen without a reload. Each screen's loads track
//! the [`Topic`] they show; a change bumps the topics it touches, once per burst.

mod events;
mod settings;
mod stream;

pub use settings::follow_settings;

use contract::{ChangeEvent, TrackableType};
use leptos::prelude::*;

pub use stream::follow;

/// What a screen shows, as far as changes go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// People, their roles and pending invitations.
    Users,
    /// Spaces and their collaborators.
    Spaces,
    Settings,
    /// Subscription, invoices, billing and payment details, and the usage alert.
    Subscription,
    /// The activity log: every change.
    Activity,
}

const TOPICS: usize = 5;

impl Topic {
    fn index(self) -> usize {
        self as usize
    }

    /// The topics a change touches.
    pub fn of(change: &ChangeEvent) -> Vec<Topic> {
        // The server sends only changes; anything else touches nothing here either.
        if !change.trackable_type.is_change() {
            return Vec::new();
        }
        let mut topics = vec![Topic::Activity];
        topics.extend_from_slice(match change.trackable_type {
            TrackableType::OrgUser | TrackableType::Invitation | TrackableType::Account => &[Topic::Users],
            // Collaborators show on the users list (roles on spaces) and on the spaces.
            TrackableType::Space | TrackableType::Collaborator => &[Topic::Spaces, Topic::Users],
            TrackableType::Settings | TrackableType::AccessToken | TrackableType::Webhook | TrackableType::Sso => {
                &[Topic::Settings]
            }
            TrackableType::Subscription
            | TrackableType::Invoice
            | TrackableType::BillingInfo
            | TrackableType::PaymentMethod
            | TrackableType::Usage => &[Topic::Subscription],
            TrackableType::Session | TrackableType::UsersExport => &[], // not changes: see above
        });
        topics
    }
}

/// The app's live state, provided once inside the console.
#[derive(Clone, Copy)]
pub struct Live {
    versions: [RwSignal<u32>; TOPICS],
    /// The last change of someone else to the settings, for a form with unsaved edits.
    pub settings_by_other: RwSignal<Option<ChangeEvent>>,
}

impl Live {
    fn new() -> Live {
        Live {
            versions: std::array::from_fn(|_| RwSignal::new(0)),
            settings_by_other: RwSignal::new(None),
        }
    }

    /// Subscribe the calling load to `topic`: it runs again after each change to it.
    pub fn track(self, topic: Topic) {
        self.versions[topic.index()].track();
    }

    /// Changes arrived: each topic they touch is bumped once.
    fn changed(self, changes: &[ChangeEvent]) {
        let mut touched = [false; TOPICS];
        for change in changes {
            for topic in Topic::of(change) {
                touched[topic.index()] = true;
            }
            if change.trackable_type == TrackableType::Settings && !change.by_you {
                self.settings_by_other.set(Some(change.clone()));
            }
        }
        for (version, touched) in self.versions.iter().zip(touched) {
            if touched {
                version.update(|v| *v = v.wrapping_add(1));
            }
        }
    }
}

pub fn provide_live() -> Live {
    let live = Live::new();
    provide_context(live);
    live
}

/// The live state; screens outside the console (none today) would get a still one.
pub fn use_live() -> Live {
    use_context::<Live>().unwrap_or_else(Live::new)
}
