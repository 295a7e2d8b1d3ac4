//! The brand and the organization's name follow the settings live, on every screen.

use leptos::prelude::*;
use leptos::task::spawn_local;

use contract::OrgSettings;

use super::use_live;
use crate::api::Call;
use crate::brand::use_brand;
use crate::session::use_session;

/// When someone else saves the settings, every screen wears their brand and name at once.
pub fn follow_settings() {
    let live = use_live();
    let brand = use_brand();
    let session = use_session();
    Effect::watch(
        move || live.settings_by_other.get().map(|change| change.id),
        move |_, _, _| {
            spawn_local(async move {
                if let Ok(settings) = Call::get("/orgs/me/settings").fetch::<OrgSettings>().await {
                    brand.show(settings.public_branding());
                    session.rename_org(settings.name);
                }
            })
        },
        false,
    );
}
